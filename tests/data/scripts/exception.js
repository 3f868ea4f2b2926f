import http from 'k6/http';
import { check } from 'k6';

function explode() {
  throw new Error('boom in iteration ' + __ITER);
}

export const options = { iterations: 3 };

export default function () {
  check(null, { 'before throw': () => true });
  explode();
}
