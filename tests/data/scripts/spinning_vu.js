// VU 1 computes for 1.5 s without ever waiting; VU 2 shares its worker thread (the test runs with
// STAMPEDE_VU_WORKERS=1) and counts the iterations it completes meanwhile.
import { sleep } from 'k6';
import exec from 'k6/execution';
import { Counter } from 'k6/metrics';

const duringSpin = new Counter('during_spin');
export const options = { scenarios: { s: { executor: 'constant-vus', vus: 2, duration: '2500ms' } } };

export default function () {
  const spinEnd = exec.scenario.startTime + 1500;
  if (exec.vu.idInTest === 1) {
    while (Date.now() < spinEnd) {}
    sleep(2);
    return;
  }
  if (Date.now() < spinEnd - 100) duringSpin.add(1);
  sleep(0.001);
}
