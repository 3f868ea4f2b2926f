// k6/http on top of the native request primitive.
import native from 'stampede:native/http';

const kExpected = Symbol('expectedStatuses');

export function expectedStatuses(...ranges) {
    const list = [];
    for (const r of ranges) {
        if (typeof r === 'number' && Number.isInteger(r)) {
            list.push([r, r]);
        } else if (r !== null && typeof r === 'object' && Number.isInteger(r.min) && Number.isInteger(r.max)) {
            list.push([r.min, r.max]);
        } else {
            throw new TypeError('expectedStatuses() takes integers or {min, max} objects, got ' + JSON.stringify(r));
        }
    }
    const cb = function responseCallback(res) {
        return list.some(([min, max]) => res.status >= min && res.status <= max);
    };
    cb[kExpected] = list;
    return cb;
}

let defaultCallback = expectedStatuses({ min: 200, max: 399 });

export function setResponseCallback(cb) {
    if (cb !== null && cb !== undefined && !(typeof cb === 'function' && cb[kExpected])) {
        throw new TypeError('setResponseCallback() takes the result of http.expectedStatuses() or null');
    }
    defaultCallback = cb === undefined ? null : cb;
    defaultParams = null;
}

const kHead = Symbol('responseHead');
const kRequest = Symbol('request');
const kOcsp = Symbol('ocsp');

// Helpers most iterations never need (json(selector), header parsing for the lazily built
// fields, form and multipart bodies): made on first use, so that a VU's context does not
// hold a closure for each of them from the start.
let extrasCache = null;
function extras() {
    if (extrasCache === null) extrasCache = makeExtras();
    return extrasCache;
}

