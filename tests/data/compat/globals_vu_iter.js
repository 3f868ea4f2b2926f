// __VU is 1-based in VU code, __ITER counts this VU's iterations from 0, __ENV has -e values.
import { check } from 'k6';
export const options = { vus: 2, iterations: 6 };
let mine = -1;
export default function () {
  mine++;
  check(null, {
    '__VU': () => __VU === 1 || __VU === 2,
    '__ITER': () => __ITER === mine,
    '__ENV': () => typeof __ENV.TARGET === 'string' && __ENV.TARGET.startsWith('http://127.0.0.1:'),
  });
}
