// k6/crypto: hash functions, HMAC, incremental hashers and random bytes.
// The exports are the native functions themselves (bound for the fixed-algorithm
// helpers), so an error points at the script's own call, not at this file.
import native from 'stampede:native/crypto';

export const createHash = native.crypto_createHash;
export const createHMAC = native.crypto_createHMAC;
export const hmac = native.crypto_hmac;
export const randomBytes = native.crypto_randomBytes;

function fixed(algorithm) {
    const f = native.crypto_hash.bind(null, algorithm);
    Object.defineProperty(f, 'name', { value: algorithm });
    return f;
}

export const md4 = fixed('md4');
export const md5 = fixed('md5');
export const sha1 = fixed('sha1');
export const sha256 = fixed('sha256');
export const sha384 = fixed('sha384');
export const sha512 = fixed('sha512');
export const sha512_224 = fixed('sha512_224');
export const sha512_256 = fixed('sha512_256');
export const ripemd160 = fixed('ripemd160');

export default {
    createHash, createHMAC, hmac, randomBytes,
    md4, md5, sha1, sha256, sha384, sha512, sha512_224, sha512_256, ripemd160,
};
