// The debug run's test script: every line the tests look for carries an @marker comment.
import http from 'k6/http';
import { check, group } from 'k6';

const BASE = __ENV.BASE;

export function setup() {
    http.get(`${BASE}/json`); // @setup
}

export default function () {
    console.log('starting iteration'); // @log
    const res = http.get(`${BASE}/json`); // @get
    check(res, { // @check
        'status is 200': (r) => r.status === 200,
        'has three items': (r) => JSON.parse(r.body).items.length === 3,
    });
    http.post(`${BASE}/echo`, JSON.stringify({ hello: 'world' }), { headers: { 'Content-Type': 'application/json' } }); // @post
    group('redirects', function () {
        http.get(`${BASE}/redirect/2`); // @redirect
    });
    const missing = http.get(`${BASE}/nope`); // @404
    check(missing, { 'is 404': (r) => r.status === 404, 'is 200': (r) => r.status === 200 }); // @check404
    http.get(`${BASE}/cookies/set?session=abc123`); // @setcookie
    http.get(`${BASE}/headers`, { cookies: { extra: 'x1' } }); // @cookies
    const bin = http.get(`${BASE}/bytes/${__ENV.BYTES || 1000}`); // @bytes
    check(bin.body.length, { 'body has bytes': (n) => n > 0 }); // @checkvalue
    console.warn('done', 42); // @warn
}

export function teardown() {
    http.get(`${BASE}/status/204`); // @teardown
}
