import http from 'k6/http';
import { check, group } from 'k6';
export const options = { vus: 2, duration: '2500ms', thresholds: { http_req_duration: ['p(95)<10000'] } };
export default function () {
  group('front', () => {
    const res = http.get(`${__ENV.TARGET}/`);
    check(res, { 'is 200': (r) => r.status === 200 });
  });
  http.get(`${__ENV.TARGET}/status/404`, { tags: { name: 'missing' } });
}
