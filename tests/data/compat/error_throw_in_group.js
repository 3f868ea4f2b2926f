import { group } from 'k6';
export default function () {
  group('g', () => {
    null.prop;
  });
}
