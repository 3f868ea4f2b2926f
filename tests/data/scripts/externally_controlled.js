import { sleep, check, group } from 'k6';
export const options = { scenarios: { ext: { executor: 'externally-controlled', vus: 1, maxVUs: 5, duration: '4s' } } };
export function setup() { return { v: 1 }; }
export default function () { group('g', () => check(1, { 'one': (x) => x === 1 })); sleep(0.1); }
