import http from 'k6/http';
import { check } from 'k6';
export const options = { vus: 2, iterations: 4 };
const T = __ENV.TARGET;
export default async function () {
  const t0 = Date.now();
  const [a, b, c] = await Promise.all([
    http.asyncRequest('GET', `${T}/delay/200`),
    http.asyncRequest('GET', `${T}/delay/200`),
    http.asyncRequest('POST', `${T}/echo?format=json`, 'x'),
  ]);
  const elapsed = Date.now() - t0;
  check(null, {
    'all resolved': () => a.status === 200 && b.status === 200 && c.json().body === 'x',
    'concurrent': () => elapsed < 380,
    'response methods': () => typeof a.json === 'function',
  });
  const failed = await http.asyncRequest('GET', 'http://127.0.0.1:1/');
  check(failed, { 'failure resolves with error': (r) => r.error_code === 1212 });
}
