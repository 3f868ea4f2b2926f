import http from 'k6/http';
import { check } from 'k6';

// Hello, Stampede: two virtual users, ten requests, one check.
// Run it against the local test server (Tools > Start Test Server), which sets BASE_URL.
export const options = { vus: 2, iterations: 10 };

const URL = __ENV.BASE_URL ? `${__ENV.BASE_URL}/` : __ENV.TARGET || 'http://127.0.0.1:8080/';

export default function () {
  const res = http.get(URL);
  check(res, { 'status is 200': (r) => r.status === 200 });
}
