// A login flow: load the form, take its CSRF token, sign in (the server sets a session
// cookie and redirects to the profile), use the session, sign out.
// The test server's demo user is alice / wonderland.
import http from 'k6/http';
import { check, fail, group } from 'k6';

const BASE_URL = __ENV.BASE_URL || 'http://127.0.0.1:8080';

export const options = {
  vus: 2,
  iterations: 6,
  thresholds: {
    checks: ['rate==1'],
    http_req_failed: ['rate==0'],
  },
};

export default function () {
  group('sign in', () => {
    const form = http.get(`${BASE_URL}/app/login`);
    check(form, { 'login form loaded': (r) => r.status === 200 });
    const csrf = form.html().find('input[name=csrf]').attr('value');
    if (!csrf) fail('no CSRF token in the login form');

    // Redirects are followed: the 303 sets the cookie, the profile answers.
    const res = http.post(`${BASE_URL}/app/login`, { csrf: csrf, user: 'alice', password: 'wonderland' });
    check(res, {
      'signed in': (r) => r.status === 200,
      'landed on the profile': (r) => r.url.endsWith('/app/profile'),
      'profile is alice': (r) => r.json('user') === 'alice',
    });
    const jar = http.cookieJar();
    check(jar.cookiesForURL(BASE_URL), { 'session cookie stored': (c) => c.session && c.session.length === 1 });
  });

  group('use the session', () => {
    const res = http.get(`${BASE_URL}/app/profile`);
    check(res, { 'still signed in': (r) => r.status === 200 && r.json('authenticated') === true });
  });

  group('sign out', () => {
    const res = http.post(`${BASE_URL}/app/logout`);
    check(res, { 'signed out': (r) => r.status === 200 && r.json('signedOut') === true });
    // 401 is the expected answer here, not a failed request.
    const after = http.get(`${BASE_URL}/app/profile`, { responseCallback: http.expectedStatuses(401) });
    check(after, { 'profile needs a session again': (r) => r.status === 401 });
  });
}
