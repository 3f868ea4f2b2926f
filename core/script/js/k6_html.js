// k6/html: parseHTML() and jQuery-like Selections over a parsed document, plus the
// Element API of their nodes. The native side owns the document; here a Selection is
// the document handle plus a list of node numbers, so it never holds a native pointer.
import native from 'stampede:native/html';

const kDoc = Symbol('document');
const kIds = Symbol('nodes');
const kPrev = Symbol('previous');
const kId = Symbol('node');

const ELEMENT_NODE = 1;

// Public methods run behind native.html_guard, which re-raises the module's own
// errors (bad selectors, bad arguments) at the script's call site, so the reported
// file:line:column is the script's; errors from script callbacks pass unchanged.
function relocate(fn) {
    return native.html_guard(fn);
}
function relocateAll(proto) {
    for (const key of Object.getOwnPropertyNames(proto)) {
        const d = Object.getOwnPropertyDescriptor(proto, key);
        if (key !== 'constructor' && typeof d.value === 'function') {
            Object.defineProperty(proto, key, { ...d, value: relocate(d.value) });
        }
    }
}

function hidden(obj, key, value) {
    Object.defineProperty(obj, key, { value, enumerable: false, writable: false, configurable: false });
}

function makeSelection(doc, ids, prev) {
    const s = Object.create(Selection.prototype);
    hidden(s, kDoc, doc);
    hidden(s, kIds, ids);
    hidden(s, kPrev, prev === undefined ? null : prev);
    return s;
}

function isSelection(v) {
    return v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, kIds);
}
function isElement(v) {
    return v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, kId);
}

function sameDoc(a, docB, what) {
    if (a[kDoc] !== docB) throw new Error(what + ': the selection belongs to another document');
}

// Node numbers of a Selection or Element argument in `doc`.
function idsOfArg(doc, v, what) {
    if (isSelection(v)) {
        sameDoc(v, doc, what);
        return v[kIds];
    }
    if (isElement(v)) {
        sameDoc(v, doc, what);
        return [v[kId]];
    }
    return null;
}

function sortedUnion(a, b) {
    return Array.from(new Set([...a, ...b])).sort((x, y) => x - y);
}

function optSelector(selector, what) {
    if (selector === undefined || selector === null) return undefined;
    if (typeof selector !== 'string') throw new TypeError(what + '() takes a selector string');
    return selector;
}

// ---------------------------------------------------------------- data-* helpers

const initialisms = new Set(['ACL', 'API', 'ASCII', 'CPU', 'CSS', 'DNS', 'EOF', 'GUID', 'HTML', 'HTTP', 'HTTPS',
    'ID', 'IP', 'JSON', 'LHS', 'QPS', 'RAM', 'RHS', 'RPC', 'SLA', 'SMTP', 'SQL', 'SSH', 'TCP', 'TLS', 'TTL', 'UDP',
    'UI', 'UID', 'UUID', 'URI', 'URL', 'UTF8', 'VM', 'XML', 'XMPP', 'XSRF', 'XSS']);

// "test-id" -> "testID", "my-long-name" -> "myLongName" (k6's data() keys).
function attrToProperty(name) {
    const idx = name.indexOf('-');
    if (idx === -1) return name;
    const words = name.slice(idx + 1).split('-').filter((w) => w.length > 0);
    return name.slice(0, idx) + words.map((w) => {
        const up = w.toUpperCase();
        return initialisms.has(up) ? up : w[0].toUpperCase() + w.slice(1);
    }).join('');
}

// "testId" / "testID" / "test-id" -> "test-id".
function propertyToAttr(name) {
    let out = '';
    for (let i = 0; i < name.length; i++) {
        const c = name[i];
        const isUpper = c >= 'A' && c <= 'Z';
        if (isUpper && i > 0) {
            const prev = name[i - 1];
            const next = name[i + 1];
            const prevLowerOrDigit = (prev >= 'a' && prev <= 'z') || (prev >= '0' && prev <= '9');
            const prevUpper = prev >= 'A' && prev <= 'Z';
            const nextLower = next !== undefined && next >= 'a' && next <= 'z';
            if (prevLowerOrDigit || (prevUpper && nextLower)) out += '-';
        }
        out += c.toLowerCase();
    }
    return out;
}

function convertDataValue(v) {
    if (v.length === 0) return undefined;
    if (v[0] === '{' || v[0] === '[') {
        try {
            return JSON.parse(v);
        } catch (e) {
            return v;
        }
    }
    switch (v) {
    case 'true': return true;
    case 'false': return false;
    case 'null':
    case 'undefined': return undefined;
    default: {
        const n = Number(v);
        if (v.trim() !== '' && Number.isFinite(n) && String(n) === v) return n;
        return v;
    }
    }
}

// ---------------------------------------------------------------- forms

function nodeName(doc, id) {
    return native.html_info(doc, id)[1];
}

function attrOf(doc, id, name) {
    return native.html_attr(doc, id, name);
}

function valueOrHtml(doc, id) {
    const v = attrOf(doc, id, 'value');
    return v !== undefined ? v : native.html_html(doc, id, false);
}

