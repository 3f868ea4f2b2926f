import { helper } from './does-not-exist.js';

export default function () {
  helper();
}
