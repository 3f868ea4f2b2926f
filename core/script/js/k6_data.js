// k6/data: SharedArray, built once and shared read-only by every VU.
import native from 'stampede:native/data';

function isIndex(key) {
    return typeof key === 'string' && key !== '' && key.length < 16 && /^(0|[1-9][0-9]*)$/.test(key);
}

export class SharedArray {
    constructor(name, fn) {
        if (typeof name !== 'string' || name === '') throw new TypeError('SharedArray needs a non-empty name');
        if (typeof fn !== 'function') throw new TypeError('SharedArray needs a function that returns an array');
        const handle = native.data_build(name, fn);
        const length = native.data_length(handle);
        const readOnly = () => { throw new TypeError(`SharedArray "${name}" is read-only`); };
        return new Proxy([], {
            get(target, key) {
                if (key === 'length') return length;
                if (isIndex(key)) return native.data_get(handle, Number(key));
                if (key === Symbol.iterator) {
                    return function* iterate() {
                        for (let i = 0; i < length; i++) yield native.data_get(handle, i);
                    };
                }
                return Reflect.get(target, key);
            },
            has(target, key) { return isIndex(key) ? Number(key) < length : Reflect.has(target, key); },
            set: readOnly,
            deleteProperty: readOnly,
            defineProperty: readOnly,
            ownKeys() {
                const keys = [];
                for (let i = 0; i < length; i++) keys.push(String(i));
                keys.push('length');
                return keys;
            },
            getOwnPropertyDescriptor(target, key) {
                if (key === 'length') return { value: length, writable: true, enumerable: false, configurable: false };
                if (isIndex(key) && Number(key) < length) {
                    return { value: native.data_get(handle, Number(key)), writable: false, enumerable: true, configurable: true };
                }
                return undefined;
            },
        });
    }
}

export default { SharedArray };
