// k6/execution: vu, scenario, instance and test.
import { check } from 'k6';
import exec from 'k6/execution';
export const options = { scenarios: { main: { executor: 'per-vu-iterations', vus: 2, iterations: 2 } } };
export default function () {
  check(exec, {
    'vu id': (e) => e.vu.idInInstance === __VU,
    'vu iteration': (e) => e.vu.iterationInInstance === __ITER,
    'scenario': (e) => e.scenario.name === 'main' && e.scenario.executor === 'per-vu-iterations',
    'instance': (e) => e.instance.vusInitialized === 2,
    'options': (e) => e.test.options.scenarios.main.vus === 2,
  });
}
