// Deep recursion ends in a RangeError the script can catch (VU stacks are fibers' or threads'),
// and deep but finite nesting works. Four VUs, so several share a worker thread.
import { check } from 'k6';
export const options = { vus: 4, iterations: 8 };
function down(n) { return down(n + 1) + 1; }
function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1); }
export default function () {
  let caught = null;
  try { down(0); } catch (e) { caught = e; }
  const nested = JSON.parse('['.repeat(3000) + ']'.repeat(3000));
  check(caught, {
    'runaway recursion is a RangeError': (e) => e instanceof RangeError && /call stack/.test(e.message),
    '3,000 levels of recursion work': () => depth(3000) === 3000,
    'deeply nested JSON parses': () => JSON.stringify(nested).length === 6000,
  });
}
