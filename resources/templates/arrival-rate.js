// Open model: start a fixed number of iterations per second, however long they take.
import http from 'k6/http';
import { check } from 'k6';

const BASE_URL = __ENV.BASE_URL || __ENV.TARGET || 'http://127.0.0.1:8080';

export const options = {
  scenarios: {
    constant_rate: {
      executor: 'constant-arrival-rate',
      rate: 50,            // iterations per timeUnit
      timeUnit: '1s',
      duration: '1m',
      preAllocatedVUs: 20, // VUs ready at the start
      maxVUs: 100,         // more are added if iterations pile up
    },
  },
  thresholds: {
    dropped_iterations: ['count<10'],
    http_req_duration: ['p(95)<300'],
  },
};

export default function () {
  const res = http.get(`${BASE_URL}/`);
  check(res, { 'status is 200': (r) => r.status === 200 });
}
