// Groups: the summary and the live checks tree show the checks per (nested) group,
// and group_duration measures each group.
import http from 'k6/http';
import { check, group, sleep } from 'k6';

const BASE_URL = __ENV.BASE_URL || 'http://127.0.0.1:8080';

export const options = {
  vus: 2,
  iterations: 6,
  thresholds: {
    checks: ['rate==1'],
    'group_duration{group:::shop}': ['p(95)<2000'],
  },
};

export default function () {
  group('home', () => {
    check(http.get(`${BASE_URL}/`), { 'home is up': (r) => r.status === 200 });
  });
  group('shop', () => {
    group('catalogue', () => {
      const res = http.get(`${BASE_URL}/app/products`);
      check(res, { 'catalogue is up': (r) => r.status === 200 });
    });
    group('slow search', () => {
      const res = http.get(`${BASE_URL}/delay/50`);
      check(res, { 'search answered': (r) => r.status === 200 });
    });
  });
  sleep(0.1);
}
