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
}

function selectJson(value, selector) {
    // Dotted paths with array indexes: "a.b.0.c", "items.#" (length).
    let cur = value;
    for (const part of String(selector).split('.')) {
        if (cur === null || cur === undefined) return undefined;
        if (part === '#' && Array.isArray(cur)) { cur = cur.length; continue; }
        cur = cur[part];
    }
    return cur;
}

export class Response {
    json(selector) {
        if (this.body === null || this.body === undefined) {
            throw new Error('the body is null so we can\'t transform it to JSON - this likely was because of a request error getting the response');
        }
        const text = typeof this.body === 'string' ? this.body : native.utf8Decode(this.body);
        const parsed = JSON.parse(text);
        return selector === undefined ? parsed : selectJson(parsed, selector);
    }
}
native.setResponsePrototype(Response.prototype);

function encodeForm(obj) {
    return Object.keys(obj)
        .map((k) => encodeURIComponent(k) + '=' + encodeURIComponent(obj[k] === null ? '' : String(obj[k])))
        .join('&');
}

function normalizeParams(params) {
    const p = params === undefined || params === null ? {} : params;
    if (typeof p !== 'object') throw new TypeError('request params must be an object');
    const out = { headers: {}, tags: {}, timeout: 60000, redirects: -1, responseType: 'text', expected: null };
    if (p.headers) {
        for (const k of Object.keys(p.headers)) out.headers[k] = String(p.headers[k]);
    }
    if (p.tags) {
        for (const k of Object.keys(p.tags)) out.tags[k] = String(p.tags[k]);
    }
    if (p.timeout !== undefined) out.timeout = native.parseTimeout(p.timeout);
    if (p.redirects !== undefined) out.redirects = Number(p.redirects);
    if (p.responseType !== undefined) out.responseType = String(p.responseType);
    const cb = p.responseCallback !== undefined ? p.responseCallback : defaultCallback;
    if (cb) {
        if (!cb[kExpected]) throw new TypeError('responseCallback must be the result of http.expectedStatuses()');
        out.expected = cb[kExpected];
    }
    return out;
}

export function request(method, url, body, params) {
    const p = normalizeParams(params);
    let payload = null;
    if (body !== null && body !== undefined) {
        if (typeof body === 'string') {
            payload = body;
        } else if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) {
            payload = body;
        } else if (typeof body === 'object') {
            payload = encodeForm(body);
            if (!Object.keys(p.headers).some((h) => h.toLowerCase() === 'content-type')) {
                p.headers['Content-Type'] = 'application/x-www-form-urlencoded';
            }
        } else {
            payload = String(body);
        }
    }
    return native.request(String(method).toUpperCase(), String(url), payload, p);
}

export function get(url, params) { return request('GET', url, null, params); }
export function head(url, params) { return request('HEAD', url, null, params); }
export function post(url, body, params) { return request('POST', url, body, params); }
export function put(url, body, params) { return request('PUT', url, body, params); }
export function patch(url, body, params) { return request('PATCH', url, body, params); }
export function del(url, body, params) { return request('DELETE', url, body, params); }
function optionsVerb(url, body, params) { return request('OPTIONS', url, body, params); }
export { optionsVerb as options };

export default {
    get, head, post, put, patch, del, options: optionsVerb, request,
    expectedStatuses, setResponseCallback, Response,
};
