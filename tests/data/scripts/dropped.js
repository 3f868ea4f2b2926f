import { sleep } from 'k6';
export const options = {
  scenarios: { d: { executor: 'constant-arrival-rate', rate: 50, duration: '2s', preAllocatedVUs: 2, maxVUs: 2 } },
};
export default function () { sleep(0.5); }
