// Smoke test: one virtual user checks that the main pages answer, with thresholds that fail on any error.
import http from 'k6/http';
import { check, sleep } from 'k6';

const BASE_URL = __ENV.BASE_URL || 'http://127.0.0.1:8080';

export const options = {
  vus: 1,
  iterations: 5,
  thresholds: {
    http_req_failed: ['rate==0'],
    http_req_duration: ['p(95)<500'],
    checks: ['rate==1'],
  },
};

export default function () {
  const home = http.get(`${BASE_URL}/`);
  check(home, {
    'home is 200': (r) => r.status === 200,
    'home says hello': (r) => r.body === 'hello',
  });
  const json = http.get(`${BASE_URL}/json`);
  check(json, {
    'json is 200': (r) => r.status === 200,
    'json has a name': (r) => r.json('name') === 'stampede',
  });
  sleep(0.1);
}
