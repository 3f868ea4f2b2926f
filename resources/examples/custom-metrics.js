// Custom metrics: a Counter, a Gauge, a Rate and a Trend, each with a threshold.
import http from 'k6/http';
import { check } from 'k6';
import { Counter, Gauge, Rate, Trend } from 'k6/metrics';

const BASE_URL = __ENV.BASE_URL || 'http://127.0.0.1:8080';

const bytesDownloaded = new Counter('bytes_downloaded', true);
const lastSize = new Gauge('last_payload_size');
const bigPayloads = new Rate('big_payloads');
const serverWait = new Trend('server_wait', true);

export const options = {
  vus: 2,
  iterations: 10,
  thresholds: {
    checks: ['rate==1'],
    bytes_downloaded: ['count>0'],
    last_payload_size: ['value>0'],
    big_payloads: ['rate>=0.4', 'rate<=0.6'],
    server_wait: ['p(95)<500', 'avg<300'],
  },
};

export default function () {
  const size = __ITER % 2 === 0 ? 100 : 10000;
  const res = http.get(`${BASE_URL}/bytes/${size}`);
  check(res, { 'got every byte': (r) => r.status === 200 && r.body.length === size });
  bytesDownloaded.add(res.body.length);
  lastSize.add(res.body.length);
  bigPayloads.add(size > 1000);
  serverWait.add(res.timings.waiting, { size: String(size) });
}
