// Open model: a constant arrival rate starts 20 iterations per second, however long
// each one takes; VUs are added (up to maxVUs) when iterations pile up.
import http from 'k6/http';
import { check } from 'k6';

const BASE_URL = __ENV.BASE_URL || 'http://127.0.0.1:8080';

export const options = {
  scenarios: {
    steady: {
      executor: 'constant-arrival-rate',
      rate: 20,
      timeUnit: '1s',
      duration: __ENV.DURATION || '3s',
      preAllocatedVUs: 5,
      maxVUs: 20,
    },
  },
  thresholds: {
    checks: ['rate==1'],
    dropped_iterations: ['count<5'],
    http_req_duration: ['p(95)<500'],
  },
};

export default function () {
  const res = http.get(`${BASE_URL}/delay/20`);
  check(res, { 'status is 200': (r) => r.status === 200 });
}
