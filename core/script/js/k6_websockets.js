// k6/websockets (also k6/experimental/websockets): k6's event-target WebSocket API on the
// VU's event loop. The native half runs each socket on an I/O thread and calls the
// dispatcher below on the VU thread for everything that happens on the wire.
import native from 'stampede:native/websockets';
import { CookieJar } from 'k6/http';

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;
const EVENTS = ['open', 'message', 'error', 'close', 'ping', 'pong'];

function toBytes(part) {
    if (part instanceof Blob) return part._bytes;
    if (part instanceof ArrayBuffer) return new Uint8Array(part.slice(0));
    if (ArrayBuffer.isView(part)) return new Uint8Array(part.buffer.slice(part.byteOffset, part.byteOffset + part.byteLength));
    return new Uint8Array(native.websocketsUtf8Encode(String(part)));
}

export class Blob {
    constructor(parts, options) {
        if (parts !== undefined && parts !== null && typeof parts[Symbol.iterator] !== 'function')
            throw new TypeError("Blob: the first argument must be an array of parts");
        const chunks = parts ? Array.from(parts, toBytes) : [];
        let size = 0;
        for (const c of chunks) size += c.byteLength;
        const bytes = new Uint8Array(size);
        let at = 0;
        for (const c of chunks) { bytes.set(c, at); at += c.byteLength; }
        this._bytes = bytes;
        this._type = options && options.type !== undefined ? String(options.type).toLowerCase() : '';
    }
    get size() { return this._bytes.byteLength; }
    get type() { return this._type; }
    arrayBuffer() { return Promise.resolve(this._bytes.slice().buffer); }
    bytes() { return Promise.resolve(this._bytes.slice()); }
    text() { return Promise.resolve(native.websocketsUtf8Decode(this._bytes)); }
    slice(start, end, type) {
        const b = new Blob([], { type: type === undefined ? '' : type });
        b._bytes = this._bytes.slice(start, end);
        return b;
    }
}

class Event {
    constructor(type, target, extra) {
        this.type = type;
        this.target = target;
        this.timestamp = Date.now();
        if (extra) Object.assign(this, extra);
    }
}

const sockets = new Map(); // id -> WebSocket, while open

export class WebSocket {
    constructor(url, protocols, params) {
        if (url === undefined) throw new TypeError('WebSocket: a URL is required');
        let protos = [];
        if (typeof protocols === 'string') protos = [protocols];
        else if (Array.isArray(protocols)) protos = protocols.map(String);
        else if (protocols !== undefined && protocols !== null)
            throw new TypeError('WebSocket: protocols must be a string or an array of strings');
        const p = params || {};
        const norm = { headers: {}, tags: {} };
        if (p.headers) for (const k of Object.keys(p.headers)) norm.headers[k] = String(p.headers[k]);
        if (p.tags) for (const k of Object.keys(p.tags)) norm.tags[k] = String(p.tags[k]);
        if (p.jar !== undefined && p.jar !== null) {
            if (!(p.jar instanceof CookieJar)) throw new TypeError('WebSocket: params.jar must be a CookieJar from k6/http');
            norm.jar = p.jar._handle;
            this._jar = p.jar; // alive while the socket is
        }
        if (p.compression !== undefined && p.compression !== null && p.compression !== '') {
            if (p.compression !== 'deflate')
                throw new TypeError(`WebSocket: unsupported compression "${p.compression}" (only "deflate")`);
            norm.compression = true;
        }
        this._url = String(url);
        this._readyState = CONNECTING;
        this._protocol = '';
        this._extensions = '';
        this._binaryType = 'blob';
        this._listeners = {};
        this._handlers = {};
        this._id = native.websocketsOpen(this._url, protos, norm);
        sockets.set(this._id, this);
    }

