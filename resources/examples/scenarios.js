// Several scenarios in one test, each with its own executor, function and tags;
// thresholds on sub-metrics judge each scenario separately.
import http from 'k6/http';
import { check, sleep } from 'k6';

const BASE_URL = __ENV.BASE_URL || 'http://127.0.0.1:8080';

export const options = {
  scenarios: {
    browsers: {
      executor: 'constant-vus',
      vus: 2,
      duration: __ENV.DURATION || '3s',
      exec: 'browse',
    },
    api: {
      executor: 'ramping-arrival-rate',
      startRate: 5,
      timeUnit: '1s',
      preAllocatedVUs: 2,
      maxVUs: 10,
      stages: [{ target: 20, duration: __ENV.DURATION || '3s' }],
      exec: 'api',
      tags: { kind: 'api' },
    },
    once: {
      executor: 'per-vu-iterations',
      vus: 1,
      iterations: 1,
      startTime: '1s',
      exec: 'upload',
    },
  },
  thresholds: {
    checks: ['rate==1'],
    'http_req_duration{scenario:browsers}': ['p(95)<1000'],
    'http_req_duration{kind:api}': ['p(95)<300'],
    'iterations{scenario:once}': ['count==1'],
  },
};

export function browse() {
  check(http.get(`${BASE_URL}/app/products`), { 'page loaded': (r) => r.status === 200 });
  sleep(0.5);
}

export function api() {
  check(http.get(`${BASE_URL}/json`), { 'api answered': (r) => r.json('nested.ok') === true });
}

export function upload() {
  const res = http.post(`${BASE_URL}/echo`, 'report', { headers: { 'Content-Type': 'text/plain' } });
  check(res, { 'report echoed': (r) => r.body === 'report' });
}
