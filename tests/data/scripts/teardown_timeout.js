import { sleep } from 'k6';
export const options = { teardownTimeout: '500ms' };
export function teardown() { sleep(5); }
export default function () {}
