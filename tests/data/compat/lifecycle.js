// init per VU, setup once, data copied to VUs, teardown gets setup's data.
import { check } from 'k6';
export const options = { vus: 3, iterations: 6 };
const initVu = __VU;
export function setup() {
  return { started: Date.now(), list: [1, 2, 3] };
}
export default function (data) {
  check(data, {
    'setup data': (d) => d.list.length === 3 && typeof d.started === 'number',
    'init ran in this VU': () => initVu === __VU && __VU >= 1,
  });
}
export function teardown(data) {
  if (data.list.length !== 3) throw new Error('teardown lost the data');
}
