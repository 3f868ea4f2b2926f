// check() with tags, return values, non-function conditions; nested groups.
import { check, group } from 'k6';
export default function () {
  const all = check(1, { 'truthy value': true, 'fn': (v) => v === 1 }, { kind: 'unit' });
  const inner = group('outer', () => group('inner', () => {
    check(null, { 'inside nested group': () => true });
    return 42;
  }));
  check(null, { 'check returns true': () => all === true, 'group returns fn result': () => inner === 42 });
  const mixed = check(0, { 'zero is falsy': (v) => !v });
  check(null, { 'mixed result': () => mixed === true });
}
