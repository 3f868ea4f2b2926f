// k6/crypto one-shot hash functions against known digests.
import crypto from 'k6/crypto';
import { md4, sha256 } from 'k6/crypto';
import { check } from 'k6';

function bytes(list) {
    return new Uint8Array(list).buffer;
}

export default function () {
    check(null, {
        'md4 (RFC 1320, "")': () => md4('', 'hex') === '31d6cfe0d16ae931b73c59d7e0c089c0',
        'md4 (RFC 1320, "abc")': () => crypto.md4('abc', 'hex') === 'a448017aaf21d8525fc10ae87aa6729d',
        'md5': () => crypto.md5('hello', 'hex') === '5d41402abc4b2a76b9719d911017c592',
        'md5 of ""': () => crypto.md5('', 'hex') === 'd41d8cd98f00b204e9800998ecf8427e',
        'sha1': () => crypto.sha1('hello', 'hex') === 'aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d',
        'sha256': () => sha256('hello', 'hex') === '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
        'sha384': () => crypto.sha384('hello', 'hex') ===
            '59e1748777448c69de6b800d7a33bbfb9ff1b463e44354c3553bcdb9c666fa90125a3c79f90397bdf5f6a13de828684f',
        'sha512': () => crypto.sha512('hello', 'hex') ===
            '9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043',
        'sha512_224': () => crypto.sha512_224('hello', 'hex') === 'fe8509ed1fb7dcefc27e6ac1a80eddbec4cb3d2c6fe565244374061c',
        'sha512_256': () => crypto.sha512_256('hello', 'hex') ===
            'e30d87cfa2a75db545eac4d61baf970366a8357c7f72fa95b52d0accb698f13a',
        'ripemd160': () => crypto.ripemd160('hello', 'hex') === '108f07b8382412612c048d07d13f814118445acd',
        'base64 output': () => sha256('hello', 'base64') === 'LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=',
        'base64url output': () => sha256('hello', 'base64url') === 'LPJNul-wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=',
        'base64rawurl output': () => sha256('hello', 'base64rawurl') === 'LPJNul-wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ',
        'binary output is an ArrayBuffer': () => {
            const b = sha256('hello', 'binary');
            const u = new Uint8Array(b);
            return b instanceof ArrayBuffer && b.byteLength === 32 && u[0] === 0x2c && u[31] === 0x24;
        },
        'strings are hashed as UTF-8': () => crypto.sha1('héllo ✓', 'hex') === 'b7c2a1aa52961195ac19331417a20a8b4f202ddb',
        'ArrayBuffer input': () => {
            const all = [];
            for (let i = 0; i < 256; i++) all.push(i);
            return sha256(bytes(all), 'hex') === '40aff2e9d2d8922e47afd4648e6967497158785fbd1da870e7110266bf944880';
        },
        'typed array input': () => crypto.md5(new Uint8Array([104, 101, 108, 108, 111]), 'hex') === '5d41402abc4b2a76b9719d911017c592',
        'randomBytes': () => {
            const r = crypto.randomBytes(16);
            const s = crypto.randomBytes(16);
            return r instanceof ArrayBuffer && r.byteLength === 16 &&
                crypto.sha256(r, 'hex') !== crypto.sha256(s, 'hex') && crypto.randomBytes(0).byteLength === 0;
        },
        'unknown output encoding throws': () => {
            try {
                sha256('hello', 'utf-8');
                return false;
            } catch (e) {
                return e instanceof TypeError && e.message.includes('invalid output encoding "utf-8"');
            }
        },
        'bad randomBytes size throws': () => {
            try {
                crypto.randomBytes(-1);
                return false;
            } catch (e) {
                return e instanceof TypeError;
            }
        },
        'non-string input throws': () => {
            try {
                sha256({}, 'hex');
                return false;
            } catch (e) {
                return e instanceof TypeError && e.message.includes('string or an ArrayBuffer');
            }
        },
    });
}
