// Every verb against the echo endpoint.
import http from 'k6/http';
import { check } from 'k6';
const T = __ENV.TARGET;
export default function () {
  const json = (r) => r.json();
  check(http.get(`${T}/echo?format=json`), { 'GET': (r) => json(r).method === 'GET' });
  check(http.post(`${T}/echo?format=json`, 'hello'), { 'POST body': (r) => json(r).body === 'hello' });
  check(http.put(`${T}/echo?format=json`, 'p'), { 'PUT': (r) => json(r).method === 'PUT' });
  check(http.patch(`${T}/echo?format=json`, 'x'), { 'PATCH': (r) => json(r).method === 'PATCH' });
  check(http.del(`${T}/echo?format=json`), { 'DELETE': (r) => json(r).method === 'DELETE' });
  check(http.head(`${T}/`), { 'HEAD has no body': (r) => r.status === 200 && r.body === '' });
  check(http.options(`${T}/echo?format=json`), { 'OPTIONS': (r) => json(r).method === 'OPTIONS' });
  check(http.request('POST', `${T}/echo?format=json`, 'r'), { 'request()': (r) => json(r).method === 'POST' });
}
