// Transport errors, HTTP error statuses and timeouts carry k6's error codes.
import http from 'k6/http';
import { check } from 'k6';
const T = __ENV.TARGET;
export default function () {
  const refused = http.get('http://127.0.0.1:1/');
  check(refused, { 'refused': (r) => r.status === 0 && r.error_code === 1212 && r.error !== '' });
  const missing = http.get(`${T}/status/404`);
  check(missing, { '404 code': (r) => r.status === 404 && r.error_code === 1404 });
  const slow = http.get(`${T}/delay/500`, { timeout: '100ms' });
  check(slow, { 'timeout': (r) => r.status === 0 && r.error_code === 1050 });
  const numericTimeout = http.get(`${T}/delay/500`, { timeout: 100 });
  check(numericTimeout, { 'numeric timeout (ms)': (r) => r.error_code === 1050 });
}
