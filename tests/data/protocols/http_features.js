// Redirects, cookies, batch, responseType and error codes against stampede-testserver (__ENV.BASE).
import http from 'k6/http';
import { check } from 'k6';

export const options = { iterations: 2, vus: 1, maxRedirects: 5 };

export default function () {
    const B = __ENV.BASE;
    let r = http.get(`${B}/redirect/3`);
    check(r, { 'redirects followed': (x) => x.status === 200 && x.url === `${B}/` });
    r = http.get(`${B}/redirect/3`, { redirects: 0 });
    check(r, { 'redirects: 0 returns the 302': (x) => x.status === 302 });

    const jar = http.cookieJar();
    check(jar.cookiesForURL(B), { 'jar reset between iterations': (c) => Object.keys(c).length === 0 });
    jar.set(B, 'session', 'abc');
    r = http.get(`${B}/headers`, { cookies: { extra: '1' } });
    check(r, { 'jar and params cookies sent': (x) => x.json('Cookie') === 'session=abc; extra=1' });
    r = http.get(`${B}/headers`, { cookies: { session: { value: 'xyz', replace: true } } });
    check(r, { 'replace wins over the jar': (x) => x.json('Cookie') === 'session=xyz' });
    check(jar.get(B, 'session'), { 'jar.get': (v) => v === 'abc' });
    jar.delete(B, 'session');
    check(jar.cookiesForURL(B), { 'jar.delete': (c) => c.session === undefined });
    const own = new http.CookieJar();
    own.set(B, 'mine', '1');
    r = http.get(`${B}/headers`, { jar: own });
    check(r, { 'own jar': (x) => x.json('Cookie') === 'mine=1' });

    const rs = http.batch([
        `${B}/delay/300`,
        ['GET', `${B}/delay/300`],
        { method: 'POST', url: `${B}/echo`, body: 'hi' },
    ]);
    check(rs, {
        'batch statuses': (x) => x.length === 3 && x.every((y) => y.status === 200),
        'batch body': (x) => x[2].body === 'hi',
    });
    const o = http.batch({ j: `${B}/json` });
    check(o, { 'batch object form': (x) => x.j.json('name') === 'stampede' });

    r = http.get(`${B}/bytes/1000`, { responseType: 'binary' });
    check(r, { 'binary body': (x) => x.body.byteLength === 1000 });
    r = http.get(`${B}/bytes/1000`, { responseType: 'none' });
    check(r, { 'none body': (x) => x.body === null });

    r = http.get('http://127.0.0.1:1/');
    check(r, { 'refused 1212': (x) => x.error_code === 1212 && x.status === 0 });
    r = http.get(`${B}/delay/3000`, { timeout: '200ms' });
    check(r, { 'timeout 1050': (x) => x.error_code === 1050 });
    r = http.get(`${B}/status/404`);
    check(r, { '404 -> 1404': (x) => x.error_code === 1404 });
}
