const config = JSON.parse('{"broken": ');

export default function () {}
