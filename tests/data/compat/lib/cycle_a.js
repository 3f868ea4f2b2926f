import { b } from './cycle_b.js';
export function a() { return 'a' + b(); }
export function leaf() { return '!'; }
