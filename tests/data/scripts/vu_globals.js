// Each VU has its own globals: a counter in module scope is per VU, not shared.
import { check } from 'k6';
import { Counter } from 'k6/metrics';

export const options = { vus: 3, iterations: 30 };

const perVuIterations = new Counter('per_vu_iterations');
let mine = 0;
globalThis.owner = __VU;

export default function () {
  mine++;
  check(mine, {
    'module state is per VU': (m) => m === __ITER + 1,
    'globals are per VU': () => globalThis.owner === __VU,
  });
  perVuIterations.add(1, { vu: String(__VU) });
}
