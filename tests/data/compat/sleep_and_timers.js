// sleep(), setTimeout/setInterval and an async default function.
import { check, sleep } from 'k6';
import { setTimeout as kSetTimeout } from 'k6/timers';
export default async function () {
  const t0 = Date.now();
  sleep(0.05);
  const slept = Date.now() - t0;
  const order = [];
  await new Promise((r) => kSetTimeout(() => { order.push(1); r(); }, 20));
  let ticks = 0;
  await new Promise((r) => { const id = setInterval(() => { if (++ticks === 3) { clearInterval(id); r(); } }, 5); });
  const value = await Promise.resolve(7);
  check(null, {
    'sleep waits': () => slept >= 45,
    'timeout fired': () => order[0] === 1,
    'interval fired 3 times': () => ticks === 3,
    'await works': () => value === 7,
  });
}
