// params.auth: 'digest' answers the server's challenge with the URL's credentials.
import http from 'k6/http';
import { check } from 'k6';
export default function () {
  const base = __ENV.TARGET.replace('http://', 'http://alice:s3cret@');
  const ok = http.get(`${base}/digest-auth/alice/s3cret`, { auth: 'digest' });
  check(ok, { 'digest accepted': (r) => r.status === 200 && r.json('authenticated') === true });
  const wrong = http.get(`${__ENV.TARGET.replace('http://', 'http://alice:nope@')}/digest-auth/alice/s3cret`, { auth: 'digest' });
  check(wrong, { 'wrong password refused': (r) => r.status === 401 });
  const none = http.get(`${__ENV.TARGET}/digest-auth/alice/s3cret`);
  check(none, { 'no credentials: challenge': (r) => r.status === 401 && r.headers['Www-Authenticate'].startsWith('Digest ') });
}
