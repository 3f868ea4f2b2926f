// k6/websockets params: headers, subprotocols, the VU's cookie jar and params.jar,
// against stampede-wsserver (__ENV.WS_TARGET; "header:<name>" echoes a handshake header).
import { WebSocket } from 'k6/websockets';
import http from 'k6/http';
import { check } from 'k6';

export const options = { vus: 1, iterations: 1 };
const WS = __ENV.WS_TARGET;
const HTTP = WS.replace('ws://', 'http://');

// Opens a socket, asks for the given handshake headers, resolves with {protocol, answers}.
function ask(names, protocols, params) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(WS, protocols, params);
    const answers = [];
    ws.onopen = () => names.forEach((n) => ws.send(`header:${n}`));
    ws.onmessage = (e) => {
      answers.push(e.data);
      if (answers.length === names.length) ws.close();
    };
    ws.onerror = (e) => reject(new Error(e.error));
    ws.onclose = () => resolve({ protocol: ws.protocol, answers });
  });
}

export default async function () {
  const a = await ask(['X-Custom', 'User-Agent', 'Sec-WebSocket-Protocol'], ['superchat', 'chat'],
    { headers: { 'X-Custom': 'value 1' } });
  check(a, {
    'custom header sent': (r) => r.answers[0] === 'value 1',
    'default User-Agent sent': (r) => r.answers[1].startsWith('Stampede/'),
    'subprotocols offered': (r) => r.answers[2] === 'superchat, chat',
    'protocol chosen by the server': (r) => r.protocol === 'superchat',
  });

  // Cookies: the VU's jar by default, a CookieJar given as params.jar otherwise.
  http.cookieJar().set(HTTP, 'session', 'vu-jar');
  const jar = new http.CookieJar();
  jar.set(HTTP, 'session', 'own-jar');
  const b = await ask(['Cookie'], undefined, {});
  const c = await ask(['Cookie'], 'chat', { jar });
  check(null, {
    "the VU's jar by default": () => b.answers[0] === 'session=vu-jar',
    'params.jar': () => c.answers[0] === 'session=own-jar' && c.protocol === 'chat',
  });

  let badJar = '';
  try { new WebSocket(WS, null, { jar: {} }); } catch (e) { badJar = String(e); }
  check(null, { 'a jar that is not a CookieJar throws': () => badJar.includes('params.jar must be a CookieJar') });
}
