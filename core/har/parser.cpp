#include "core/har/parser.h"

#include "core/har/util.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <memory>

namespace stampede::har {

using json = nlohmann::json;

// ---------------------------------------------------------------------------------------------
// Model helpers

std::string toLower(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    return out;
}

bool iequals(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = char(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = char(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

namespace {
const std::string *findHeader(const std::vector<NameValue> &hs, std::string_view name)
{
    for (const NameValue &h : hs)
        if (iequals(h.name, name))
            return &h.value;
    return nullptr;
}
} // namespace

const std::string *Request::header(std::string_view name) const
{
    return findHeader(headers, name);
}

const std::string *Response::header(std::string_view name) const
{
    return findHeader(headers, name);
}

const Page *Archive::page(const std::string &id) const
{
    for (const Page &p : pages)
        if (p.id == id)
            return &p;
    return nullptr;
}

namespace {

// ---------------------------------------------------------------------------------------------
// Validation of one JSON tree (an entry, or the log without its entries) into the model.

const char *typeName(const json &v)
{
    switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::binary: return "binary data";
    case json::value_t::discarded: return "nothing";
    default: return "a number";
    }
}

class Reader
{
public:
    explicit Reader(std::string file) : m_file(std::move(file)) {}

    bool fail(const std::string &path, const std::string &reason)
    {
        if (!m_error)
            m_error = Error{m_file + ": " + path + ": " + reason, m_file};
        return false;
    }
    const std::optional<Error> &error() const { return m_error; }

    const json *member(const json &obj, const char *key) const
    {
        auto it = obj.find(key);
        return it == obj.end() ? nullptr : &*it;
    }

    // A required or optional string; null counts as absent.
    bool string(const json &obj, const char *key, const std::string &path, std::string &out, bool required)
    {
        const json *v = member(obj, key);
        if (!v || v->is_null()) {
            if (required)
                return fail(path + "." + key, "missing (required by HAR 1.2)");
            return true;
        }
        if (!v->is_string())
            return fail(path + "." + key, std::string("expected a string, got ") + typeName(*v));
        out = v->get<std::string>();
        return true;
    }

    // A string or a number (LI-HAR check values are often numbers).
    bool scalarText(const json &obj, const char *key, const std::string &path, std::string &out)
    {
        const json *v = member(obj, key);
        if (!v || v->is_null())
            return true;
        if (v->is_string())
            out = v->get<std::string>();
        else if (v->is_number_integer() || v->is_number_unsigned())
            out = v->dump();
        else if (v->is_number_float() || v->is_boolean())
            out = v->dump();
        else
            return fail(path + "." + key, std::string("expected a string or a number, got ") + typeName(*v));
        return true;
    }

    bool integer(const json &obj, const char *key, const std::string &path, int &out, bool required)
    {
        const json *v = member(obj, key);
        if (!v || v->is_null()) {
            if (required)
                return fail(path + "." + key, "missing (required by HAR 1.2)");
            return true;
        }
        if (v->is_number()) {
            out = int(v->get<double>());
            return true;
        }
        if (v->is_string()) { // some exporters write "200"
            const std::string s = v->get<std::string>();
            char *end = nullptr;
            const long n = std::strtol(s.c_str(), &end, 10);
            if (!s.empty() && end && *end == 0) {
                out = int(n);
                return true;
            }
        }
        return fail(path + "." + key, std::string("expected a number, got ") + typeName(*v));
    }

    bool number(const json &obj, const char *key, const std::string &path, double &out)
    {
        const json *v = member(obj, key);
        if (!v || v->is_null())
            return true;
        if (!v->is_number())
            return fail(path + "." + key, std::string("expected a number, got ") + typeName(*v));
        out = v->get<double>();
        return true;
    }

    const json *object(const json &obj, const char *key, const std::string &path, bool required)
    {
        const json *v = member(obj, key);
        if (!v || v->is_null()) {
            if (required)
                fail(path + "." + key, "missing (required by HAR 1.2)");
            return nullptr;
        }
        if (!v->is_object()) {
            fail(path + "." + key, std::string("expected an object, got ") + typeName(*v));
            return nullptr;
        }
        return v;
    }

    const json *array(const json &obj, const char *key, const std::string &path)
    {
        const json *v = member(obj, key);
        if (!v || v->is_null())
            return nullptr;
        if (!v->is_array()) {
            fail(path + "." + key, std::string("expected an array, got ") + typeName(*v));
            return nullptr;
        }
        return v;
    }

    bool nameValues(const json &obj, const char *key, const std::string &path, std::vector<NameValue> &out)
    {
        const json *arr = array(obj, key, path);
        if (m_error)
            return false;
        if (!arr)
            return true;
        for (size_t i = 0; i < arr->size(); ++i) {
            const json &item = (*arr)[i];
            const std::string p = path + "." + key + "[" + std::to_string(i) + "]";
            if (!item.is_object())
                return fail(p, std::string("expected an object with name and value, got ") + typeName(item));
            NameValue nv;
            if (!string(item, "name", p, nv.name, true) || !scalarText(item, "value", p, nv.value))
                return false;
            out.push_back(std::move(nv));
        }
        return true;
    }

private:
    std::string m_file;
    std::optional<Error> m_error;
};

bool textualMime(const std::string &mime)
{
    const std::string m = toLower(mime);
    if (m.rfind("text/", 0) == 0)
        return m.rfind("text/css", 0) != 0 && m.rfind("text/javascript", 0) != 0;
    return m.find("json") != std::string::npos || m.find("xml") != std::string::npos ||
           m.find("x-www-form-urlencoded") != std::string::npos || m.find("graphql") != std::string::npos;
}

bool readPostData(Reader &r, const json &req, const std::string &path, std::optional<PostData> &out)
{
    const json *pd = r.object(req, "postData", path, false);
    if (r.error())
        return false;
    if (!pd)
        return true;
    const std::string p = path + ".postData";
    PostData d;
    if (!r.string(*pd, "mimeType", p, d.mimeType, false) || !r.string(*pd, "text", p, d.text, false))
        return false;
    std::string encoding;
    if (!r.string(*pd, "encoding", p, encoding, false) || !r.string(*pd, "_encoding", p, encoding, false))
        return false;
    if (iequals(encoding, "base64")) {
        d.base64 = true;
    } else if (d.text.rfind("data:", 0) == 0) {
        // LI-HAR binary bodies: data:<mime>;base64,<data>
        const size_t comma = d.text.find(',');
        if (comma != std::string::npos && d.text.substr(0, comma).find(";base64") != std::string::npos) {
            if (d.mimeType.empty())
                d.mimeType = d.text.substr(5, d.text.find(';') - 5);
            d.text = d.text.substr(comma + 1);
            d.base64 = true;
        }
    }
    if (const json *params = r.array(*pd, "params", p)) {
        for (size_t i = 0; i < params->size(); ++i) {
            const json &item = (*params)[i];
            const std::string ip = p + ".params[" + std::to_string(i) + "]";
            if (!item.is_object())
                return r.fail(ip, std::string("expected an object, got ") + typeName(item));
            PostParam pp;
            if (!r.string(item, "name", ip, pp.name, true) || !r.scalarText(item, "value", ip, pp.value) ||
                !r.string(item, "fileName", ip, pp.fileName, false) ||
                !r.string(item, "contentType", ip, pp.contentType, false))
                return false;
            d.params.push_back(std::move(pp));
        }
    }
    if (r.error())
        return false;
    out = std::move(d);
    return true;
}

bool readEntry(Reader &r, const json &e, size_t index, Entry &out)
{
    const std::string path = "log.entries[" + std::to_string(index) + "]";
    if (!e.is_object())
        return r.fail(path, std::string("expected an object, got ") + typeName(e));
    out.index = index;
    if (!r.string(e, "pageref", path, out.pageref, false) ||
        !r.string(e, "startedDateTime", path, out.startedDateTime, false) || !r.number(e, "time", path, out.timeMs) ||
        !r.string(e, "comment", path, out.comment, false) ||
        !r.string(e, "_resourceType", path, out.resourceType, false))
        return false;
    if (!out.startedDateTime.empty())
        out.startedMs = parseIsoDateTime(out.startedDateTime);
    if (const json *fc = r.member(e, "_fromCache"); fc && fc->is_string())
        out.fromCache = true; // Chrome: "memory" or "disk"
    if (const json *ft = r.member(e, "_fetchType"); ft && ft->is_string()) {
        const std::string t = ft->get<std::string>(); // Safari
        out.fromCache = t.find("Cache") != std::string::npos;
    }

    const json *req = r.object(e, "request", path, true);
    if (!req)
        return false;
    const std::string rp = path + ".request";
    Request &q = out.request;
    if (!r.string(*req, "method", rp, q.method, true) || !r.string(*req, "url", rp, q.url, true) ||
        !r.string(*req, "httpVersion", rp, q.httpVersion, false))
        return false;
    if (q.method.empty())
        return r.fail(rp + ".method", "empty method");
    for (char &c : q.method)
        if (c >= 'a' && c <= 'z')
            c = char(c - 'a' + 'A');
    {
        const size_t colon = q.url.find(':');
        bool okScheme = colon != std::string::npos && colon > 0;
        for (size_t i = 0; okScheme && i < colon; ++i) {
            const char c = q.url[i];
            okScheme = std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
        }
        if (!okScheme || q.url.find("://") != colon)
            return r.fail(rp + ".url", "not an absolute URL: \"" + q.url.substr(0, 200) + "\"");
    }
    if (!r.nameValues(*req, "headers", rp, q.headers) || !r.nameValues(*req, "queryString", rp, q.queryString) ||
        !r.nameValues(*req, "cookies", rp, q.cookies) || !readPostData(r, *req, rp, q.postData))
        return false;

    if (const json *res = r.object(e, "response", path, false)) {
        const std::string sp = path + ".response";
        Response &s = out.response;
        if (!r.integer(*res, "status", sp, s.status, false) || !r.string(*res, "statusText", sp, s.statusText, false) ||
            !r.nameValues(*res, "headers", sp, s.headers) || !r.nameValues(*res, "cookies", sp, s.cookies) ||
            !r.string(*res, "redirectURL", sp, s.redirectURL, false))
            return false;
        if (const json *content = r.object(*res, "content", sp, false)) {
            const std::string cp = sp + ".content";
            std::string text, encoding;
            if (!r.string(*content, "mimeType", cp, s.mimeType, false) || !r.string(*content, "text", cp, text, false) ||
                !r.string(*content, "encoding", cp, encoding, false))
                return false;
            // Informational only: some exporters write nonsense here, so anything odd is ignored.
            if (const auto size = content->find("size"); size != content->end() && size->is_number() &&
                                                         size->get<double>() >= 0)
                s.size = int64_t(size->get<double>());
            if (!text.empty()) {
                if (!textualMime(s.mimeType)) {
                    s.bodyDropped = true;
                } else if (iequals(encoding, "base64")) {
                    auto decoded = base64Decode(text);
                    if (!decoded)
                        return r.fail(cp + ".text", "invalid base64 (content.encoding is \"base64\")");
                    s.body = std::move(*decoded);
                } else {
                    s.body = std::move(text);
                }
            }
        }
        if (r.error())
            return false;
    } else if (r.error()) {
        return false;
    }

    // LI-HAR extensions.
    if (const json *checks = r.array(e, "checks", path)) {
        for (size_t i = 0; i < checks->size(); ++i) {
            const json &c = (*checks)[i];
            const std::string cp = path + ".checks[" + std::to_string(i) + "]";
            if (!c.is_object())
                return r.fail(cp, std::string("expected an object, got ") + typeName(c));
            LiCheck k;
            if (!r.integer(c, "type", cp, k.type, true) || !r.integer(c, "subject", cp, k.subject, false) ||
                !r.integer(c, "condition", cp, k.condition, false) ||
                !r.string(c, "expression", cp, k.expression, false) || !r.scalarText(c, "value", cp, k.value))
                return false;
            if (k.type < 0 || k.type > 3)
                return r.fail(cp + ".type", "unknown check type " + std::to_string(k.type) + " (0-3)");
            out.checks.push_back(std::move(k));
        }
    }
    if (const json *vars = r.array(e, "variables", path)) {
        for (size_t i = 0; i < vars->size(); ++i) {
            const json &v = (*vars)[i];
            const std::string vp = path + ".variables[" + std::to_string(i) + "]";
            if (!v.is_object())
                return r.fail(vp, std::string("expected an object, got ") + typeName(v));
            LiVariable lv;
            if (!r.integer(v, "type", vp, lv.type, true) || !r.string(v, "name", vp, lv.name, true) ||
                !r.string(v, "expression", vp, lv.expression, true) ||
                !r.string(v, "attribute", vp, lv.attribute, false))
                return false;
            if (lv.type < 0 || lv.type > 2)
                return r.fail(vp + ".type", "unknown variable type " + std::to_string(lv.type) + " (0-2)");
            if (!isIdentifier(lv.name))
                return r.fail(vp + ".name", "\"" + lv.name + "\" is not a valid JavaScript identifier");
            out.variables.push_back(std::move(lv));
        }
    }
    if (r.error())
        return false;

    if (out.resourceType.empty())
        out.resourceType = guessResourceType(out);
    return true;
}

bool readLog(Reader &r, const json &doc, Archive &a)
{
    if (!doc.is_object())
        return r.fail("(root)", std::string("expected an object with a \"log\" member, got ") + typeName(doc));
    const json *log = r.object(doc, "log", "(root)", true);
    if (!log)
        return false;
    if (const json *entries = r.member(*log, "entries"); entries && !entries->is_array() && !entries->is_null())
        return r.fail("log.entries", std::string("expected an array, got ") + typeName(*entries));
    if (!r.string(*log, "version", "log", a.version, false) || !r.string(*log, "comment", "log", a.comment, false) ||
        !r.string(*log, "exportAs", "log", a.exportAs, false))
        return false;
    if (const json *c = r.member(*log, "creator"); c && c->is_string()) {
        a.creatorName = c->get<std::string>(); // LI-HAR files often write a plain string
    } else if (const json *creator = r.object(*log, "creator", "log", false)) {
        if (!r.string(*creator, "name", "log.creator", a.creatorName, false) ||
            !r.string(*creator, "version", "log.creator", a.creatorVersion, false))
            return false;
    } else if (r.error()) {
        return false;
    }
    if (const json *browser = r.object(*log, "browser", "log", false))
        if (!r.string(*browser, "name", "log.browser", a.browserName, false))
            return false;
    if (const json *opts = r.member(*log, "options"); opts && !opts->is_null()) {
        if (!opts->is_object())
            return r.fail("log.options", std::string("expected an object (k6 options), got ") + typeName(*opts));
        a.options = *opts;
    }
    if (const json *pages = r.array(*log, "pages", "log")) {
        for (size_t i = 0; i < pages->size(); ++i) {
            const json &p = (*pages)[i];
            const std::string pp = "log.pages[" + std::to_string(i) + "]";
            if (!p.is_object())
                return r.fail(pp, std::string("expected an object, got ") + typeName(p));
            Page page;
            if (!r.string(p, "id", pp, page.id, true) || !r.string(p, "title", pp, page.title, false) ||
                !r.string(p, "startedDateTime", pp, page.startedDateTime, false))
                return false;
            a.pages.push_back(std::move(page));
        }
    }
    return !r.error();
}

// ---------------------------------------------------------------------------------------------
// SAX: builds JSON trees for everything but log.entries, whose elements are built and converted
// one at a time.

class DomBuilder
{
public:
    bool active() const { return !m_stack.empty(); }
    size_t depth() const { return m_stack.size(); }
    const std::string &keyOf(size_t level) const { return m_keys[level]; }
    const std::string &pendingKey() const { return m_pending; }
    bool topIsObject() const { return !m_stack.empty() && m_stack.back()->is_object(); }
    json &root() { return m_root; }

    void reset() { m_root = json(); m_stack.clear(); m_keys.clear(); }
    void key(std::string k) { m_pending = std::move(k); }
    void value(json v) { add(std::move(v)); }
    void open(json container)
    {
        std::string k = m_stack.empty() || m_stack.back()->is_array() ? std::string() : m_pending;
        json *p = add(std::move(container));
        m_stack.push_back(p);
        m_keys.push_back(std::move(k));
    }
    void close()
    {
        m_stack.pop_back();
        m_keys.pop_back();
    }

private:
    json *add(json v)
    {
        if (m_stack.empty()) {
            m_root = std::move(v);
            return &m_root;
        }
        json &top = *m_stack.back();
        if (top.is_array()) {
            top.push_back(std::move(v));
            return &top.back();
        }
        json &slot = top[m_pending];
        slot = std::move(v);
        return &slot;
    }

    json m_root;
    std::vector<json *> m_stack;
    std::vector<std::string> m_keys;
    std::string m_pending;
};

class HarSax
{
public:
    using EntryFn = std::function<bool(json &, size_t)>;
    explicit HarSax(EntryFn onEntry) : m_onEntry(std::move(onEntry)) {}

    json &document() { return m_main.root(); }
    bool stoppedByEntry() const { return m_stoppedByEntry; }
    std::optional<size_t> syntaxErrorAt() const { return m_errorPos; }
    const std::string &syntaxError() const { return m_errorText; }

    bool null() { return scalar(json()); }
    bool boolean(bool v) { return scalar(json(v)); }
    bool number_integer(json::number_integer_t v) { return scalar(json(v)); }
    bool number_unsigned(json::number_unsigned_t v) { return scalar(json(v)); }
    bool number_float(json::number_float_t v, const std::string &) { return scalar(json(v)); }
    bool string(json::string_t &v) { return scalar(json(std::move(v))); }
    bool binary(json::binary_t &) { return true; }

    bool key(json::string_t &k)
    {
        if (m_entry.active())
            m_entry.key(std::move(k));
        else
            m_main.key(std::move(k));
        return true;
    }

    bool start_object(std::size_t)
    {
        if (directlyInEntries()) {
            m_entry.reset();
            m_entry.open(json::object());
        } else if (m_entry.active()) {
            m_entry.open(json::object());
        } else {
            m_main.open(json::object());
        }
        return true;
    }

    bool end_object() { return endContainer(); }

    bool start_array(std::size_t)
    {
        if (directlyInEntries()) {
            m_entry.reset();
            m_entry.open(json::array());
        } else if (m_entry.active()) {
            m_entry.open(json::array());
        } else if (m_main.depth() == 2 && m_main.keyOf(1) == "log" && m_main.topIsObject() &&
                   m_main.pendingKey() == "entries") {
            m_main.value(json::array()); // placeholder: the entries go to the callback
            m_inEntries = true;
        } else {
            m_main.open(json::array());
        }
        return true;
    }

    bool end_array()
    {
        if (!m_entry.active() && m_inEntries) {
            m_inEntries = false;
            return true;
        }
        return endContainer();
    }

    bool parse_error(std::size_t position, const std::string &, const nlohmann::detail::exception &ex)
    {
        m_errorPos = position;
        m_errorText = ex.what();
        return false;
    }

private:
    bool directlyInEntries() const { return m_inEntries && !m_entry.active(); }

    bool scalar(json v)
    {
        if (directlyInEntries()) {
            json element = std::move(v);
            return deliver(element);
        }
        if (m_entry.active())
            m_entry.value(std::move(v));
        else
            m_main.value(std::move(v));
        return true;
    }

    bool endContainer()
    {
        if (m_entry.active()) {
            m_entry.close();
            if (!m_entry.active()) {
                const bool ok = deliver(m_entry.root());
                m_entry.reset();
                return ok;
            }
            return true;
        }
        m_main.close();
        return true;
    }

    bool deliver(json &element)
    {
        if (!m_onEntry(element, m_count++)) {
            m_stoppedByEntry = true;
            return false;
        }
        return true;
    }

    EntryFn m_onEntry;
    DomBuilder m_main;
    DomBuilder m_entry;
    bool m_inEntries = false;
    bool m_stoppedByEntry = false;
    size_t m_count = 0;
    std::optional<size_t> m_errorPos;
    std::string m_errorText;
};

// line:column of byte offset `pos` (0-based) in a stream.
template<typename NextChar>
std::pair<int, int> lineColumn(size_t pos, NextChar next)
{
    int line = 1, col = 1;
    for (size_t i = 0; i < pos; ++i) {
        const int c = next();
        if (c < 0)
            break;
        if (c == '\n') {
            ++line;
            col = 1;
        } else if ((c & 0xC0) != 0x80) { // count characters, not UTF-8 continuation bytes
            ++col;
        }
    }
    return {line, col};
}

std::string cleanSyntaxMessage(const std::string &what)
{
    // "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error while parsing
    //  object - unexpected '}'; expected string literal" -> the part after "syntax error".
    std::string m = what;
    if (const size_t p = m.find("syntax error"); p != std::string::npos)
        m = m.substr(p);
    return m;
}

template<typename Parse, typename Rescan>
Result<Archive> parseWith(const std::string &source, Parse parse, Rescan rescan)
{
    Archive archive;
    archive.source = source;
    Reader reader(source);
    HarSax sax([&](json &element, size_t index) {
        Entry e;
        if (!readEntry(reader, element, index, e))
            return false;
        archive.entries.push_back(std::move(e));
        return true;
    });
    const bool ok = parse(sax);
    if (!ok) {
        if (sax.stoppedByEntry() && reader.error())
            return *reader.error();
        if (sax.syntaxErrorAt()) {
            size_t pos = *sax.syntaxErrorAt();
            const auto [line, col] = rescan(pos > 0 ? pos - 1 : 0);
            Error err{source + ":" + std::to_string(line) + ":" + std::to_string(col) +
                          ": invalid JSON: " + cleanSyntaxMessage(sax.syntaxError()),
                      source, line, col};
            return err;
        }
        return Error{source + ": invalid JSON", source};
    }
    if (!readLog(reader, sax.document(), archive))
        return *reader.error();
    return archive;
}

} // namespace

Result<Archive> parseHarText(std::string_view text, const std::string &sourceName)
{
    size_t start = 0;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") // UTF-8 BOM, as Windows tools write
        start = 3;
    const std::string_view body = text.substr(start);
    return parseWith(
        sourceName, [&](HarSax &sax) { return json::sax_parse(body.begin(), body.end(), &sax); },
        [&](size_t pos) {
            size_t i = 0;
            return lineColumn(pos, [&]() -> int { return i < body.size() ? static_cast<unsigned char>(body[i++]) : -1; });
        });
}

Result<Archive> parseHarFile(const std::string &path)
{
    auto in = std::make_unique<std::ifstream>(path, std::ios::binary);
    if (!*in)
        return Error{path + ": cannot read the file: " + std::strerror(errno), path};
    // Skip a UTF-8 BOM.
    char bom[3] = {};
    in->read(bom, 3);
    const bool hasBom = in->gcount() == 3 && std::memcmp(bom, "\xEF\xBB\xBF", 3) == 0;
    in->clear();
    in->seekg(hasBom ? 3 : 0);
    return parseWith(
        path, [&](HarSax &sax) { return json::sax_parse(*in, &sax); },
        [&](size_t pos) {
            std::ifstream again(path, std::ios::binary);
            again.seekg(hasBom ? 3 : 0);
            return lineColumn(pos, [&]() -> int { return again.get(); });
        });
}

} // namespace stampede::har
