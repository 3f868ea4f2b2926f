// Several scenarios in one test: browsing users and an API hammered at a constant rate.
import http from 'k6/http';
import { check, sleep } from 'k6';

const BASE_URL = __ENV.BASE_URL || __ENV.TARGET || 'http://127.0.0.1:8080';

export const options = {
  scenarios: {
    browse: {
      executor: 'ramping-vus',
      startVUs: 0,
      stages: [
        { duration: '20s', target: 10 },
        { duration: '40s', target: 10 },
      ],
      exec: 'browse',
    },
    api: {
      executor: 'constant-arrival-rate',
      rate: 20,
      timeUnit: '1s',
      duration: '1m',
      preAllocatedVUs: 5,
      maxVUs: 20,
      startTime: '10s',
      exec: 'api',
      tags: { kind: 'api' },
    },
  },
  thresholds: {
    'http_req_duration{scenario:browse}': ['p(95)<800'],
    'http_req_duration{scenario:api}': ['p(95)<300'],
  },
};

export function browse() {
  const res = http.get(`${BASE_URL}/`);
  check(res, { 'page loaded': (r) => r.status === 200 });
  sleep(1);
}

export function api() {
  const res = http.get(`${BASE_URL}/`, { headers: { Accept: 'application/json' } });
  check(res, { 'api answered': (r) => r.status === 200 });
}
