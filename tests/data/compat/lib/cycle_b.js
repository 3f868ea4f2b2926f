import { leaf } from './cycle_a.js';
export function b() { return 'b' + leaf(); }