function valueOf(doc, id) {
    switch (nodeName(doc, id)) {
    case 'input': {
        const v = attrOf(doc, id, 'value');
        if (v !== undefined) return v;
        const type = (attrOf(doc, id, 'type') || '').toLowerCase();
        return type === 'radio' || type === 'checkbox' ? 'on' : '';
    }
    case 'button': {
        const v = attrOf(doc, id, 'value');
        return v === undefined ? '' : v;
    }
    case 'textarea':
        return native.html_html(doc, id, false);
    case 'option':
        return valueOrHtml(doc, id);
    case 'select': {
        const selected = native.html_select(doc, [id], 'option[selected]', 'find');
        if (attrOf(doc, id, 'multiple') !== undefined) return selected.map((o) => valueOrHtml(doc, o));
        return selected.length > 0 ? valueOrHtml(doc, selected[0]) : '';
    }
    default:
        return undefined;
    }
}

function formFields(sel) {
    const doc = sel[kDoc];
    const submittable = 'input,select,textarea,keygen';
    const ids = native.html_select(doc, sel[kIds], 'form', 'filter').length > 0
        ? native.html_select(doc, sel[kIds], submittable, 'find')
        : native.html_select(doc, sel[kIds], submittable, 'filter');
    const out = [];
    for (const id of ids) {
        const name = attrOf(doc, id, 'name');
        const type = (attrOf(doc, id, 'type') || '').toLowerCase();
        if (!name) continue;
        if (attrOf(doc, id, 'disabled') !== undefined) continue;
        if (['submit', 'button', 'reset', 'image', 'file'].includes(type)) continue;
        if ((type === 'checkbox' || type === 'radio') && attrOf(doc, id, 'checked') === undefined) continue;
        out.push({ name, value: valueOf(doc, id) });
    }
    return out;
}

