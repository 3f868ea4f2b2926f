import http from 'k6/http';
import { check, group, sleep } from 'k6';
const BASE = __ENV.TARGET;
export const options = {
  scenarios: {
    browse: { executor: 'constant-vus', vus: 3, duration: '3s', exec: 'browse' },
    api: { executor: 'constant-arrival-rate', rate: 20, timeUnit: '1s', duration: '3s', preAllocatedVUs: 2, exec: 'api' },
  },
  thresholds: { http_req_duration: ['p(95)<1000'], http_req_failed: ['rate<0.01'], checks: ['rate>0.9'] },
};
export function browse() {
  group('pages', () => {
    const r = http.get(`${BASE}/delay/20`, { tags: { name: 'delayed' } });
    check(r, { 'status is 200': (x) => x.status === 200 });
  });
  sleep(0.1);
}
export function api() {
  const r = http.get(`${BASE}/status/404`);
  check(r, { 'found': (x) => x.status === 200 });
}
