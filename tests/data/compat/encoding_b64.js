// k6/encoding b64encode() / b64decode() in the four variants.
import encoding from 'k6/encoding';
import { b64encode, b64decode } from 'k6/encoding';
import { check } from 'k6';

function bytesEqual(a, b) {
    const x = new Uint8Array(a);
    const y = new Uint8Array(b);
    return x.length === y.length && x.every((v, i) => v === y[i]);
}

function throws(fn, text) {
    try {
        fn();
        return false;
    } catch (e) {
        return e.message.includes(text);
    }
}

export default function () {
    const binary = new Uint8Array([0xfb, 0xff, 0xbf, 0x00, 0x01, 0xfe]).buffer;
    const all = new Uint8Array(256).map((_, i) => i).buffer;
    check(null, {
        'std encode (RFC 4648 vectors)': () => ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map((s) => b64encode(s)).join(',') ===
            ',Zg==,Zm8=,Zm9v,Zm9vYg==,Zm9vYmE=,Zm9vYmFy',
        'std is the default': () => b64encode('hello world') === 'aGVsbG8gd29ybGQ=' && b64encode('hello world', 'std') === 'aGVsbG8gd29ybGQ=',
        'rawstd drops padding': () => b64encode('hello world', 'rawstd') === 'aGVsbG8gd29ybGQ',
        'url alphabet': () => b64encode(binary, 'url') === '-_-_AAH-',
        'std alphabet': () => b64encode(binary, 'std') === '+/+/AAH+',
        'rawurl': () => b64encode('?>?', 'rawurl') === 'Pz4_' && b64encode('ab', 'rawurl') === 'YWI',
        'UTF-8 strings': () => encoding.b64encode('héllo ✓') === 'aMOpbGxvIOKckw==',
        'decode returns an ArrayBuffer': () => {
            const d = b64decode('Zm9vYmFy');
            return d instanceof ArrayBuffer && d.byteLength === 6;
        },
        'decode "s" returns a string': () => b64decode('aGVsbG8gd29ybGQ=', 'std', 's') === 'hello world',
        'decode UTF-8 string': () => b64decode('aMOpbGxvIOKckw==', 'std', 's') === 'héllo ✓',
        'decode rawstd': () => b64decode('aGVsbG8gd29ybGQ', 'rawstd', 's') === 'hello world',
        'decode url': () => bytesEqual(b64decode('-_-_AAH-', 'url'), binary),
        'decode rawurl': () => b64decode('YWI', 'rawurl', 's') === 'ab',
        'binary round trip, all variants': () => ['std', 'rawstd', 'url', 'rawurl'].every((v) => bytesEqual(b64decode(b64encode(all, v), v), all)),
        'odd lengths round trip': () => [1, 2, 3, 4, 5].every((n) => {
            const buf = new Uint8Array(n).map((_, i) => 200 + i).buffer;
            return ['std', 'rawstd', 'url', 'rawurl'].every((v) => bytesEqual(b64decode(b64encode(buf, v), v), buf));
        }),
        'invalid character throws': () => throws(() => b64decode('Zm9v!mFy'), 'illegal base64 data at input byte 4'),
        'missing padding throws for std': () => throws(() => b64decode('Zm9vYg', 'std'), 'illegal base64 data'),
        'padding throws for rawstd': () => throws(() => b64decode('Zm9vYg==', 'rawstd'), 'illegal base64 data'),
        'url alphabet rejected by std': () => throws(() => b64decode('-_-_AAH-', 'std'), 'illegal base64 data at input byte 0'),
        'unknown variant throws': () => throws(() => b64encode('x', 'base32'), 'invalid encoding "base32"'),
        'bad input type throws': () => throws(() => b64encode({}), 'must be a string or an ArrayBuffer'),
    });
}