function formEncode(s) {
    return encodeURIComponent(s).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

// ---------------------------------------------------------------- Selection

export class Selection {
    constructor() {
        throw new TypeError('Selection cannot be constructed directly: use parseHTML()');
    }

    size() { return this[kIds].length; }

    find(selector) {
        const doc = this[kDoc];
        const ids = idsOfArg(doc, selector, 'find');
        if (ids !== null) return makeSelection(doc, native.html_within(doc, this[kIds], ids), this);
        if (typeof selector !== 'string') throw new TypeError('find() takes a selector string, a Selection or an Element');
        return makeSelection(doc, native.html_select(doc, this[kIds], selector, 'find'), this);
    }

    add(arg) {
        const doc = this[kDoc];
        let ids = idsOfArg(doc, arg, 'add');
        if (ids === null) {
            if (typeof arg !== 'string') throw new TypeError('add() takes a selector string, a Selection or an Element');
            ids = native.html_select(doc, [0], arg, 'find');
        }
        return makeSelection(doc, sortedUnion(this[kIds], ids), this);
    }

    attr(name, defaultValue) {
        if (this[kIds].length === 0) return defaultValue;
        const v = attrOf(this[kDoc], this[kIds][0], String(name));
        return v === undefined ? defaultValue : v;
    }

    children(selector) {
        return makeSelection(this[kDoc], native.html_nav(this[kDoc], this[kIds], 'children', optSelector(selector, 'children')), this);
    }

    contents() {
        return makeSelection(this[kDoc], native.html_nav(this[kDoc], this[kIds], 'contents'), this);
    }

    closest(selector) {
        const doc = this[kDoc];
        const ids = idsOfArg(doc, selector, 'closest');
        if (ids !== null) {
            const set = new Set(ids);
            const out = [];
            for (const id of this[kIds]) {
                const chain = [id, ...native.html_nav(doc, [id], 'parents')];
                const hit = chain.find((c) => set.has(c));
                if (hit !== undefined && !out.includes(hit)) out.push(hit);
            }
            return makeSelection(doc, out, this);
        }
        if (typeof selector !== 'string') throw new TypeError('closest() takes a selector string, a Selection or an Element');
        return makeSelection(doc, native.html_select(doc, this[kIds], selector, 'closest'), this);
    }

    data(key) {
        if (this[kIds].length === 0) return undefined;
        const doc = this[kDoc];
        const id = this[kIds][0];
        const attrs = native.html_attrs(doc, id);
        if (attrs.length === 0) return undefined;
        if (key !== undefined) {
            const v = attrOf(doc, id, 'data-' + propertyToAttr(String(key)));
            return v === undefined ? undefined : convertDataValue(v);
        }
        const out = {};
        for (let i = 0; i < attrs.length; i += 2) {
            if (attrs[i].startsWith('data-') && attrs[i].length > 5) out[attrToProperty(attrs[i].slice(5))] = convertDataValue(attrs[i + 1]);
        }
        return out;
    }

    each(fn) {
        if (typeof fn !== 'function') throw new TypeError('the argument to each() must be a function');
        const ids = this[kIds];
        for (let i = 0; i < ids.length; i++) {
            const el = makeElement(this[kDoc], ids[i]);
            fn.call(el, i, el);
        }
        return this;
    }

    end() {
        return this[kPrev] !== null ? this[kPrev] : makeSelection(this[kDoc], [], null);
    }

    eq(index) {
        const ids = this[kIds];
        let i = Math.trunc(Number(index));
        if (i < 0) i += ids.length;
        return makeSelection(this[kDoc], i >= 0 && i < ids.length ? [ids[i]] : [], this);
    }

    first() { return this.eq(0); }
    last() { return this.eq(-1); }

    filter(selector) {
        const doc = this[kDoc];
        if (typeof selector === 'string') return makeSelection(doc, native.html_select(doc, this[kIds], selector, 'filter'), this);
        const ids = idsOfArg(doc, selector, 'filter');
        if (ids !== null) {
            const set = new Set(ids);
            return makeSelection(doc, this[kIds].filter((id) => set.has(id)), this);
        }
        if (typeof selector !== 'function') throw new TypeError('the argument to filter() must be a function, a selector or a selection');
        return makeSelection(doc, this[kIds].filter((id, i) => !!selector.call(makeElement(doc, id), i, makeSelection(doc, [id], this))), this);
    }

    get(index) {
        const ids = this[kIds];
        if (index === undefined) return ids.map((id) => makeElement(this[kDoc], id));
        const i = Math.trunc(Number(index));
        if (!(i < ids.length && i > -ids.length)) return undefined;
        return makeElement(this[kDoc], ids[i < 0 ? i + ids.length : i]);
    }

    has(selector) {
        const doc = this[kDoc];
        const ids = idsOfArg(doc, selector, 'has');
        if (ids !== null) return makeSelection(doc, this[kIds].filter((id) => native.html_within(doc, [id], ids).length > 0), this);
        if (typeof selector !== 'string') throw new TypeError('has() takes a selector string, a Selection or an Element');
        return makeSelection(doc, native.html_select(doc, this[kIds], selector, 'has'), this);
    }

    html() {
        if (this[kIds].length === 0) return undefined;
        return native.html_html(this[kDoc], this[kIds][0], false);
    }

    index(arg) {
        const doc = this[kDoc];
        const ids = this[kIds];
        if (arg === undefined) {
            if (ids.length === 0) return -1;
            return native.html_nav(doc, [ids[0]], 'prevAll').length;
        }
        if (typeof arg === 'string') {
            if (ids.length === 0) return -1;
            return native.html_select(doc, [0], arg, 'find').indexOf(ids[0]);
        }
        const other = idsOfArg(doc, arg, 'index');
        if (other === null || other.length === 0) return -1;
        return ids.indexOf(other[0]);
    }

    is(selector) {
        const doc = this[kDoc];
        if (typeof selector === 'string') return native.html_select(doc, this[kIds], selector, 'filter').length > 0;
        const ids = idsOfArg(doc, selector, 'is');
        if (ids !== null) {
            const set = new Set(ids);
            return this[kIds].some((id) => set.has(id));
        }
        if (typeof selector !== 'function') throw new TypeError('the argument to is() must be a function, a selector or a selection');
        return this[kIds].some((id, i) => !!selector.call(makeElement(doc, id), i, makeSelection(doc, [id], this)));
    }

    map(fn) {
        if (typeof fn !== 'function') throw new TypeError('the argument to map() must be a function');
        const doc = this[kDoc];
        return this[kIds].map((id, i) => fn.call(makeElement(doc, id), i, makeSelection(doc, [id], this)));
    }

    next(selector) {
        return makeSelection(this[kDoc], native.html_nav(this[kDoc], this[kIds], 'next', optSelector(selector, 'next')), this);
    }
    nextAll(selector) {
        return makeSelection(this[kDoc], native.html_nav(this[kDoc], this[kIds], 'nextAll', optSelector(selector, 'nextAll')), this);
    }
    prev(selector) {
        return makeSelection(this[kDoc], native.html_nav(this[kDoc], this[kIds], 'prev', optSelector(selector, 'prev')), this);
    }
    prevAll(selector) {
        return makeSelection(this[kDoc], native.html_nav(this[kDoc], this[kIds], 'prevAll', optSelector(selector, 'prevAll')), this);
    }
    parent(selector) {
        return makeSelection(this[kDoc], native.html_nav(this[kDoc], this[kIds], 'parent', optSelector(selector, 'parent')), this);
    }
    parents(selector) {
        return makeSelection(this[kDoc], native.html_nav(this[kDoc], this[kIds], 'parents', optSelector(selector, 'parents')), this);
    }
    siblings(selector) {
        return makeSelection(this[kDoc], native.html_nav(this[kDoc], this[kIds], 'siblings', optSelector(selector, 'siblings')), this);
    }

    nextUntil(until, filter) { return untilNav(this, 'nextUntil', until, filter); }
    prevUntil(until, filter) { return untilNav(this, 'prevUntil', until, filter); }
    parentsUntil(until, filter) { return untilNav(this, 'parentsUntil', until, filter); }

    not(selector) {
        const doc = this[kDoc];
        if (typeof selector === 'string') return makeSelection(doc, native.html_select(doc, this[kIds], selector, 'not'), this);
        const ids = idsOfArg(doc, selector, 'not');
        if (ids !== null) {
            const set = new Set(ids);
            return makeSelection(doc, this[kIds].filter((id) => !set.has(id)), this);
        }
        if (typeof selector !== 'function') throw new TypeError('the argument to not() must be a function, a selector or a selection');
        return makeSelection(doc, this[kIds].filter((id, i) => !selector.call(makeElement(doc, id), i, makeSelection(doc, [id], this))), this);
    }

    slice(start, end) {
        const ids = this[kIds];
        return makeSelection(this[kDoc], ids.slice(Math.trunc(Number(start)) || 0, end === undefined ? ids.length : Math.trunc(Number(end))), this);
    }

    text() {
        return native.html_text(this[kDoc], this[kIds]);
    }

    toArray() {
        return this[kIds].map((id) => makeSelection(this[kDoc], [id], this));
    }

    val() {
        if (this[kIds].length === 0) return undefined;
        return valueOf(this[kDoc], this[kIds][0]);
    }

    serializeArray() {
        return formFields(this);
    }

    serializeObject() {
        const out = {};
        for (const f of formFields(this)) out[f.name] = f.value;
        return out;
    }

    serialize() {
        // As Go's url.Values: the last value of a name wins, names sorted, form encoding.
        const values = new Map();
        for (const f of formFields(this)) values.set(f.name, Array.isArray(f.value) ? f.value : [f.value]);
        const names = Array.from(values.keys()).sort();
        const parts = [];
        for (const n of names) for (const v of values.get(n)) parts.push(formEncode(n) + '=' + formEncode(v));
        return parts.join('&');
    }
}

function untilNav(sel, op, until, filter) {
    const doc = sel[kDoc];
    const f = optSelector(filter, op);
    if (until === undefined || until === null) return makeSelection(doc, native.html_nav(doc, sel[kIds], op, f), sel);
    if (typeof until === 'string') return makeSelection(doc, native.html_nav(doc, sel[kIds], op, f, until), sel);
    const ids = idsOfArg(doc, until, op);
    if (ids === null) throw new TypeError(op + '() takes a selector string, a Selection or an Element');
    return makeSelection(doc, native.html_nav(doc, sel[kIds], op, f, undefined, ids), sel);
}

// ---------------------------------------------------------------- Element

export class Element {
    constructor() {
        throw new TypeError('Element cannot be constructed directly: use Selection.get()');
    }

    selection() { return makeSelection(this[kDoc], [this[kId]], null); }
    nodeName() { return native.html_info(this[kDoc], this[kId])[1]; }
    nodeType() { return native.html_info(this[kDoc], this[kId])[0] || undefined; }
    nodeValue() { return native.html_info(this[kDoc], this[kId])[2]; }
    namespaceURI() { return native.html_info(this[kDoc], this[kId])[3]; }
    isDefaultNamespace() { return this.namespaceURI() === 'http://www.w3.org/1999/xhtml'; }
    id() { const v = this.getAttribute('id'); return v === undefined ? '' : v; }
    innerHTML() { return native.html_html(this[kDoc], this[kId], false); }
    textContent() { return native.html_text(this[kDoc], [this[kId]]); }
    ownerDocument() { return makeElement(this[kDoc], 0); }

    attributes() {
        const list = native.html_attrs(this[kDoc], this[kId]);
        const out = {};
        for (let i = 0; i < list.length; i += 2) out[list[i]] = makeAttribute(list[i], list[i + 1], this);
        return out;
    }
    getAttribute(name) { return native.html_attr(this[kDoc], this[kId], String(name)); }
    getAttributeNode(name) {
        const v = this.getAttribute(name);
        return v === undefined ? undefined : makeAttribute(String(name).toLowerCase(), v, this);
    }
    hasAttribute(name) { return this.getAttribute(name) !== undefined; }
    hasAttributes() { return native.html_attrs(this[kDoc], this[kId]).length > 0; }
    className() { return this.getAttribute('class'); }
    classList() {
        const c = this.getAttribute('class');
        return c === undefined ? [] : c.split(/[ \t\n\r\f]+/).filter((w) => w.length > 0);
    }
    lang() { return this.getAttribute('lang'); }

    firstChild() { return relative(this, 'firstChild'); }
    lastChild() { return relative(this, 'lastChild'); }
    previousSibling() { return relative(this, 'previousSibling'); }
    nextSibling() { return relative(this, 'nextSibling'); }
    parentNode() { return relative(this, 'parentNode'); }
    parentElement() { return single(this, native.html_nav(this[kDoc], [this[kId]], 'parent')); }
    firstElementChild() { return single(this, native.html_nav(this[kDoc], [this[kId]], 'children').slice(0, 1)); }
    lastElementChild() { return single(this, native.html_nav(this[kDoc], [this[kId]], 'children').slice(-1)); }
    previousElementSibling() { return single(this, native.html_nav(this[kDoc], [this[kId]], 'prev')); }
    nextElementSibling() { return single(this, native.html_nav(this[kDoc], [this[kId]], 'next')); }
    childNodes() { return elements(this[kDoc], native.html_nav(this[kDoc], [this[kId]], 'contents')); }
    children() { return elements(this[kDoc], native.html_nav(this[kDoc], [this[kId]], 'children')); }
    childElementCount() { return native.html_nav(this[kDoc], [this[kId]], 'children').length; }
    hasChildNodes() { return native.html_rel(this[kDoc], this[kId], 'firstChild') >= 0; }

    contains(other) {
        if (!isElement(other) || other[kDoc] !== this[kDoc]) return false;
        return native.html_within(this[kDoc], [this[kId]], [other[kId]]).length > 0;
    }
    isSameNode(other) { return isElement(other) && other[kDoc] === this[kDoc] && other[kId] === this[kId]; }
    isEqualNode(other) {
        return isElement(other) && native.html_html(other[kDoc], other[kId], true) === native.html_html(this[kDoc], this[kId], true);
    }
    matches(selector) { return native.html_select(this[kDoc], [this[kId]], String(selector), 'filter').length > 0; }
    querySelector(selector) { return single(this, native.html_select(this[kDoc], [this[kId]], String(selector), 'find').slice(0, 1)); }
    querySelectorAll(selector) { return elements(this[kDoc], native.html_select(this[kDoc], [this[kId]], String(selector), 'find')); }
    getElementsByClassName(name) {
        const classes = String(name).split(/\s+/).filter((w) => w.length > 0);
        if (classes.length === 0) return [];
        return elements(this[kDoc], native.html_select(this[kDoc], [this[kId]], '*' + classes.map((c) => '[class~="' + c.replace(/["\\]/g, '\\$&') + '"]').join(''), 'find'));
    }
    getElementsByTagName(name) {
        const n = String(name);
        const ids = native.html_select(this[kDoc], [this[kId]], '*', 'find');
        return elements(this[kDoc], n === '*' ? ids : ids.filter((id) => nodeName(this[kDoc], id) === n.toLowerCase()));
    }

    toString() {
        const [type, name] = native.html_info(this[kDoc], this[kId]);
        return type === ELEMENT_NODE ? '[object html.Node]' : '[object ' + name + ']';
    }
}

function relative(el, rel) {
    const id = native.html_rel(el[kDoc], el[kId], rel);
    return id < 0 ? undefined : makeElement(el[kDoc], id);
}
function single(el, ids) {
    return ids.length === 0 ? undefined : makeElement(el[kDoc], ids[0]);
}
function elements(doc, ids) {
    return ids.map((id) => makeElement(doc, id));
}

class Attribute {
    localName() { return this.name; }
    namespaceURI() { return ''; }
    prefix() { return ''; }
}
function makeAttribute(name, value, owner) {
    const a = Object.create(Attribute.prototype);
    a.name = name;
    a.value = value;
    a.ownerElement = owner;
    return a;
}

// ---------------------------------------------------------------- element kinds
// Reflected attributes and the per-tag methods k6 documents, on prototypes chosen
// by tag name.

function parseUrl(href) {
    const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?(?:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?)?([^?#]*)(\?[^#]*)?(#.*)?$/.exec(href);
    if (!m) return { protocol: '', username: '', password: '', hostname: '', port: '', pathname: '', search: '', hash: '' };
    return {
        protocol: m[1] ? m[1].toLowerCase() + ':' : '',
        username: m[2] || '',
        password: m[3] || '',
        hostname: m[4] || '',
        port: m[5] || '',
        pathname: m[6] || '',
        search: m[7] && m[7] !== '?' ? m[7] : '',
        hash: m[8] && m[8] !== '#' ? m[8] : '',
    };
}

const str = (attr, def = '') => function () { const v = this.getAttribute(attr); return v === undefined ? def : v; };
const bool = (attr) => function () { return this.hasAttribute(attr); };
const int = (attr, def) => function () {
    const v = parseInt(this.getAttribute(attr), 10);
    return Number.isNaN(v) ? def : v;
};
const lowerEnum = (attr, allowed, def) => function () {
    const v = (this.getAttribute(attr) || '').toLowerCase();
    return allowed.includes(v) ? v : def;
};

function closestForm(el) {
    const formId = el.getAttribute('form');
    const doc = el[kDoc];
    if (formId !== undefined) {
        const byId = native.html_select(doc, [0], 'form', 'find').filter((id) => attrOf(doc, id, 'id') === formId);
        return byId.length > 0 ? makeElement(doc, byId[0]) : undefined;
    }
    return single(el, native.html_select(doc, [el[kId]], 'form', 'closest'));
}
function labelsOf(el) {
    const doc = el[kDoc];
    const id = el.getAttribute('id');
    const out = native.html_select(doc, [el[kId]], 'label', 'closest');
    if (id !== undefined && id !== '') {
        for (const l of native.html_select(doc, [0], 'label', 'find')) if (attrOf(doc, l, 'for') === id && !out.includes(l)) out.push(l);
    }
    return elements(doc, out.sort((a, b) => a - b));
}

const common = {
    form() { return closestForm(this); },
    labels() { return labelsOf(this); },
};
const formField = {
    ...common,
    name: str('name'),
    disabled: bool('disabled'),
    autofocus: bool('autofocus'),
    formAction: str('formaction'),
    formEnctype: str('formenctype'),
    formMethod: str('formmethod'),
    formNoValidate: bool('formnovalidate'),
    formTarget: str('formtarget'),
};
const hrefParts = {
    href: str('href'),
    download: str('download'),
    hreflang: str('hreflang'),
    media: str('media'),
    ping: str('ping'),
    rel: str('rel'),
    target: str('target'),
    type: str('type'),
    referrerPolicy: str('referrerpolicy'),
    relList() { return (this.getAttribute('rel') || '').split(/\s+/).filter((w) => w.length > 0); },
    text() { return this.textContent(); },
    protocol() { return parseUrl(this.getAttribute('href') || '').protocol; },
    username() { return parseUrl(this.getAttribute('href') || '').username; },
    password() { return parseUrl(this.getAttribute('href') || '').password; },
    hostname() { return parseUrl(this.getAttribute('href') || '').hostname; },
    port() { return parseUrl(this.getAttribute('href') || '').port; },
    host() { const u = parseUrl(this.getAttribute('href') || ''); return u.port ? u.hostname + ':' + u.port : u.hostname; },
    origin() { const u = parseUrl(this.getAttribute('href') || ''); return u.protocol && u.hostname ? u.protocol + '//' + (u.port ? u.hostname + ':' + u.port : u.hostname) : ''; },
    pathname() { return parseUrl(this.getAttribute('href') || '').pathname; },
    search() { return parseUrl(this.getAttribute('href') || '').search; },
    hash() { return parseUrl(this.getAttribute('href') || '').hash; },
};
const tableSection = {
    rows() { return elements(this[kDoc], native.html_nav(this[kDoc], [this[kId]], 'children', 'tr')); },
};
const tableCell = {
    abbr: str('abbr'),
    colSpan: int('colspan', 1),
    rowSpan: int('rowspan', 1),
    headers: str('headers'),
    cellIndex() { return native.html_nav(this[kDoc], [this[kId]], 'prevAll', 'td,th').length; },
};
const media = {
    autoplay: bool('autoplay'), controls: bool('controls'), loop: bool('loop'), muted: bool('muted'),
    preload: str('preload'), src: str('src'), crossOrigin: str('crossorigin'), currentSrc: str('src'),
    defaultMuted: bool('muted'), mediaGroup: str('mediagroup'),
    textTracks() { return elements(this[kDoc], native.html_nav(this[kDoc], [this[kId]], 'children', 'track')); },
};

function optionsOf(el) {
    return native.html_select(el[kDoc], [el[kId]], 'option', 'find');
}

const kinds = {
    a: hrefParts,
    area: { ...hrefParts, alt: str('alt'), coords: str('coords'), shape: str('shape') },
    audio: media,
    video: { ...media, poster: str('poster'), height: int('height', 0), width: int('width', 0) },
    base: { href: str('href'), target: str('target') },
    button: {
        ...formField,
        type: lowerEnum('type', ['submit', 'reset', 'button', 'menu'], 'submit'),
        value: str('value'),
    },
    canvas: { height: int('height', 150), width: int('width', 300) },
    data: { value: str('value') },
    datalist: { options() { return elements(this[kDoc], optionsOf(this)); } },
    del: { cite: str('cite'), dateTime: str('datetime') },
    ins: { cite: str('cite'), dateTime: str('datetime') },
    embed: { height: str('height'), width: str('width'), src: str('src'), type: str('type') },
    fieldset: {
        ...common,
        disabled: bool('disabled'),
        name: str('name'),
        type() { return 'fieldset'; },
        validity() { return undefined; },
        elements() { return elements(this[kDoc], native.html_select(this[kDoc], [this[kId]], 'button,fieldset,input,object,output,select,textarea', 'find')); },
    },
    form: {
        acceptCharset: str('accept-charset'),
        action: str('action'),
        autocomplete: lowerEnum('autocomplete', ['on', 'off'], 'on'),
        enctype: lowerEnum('enctype', ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'], 'application/x-www-form-urlencoded'),
        encoding: lowerEnum('enctype', ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'], 'application/x-www-form-urlencoded'),
        method: lowerEnum('method', ['get', 'post', 'dialog'], 'get'),
        name: str('name'),
        noValidate: bool('novalidate'),
        target: str('target'),
        elements() { return elements(this[kDoc], native.html_select(this[kDoc], [this[kId]], 'button,fieldset,input,object,output,select,textarea', 'find')); },
        length() { return native.html_select(this[kDoc], [this[kId]], 'button,fieldset,input,object,output,select,textarea', 'find').length; },
    },
    iframe: { allowfullscreen: bool('allowfullscreen'), height: str('height'), width: str('width'), name: str('name'), src: str('src'), srcdoc: str('srcdoc'), referrerPolicy: str('referrerpolicy') },
    img: {
        alt: str('alt'), crossOrigin: str('crossorigin'), height: int('height', 0), width: int('width', 0),
        isMap: bool('ismap'), name: str('name'), referrerPolicy: str('referrerpolicy'), sizes: str('sizes'),
        src: str('src'), srcset: str('srcset'), useMap: str('usemap'), currentSrc: str('src'),
    },
    input: {
        ...formField,
        accept: str('accept'), alt: str('alt'), autocomplete: str('autocomplete'),
        checked: bool('checked'), defaultChecked: bool('checked'), defaultValue: str('value'),
        dirName: str('dirname'), list: str('list'), max: str('max'), maxLength: int('maxlength', -1),
        min: str('min'), minLength: int('minlength', -1), multiple: bool('multiple'), pattern: str('pattern'),
        placeholder: str('placeholder'), readOnly: bool('readonly'), required: bool('required'),
        size: int('size', 20), src: str('src'), step: str('step'),
        type() {
            const t = (this.getAttribute('type') || '').toLowerCase();
            return t === '' ? 'text' : t;
        },
        value() { return valueOf(this[kDoc], this[kId]); },
    },
    keygen: { ...formField, challenge: str('challenge'), keytype: str('keytype'), type() { return 'keygen'; } },
    label: {
        ...common,
        htmlFor: str('for'),
        control() {
            const doc = this[kDoc];
            const f = this.getAttribute('for');
            const labelable = 'button,input,keygen,meter,output,progress,select,textarea';
            if (f !== undefined) {
                const hit = native.html_select(doc, [0], labelable, 'find').filter((id) => attrOf(doc, id, 'id') === f);
                return hit.length > 0 ? makeElement(doc, hit[0]) : undefined;
            }
            return single(this, native.html_select(doc, [this[kId]], labelable, 'find').slice(0, 1));
        },
    },
    legend: { ...common },
    li: { value: int('value', 0), type: str('type') },
    link: {
        crossOrigin: str('crossorigin'), href: str('href'), hreflang: str('hreflang'), media: str('media'),
        rel: str('rel'), referrerPolicy: str('referrerpolicy'), sizes: str('sizes'), type: str('type'),
        relList() { return (this.getAttribute('rel') || '').split(/\s+/).filter((w) => w.length > 0); },
    },
    map: {
        name: str('name'),
        areas() { return elements(this[kDoc], native.html_select(this[kDoc], [this[kId]], 'area', 'find')); },
        images() {
            const name = this.getAttribute('name');
            if (!name) return [];
            const doc = this[kDoc];
            return elements(doc, native.html_select(doc, [0], 'img,object', 'find').filter((id) => attrOf(doc, id, 'usemap') === '#' + name));
        },
    },
    meta: { content: str('content'), httpEquiv: str('http-equiv'), name: str('name'), charset: str('charset') },
    meter: { ...common, min: int('min', 0), max: int('max', 1), high: int('high', 0), low: int('low', 0), optimum: int('optimum', 0), value: int('value', 0) },
    object: { ...common, data: str('data'), height: str('height'), name: str('name'), type: str('type'), typeMustMatch: bool('typemustmatch'), useMap: str('usemap'), width: str('width') },
    ol: { reversed: bool('reversed'), start: int('start', 1), type: str('type') },
    ul: {},
    optgroup: { disabled: bool('disabled'), label: str('label') },
    option: {
        disabled: bool('disabled'),
        defaultSelected: bool('selected'),
        selected: bool('selected'),
        form() { const s = native.html_select(this[kDoc], [this[kId]], 'select', 'closest'); return s.length ? closestForm(makeElement(this[kDoc], s[0])) : closestForm(this); },
        index() {
            const doc = this[kDoc];
            const s = native.html_select(doc, [this[kId]], 'select,datalist', 'closest');
            return s.length === 0 ? 0 : native.html_select(doc, s, 'option', 'find').indexOf(this[kId]);
        },
        label() { const l = this.getAttribute('label'); return l === undefined ? this.textContent() : l; },
        text() { return this.textContent(); },
        value() { return valueOrHtml(this[kDoc], this[kId]); },
    },
    output: {
        ...common,
        htmlFor: str('for'),
        name: str('name'),
        type() { return 'output'; },
        defaultValue() { return this.textContent(); },
        value() { return this.textContent(); },
    },
    param: { name: str('name'), value: str('value') },
    pre: {},
    progress: {
        ...common,
        max() { const v = parseFloat(this.getAttribute('max')); return v > 0 ? v : 1; },
        value() { const v = parseFloat(this.getAttribute('value')); return Number.isNaN(v) || v < 0 ? 0 : Math.min(v, this.max()); },
        position() { return this.getAttribute('value') === undefined ? -1 : this.value() / this.max(); },
    },
    q: { cite: str('cite') },
    blockquote: { cite: str('cite') },
    script: {
        async: bool('async'), charset: str('charset'), crossOrigin: str('crossorigin'), defer: bool('defer'),
        integrity: str('integrity'), noModule: bool('nomodule'), referrerPolicy: str('referrerpolicy'),
        src: str('src'), type: str('type'),
        text() { return this.textContent(); },
    },
    select: {
        ...formField,
        multiple: bool('multiple'),
        required: bool('required'),
        size() { const v = parseInt(this.getAttribute('size'), 10); return Number.isNaN(v) ? (this.hasAttribute('multiple') ? 4 : 1) : v; },
        type() { return this.hasAttribute('multiple') ? 'select-multiple' : 'select-one'; },
        options() { return elements(this[kDoc], optionsOf(this)); },
        length() { return optionsOf(this).length; },
        selectedOptions() { return elements(this[kDoc], native.html_select(this[kDoc], [this[kId]], 'option[selected]', 'find')); },
        selectedIndex() {
            const opts = optionsOf(this);
            const sel = native.html_select(this[kDoc], [this[kId]], 'option[selected]', 'find');
            if (sel.length > 0) return opts.indexOf(sel[0]);
            return opts.length > 0 && !this.hasAttribute('multiple') ? 0 : -1;
        },
        value() {
            const doc = this[kDoc];
            const sel = native.html_select(doc, [this[kId]], 'option[selected]', 'find');
            const opts = optionsOf(this);
            if (sel.length > 0) return valueOrHtml(doc, sel[0]);
            return opts.length > 0 && !this.hasAttribute('multiple') ? valueOrHtml(doc, opts[0]) : '';
        },
    },
    source: { media: str('media'), sizes: str('sizes'), src: str('src'), srcset: str('srcset'), type: str('type') },
    style: { media: str('media'), type: str('type'), disabled: bool('disabled') },
    table: {
        caption() { return single(this, native.html_nav(this[kDoc], [this[kId]], 'children', 'caption').slice(0, 1)); },
        tHead() { return single(this, native.html_nav(this[kDoc], [this[kId]], 'children', 'thead').slice(0, 1)); },
        tFoot() { return single(this, native.html_nav(this[kDoc], [this[kId]], 'children', 'tfoot').slice(0, 1)); },
        tBodies() { return elements(this[kDoc], native.html_nav(this[kDoc], [this[kId]], 'children', 'tbody')); },
        rows() {
            const doc = this[kDoc];
            const sections = native.html_nav(doc, [this[kId]], 'children', 'thead,tbody,tfoot');
            const direct = native.html_nav(doc, [this[kId]], 'children', 'tr');
            return elements(doc, [...direct, ...native.html_nav(doc, sections, 'children', 'tr')].sort((a, b) => a - b));
        },
    },
    thead: tableSection,
    tbody: tableSection,
    tfoot: tableSection,
    td: tableCell,
    th: { ...tableCell, scope: str('scope') },
    col: { span: int('span', 1) },
    colgroup: { span: int('span', 1) },
    textarea: {
        ...common,
        name: str('name'), autocomplete: str('autocomplete'), cols: int('cols', 20), rows: int('rows', 2),
        disabled: bool('disabled'), maxLength: int('maxlength', -1), minLength: int('minlength', -1),
        placeholder: str('placeholder'), readOnly: bool('readonly'), required: bool('required'), wrap: str('wrap'),
        type() { return 'textarea'; },
        value() { return this.textContent(); },
        defaultValue() { return this.textContent(); },
        length() { return this.textContent().length; },
    },
    time: { dateTime: str('datetime') },
    title: { text() { return this.textContent(); } },
    tr: {
        cells() { return elements(this[kDoc], native.html_nav(this[kDoc], [this[kId]], 'children', 'td,th')); },
        sectionRowIndex() { return native.html_nav(this[kDoc], [this[kId]], 'prevAll', 'tr').length; },
        rowIndex() {
            const doc = this[kDoc];
            const table = native.html_select(doc, [this[kId]], 'table', 'closest');
            if (table.length === 0) return -1;
            const t = makeElement(doc, table[0]);
            return t.rows().findIndex((r) => r[kId] === this[kId]);
        },
    },
    track: { kind: str('kind'), src: str('src'), srclang: str('srclang'), label: str('label'), default: bool('default') },
};

relocateAll(Selection.prototype);
relocateAll(Element.prototype);
relocateAll(Attribute.prototype);

const prototypes = new Map();
for (const [tag, methods] of Object.entries(kinds)) {
    const proto = Object.create(Element.prototype);
    for (const [name, fn] of Object.entries(methods)) {
        Object.defineProperty(proto, name, { value: relocate(fn), writable: true, configurable: true });
    }
    prototypes.set(tag, proto);
}

function makeElement(doc, id) {
    const [type, name] = native.html_info(doc, id);
    const e = Object.create(type === ELEMENT_NODE && prototypes.has(name) ? prototypes.get(name) : Element.prototype);
    hidden(e, kDoc, doc);
    hidden(e, kId, id);
    return e;
}

// Parses an HTML document into a Selection of its document node.
export const parseHTML = relocate(function parseHTML(src) {
    return makeSelection(native.html_parse(src), [0], null);
});

export default { parseHTML };
