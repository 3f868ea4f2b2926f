import http from 'k6/http';
import { check } from 'k6';
export default function () {
    const r = http.get(`${__ENV.TLS_BASE}/`);
    check(r, { 'unknown authority 1310': (x) => x.error_code === 1310 && x.status === 0 });
}
