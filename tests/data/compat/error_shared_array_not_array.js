import { SharedArray } from 'k6/data';
const a = new SharedArray('bad', () => 'not an array');
export default function () {}
