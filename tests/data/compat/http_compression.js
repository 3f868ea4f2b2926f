// params.compression: the body is compressed and Content-Encoding says how.
import http from 'k6/http';
import { check } from 'k6';
const big = 'k6 compresses request bodies on demand. '.repeat(200);
export default function () {
  for (const algo of ['gzip', 'deflate', 'br', 'zstd', 'gzip, br']) {
    const r = http.post(`${__ENV.TARGET}/echo?format=json`, big, { compression: algo });
    const j = r.json();
    const enc = Object.entries(j.headers).find(([k]) => k.toLowerCase() === 'content-encoding');
    check(j, {
      [`${algo}: header`]: () => enc !== undefined && enc[1] === algo,
      [`${algo}: smaller body`]: (x) => x.bodyLength > 0 && x.bodyLength < big.length / 4,
    });
  }
  check(null, { 'unknown algorithm throws': () => {
    try { http.post(`${__ENV.TARGET}/echo`, 'x', { compression: 'lz4' }); return false; } catch (e) { return e instanceof TypeError; }
  } });
}
