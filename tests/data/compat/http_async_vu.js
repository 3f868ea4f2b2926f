// http.asyncRequest() on the VU's own connections and cookie jar (as in k6), next to sync
// requests and timers on the same event loop.
import http from 'k6/http';
import { check } from 'k6';
export const options = { vus: 1, iterations: 2 };
const T = __ENV.TARGET;
const cookieOf = (res) => {
  const h = res.json();
  const key = Object.keys(h).find((k) => k.toLowerCase() === 'cookie');
  return key === undefined ? '' : String(h[key]);
};
export default async function () {
  http.get(`${T}/cookies/set?syncset=1`);
  const seen = await http.asyncRequest('GET', `${T}/headers`);
  check(seen, {
    'async sends the VU jar cookies': (r) => cookieOf(r).includes('syncset=1'),
    'async reuses the VU connection': (r) => r.timings.connecting === 0,
  });
  await http.asyncRequest('GET', `${T}/cookies/set?asyncset=2`);
  check(http.get(`${T}/headers`), { 'sync sees cookies set by async': (r) => cookieOf(r).includes('asyncset=2') });

  const t0 = Date.now();
  const pending = http.asyncRequest('GET', `${T}/delay/300`);
  const sync = http.get(`${T}/json`);
  let timerFired = false;
  setTimeout(() => { timerFired = true; }, 50);
  const slow = await pending;
  const elapsed = Date.now() - t0;
  check(null, {
    'sync request while async pending': () => sync.status === 200 && slow.status === 200,
    'they overlap': () => elapsed < 550,
    'timer ran meanwhile': () => timerFired,
  });
  const jar = http.cookieJar();
  check(null, { 'jar holds both cookies': () => jar.cookiesForURL(T).syncset !== undefined && jar.cookiesForURL(T).asyncset !== undefined });
}
