// k6/websockets params.compression: 'deflate' (permessage-deflate) against the deflate echo
// of stampede-wsserver (__ENV.WS_DEFLATE_TARGET); "stats" tells how many compressed messages it got.
import { WebSocket } from 'k6/websockets';
import { check } from 'k6';

const big = 'stampede '.repeat(2000);

function session(params) {
  return new Promise((resolve) => {
    const ws = new WebSocket(__ENV.WS_DEFLATE_TARGET, null, params);
    const got = [];
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      ws.send('hello');
      ws.send(big);
      ws.send(new Uint8Array([0, 1, 2, 255]));
      ws.send('hello'); // the same text again: the compressor's context is kept
      ws.send('stats');
    };
    ws.onmessage = (e) => {
      got.push(e.data);
      if (got.length === 5) ws.close();
    };
    ws.onclose = () => resolve({ got, extensions: ws.extensions });
  });
}

export default async function () {
  const z = await session({ compression: 'deflate' });
  check(z, {
    'extension negotiated': (s) => s.extensions === 'permessage-deflate',
    'text round trip': (s) => s.got[0] === 'hello' && s.got[3] === 'hello',
    'large text round trip': (s) => s.got[1] === big,
    'binary round trip': (s) => new Uint8Array(s.got[2]).join() === '0,1,2,255',
    'the client compressed every message': (s) => s.got[4] === 'compressed:5',
  });
  const plain = await session({});
  check(plain, {
    'no compression unless asked': (s) => s.extensions === '' && s.got[4] === 'compressed:0' && s.got[1] === big,
  });
  let bad = '';
  try { new WebSocket(__ENV.WS_DEFLATE_TARGET, null, { compression: 'gzip' }); } catch (e) { bad = String(e); }
  check(null, { 'unknown compression throws': () => bad.includes('unsupported compression "gzip"') });
}
