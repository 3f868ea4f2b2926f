// k6/websockets: the event-target API against stampede-wsserver (__ENV.WS_TARGET).
import { WebSocket, Blob } from 'k6/websockets';
import { WebSocket as ExperimentalWebSocket } from 'k6/experimental/websockets';
import { setTimeout } from 'k6/timers';
import { check } from 'k6';

export const options = { vus: 1, iterations: 1 };
const WS = __ENV.WS_TARGET;

// Resolves with the events of one socket once it is closed.
function session(url, script) {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, undefined, { tags: { kind: 'session' }, headers: { 'X-Test': '1' } });
    const seen = { events: [], messages: [], states: [ws.readyState] };
    ws.addEventListener('open', () => seen.states.push(ws.readyState));
    ws.addEventListener('close', (e) => {
      seen.close = e;
      seen.states.push(ws.readyState);
      resolve(seen);
    });
    for (const t of ['open', 'message', 'ping', 'pong', 'error', 'close'])
      ws.addEventListener(t, (e) => seen.events.push(e.type));
    script(ws, seen);
  });
}

export default async function () {
  // Text and binary echo, onX properties next to listeners, ArrayBuffer messages.
  const a = await session(WS, (ws, seen) => {
    ws.binaryType = 'arraybuffer';
    let second = 0;
    ws.onopen = () => {
      ws.send('hello');
      ws.send(new Uint8Array([1, 2, 3]));
    };
    ws.onmessage = (e) => {
      seen.messages.push(e.data);
      if (seen.messages.length === 2) ws.close();
    };
    ws.addEventListener('message', () => second++);
    seen.second = () => second;
  });
  check(a, {
    'readyState went CONNECTING, OPEN, CLOSED': (s) => s.states.join() === '0,1,3',
    'text echoed': (s) => s.messages[0] === 'hello',
    'binary echoed as ArrayBuffer': (s) => s.messages[1] instanceof ArrayBuffer &&
      Array.from(new Uint8Array(s.messages[1])).join() === '1,2,3',
    'two listeners for message both ran': (s) => s.second() === 2,
    'clean close with 1000': (s) => s.close.code === 1000 && s.close.wasClean === true && s.close.type === 'close',
    'events in order': (s) => s.events.join() === 'open,message,message,close',
  });

  // Blob messages (the default binaryType) and Blob sends.
  const b = await session(WS, (ws, seen) => {
    ws.onopen = () => ws.send(new Blob(['ab', new Uint8Array([99])], { type: 'text/plain' }));
    ws.onmessage = async (e) => {
      seen.blob = e.data;
      seen.text = await e.data.text();
      seen.bytes = new Uint8Array(await e.data.arrayBuffer());
      ws.close();
    };
  });
  check(b, {
    'binaryType blob gives a Blob': (s) => s.blob instanceof Blob && s.blob.size === 3,
    'Blob.text()': (s) => s.text === 'abc',
    'Blob.arrayBuffer()': (s) => s.bytes.length === 3 && s.bytes[2] === 99,
  });

  // Server-side close with a code and reason; server ping answered; client ping gets a pong.
  const c = await session(WS, (ws) => {
    ws.onopen = () => {
      ws.ping();
      ws.send('ping'); // the server pings us
    };
    let pings = 0;
    let pongs = 0;
    ws.onping = () => { pings++; };
    ws.onpong = () => { pongs++; };
    ws.onmessage = (e) => {
      // "pong:<ms>" tells that the server got our automatic pong
      if (String(e.data).startsWith('pong:') && pings > 0 && pongs > 0) ws.send('close:4001');
    };
  });
  check(c, {
    'server close code': (s) => s.close.code === 4001,
    'server close reason': (s) => s.close.reason === 'bye',
    'ping and pong events': (s) => s.events.includes('ping') && s.events.includes('pong'),
  });

  // Timers alongside a socket; the experimental alias is the same API.
  const d = await new Promise((resolve) => {
    const ws = new ExperimentalWebSocket(WS);
    const got = [];
    ws.onopen = () => {
      setTimeout(() => ws.send('late'), 100);
      ws.send('early');
    };
    ws.onmessage = (e) => {
      got.push(e.data);
      if (got.length === 2) ws.close(3001, 'done');
    };
    ws.onclose = (e) => resolve({ got, code: e.code });
  });
  check(d, {
    'timer and socket interleave': (s) => s.got.join() === 'early,late',
    'client close code': (s) => s.code === 3001,
  });

  // A failed connection: error, then close with 1006.
  const e = await new Promise((resolve) => {
    const ws = new WebSocket('ws://127.0.0.1:1/');
    const out = {};
    ws.onerror = (ev) => { out.error = ev.error; };
    ws.onclose = (ev) => { out.code = ev.code; resolve(out); };
  });
  check(e, {
    'connection refused reports an error': (s) => typeof s.error === 'string' && s.error.length > 0,
    'then closes with 1006': (s) => s.code === 1006,
  });

  // Misuse: bad URL and send() before open throw.
  let badUrl = '';
  try { new WebSocket('http://127.0.0.1/'); } catch (err) { badUrl = String(err); }
  const early = new WebSocket(WS);
  let notOpen = '';
  try { early.send('x'); } catch (err) { notOpen = String(err); }
  early.onopen = () => early.close();
  check(null, {
    'constants': () => WebSocket.CONNECTING === 0 && WebSocket.OPEN === 1 && WebSocket.CLOSING === 2 && WebSocket.CLOSED === 3,
    'invalid URL throws': () => badUrl.includes('ws:// or wss:// expected'),
    'send before open throws': () => notOpen.includes('InvalidStateError'),
  });
  // The iteration ends only when `early` has closed (the event loop waits for it).
}
