// The Response object.
import http from 'k6/http';
import { check } from 'k6';
const T = __ENV.TARGET;
export default function () {
  const r = http.get(`${T}/json`);
  check(r, {
    'status': (x) => x.status === 200,
    'status_text': (x) => x.status_text.startsWith('200'),
    'proto': (x) => x.proto === 'HTTP/1.1',
    'url': (x) => x.url === `${T}/json`,
    'headers are canonical': (x) => x.headers['Content-Type'].includes('json'),
    'json()': (x) => x.json().name === 'stampede',
    'json(selector)': (x) => x.json('items.1') === 2 && x.json('nested.ok') === true,
    'timings': (x) => x.timings.duration >= 0 && x.timings.waiting >= 0 && typeof x.timings.blocked === 'number',
    'no error': (x) => x.error === '' && x.error_code === 0,
    'remote ip': (x) => x.remote_ip === '127.0.0.1' && x.remote_port > 0,
    'request echo': (x) => x.request.method === 'GET',
  });
  const bin = http.get(`${T}/bytes/16`, { responseType: 'binary' });
  check(bin, { 'binary body': (x) => x.body instanceof ArrayBuffer && x.body.byteLength === 16 });
  const none = http.get(`${T}/bytes/16`, { responseType: 'none' });
  check(none, { 'discarded body': (x) => x.body === null });
}
