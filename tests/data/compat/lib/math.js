export function add(a, b) { return a + b; }
export const PI2 = Math.PI * 2;
export default function square(x) { return x * x; }
