// k6/crypto hmac(): RFC 4231 (HMAC-SHA-2) vectors and other known answers.
import crypto from 'k6/crypto';
import { hmac } from 'k6/crypto';
import { check } from 'k6';

function repeat(byte, n) {
    return new Uint8Array(n).fill(byte).buffer;
}

const fox = 'The quick brown fox jumps over the lazy dog';

export default function () {
    check(null, {
        'RFC 4231 case 1, sha256 (binary key)': () => hmac('sha256', repeat(0x0b, 20), 'Hi There', 'hex') ===
            'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
        'RFC 4231 case 1, sha512': () => hmac('sha512', repeat(0x0b, 20), 'Hi There', 'hex') ===
            '87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854',
        'RFC 4231 case 2, sha256': () => hmac('sha256', 'Jefe', 'what do ya want for nothing?', 'hex') ===
            '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
        'RFC 4231 case 2, sha384': () => hmac('sha384', 'Jefe', 'what do ya want for nothing?', 'hex') ===
            'af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649',
        'RFC 4231 case 2, sha512': () => crypto.hmac('sha512', 'Jefe', 'what do ya want for nothing?', 'hex') ===
            '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
        'RFC 4231 case 6, key longer than a block': () =>
            hmac('sha256', repeat(0xaa, 131), 'Test Using Larger Than Block-Size Key - Hash Key First', 'hex') ===
            '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
        'hmac md4': () => hmac('md4', 'key', fox, 'hex') === '8d3366c440a9c65124ab0b5f4ca27338',
        'hmac md5': () => hmac('md5', 'key', fox, 'hex') === '80070713463e7749b90c2dc24911e275',
        'hmac sha1': () => hmac('sha1', 'key', fox, 'hex') === 'de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9',
        'hmac ripemd160': () => hmac('ripemd160', 'key', fox, 'hex') === '50278a77d4d7670561ab72e867383aef6ce50b3e',
        'hmac sha512_224': () => hmac('sha512_224', 'key', 'abc', 'hex') === '28bc0433ef684ea9877c2f2437aa0ccfc2e8eb3a9b4c731606877b4f',
        'hmac sha512_256': () => hmac('sha512_256', 'key', 'abc', 'hex') ===
            'f367b7ca80ab2cf85c23e58b73a8fd525a6fa2c66ff105804a2d4cf4df06e129',
        'hmac with an empty key': () => hmac('sha1', '', 'abc', 'hex') === '9b4a918f398d74d3e367970aba3cbe54e4d2b5d9',
        'hmac base64': () => hmac('sha256', 'Jefe', 'what do ya want for nothing?', 'base64') ===
            'W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=',
        'hmac binary': () => new Uint8Array(hmac('sha256', 'Jefe', 'what do ya want for nothing?', 'binary'))[0] === 0x5b,
        'hmac with an unknown algorithm throws': () => {
            try {
                hmac('sha3', 'k', 'd', 'hex');
                return false;
            } catch (e) {
                return e.message.includes('invalid hash algorithm "sha3"');
            }
        },
    });
}
