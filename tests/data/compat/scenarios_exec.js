// Several scenarios, each with its own exec function, env and tags.
import { check } from 'k6';
import exec from 'k6/execution';
export const options = {
  scenarios: {
    one: { executor: 'per-vu-iterations', vus: 1, iterations: 2, exec: 'first', env: { WHO: 'one' } },
    two: { executor: 'shared-iterations', vus: 2, iterations: 4, exec: 'second', tags: { team: 'b' } },
  },
};
export function first() {
  check(exec.scenario.name, { 'first runs in one': (n) => n === 'one' && __ENV.WHO === 'one' });
}
export function second() {
  check(exec.vu.tags, { 'second has its tags': (t) => t.team === 'b' && t.scenario === 'two' });
}
