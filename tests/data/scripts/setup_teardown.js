import http from 'k6/http';
import { check } from 'k6';

export const options = { vus: 2, iterations: 4 };

export function setup() {
  const res = http.get(`${__ENV.TARGET}/json`);
  return { name: res.json('name'), items: res.json().items };
}

export default function (data) {
  check(data, {
    'setup data reaches VUs': (d) => d.name === 'stampede' && d.items.length === 3,
    // Each VU has its own copy: no VU ever sees another VU's mark.
    'copy is per VU': (d) => d.owner === undefined || d.owner === __VU,
  });
  data.owner = __VU;
}

export function teardown(data) {
  if (data.owner !== undefined) throw new Error('teardown got a VU\'s mutated copy (owner ' + data.owner + ')');
  console.log('teardown saw ' + data.items.join(','));
}
