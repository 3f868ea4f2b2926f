#include "core/har/autocorrelate.h"

#include "core/har/extract.h"
#include "core/har/util.h"

#include <QRegularExpression>
#include <QString>

#include <algorithm>
#include <set>
#include <unordered_map>

using namespace Qt::StringLiterals;

namespace stampede::har {

using json = nlohmann::json;

namespace {

struct Candidate
{
    std::string value;
    Extractor extract;
    std::string name; // suggested variable name
    std::string kind; // for the evidence
    bool fromCookie = false;
};

bool allDigits(const std::string &s)
{
    return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

bool isTimestampLike(const std::string &s)
{
    if (allDigits(s) && s.size() <= 13) {
        const long long n = std::stoll(s);
        if (n >= 946684800LL && n <= 4102444800LL) // epoch seconds 2000..2100
            return true;
        if (n >= 946684800000LL && n <= 4102444800000LL) // epoch milliseconds
            return true;
        if (s.size() == 4 && n >= 1900 && n <= 2100) // a year
            return true;
    }
    return parseIsoDateTime(s) >= 0;
}

// Worth correlating: long, token-like strings; multi-digit ids. Not words, booleans, timestamps.
bool interesting(const std::string &v)
{
    if (v.size() < 3 || v == "true" || v == "false" || v == "null" || v == "undefined")
        return false;
    if (isTimestampLike(v))
        return false;
    if (allDigits(v))
        return v.size() >= 3 && !(v.size() > 1 && v[0] == '0');
    if (v.size() < 8 || v.find_first_of(" \t\r\n") != std::string::npos)
        return false;
    bool digit = false, lower = false, upper = false;
    for (unsigned char c : v) {
        digit = digit || std::isdigit(c);
        lower = lower || std::islower(c);
        upper = upper || std::isupper(c);
    }
    return digit || (lower && upper);
}

bool boundaryFind(const std::string &hay, const std::string &needle)
{
    if (needle.empty())
        return false;
    const bool boundary = needle.size() < 6 || allDigits(needle);
    for (size_t pos = hay.find(needle); pos != std::string::npos; pos = hay.find(needle, pos + 1)) {
        if (!boundary)
            return true;
        const size_t end = pos + needle.size();
        const bool left = pos == 0 || !std::isalnum(static_cast<unsigned char>(hay[pos - 1]));
        const bool right = end >= hay.size() || !std::isalnum(static_cast<unsigned char>(hay[end]));
        if (left && right)
            return true;
    }
    return false;
}

// Where request `q` sends `v`; empty when it does not. The Cookie header counts only if `withCookies`.
std::vector<std::string> usesOf(const Request &q, const std::string &v, bool withCookies)
{
    std::vector<std::string> where;
    const std::string enc = encodeUriComponent(v);
    if (boundaryFind(q.url, v) || (enc != v && boundaryFind(q.url, enc)))
        where.push_back("url");
    for (const NameValue &h : q.headers) {
        if (!h.name.empty() && h.name[0] == ':')
            continue;
        if (iequals(h.name, "cookie") && !withCookies)
            continue;
        if (boundaryFind(h.value, v))
            where.push_back("header " + h.name);
    }
    if (withCookies)
        for (const NameValue &c : q.cookies)
            if (c.value == v)
                where.push_back("cookie " + c.name);
    if (q.postData) {
        const std::string &t = q.postData->text;
        bool inBody = boundaryFind(t, v) || (enc != v && boundaryFind(t, enc));
        for (const PostParam &p : q.postData->params)
            inBody = inBody || p.value == v || percentDecode(p.value, true) == v;
        if (inBody)
            where.push_back("body");
    }
    return where;
}

bool ignoredResponseHeader(const std::string &name)
{
    static const char *names[] = {
        "date", "server", "content-type", "content-length", "content-encoding", "content-language",
        "cache-control", "expires", "last-modified", "etag", "vary", "age", "via", "connection", "keep-alive",
        "transfer-encoding", "strict-transport-security", "alt-svc", "set-cookie", "location", "x-powered-by",
        "x-frame-options", "x-content-type-options", "x-xss-protection", "referrer-policy",
        "content-security-policy", "report-to", "nel", "permissions-policy", "accept-ranges", "pragma",
        "x-request-id", "x-correlation-id", "x-amzn-requestid", "x-amz-cf-id", "cf-ray", "x-cache", "server-timing",
        "timing-allow-origin", "content-disposition", "link", "x-runtime", "traceparent", "x-trace-id"};
    if (!name.empty() && name[0] == ':')
        return true;
    if (startsWith(toLower(name), "access-control-"))
        return true;
    for (const char *n : names)
        if (iequals(name, n))
            return true;
    return false;
}

void walkJson(const json &v, const std::string &path, const std::string &lastKey, std::vector<Candidate> &out)
{
    if (v.is_object()) {
        for (auto it = v.begin(); it != v.end(); ++it) {
            // "user": {"id": 1} -> userId: short keys take their parent's name.
            std::string name = it.key();
            if (name.size() <= 3 && !lastKey.empty())
                name = lastKey + "_" + name;
            walkJson(it.value(), path.empty() ? it.key() : path + "." + it.key(), name, out);
        }
    } else if (v.is_array()) {
        for (size_t i = 0; i < v.size(); ++i)
            walkJson(v[i], path.empty() ? std::to_string(i) : path + "." + std::to_string(i), lastKey, out);
    } else if (v.is_string() || v.is_number_integer() || v.is_number_unsigned()) {
        if (path.empty())
            return;
        // Selectors are dotted: keys with dots cannot be addressed.
        Candidate c;
        c.value = v.is_string() ? v.get<std::string>() : v.dump();
        c.extract.type = Extractor::Type::Json;
        c.extract.path = path;
        c.name = lastKey.empty() ? "value" : lastKey;
        c.kind = "JSON " + path;
        out.push_back(std::move(c));
    }
}

std::string attr(const QString &tag, const QString &name)
{
    const QRegularExpression re(u"\\s"_s + name + u"\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')"_s,
                                QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(tag);
    if (!m.hasMatch())
        return {};
    return (m.capturedStart(1) >= 0 ? m.captured(1) : m.captured(2)).toStdString();
}

// Hidden inputs and meta tags: <input type="hidden" name="csrf" value="...">, <meta name="csrf-token" content="...">.
void scanHtml(const std::string &body, std::vector<Candidate> &out)
{
    const QString html = QString::fromStdString(body);
    const QRegularExpression tagRe(u"<(input|meta)\\b[^>]*>"_s, QRegularExpression::CaseInsensitiveOption);
    for (auto it = tagRe.globalMatch(html); it.hasNext();) {
        const auto m = it.next();
        const QString tag = m.captured(0);
        const bool input = m.captured(1).compare(u"input"_s, Qt::CaseInsensitive) == 0;
        const std::string name = attr(tag, input ? u"name"_s : u"name"_s);
        const std::string valueAttr = input ? "value" : "content";
        const std::string value = attr(tag, QString::fromStdString(valueAttr));
        if (name.empty() || value.empty())
            continue;
        if (input && toLower(attr(tag, u"type"_s)) != "hidden")
            continue;
        // A regex that finds this tag by its name, whatever the attribute order.
        const std::string tagName = input ? "input" : "meta";
        const std::string nameRe = "name=[\"']" + regexEscape(name) + "[\"']";
        const std::string valueRe = valueAttr + "=[\"']([^\"']*)[\"']";
        const int namePos = int(tag.indexOf(u"name="_s, 0, Qt::CaseInsensitive));
        const int valuePos = int(tag.indexOf(QString::fromStdString(valueAttr + "="), 0, Qt::CaseInsensitive));
        Candidate c;
        c.value = value;
        c.extract.type = Extractor::Type::Regex;
        c.extract.pattern = namePos < valuePos ? "<" + tagName + "[^>]*" + nameRe + "[^>]*" + valueRe
                                               : "<" + tagName + "[^>]*" + valueRe + "[^>]*" + nameRe;
        c.extract.group = 1;
        c.name = name;
        c.kind = input ? "HTML hidden input " + name : "HTML meta " + name;
        out.push_back(std::move(c));
    }
}

std::vector<Candidate> candidatesOf(const Response &r)
{
    std::vector<Candidate> out;
    if (const std::string *loc = r.header("location")) {
        Candidate c;
        c.value = *loc;
        c.extract.type = Extractor::Type::Header;
        c.extract.header = "Location";
        c.name = "location";
        c.kind = "Location header";
        out.push_back(std::move(c));
    }
    for (const NameValue &h : r.headers) {
        if (ignoredResponseHeader(h.name))
            continue;
        Candidate c;
        c.value = h.value;
        c.extract.type = Extractor::Type::Header;
        c.extract.header = canonicalHeaderName(h.name);
        c.name = h.name;
        c.kind = "header " + h.name;
        out.push_back(std::move(c));
    }
    const std::string mime = toLower(r.mimeType);
    if (!r.body.empty() && mime.find("json") != std::string::npos) {
        const json doc = json::parse(r.body, nullptr, false);
        if (!doc.is_discarded())
            walkJson(doc, "", "", out);
    }
    if (!r.body.empty() && (mime.find("html") != std::string::npos || mime.find("xml") != std::string::npos))
        scanHtml(r.body, out);
    for (const NameValue &h : r.headers) {
        if (!iequals(h.name, "set-cookie"))
            continue;
        const size_t eq = h.value.find('=');
        if (eq == std::string::npos || eq == 0)
            continue;
        const std::string name = h.value.substr(0, eq);
        std::string value = h.value.substr(eq + 1);
        value = value.substr(0, value.find(';'));
        Candidate c;
        c.value = value;
        c.extract.type = Extractor::Type::Regex;
        c.extract.header = "Set-Cookie";
        c.extract.pattern = "(?:^|,\\s*)" + regexEscape(name) + "=([^;,]*)";
        c.extract.group = 1;
        c.name = name;
        c.kind = "Set-Cookie " + name;
        c.fromCookie = true;
        out.push_back(std::move(c));
    }
    return out;
}

std::string shortUrl(const Entry &e)
{
    const UrlParts u = splitUrl(e.request.url);
    std::string s = e.request.method + " " + u.path;
    return s.size() > 80 ? s.substr(0, 77) + "..." : s;
}


bool tokenChar(unsigned char c)
{
    return std::isalnum(c) || c == '_' || c == '-' || c == '.' || c == '~';
}

// The first run of token characters in `v` (what an index lookup can find).
std::string firstPiece(const std::string &v)
{
    size_t b = 0;
    while (b < v.size() && !tokenChar(static_cast<unsigned char>(v[b])))
        ++b;
    size_t e = b;
    while (e < v.size() && tokenChar(static_cast<unsigned char>(v[e])))
        ++e;
    return v.substr(b, e - b);
}

// Token -> positions (into `included`) of the requests that contain it, so each candidate value
// is checked against the few requests that can hold it instead of all of them.
using TokenIndex = std::unordered_map<std::string, std::vector<uint32_t>>;

void indexText(const std::string &text, uint32_t pos, TokenIndex &index)
{
    size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && !tokenChar(static_cast<unsigned char>(text[i])))
            ++i;
        const size_t b = i;
        while (i < text.size() && tokenChar(static_cast<unsigned char>(text[i])))
            ++i;
        if (i > b) {
            auto &list = index[text.substr(b, i - b)];
            if (list.empty() || list.back() != pos)
                list.push_back(pos);
        }
    }
}

void indexRequest(const Request &q, uint32_t pos, bool withCookies, TokenIndex &index)
{
    indexText(q.url, pos, index);
    for (const NameValue &h : q.headers)
        if (withCookies || !iequals(h.name, "cookie"))
            indexText(h.value, pos, index);
    if (withCookies)
        for (const NameValue &c : q.cookies)
            indexText(c.value, pos, index);
    if (q.postData) {
        indexText(q.postData->text, pos, index);
        for (const PostParam &p : q.postData->params) {
            indexText(p.value, pos, index);
            indexText(percentDecode(p.value, true), pos, index);
        }
    }
}

} // namespace

std::vector<Proposal> proposeCorrelations(const Archive &archive, const std::vector<size_t> &included,
                                          const std::vector<std::string> &taken,
                                          const std::vector<std::string> &takenNames)
{
    std::vector<Proposal> out;
    std::set<std::string> claimed(taken.begin(), taken.end());
    std::set<std::string> names(takenNames.begin(), takenNames.end());
    for (const char *n : {"res", "http", "check", "group", "sleep", "options", "r", "encoding", "parseHTML"})
        names.insert(n);

    TokenIndex withCookies, withoutCookies;
    for (size_t pos = 0; pos < included.size(); ++pos) {
        indexRequest(archive.entries[included[pos]].request, uint32_t(pos), true, withCookies);
        indexRequest(archive.entries[included[pos]].request, uint32_t(pos), false, withoutCookies);
    }

    for (size_t pos = 0; pos < included.size(); ++pos) {
        const Entry &src = archive.entries[included[pos]];
        for (Candidate &c : candidatesOf(src.response)) {
            if (claimed.count(c.value))
                continue;
            const bool location = c.extract.type == Extractor::Type::Header && c.extract.header == "Location";
            if (location) {
                bool dynamic = false;
                for (unsigned char ch : c.value)
                    dynamic = dynamic || std::isdigit(ch);
                if (!dynamic && c.value.find('?') == std::string::npos)
                    continue;
            } else if (!interesting(c.value)) {
                continue;
            }
            // The client must not have known it before this response.
            const std::string piece = firstPiece(c.value);
            if (piece.empty())
                continue;
            bool knownBefore = false;
            if (auto it = withCookies.find(piece); it != withCookies.end())
                for (uint32_t k : it->second) {
                    if (k > pos)
                        break;
                    knownBefore = knownBefore || !usesOf(archive.entries[included[k]].request, c.value, true).empty();
                }
            if (knownBefore)
                continue;
            Proposal p;
            if (auto it = withoutCookies.find(piece); it != withoutCookies.end())
                for (uint32_t k : it->second) {
                    if (k <= pos)
                        continue;
                    const Entry &later = archive.entries[included[k]];
                    auto where = usesOf(later.request, c.value, false);
                    if (where.empty())
                        continue;
                    p.usedIn.push_back(later.index);
                    for (const std::string &w : where)
                        if (std::find(p.places.begin(), p.places.end(), w) == p.places.end())
                            p.places.push_back(w);
                }
            if (p.usedIn.empty())
                continue;
            // The extractor must give back exactly this value from the recorded response.
            auto check = extractRecorded(c.extract, src.response);
            if (!check || *check != c.value)
                continue;
            claimed.insert(c.value);
            std::string base = toIdentifier(c.name);
            std::string name = base;
            for (int i = 2; names.count(name); ++i)
                name = base + std::to_string(i);
            names.insert(name);
            p.value = c.value;
            p.sourceEntry = src.index;
            p.kind = c.kind;
            p.rule.name = name;
            p.rule.entry = src.index;
            p.rule.extract = c.extract;
            std::string evidence = "log.entries[" + std::to_string(src.index) + "] (" + shortUrl(src) +
                                   ") returned it in " + c.kind + "; sent by ";
            for (size_t i = 0; i < p.usedIn.size() && i < 5; ++i)
                evidence += (i ? ", " : "") + std::string("log.entries[") + std::to_string(p.usedIn[i]) + "]";
            if (p.usedIn.size() > 5)
                evidence += " and " + std::to_string(p.usedIn.size() - 5) + " more";
            evidence += " (";
            for (size_t i = 0; i < p.places.size(); ++i)
                evidence += (i ? ", " : "") + p.places[i];
            evidence += ")";
            p.rule.evidence = evidence;
            out.push_back(std::move(p));
        }
    }
    return out;
}

} // namespace stampede::har
