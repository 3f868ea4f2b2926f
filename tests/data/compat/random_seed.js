// randomSeed() makes Math.random repeatable.
import { check, randomSeed } from 'k6';
export default function () {
  randomSeed(42);
  const a = [Math.random(), Math.random(), Math.random()];
  randomSeed(42);
  const b = [Math.random(), Math.random(), Math.random()];
  randomSeed(43);
  const c = Math.random();
  check(null, {
    'same seed, same numbers': () => a.join() === b.join(),
    'in [0, 1)': () => a.every((x) => x >= 0 && x < 1),
    'other seed differs': () => c !== a[0],
  });
}
