// open() in init, text and binary, relative to the script.
import { check } from 'k6';
const text = open('./lib/text.txt');
const bytes = open('./lib/bytes.bin', 'b');
export default function () {
  check(null, {
    'text': () => text.split('\n')[1] === 'line two',
    'binary is an ArrayBuffer': () => bytes instanceof ArrayBuffer && bytes.byteLength === 4,
    'binary content': () => new Uint8Array(bytes)[3] === 255,
  });
}