function makeExtras() {
    // res.json(selector): gjson path syntax as k6 documents it —
    //   "a.b.c", "items.1", "items.#" (length), "items.#.name" (that field of every element),
    //   wildcards "na*e" / "n?me", escaped dots "a\\.b", queries "items.#(name==\"x\")" (first
    //   match) and "items.#(price>10)#" (all matches) with ==, !=, <, <=, >, >=, % (like) and !%.
    function splitPath(path) {
        const parts = [];
        let cur = '';
        let depth = 0;
        for (let i = 0; i < path.length; i++) {
            const c = path[i];
            if (c === '\\' && i + 1 < path.length) { cur += path[++i]; continue; }
            if (c === '(') depth++;
            if (c === ')') depth--;
            if (c === '.' && depth === 0) { parts.push(cur); cur = ''; continue; }
            cur += c;
        }
        parts.push(cur);
        return parts;
    }

    function wildcardMatch(pattern, text) {
        const re = new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
        return re.test(text);
    }

    function queryMatches(element, query) {
        const m = /^(.*?)\s*(==|!=|<=|>=|<|>|!%|%)\s*(.*)$/.exec(query);
        if (!m) { // "#(field)": the field exists and is truthy
            const v = selectJson(element, query.trim());
            return v !== undefined && v !== null && v !== false;
        }
        const left = m[1].trim() === '' ? element : selectJson(element, m[1].trim());
        let right = m[3].trim();
        if (/^".*"$/.test(right)) right = right.slice(1, -1);
        else if (right === 'true' || right === 'false') right = right === 'true';
        else if (right === 'null') right = null;
        else if (right !== '' && !isNaN(Number(right))) right = Number(right);
        switch (m[2]) {
        case '==': return left === right;
        case '!=': return left !== right;
        case '<': return left < right;
        case '<=': return left <= right;
        case '>': return left > right;
        case '>=': return left >= right;
        case '%': return typeof left === 'string' && wildcardMatch(String(right), left);
        case '!%': return typeof left === 'string' && !wildcardMatch(String(right), left);
        }
        return false;
    }

    function selectJson(value, selector) {
        const parts = splitPath(String(selector));
        let cur = value;
        for (let i = 0; i < parts.length; i++) {
            const part = parts[i];
            if (cur === null || cur === undefined) return undefined;
            if (part === '#' && Array.isArray(cur)) {
                const rest = parts.slice(i + 1).join('.');
                return rest === '' ? cur.length : cur.map((e) => selectJson(e, rest)).filter((v) => v !== undefined);
            }
            const query = /^#\((.*)\)(#?)$/.exec(part);
            if (query && Array.isArray(cur)) {
                if (query[2] === '#') {
                    const all = cur.filter((e) => queryMatches(e, query[1]));
                    const rest = parts.slice(i + 1).join('.');
                    return rest === '' ? all : all.map((e) => selectJson(e, rest)).filter((v) => v !== undefined);
                }
                cur = cur.find((e) => queryMatches(e, query[1]));
                continue;
            }
            if (typeof cur !== 'object') return undefined;
            if (/[*?]/.test(part)) {
                const key = Object.keys(cur).find((k) => wildcardMatch(part, k));
                cur = key === undefined ? undefined : cur[key];
                continue;
            }
            cur = cur[part];
        }
        return cur;
    }

    // Values the Response keeps for its lazily built fields (symbol keys: invisible to
    // Object.keys() and JSON.stringify()).

    // "content-type" -> "Content-Type" (Go's canonical MIME header keys, as k6 reports them).
    function canonicalKey(key) {
        let out = '';
        let upper = true;
        for (let i = 0; i < key.length; i++) {
            const c = key[i];
            out += upper ? c.toUpperCase() : c.toLowerCase();
            upper = c === '-';
        }
        return out;
    }

    // "Key: value\n..." (as the native side passes headers) -> { Key: "value, value2" }.
    function parseHeaderLines(text) {
        const out = {};
        if (!text) return out;
        let start = 0;
        while (start < text.length) {
            let end = text.indexOf('\n', start);
            if (end < 0) end = text.length;
            const colon = text.indexOf(':', start);
            if (colon > start && colon < end) {
                const key = canonicalKey(text.slice(start, colon));
                const value = text.slice(colon + 2, end);
                out[key] = Object.prototype.hasOwnProperty.call(out, key) ? out[key] + ', ' + value : value;
            }
            start = end + 1;
        }
        return out;
    }

    function requestCookies(params) {
        const out = {};
        const cookies = params && params.cookies;
        if (!cookies) return out;
        for (const name of Object.keys(cookies)) {
            const v = cookies[name];
            const isObject = v !== null && typeof v === 'object';
            out[name] = [{
                name,
                value: String(isObject ? v.value : v),
                replace: isObject ? Boolean(v.replace) : false,
            }];
        }
        return out;
    }

    function utf8Bytes(text) {
        const out = [];
        for (let i = 0; i < text.length; i++) {
            let c = text.codePointAt(i);
            if (c > 0xffff) i++;
            if (c < 0x80) out.push(c);
            else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
            else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
            else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
        }
        return out;
    }

    function bytesOf(data) {
        if (typeof data === 'string') return utf8Bytes(data);
        if (data instanceof ArrayBuffer) return Array.from(new Uint8Array(data));
        if (ArrayBuffer.isView(data)) return Array.from(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        return utf8Bytes(String(data));
    }

    // An object body with http.file() values: multipart/form-data, as k6 sends it.
    function encodeMultipart(obj) {
        let boundary = '';
        for (let i = 0; i < 30; i++) boundary += '0123456789abcdef'[Math.floor(Math.random() * 16)];
        const bytes = [];
        const push = (text) => { for (const b of utf8Bytes(text)) bytes.push(b); };
        for (const key of Object.keys(obj)) {
            const value = obj[key];
            push(`--${boundary}\r\n`);
            if (value instanceof FileData) {
                push(`Content-Disposition: form-data; name="${key}"; filename="${value.filename}"\r\n`);
                push(`Content-Type: ${value.content_type}\r\n\r\n`);
                for (const b of bytesOf(value.data)) bytes.push(b);
                push('\r\n');
            } else {
                push(`Content-Disposition: form-data; name="${key}"\r\n\r\n`);
                push(value === null || value === undefined ? '' : String(value));
                push('\r\n');
            }
        }
        push(`--${boundary}--\r\n`);
        return { body: new Uint8Array(bytes).buffer, contentType: `multipart/form-data; boundary=${boundary}` };
    }

    function encodeForm(obj) {
        return Object.keys(obj)
            .map((k) => encodeURIComponent(k) + '=' + encodeURIComponent(obj[k] === null ? '' : String(obj[k])))
            .join('&');
    }

    return { selectJson, parseHeaderLines, requestCookies, encodeMultipart, encodeForm };
}

// Stores a lazily built field on the response as an ordinary enumerable property.
function own(obj, name, value) {
    Object.defineProperty(obj, name, { value, writable: true, enumerable: true, configurable: true });
    return value;
}

// Response: the fields every script reads are set by the constructor; headers, cookies,
// request and ocsp are built on first use (most iterations never look at them), then
// stored on the object as ordinary enumerable properties.
export class Response {
    constructor(status, statusText, proto, url, body, head, blocked, connecting, tlsHandshaking, sending, waiting,
        receiving, duration, error, errorCode, remoteIp, remotePort, tlsVersion, tlsCipherSuite, ocspStatus,
        request) {
        this.status = status;
        this.status_text = statusText;
        this.proto = proto;
        this.url = url;
        this.body = body;
        this.timings = {
            blocked, connecting, tls_handshaking: tlsHandshaking, sending, waiting, receiving, duration,
        };
        this.error = error;
        this.error_code = errorCode;
        this.remote_ip = remoteIp;
        this.remote_port = remotePort;
        this.tls_version = tlsVersion;
        this.tls_cipher_suite = tlsCipherSuite;
        this[kHead] = head;
        this[kOcsp] = ocspStatus;
        this[kRequest] = request;
    }

    json(selector) {
        if (this.body === null || this.body === undefined) {
            throw new Error('the body is null so we can\'t transform it to JSON - this likely was because of a request error getting the response');
        }
        const text = typeof this.body === 'string' ? this.body : native.utf8Decode(this.body);
        const parsed = JSON.parse(text);
        return selector === undefined ? parsed : extras().selectJson(parsed, selector);
    }

    // The body as an HTML document (k6/html Selection), optionally narrowed by a selector.
    html(selector) {
        if (this.body === null || this.body === undefined) {
            throw new Error('the body is null so we can\'t parse it as HTML');
        }
        const text = typeof this.body === 'string' ? this.body : native.utf8Decode(this.body);
        // k6/html is loaded on first use only, so VUs that never parse HTML do not pay for it.
        const doc = native.htmlModule().parseHTML(text);
        return selector === undefined ? doc : doc.find(selector);
    }

    // The fields built on first use; assigning one replaces it, as with any other field.
    get headers() { return own(this, 'headers', extras().parseHeaderLines(this[kHead])); }
    set headers(v) { own(this, 'headers', v); }
    get cookies() { return own(this, 'cookies', native.responseCookies(this[kHead] || '')); }
    set cookies(v) { own(this, 'cookies', v); }
    get ocsp() {
        return own(this, 'ocsp', {
            produced_at: 0, this_update: 0, next_update: 0, revoked_at: 0, revocation_reason: '', status: this[kOcsp],
        });
    }
    set ocsp(v) { own(this, 'ocsp', v); }
    // request: [method, url, head, body, params] of the final hop.
    get request() {
        const [method, url, head, body, params] = this[kRequest];
        return own(this, 'request', {
            method, url,
            body: body === null || body === undefined ? '' : (typeof body === 'string' ? body : native.utf8Decode(body)),
            headers: extras().parseHeaderLines(head),
            cookies: extras().requestCookies(params),
        });
    }
    set request(v) { own(this, 'request', v); }

    // JSON.stringify(res) shows every field, the lazy ones included.
    toJSON() {
        const out = {};
        for (const k of ['status', 'status_text', 'proto', 'url', 'headers', 'cookies', 'body', 'timings', 'error',
            'error_code', 'remote_ip', 'remote_port', 'tls_version', 'tls_cipher_suite', 'ocsp', 'request']) {
            out[k] = this[k];
        }
        return out;
    }
}

// http.file(): a file part for multipart/form-data bodies.
export class FileData {
    constructor(data, filename, contentType) {
        this.data = data;
        this.filename = filename;
        this.content_type = contentType || 'application/octet-stream';
    }
}

export function file(data, filename, contentType) {
    if (data === undefined || data === null) throw new TypeError('http.file() needs data (a string or an ArrayBuffer)');
    return new FileData(data, filename === undefined ? 'file' : String(filename), contentType);
}

native.setResponseClass(Response);

// The normalised params of a request without params: built once (again when the response
// callback changes), frozen, and known to the native side, which parses it only once.
let defaultParams = null;
function deepFreeze(o) {
    for (const v of Object.values(o)) if (v !== null && typeof v === 'object') deepFreeze(v);
    return Object.freeze(o);
}

function normalizeParams(params, forDefault) {
    if ((params === undefined || params === null) && !forDefault) {
        if (defaultParams === null) {
            defaultParams = deepFreeze(normalizeParams(undefined, true));
            native.setDefaultParams(defaultParams);
        }
        return defaultParams;
    }
    const p = params === undefined || params === null ? {} : params;
    if (typeof p !== 'object') throw new TypeError('request params must be an object');
    const out = {
        headers: {}, tags: {}, timeout: 60000, redirects: -1, responseType: '', expected: null,
        cookies: null, jar: null,
    };
    if (p.headers) {
        for (const k of Object.keys(p.headers)) out.headers[k] = String(p.headers[k]);
    }
    if (p.tags) {
        for (const k of Object.keys(p.tags)) out.tags[k] = String(p.tags[k]);
    }
    if (p.timeout !== undefined) out.timeout = native.parseTimeout(p.timeout);
    if (p.redirects !== undefined && p.redirects !== null) out.redirects = Number(p.redirects);
    if (p.responseType !== undefined && p.responseType !== null) out.responseType = String(p.responseType);
    if (p.cookies) out.cookies = p.cookies;
    if (p.auth !== undefined && p.auth !== null) out.auth = String(p.auth);
    if (p.h2c !== undefined && p.h2c !== null) out.h2c = Boolean(p.h2c);
    if (p.compression !== undefined && p.compression !== null && p.compression !== '') out.compression = String(p.compression);
    if (p.jar !== undefined && p.jar !== null) {
        if (!(p.jar instanceof CookieJar)) throw new TypeError('params.jar must be a CookieJar');
        out.jar = p.jar._handle;
        if (out.jar === null) out.jar = undefined; // the VU's jar
    }
    const cb = p.responseCallback !== undefined ? p.responseCallback : defaultCallback;
    if (cb) {
        if (!cb[kExpected]) throw new TypeError('responseCallback must be the result of http.expectedStatuses()');
        out.expected = cb[kExpected];
    }
    return out;
}

function prepare(method, url, body, params) {
    let p = normalizeParams(params);
    if (p === defaultParams && body !== null && typeof body === 'object' && !(body instanceof ArrayBuffer) &&
        !ArrayBuffer.isView(body)) {
        p = normalizeParams({}); // a form or multipart body adds a header
    }
    let payload = null;
    if (body !== null && body !== undefined) {
        if (typeof body === 'string') {
            payload = body;
        } else if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) {
            payload = body;
        } else if (typeof body === 'object' && Object.values(body).some((v) => v instanceof FileData)) {
            const mp = extras().encodeMultipart(body);
            payload = mp.body;
            if (!Object.keys(p.headers).some((h) => h.toLowerCase() === 'content-type')) {
                p.headers['Content-Type'] = mp.contentType;
            }
        } else if (typeof body === 'object') {
            payload = extras().encodeForm(body);
            if (!Object.keys(p.headers).some((h) => h.toLowerCase() === 'content-type')) {
                p.headers['Content-Type'] = 'application/x-www-form-urlencoded';
            }
        } else {
            payload = String(body);
        }
    }
    if (url !== null && typeof url === 'object' && url.url !== undefined) { // http.url`` objects
        if (url.name !== undefined && p.tags.name === undefined) p.tags.name = url.name;
        url = url.url;
    }
    return [String(method).toUpperCase(), String(url), payload, p];
}

