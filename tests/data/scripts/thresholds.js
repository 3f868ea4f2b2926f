import http from 'k6/http';
import { check } from 'k6';
export const options = {
  vus: 2,
  iterations: 20,
  thresholds: {
    http_req_duration: ['p(95)<5000', `avg<${__ENV.AVG_LIMIT || 5000}`],
    'http_req_duration{status:200}': ['max<10000'],
    checks: ['rate>0.9'],
    http_reqs: ['count==20'],
  },
};
export default function () {
  const res = http.get(`${__ENV.TARGET}/`);
  check(res, { ok: (r) => r.status === 200 });
}
