import http from 'k6/http';
const start = Date.now();
const BASE = __ENV.TARGET;
export const options = {
  vus: 2, duration: '6s',
  thresholds: { http_req_failed: ['rate<0.2'], http_req_duration: ['max<5000'] },
};
export default function () {
  // healthy for three seconds, then every request fails
  const late = Date.now() - start > 3000;
  http.get(`${BASE}/${late ? 'status/500' : 'delay/10'}`, { tags: { name: late ? 'broken' : 'ok' } });
}
