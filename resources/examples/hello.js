import http from 'k6/http';
import { check, sleep } from 'k6';
export const options = { vus: 2, iterations: 10 };
export default function () {
  const res = http.get(__ENV.TARGET || 'http://127.0.0.1:8080/');
  check(res, { 'status is 200': (r) => r.status === 200 });
}
