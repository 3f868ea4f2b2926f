// SharedArray from a CSV file read once.
import { check } from 'k6';
import { SharedArray } from 'k6/data';
export const options = { vus: 2, iterations: 4 };
const users = new SharedArray('users', () =>
  open('./lib/users.csv').trim().split('\n').slice(1).map((l) => ({ id: Number(l.split(',')[0]), name: l.split(',')[1] })));
export default function () {
  check(users, {
    'length': (u) => u.length === 3,
    'element': (u) => u[1].name === 'bob',
    'iteration': (u) => [...u].map((x) => x.id).join() === '1,2,3',
    'read-only': (u) => { try { u[0] = null; return false; } catch (e) { return e instanceof TypeError; } },
  });
}