    get url() { return this._url; }
    get readyState() { return this._readyState; }
    get protocol() { return this._protocol; }
    get extensions() { return this._extensions; }
    get bufferedAmount() { return this._readyState === OPEN ? native.websocketsBufferedAmount(this._id) : 0; }
    get binaryType() { return this._binaryType; }
    set binaryType(t) {
        if (t !== 'blob' && t !== 'arraybuffer')
            throw new TypeError(`WebSocket.binaryType must be "blob" or "arraybuffer", not "${t}"`);
        this._binaryType = t;
    }

    send(data) {
        if (this._readyState === CONNECTING)
            throw new Error('InvalidStateError: WebSocket.send() before the connection is open');
        if (this._readyState !== OPEN) return;
        if (typeof data === 'string') return native.websocketsSend(this._id, data, false);
        if (data instanceof Blob) return native.websocketsSend(this._id, data._bytes, true);
        if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return native.websocketsSend(this._id, data, true);
        throw new TypeError('WebSocket.send() takes a string, an ArrayBuffer, a typed array or a Blob');
    }
    ping() {
        if (this._readyState === OPEN) native.websocketsPing(this._id);
    }
    close(code, reason) {
        if (this._readyState === CLOSING || this._readyState === CLOSED) return;
        const c = code === undefined ? 1000 : Number(code);
        if (c !== 1000 && (c < 3000 || c > 4999 || !Number.isInteger(c)))
            throw new Error(`InvalidAccessError: close code ${code} must be 1000 or from 3000 to 4999`);
        this._readyState = CLOSING;
        native.websocketsClose(this._id, c, reason === undefined ? '' : String(reason));
    }

    addEventListener(type, listener) {
        if (typeof listener !== 'function' && !(listener && typeof listener.handleEvent === 'function'))
            throw new TypeError('WebSocket.addEventListener() needs a function');
        const list = (this._listeners[type] = this._listeners[type] || []);
        if (!list.includes(listener)) list.push(listener);
    }
    removeEventListener(type, listener) {
        const list = this._listeners[type];
        if (!list) return;
        const i = list.indexOf(listener);
        if (i >= 0) list.splice(i, 1);
    }
    dispatchEvent(event) {
        const h = this._handlers[event.type];
        if (typeof h === 'function') h.call(this, event);
        const list = this._listeners[event.type];
        if (list) {
            for (const l of list.slice()) {
                if (typeof l === 'function') l.call(this, event);
                else l.handleEvent(event);
            }
        }
        return true;
    }
}

for (const type of EVENTS) {
    Object.defineProperty(WebSocket.prototype, 'on' + type, {
        get() { return this._handlers[type] || null; },
        set(fn) { this._handlers[type] = typeof fn === 'function' ? fn : null; },
        configurable: true,
        enumerable: true,
    });
}
for (const [name, value] of Object.entries({ CONNECTING, OPEN, CLOSING, CLOSED })) {
    Object.defineProperty(WebSocket, name, { value, enumerable: true });
    Object.defineProperty(WebSocket.prototype, name, { value, enumerable: true });
}

native.websocketsSetDispatcher((id, type, a, b, c) => {
    const ws = sockets.get(id);
    if (!ws) return;
    switch (type) {
    case 'open':
        if (ws._readyState === CLOSING) break; // close() while connecting: no open event
        ws._readyState = OPEN;
        ws._protocol = a;
        ws._extensions = c;
        ws.dispatchEvent(new Event('open', ws));
        break;
    case 'message': {
        const data = !b ? a : ws._binaryType === 'arraybuffer' ? a : new Blob([a]);
        ws.dispatchEvent(new Event('message', ws, { data, origin: ws._url }));
        break;
    }
    case 'error':
        ws.dispatchEvent(new Event('error', ws, { error: String(a), message: String(a) }));
        break;
    case 'ping':
    case 'pong':
        ws.dispatchEvent(new Event(type, ws));
        break;
    case 'close':
        ws._readyState = CLOSED;
        sockets.delete(id);
        ws.dispatchEvent(new Event('close', ws, { code: a, reason: b, wasClean: c }));
        break;
    }
});

export default { WebSocket, Blob };
