// TLS against the test's nginx (__ENV.TLS_BASE, a certificate for localhost/127.0.0.1 by the test's CA).
import http from 'k6/http';
import { check } from 'k6';

export const options = {
    tlsVersion: { min: 'tls1.2', max: 'tls1.3' },
    hosts: { 'wrong.test': '127.0.0.1' },
};

export default function () {
    const B = __ENV.TLS_BASE; // https://localhost:PORT
    let r = http.get(`${B}/`);
    check(r, {
        'https ok': (x) => x.status === 200,
        'h2 by ALPN': (x) => x.proto === 'HTTP/2.0',
        'tls1.3': (x) => x.tls_version === 'tls1.3',
        'cipher suite name': (x) => /^TLS_/.test(x.tls_cipher_suite),
    });
    const port = B.split(':')[2];
    r = http.get(`https://wrong.test:${port}/`);
    check(r, { 'hostname mismatch 1311': (x) => x.error_code === 1311 });
}
