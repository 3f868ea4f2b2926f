// Redirects are followed up to the limit; redirects: 0 returns the 302.
import http from 'k6/http';
import { check } from 'k6';
const T = __ENV.TARGET;
export default function () {
  check(http.get(`${T}/redirect/3`), { 'followed': (r) => r.status === 200 && r.url === `${T}/` });
  check(http.get(`${T}/redirect/3`, { redirects: 0 }), { 'not followed': (r) => r.status === 302 });
}
