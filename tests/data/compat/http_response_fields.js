// Every field of the Response, including the ones built on first use (headers, cookies,
// request, ocsp), JSON.stringify(res), enumeration, and assigning to a field.
import http from 'k6/http';
import { check } from 'k6';
const T = __ENV.TARGET;
export default function () {
  const r = http.post(`${T}/echo`, 'a=1', {
    headers: { 'x-custom-thing': 'yes', 'Content-Type': 'text/plain' },
    cookies: { session: 'abc', pref: { value: 'dark', replace: true } },
  });
  check(r, {
    'request method and url': (x) => x.request.method === 'POST' && x.request.url === `${T}/echo`,
    'request headers canonical': (x) => x.request.headers['X-Custom-Thing'] === 'yes',
    'request body': (x) => x.request.body === 'a=1',
    'request cookies': (x) => x.request.cookies.session[0].value === 'abc' && x.request.cookies.pref[0].replace === true,
    'response headers': (x) => typeof x.headers['Content-Length'] === 'string' && x.headers['content-length'] === undefined,
    'cookies is an object': (x) => typeof x.cookies === 'object' && Object.keys(x.cookies).length === 0,
    'ocsp': (x) => x.ocsp.status === '' && x.ocsp.produced_at === 0,
    'tls fields empty on http': (x) => x.tls_version === '' && x.tls_cipher_suite === '',
    'enumerable fields': (x) => ['status', 'body', 'timings', 'headers', 'request'].every((k) => Object.keys(x).includes(k)),
    'JSON.stringify has everything': (x) => {
      const j = JSON.parse(JSON.stringify(x));
      return j.status === 200 && j.headers['Content-Length'] !== undefined && j.request.method === 'POST' &&
        j.timings.duration >= 0 && j.ocsp.status === '';
    },
    'fields can be replaced': (x) => { x.headers = { a: 'b' }; x.status = 1; return x.headers.a === 'b' && x.status === 1; },
    'instanceof Response': (x) => x instanceof http.Response,
  });
  const many = http.batch([`${T}/json`, ['POST', `${T}/echo`, 'z', { headers: { 'X-B': '1' } }]]);
  check(many, {
    'batch responses are Responses': (x) => x.every((y) => y instanceof http.Response) && x[0].json().name === 'stampede',
    'batch request fields': (x) => x[1].request.method === 'POST' && x[1].request.headers['X-B'] === '1' && x[1].request.body === 'z',
  });
}