export function request(method, url, body, params) {
    const [m, u, b, p] = prepare(method, url, body, params);
    return native.request(m, u, b, p);
}

// asyncRequest(): the same request, as a Promise resolved on the VU's event loop.
export function asyncRequest(method, url, body, params) {
    const [m, u, b, p] = prepare(method, url, body, params);
    return native.asyncRequest(m, u, b, p);
}

export function get(url, params) { return request('GET', url, null, params); }
export function head(url, params) { return request('HEAD', url, null, params); }
export function post(url, body, params) { return request('POST', url, body, params); }
export function put(url, body, params) { return request('PUT', url, body, params); }
export function patch(url, body, params) { return request('PATCH', url, body, params); }
export function del(url, body, params) { return request('DELETE', url, body, params); }
function optionsVerb(url, body, params) { return request('OPTIONS', url, body, params); }
export { optionsVerb as options };

// One batch item as k6 takes it: a URL string, [method, url, body, params] or {method, url, body, params}.
function batchItem(item) {
    if (typeof item === 'string' || (item !== null && typeof item === 'object' && item.constructor && item.constructor.name === 'URL')) {
        return prepare('GET', String(item), null, undefined);
    }
    if (Array.isArray(item)) {
        if (item.length < 2) throw new TypeError('a batch request array needs at least [method, url]');
        return prepare(item[0], item[1], item[2], item[3]);
    }
    if (item !== null && typeof item === 'object') {
        if (item.url === undefined) throw new TypeError('a batch request object needs a url');
        return prepare(item.method === undefined ? 'GET' : item.method, item.url, item.body, item.params);
    }
    throw new TypeError('invalid batch request: ' + JSON.stringify(item));
}

