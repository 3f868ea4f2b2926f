// h2c (Stampede's option, not k6's): HTTP/2 over cleartext with prior knowledge.
// H2C_BASE is an nginx that speaks only HTTP/2 on a plain port; BASE is stampede-testserver (HTTP/1.1).
import http from 'k6/http';
import { check } from 'k6';

export const options = { h2c: __ENV.H2C_FROM_ENV ? undefined : true };

export default function () {
  const r = http.get(`${__ENV.H2C_BASE}/`);
  check(r, {
    'h2c: status 200': (x) => x.status === 200,
    'h2c: proto HTTP/2.0': (x) => x.proto === 'HTTP/2.0',
    'h2c: body': (x) => x.body === 'hello tls\n',
  });
  // A second request works too (libcurl < 8.0 cannot reuse an h2c connection: Stampede opens a new one there).
  const again = http.get(`${__ENV.H2C_BASE}/`);
  check(again, { 'h2c: a second request': (x) => x.status === 200 && x.proto === 'HTTP/2.0' });
  const plain = http.get(`${__ENV.BASE}/`, { h2c: false });
  check(plain, { 'per-request h2c: false speaks HTTP/1.1': (x) => x.status === 200 && x.proto === 'HTTP/1.1' });
}
