// Externally controlled: the run waits for you. In the studio use Pause / Resume and the
// VUs box of the live run panel; from a shell, k6's REST API does the same:
//   curl -X PATCH http://127.0.0.1:6565/v1/status \
//     -d '{"data":{"type":"status","id":"default","attributes":{"vus":5}}}'
import http from 'k6/http';
import { check, sleep } from 'k6';

const BASE_URL = __ENV.BASE_URL || 'http://127.0.0.1:8080';

export const options = {
  scenarios: {
    controlled: {
      executor: 'externally-controlled',
      vus: 2,
      maxVUs: 10,
      duration: __ENV.DURATION || '10m',
    },
  },
  thresholds: { checks: ['rate==1'] },
};

export default function () {
  check(http.get(`${BASE_URL}/delay/50`), { 'status is 200': (r) => r.status === 200 });
  sleep(0.2);
}
