import exec from 'k6/execution';
export const options = { iterations: 5 };
export default function () {
  if (__ITER === 1) exec.test.abort('stop right here');
}
