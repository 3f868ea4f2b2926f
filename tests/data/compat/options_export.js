// Exported options drive the run; tags option tags every sample.
import { check } from 'k6';
import exec from 'k6/execution';
export const options = { vus: 2, iterations: 8, tags: { env: 'test' } };
export default function () {
  check(exec.vu.tags, { 'run tag': (t) => t.env === 'test' });
}
