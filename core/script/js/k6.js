// k6 core module: check, group, sleep, fail, randomSeed.
import native from 'stampede:native';

export const check = native.check;
export const group = native.group;
export const sleep = native.sleep;

export function fail(message) {
    throw new Error(message === undefined ? 'fail() called' : String(message));
}

// Seeds Math.random for this VU (mulberry32), as k6's randomSeed makes runs repeatable.
export function randomSeed(seed) {
    let state = Number(seed) >>> 0;
    Math.random = function random() {
        state = (state + 0x6d2b79f5) | 0;
        let t = Math.imul(state ^ (state >>> 15), 1 | state);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

export default { check, group, sleep, fail, randomSeed };
