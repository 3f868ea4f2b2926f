// k6/ws: ws.connect(url, params, callback) on top of the native session loop.
import native from 'stampede:native/ws';

class Socket {
    constructor() {
        this._id = 0;
        this._handlers = {};
    }
    on(event, handler) {
        if (typeof handler !== 'function') throw new TypeError('socket.on() needs a function');
        (this._handlers[event] = this._handlers[event] || []).push(handler);
    }
    _emit(event, ...args) {
        const list = this._handlers[event];
        if (!list) return;
        for (const h of list) h.apply(this, args);
    }
    send(data) { native.wsSend(this._id, String(data)); }
    sendBinary(data) { native.wsSendBinary(this._id, data); }
    ping() { native.wsPing(this._id); }
    close(code) { native.wsClose(this._id, code === undefined ? 1000 : Number(code)); }
    setTimeout(fn, ms) { return native.wsSetTimeout(this._id, fn, Number(ms) || 0); }
    setInterval(fn, ms) { return native.wsSetInterval(this._id, fn, Number(ms) || 0); }
    clearTimeout(id) { native.wsClearTimer(this._id, id); }
    clearInterval(id) { native.wsClearTimer(this._id, id); }
}

export function connect(url, params, callback) {
    if (typeof params === 'function' && callback === undefined) {
        callback = params;
        params = null;
    }
    const p = params || {};
    const norm = { headers: {}, tags: {} };
    if (p.headers) for (const k of Object.keys(p.headers)) norm.headers[k] = String(p.headers[k]);
    if (p.tags) for (const k of Object.keys(p.tags)) norm.tags[k] = String(p.tags[k]);
    return native.wsConnect(String(url), norm, new Socket(), callback);
}

export default { connect };