export function batch(requests) {
    if (Array.isArray(requests)) {
        return native.batch(requests.map(batchItem));
    }
    if (requests !== null && typeof requests === 'object') {
        const keys = Object.keys(requests);
        const results = native.batch(keys.map((k) => batchItem(requests[k])));
        const out = {};
        keys.forEach((k, i) => { out[k] = results[i]; });
        return out;
    }
    throw new TypeError('batch() takes an array or an object of requests');
}

export class CookieJar {
    constructor() {
        this._handle = native.newJar();
    }
    cookiesForURL(url) { return native.jarCookiesForURL(this._handle, String(url)); }
    get(url, name) { return native.jarGet(this._handle, String(url), String(name)); }
    set(url, name, value, options) {
        native.jarSet(this._handle, String(url), String(name), String(value), options || null);
    }
    clear(url) { native.jarClear(this._handle, String(url)); }
    delete(url, name) { native.jarDelete(this._handle, String(url), String(name)); }
}

let vuJar = null;
export function cookieJar() {
    if (vuJar === null) {
        vuJar = Object.create(CookieJar.prototype);
        vuJar._handle = null; // the VU's own jar, reset every iteration unless noCookiesReset
    }
    return vuJar;
}

// http.url`https://example.com/posts/${id}`: the URL, with the template as the name tag.
export function url(strings, ...values) {
    let u = '';
    let name = '';
    strings.forEach((s, i) => {
        u += s;
        name += s;
        if (i < values.length) {
            u += String(values[i]);
            name += '${}';
        }
    });
    return { url: u, name, toString() { return u; } };
}

export default {
    get, head, post, put, patch, del, options: optionsVerb, request, asyncRequest, batch,
    cookieJar, CookieJar, url, file, FileData,
    expectedStatuses, setResponseCallback, Response,
};
