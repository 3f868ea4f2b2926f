// Pass/fail criteria: the run exits with code 99 when a threshold fails, so CI can gate on it.
import http from 'k6/http';
import { check, sleep } from 'k6';
import { Trend } from 'k6/metrics';

const BASE_URL = __ENV.BASE_URL || __ENV.TARGET || 'http://127.0.0.1:8080';
const homeDuration = new Trend('home_duration', true);

export const options = {
  vus: 10,
  duration: '30s',
  thresholds: {
    http_req_failed: ['rate<0.01'],                         // less than 1% errors
    http_req_duration: ['p(90)<400', 'p(95)<800'],          // latency percentiles
    'http_req_duration{name:home}': ['avg<200'],            // one request, by its name tag
    checks: ['rate>0.99'],                                  // nearly every check passes
    home_duration: [{ threshold: 'p(99)<1000', abortOnFail: true, delayAbortEval: '10s' }],
  },
};

export default function () {
  const res = http.get(`${BASE_URL}/`, { tags: { name: 'home' } });
  homeDuration.add(res.timings.duration);
  check(res, { 'status is 200': (r) => r.status === 200 });
  sleep(0.5);
}
