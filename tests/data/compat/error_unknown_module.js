import x from 'k6/nonexistent';
export default function () {}
