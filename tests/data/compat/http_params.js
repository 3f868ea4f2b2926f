// Request params: headers, tags, form bodies, JSON bodies.
import http from 'k6/http';
import { check } from 'k6';
const T = __ENV.TARGET;
export default function () {
  const h = http.get(`${T}/echo?format=json`, { headers: { 'X-Custom': 'yes' }, tags: { name: 'echo' } });
  check(h.json(), { 'custom header sent': (j) => j.headers['X-Custom'] === 'yes' || j.headers['x-custom'] === 'yes' });
  const form = http.post(`${T}/echo?format=json`, { a: '1', b: 'two words' });
  check(form.json(), {
    'form body encoded': (j) => j.body === 'a=1&b=two%20words' || j.body === 'a=1&b=two+words',
    'form content type': (j) => JSON.stringify(j.headers).includes('application/x-www-form-urlencoded'),
  });
  const body = JSON.stringify({ x: [1, 2] });
  const js = http.post(`${T}/echo?format=json`, body, { headers: { 'Content-Type': 'application/json' } });
  check(js.json(), { 'json body': (j) => JSON.parse(j.body).x[1] === 2 });
}
