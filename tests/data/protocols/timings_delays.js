// k6's timing phases against known server delays (stampede-testserver):
//   /slow-read/400: the server leaves an 8 MiB body unread for 400 ms -> sending >= ~400, waiting small
//   /delay/250:     the answer comes 250 ms after the request           -> waiting ~ 250
//   /slow-body/300: head at once, body 300 ms later                     -> receiving ~ 300
// Lower bounds are tight (the delays are known); upper bounds are generous for a loaded machine.
import http from 'k6/http';
import { check } from 'k6';

const B = __ENV.BASE;
const body = 'x'.repeat(8 * 1024 * 1024);
const sum = (t) => t.sending + t.waiting + t.receiving;

export default function () {
  const first = http.get(`${B}/`);
  check(first.timings, {
    'new connection: connecting > 0': (t) => t.connecting > 0 && t.connecting < 1000,
    'new connection: blocked > 0': (t) => t.blocked > 0 && t.blocked < 1000,
  });
  const slowRead = http.post(`${B}/slow-read/400`, body);
  check(slowRead, {
    'slow reader: whole body read': (r) => r.body === `read ${body.length} bytes`,
    'slow reader: sending >= 400 ms - 20': (r) => r.timings.sending >= 380 && r.timings.sending < 3000,
    'slow reader: waiting stays small': (r) => r.timings.waiting < 300,
    'slow reader: receiving small': (r) => r.timings.receiving < 100,
    'reused connection: connecting = 0': (r) => r.timings.connecting === 0,
    'reused connection: blocked ~ 0': (r) => r.timings.blocked < 50,
  });
  const delayed = http.get(`${B}/delay/250`);
  check(delayed.timings, {
    'delay: waiting >= 250 ms - 5': (t) => t.waiting >= 245 && t.waiting < 1500,
    'delay: sending small': (t) => t.sending < 50,
    'delay: receiving small': (t) => t.receiving < 50,
  });
  const slowBody = http.get(`${B}/slow-body/300`);
  check(slowBody, {
    'slow writer: body arrived': (r) => r.body === 'slow body\n',
    'slow writer: receiving >= 300 ms - 5': (r) => r.timings.receiving >= 295 && r.timings.receiving < 1500,
    'slow writer: waiting small': (r) => r.timings.waiting < 100,
  });
  for (const r of [first, slowRead, delayed, slowBody]) {
    check(r.timings, {
      'duration = sending + waiting + receiving': (t) => Math.abs(t.duration - sum(t)) < 1e-6,
    });
  }
}
