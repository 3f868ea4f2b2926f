// setResponseCallback / expectedStatuses decide http_req_failed.
import http from 'k6/http';
import { check } from 'k6';
export const options = { thresholds: { http_req_failed: ['rate==0.5'], 'http_req_failed{expected_response:false}': ['rate==1'] } };
const T = __ENV.TARGET;
export default function () {
  http.setResponseCallback(http.expectedStatuses(200, { min: 400, max: 404 }));
  const a = http.get(`${T}/status/404`);
  const b = http.get(`${T}/status/500`);
  const c = http.get(`${T}/status/500`, { responseCallback: http.expectedStatuses(500) });
  const d = http.get(`${T}/status/503`);
  check(null, { 'statuses': () => a.status === 404 && b.status === 500 && c.status === 500 && d.status === 503 });
}
