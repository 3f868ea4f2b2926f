// Relative imports, default and named exports, nested relative imports.
import { check } from 'k6';
import square, { add, PI2 } from './lib/math.js';
import * as math from './lib/math.js';
export default function () {
  check(null, {
    'named export': () => add(2, 3) === 5,
    'default export': () => square(4) === 16,
    'constant': () => Math.abs(PI2 - 6.283185307179586) < 1e-12,
    'namespace import': () => math.add(1, 1) === 2 && math.default(3) === 9,
  });
}
