import http from 'k6/http';
import { check } from 'k6';
export const options = {
    tlsVersion: 'tls1.2',
    tlsCipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'],
    insecureSkipTLSVerify: true,
};
export default function () {
    const r = http.get(`${__ENV.TLS_BASE}/`);
    check(r, {
        'tls1.2': (x) => x.tls_version === 'tls1.2',
        'chosen suite': (x) => x.tls_cipher_suite === 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
    });
}
