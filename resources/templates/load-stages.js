// Load test with stages: ramp up to the expected number of users, hold, ramp down.
import http from 'k6/http';
import { check, group, sleep } from 'k6';

const BASE_URL = __ENV.BASE_URL || __ENV.TARGET || 'http://127.0.0.1:8080';

export const options = {
  stages: [
    { duration: '30s', target: 20 }, // ramp up
    { duration: '1m', target: 20 },  // hold
    { duration: '30s', target: 0 },  // ramp down
  ],
  thresholds: {
    http_req_duration: ['p(95)<500'],
    http_req_failed: ['rate<0.01'],
  },
};

export default function () {
  group('home page', () => {
    const res = http.get(`${BASE_URL}/`);
    check(res, { 'status is 200': (r) => r.status === 200 });
  });
  sleep(1);
}
