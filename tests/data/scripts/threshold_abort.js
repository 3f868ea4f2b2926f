import http from 'k6/http';
export const options = {
  vus: 2,
  duration: '30s',
  thresholds: { http_req_failed: [{ threshold: 'rate<0.5', abortOnFail: true, delayAbortEval: '1s' }] },
};
export default function () { http.get(`${__ENV.TARGET}/status/500`); }
