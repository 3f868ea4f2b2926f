// k6/crypto createHash() / createHMAC(): incremental hashing.
import crypto from 'k6/crypto';
import { check } from 'k6';

export default function () {
    const h = crypto.createHash('sha256');
    h.update('hel');
    h.update('lo');
    const first = h.digest('hex');
    const again = h.digest('base64');
    h.update(' world');
    const extended = h.digest('hex');

    const m = crypto.createHMAC('sha256', 'Jefe');
    m.update('what do ya want ');
    m.update(new Uint8Array([102, 111, 114, 32]).buffer); // "for "
    m.update('nothing?');

    const md4 = crypto.createHash('md4');
    md4.update('message ');
    md4.update('digest');

    check(null, {
        'updates concatenate': () => first === '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
        'digest can be repeated': () => again === 'LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=',
        'update after digest continues': () => extended === crypto.sha256('hello world', 'hex'),
        'createHMAC with mixed inputs': () => m.digest('hex') === '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
        'createHash md4 (RFC 1320)': () => md4.digest('hex') === 'd9130a8164549fe818874806e1c7014b',
        'createHMAC binary secret': () => {
            const k = crypto.createHMAC('sha256', new Uint8Array(20).fill(0x0b).buffer);
            k.update('Hi There');
            return k.digest('hex') === 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7';
        },
        'every algorithm works incrementally': () => ['md4', 'md5', 'sha1', 'sha256', 'sha384', 'sha512', 'sha512_224',
            'sha512_256', 'ripemd160'].every((alg) => {
            const x = crypto.createHash(alg);
            x.update('he');
            x.update('llo');
            return x.digest('hex') === crypto[alg]('hello', 'hex');
        }),
        'unknown algorithm throws': () => {
            try {
                crypto.createHash('sha3-256');
                return false;
            } catch (e) {
                return e.message.includes('invalid hash algorithm "sha3-256"');
            }
        },
        'createHMAC without a secret throws': () => {
            try {
                crypto.createHMAC('sha256');
                return false;
            } catch (e) {
                return e instanceof TypeError;
            }
        },
        'hasher methods check their receiver': () => {
            try {
                h.update.call({}, 'x');
                return false;
            } catch (e) {
                return e instanceof TypeError && e.message.includes('not a Hasher');
            }
        },
        'many hashers are garbage collected': () => {
            for (let i = 0; i < 20000; i++) crypto.createHash('sha1').update('x');
            return true;
        },
    });
}
