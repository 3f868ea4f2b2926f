// Import cycles resolve as ES modules do.
import { check } from 'k6';
import { a } from './lib/cycle_a.js';
export default function () { check(a(), { 'cycle': (v) => v === 'ab!' }); }
