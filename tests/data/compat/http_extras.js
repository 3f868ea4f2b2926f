// res.html(), http.file() multipart bodies, basic auth from URL credentials.
import http from 'k6/http';
import { check } from 'k6';
const T = __ENV.TARGET;
export default function () {
  const page = http.post(`${T}/echo`, '<html><body><h1 id="t">Title</h1><a href="/x">x</a><a href="/y">y</a></body></html>',
    { headers: { 'Content-Type': 'text/html' } });
  check(page, {
    'html()': (r) => r.html().find('#t').text() === 'Title',
    'html(selector)': (r) => r.html('a').size() === 2 && r.html('a').last().attr('href') === '/y',
  });
  const up = http.post(`${T}/echo?format=json`, {
    field: 'value',
    upload: http.file('file contents ✓', 'notes.txt', 'text/plain'),
    bin: http.file(new Uint8Array([0, 1, 2, 255]).buffer, 'b.bin'),
  });
  const j = up.json();
  const ct = Object.keys(j.headers).find((k) => k.toLowerCase() === 'content-type');
  check(j, {
    'multipart content type': () => j.headers[ct].startsWith('multipart/form-data; boundary='),
    'file part': (x) => x.body.includes('name="upload"; filename="notes.txt"') && x.body.includes('Content-Type: text/plain'),
    'file content (utf-8)': (x) => x.body.includes('file contents ✓'),
    'plain field': (x) => x.body.includes('name="field"\r\n\r\nvalue'),
    'binary part length': () => j.bodyLength > 300,
  });
  const withAuth = http.get(T.replace('http://', 'http://alice:s3cret@') + '/echo?format=json');
  const auth = Object.entries(withAuth.json().headers).find(([k]) => k.toLowerCase() === 'authorization');
  check(auth, { 'basic auth from the URL': (a) => a !== undefined && a[1] === 'Basic YWxpY2U6czNjcmV0' });
  check(null, {
    'unknown auth is an error': () => { try { http.get(`${T}/`, { auth: 'kerberos' }); return false; } catch (e) { return e instanceof TypeError; } },
  });
}
