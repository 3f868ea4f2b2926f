const counter = { n: 0 };
exports.next = () => ++counter.n;
exports.name = 'common';
