#include "core/har/rules.h"

#include "core/har/util.h"
#include "core/util/duration.h"

#include <QRegularExpression>
#include <QString>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace stampede::har {

using json = nlohmann::json;

namespace {

class RuleReader
{
public:
    explicit RuleReader(std::string source) : m_source(std::move(source)) {}
    std::optional<Error> error;

    bool fail(const std::string &path, const std::string &reason)
    {
        if (!error)
            error = Error{m_source + ": " + path + ": " + reason, m_source};
        return false;
    }
    bool str(const json &o, const char *key, const std::string &path, std::string &out)
    {
        auto it = o.find(key);
        if (it == o.end() || it->is_null())
            return true;
        if (!it->is_string())
            return fail(path + "." + key, "expected a string");
        out = it->get<std::string>();
        return true;
    }
    bool boolean(const json &o, const char *key, const std::string &path, bool &out)
    {
        auto it = o.find(key);
        if (it == o.end() || it->is_null())
            return true;
        if (!it->is_boolean())
            return fail(path + "." + key, "expected true or false");
        out = it->get<bool>();
        return true;
    }
    bool integer(const json &o, const char *key, const std::string &path, int &out)
    {
        auto it = o.find(key);
        if (it == o.end() || it->is_null())
            return true;
        if (!it->is_number_integer() && !it->is_number_unsigned())
            return fail(path + "." + key, "expected a whole number");
        out = it->get<int>();
        return true;
    }
    bool strings(const json &o, const char *key, const std::string &path, std::vector<std::string> &out)
    {
        auto it = o.find(key);
        if (it == o.end() || it->is_null())
            return true;
        if (!it->is_array())
            return fail(path + "." + key, "expected an array of strings");
        for (size_t i = 0; i < it->size(); ++i) {
            if (!(*it)[i].is_string())
                return fail(path + "." + key + "[" + std::to_string(i) + "]", "expected a string");
            out.push_back((*it)[i].get<std::string>());
        }
        return true;
    }
    bool duration(const json &o, const char *key, const std::string &path, double &seconds)
    {
        auto it = o.find(key);
        if (it == o.end() || it->is_null())
            return true;
        if (it->is_number()) {
            seconds = it->get<double>();
            return true;
        }
        if (!it->is_string())
            return fail(path + "." + key, "expected a duration such as \"2s\"");
        auto d = parseDuration(it->get<std::string>());
        if (!d)
            return fail(path + "." + key, d.error().message);
        seconds = std::chrono::duration<double>(*d).count();
        return true;
    }
    const json *array(const json &o, const char *key, const std::string &path)
    {
        auto it = o.find(key);
        if (it == o.end() || it->is_null())
            return nullptr;
        if (!it->is_array()) {
            fail(path + "." + key, "expected an array");
            return nullptr;
        }
        return &*it;
    }

private:
    std::string m_source;
};

bool readExtractor(RuleReader &r, const json &e, const std::string &path, Extractor &x)
{
    if (!e.is_object())
        return r.fail(path, "expected an object with a \"type\"");
    std::string type;
    if (!r.str(e, "type", path, type))
        return false;
    if (type == "json") {
        x.type = Extractor::Type::Json;
        if (!r.str(e, "path", path, x.path))
            return false;
        if (x.path.empty())
            return r.fail(path + ".path", "a json extractor needs a path, e.g. \"data.token\"");
    } else if (type == "regex") {
        x.type = Extractor::Type::Regex;
        if (!r.str(e, "pattern", path, x.pattern) || !r.integer(e, "group", path, x.group) ||
            !r.str(e, "header", path, x.header))
            return false;
        const QRegularExpression re(QString::fromStdString(x.pattern));
        if (x.pattern.empty() || !re.isValid())
            return r.fail(path + ".pattern", "invalid regular expression: " + re.errorString().toStdString());
        if (x.group < 0 || x.group > re.captureCount())
            return r.fail(path + ".group", "the pattern has " + std::to_string(re.captureCount()) + " capture groups");
    } else if (type == "header") {
        x.type = Extractor::Type::Header;
        if (!r.str(e, "name", path, x.header))
            return false;
        if (x.header.empty())
            return r.fail(path + ".name", "a header extractor needs the header name");
    } else if (type == "beginEnd") {
        x.type = Extractor::Type::BeginEnd;
        if (!r.str(e, "begin", path, x.begin) || !r.str(e, "end", path, x.end) || !r.str(e, "header", path, x.header))
            return false;
        if (x.begin.empty() || x.end.empty())
            return r.fail(path, "a beginEnd extractor needs non-empty \"begin\" and \"end\"");
    } else {
        return r.fail(path + ".type", "unknown extractor type \"" + type + "\" (json, regex, header, beginEnd)");
    }
    return true;
}

} // namespace

Result<Rules> rulesFromJson(const json &doc, const std::string &source)
{
    RuleReader r(source);
    Rules rules;
    if (!doc.is_object())
        return Error{source + ": expected a JSON object with rules", source};
    if (auto f = doc.find("filters"); f != doc.end() && !f->is_null()) {
        if (!f->is_object())
            return Error{source + ": filters: expected an object", source};
        Filters &x = rules.filters;
        if (!r.strings(*f, "allowHosts", "filters", x.allowHosts) || !r.strings(*f, "blockUrls", "filters", x.blockUrls) ||
            !r.boolean(*f, "includeStatic", "filters", x.includeStatic) ||
            !r.boolean(*f, "includeThirdParty", "filters", x.includeThirdParty) ||
            !r.boolean(*f, "includeCached", "filters", x.includeCached) ||
            !r.boolean(*f, "includeFailed", "filters", x.includeFailed))
            return *r.error;
    }
    if (const json *cs = r.array(doc, "correlations", "(root)")) {
        for (size_t i = 0; i < cs->size(); ++i) {
            const json &c = (*cs)[i];
            const std::string p = "correlations[" + std::to_string(i) + "]";
            if (!c.is_object())
                return Error{source + ": " + p + ": expected an object", source};
            Correlation k;
            if (!r.str(c, "name", p, k.name) || !r.str(c, "from", p, k.from) || !r.boolean(c, "enabled", p, k.enabled) ||
                !r.str(c, "evidence", p, k.evidence))
                return *r.error;
            if (!isIdentifier(k.name))
                return Error{source + ": " + p + ".name: \"" + k.name + "\" is not a valid JavaScript identifier", source};
            if (auto e = c.find("entry"); e != c.end() && !e->is_null()) {
                if (!e->is_number_unsigned() && !(e->is_number_integer() && e->get<long long>() >= 0))
                    return Error{source + ": " + p + ".entry: expected a log.entries index", source};
                k.entry = e->get<size_t>();
            }
            auto ex = c.find("extract");
            if (ex == c.end())
                return Error{source + ": " + p + ".extract: missing", source};
            if (!readExtractor(r, *ex, p + ".extract", k.extract))
                return *r.error;
            std::vector<std::string> where;
            if (!r.strings(c, "replace", p, where))
                return *r.error;
            if (c.contains("replace")) {
                k.inUrl = k.inHeaders = k.inBody = false;
                for (const std::string &w : where) {
                    if (w == "url")
                        k.inUrl = true;
                    else if (w == "headers")
                        k.inHeaders = true;
                    else if (w == "body")
                        k.inBody = true;
                    else
                        return Error{source + ": " + p + ".replace: unknown place \"" + w + "\" (url, headers, body)", source};
                }
            }
            rules.correlations.push_back(std::move(k));
        }
    }
    if (r.error)
        return *r.error;
    if (const json *ps = r.array(doc, "parameters", "(root)")) {
        for (size_t i = 0; i < ps->size(); ++i) {
            const json &c = (*ps)[i];
            const std::string p = "parameters[" + std::to_string(i) + "]";
            if (!c.is_object())
                return Error{source + ": " + p + ": expected an object", source};
            Parameter k;
            if (!r.str(c, "name", p, k.name) || !r.str(c, "from", p, k.from))
                return *r.error;
            auto m = c.find("match");
            if (m == c.end() || !m->is_object() || m->size() != 1 || !m->begin()->is_string())
                return Error{source + ": " + p + ".match: expected one of {\"value\"|\"header\"|\"queryParam\"|"
                                                  "\"formField\"|\"jsonField\": \"...\"}",
                             source};
            const std::string mk = m->begin().key();
            k.key = m->begin()->get<std::string>();
            if (mk == "value")
                k.match = Parameter::Match::Value;
            else if (mk == "header")
                k.match = Parameter::Match::Header;
            else if (mk == "queryParam")
                k.match = Parameter::Match::QueryParam;
            else if (mk == "formField")
                k.match = Parameter::Match::FormField;
            else if (mk == "jsonField")
                k.match = Parameter::Match::JsonField;
            else
                return Error{source + ": " + p + ".match." + mk + ": unknown match kind", source};
            if (k.key.empty())
                return Error{source + ": " + p + ".match." + mk + ": empty", source};
            auto s = c.find("source");
            if (s == c.end() || !s->is_object())
                return Error{source + ": " + p + ".source: expected an object", source};
            if (!r.str(*s, "pick", p + ".source", k.pick))
                return *r.error;
            if (k.pick != "vu" && k.pick != "iteration" && k.pick != "random")
                return Error{source + ": " + p + ".source.pick: expected vu, iteration or random", source};
            if (s->contains("csv")) {
                k.source = Parameter::Source::Csv;
                if (!r.str(*s, "csv", p + ".source", k.sourceText) || !r.str(*s, "column", p + ".source", k.field))
                    return *r.error;
                if (k.field.empty())
                    return Error{source + ": " + p + ".source.column: missing", source};
            } else if (s->contains("json")) {
                k.source = Parameter::Source::Json;
                if (!r.str(*s, "json", p + ".source", k.sourceText) || !r.str(*s, "field", p + ".source", k.field))
                    return *r.error;
            } else if (s->contains("expression")) {
                k.source = Parameter::Source::Expression;
                if (!r.str(*s, "expression", p + ".source", k.sourceText))
                    return *r.error;
            } else if (s->contains("value")) {
                k.source = Parameter::Source::Value;
                if (!r.str(*s, "value", p + ".source", k.sourceText))
                    return *r.error;
            } else {
                return Error{source + ": " + p + ".source: expected csv, json, expression or value", source};
            }
            if (k.name.empty())
                k.name = toIdentifier(k.source == Parameter::Source::Csv || k.source == Parameter::Source::Json ? k.field
                                                                                                              : k.key);
            if (!isIdentifier(k.name))
                return Error{source + ": " + p + ".name: \"" + k.name + "\" is not a valid JavaScript identifier", source};
            rules.parameters.push_back(std::move(k));
        }
    }
    if (r.error)
        return *r.error;
    if (const json *vs = r.array(doc, "verifications", "(root)")) {
        for (size_t i = 0; i < vs->size(); ++i) {
            const json &c = (*vs)[i];
            const std::string p = "verifications[" + std::to_string(i) + "]";
            if (!c.is_object())
                return Error{source + ": " + p + ": expected an object", source};
            Verification v;
            int status = -1;
            if (!r.str(c, "url", p, v.url) || !r.integer(c, "status", p, status) ||
                !r.str(c, "bodyContains", p, v.bodyContains))
                return *r.error;
            if (status >= 0)
                v.status = status;
            if (!v.status && v.bodyContains.empty())
                return Error{source + ": " + p + ": needs \"status\" or \"bodyContains\"", source};
            rules.verifications.push_back(std::move(v));
        }
    }
    if (r.error)
        return *r.error;
    if (const json *cc = r.array(doc, "customCode", "(root)")) {
        for (size_t i = 0; i < cc->size(); ++i) {
            const json &c = (*cc)[i];
            const std::string p = "customCode[" + std::to_string(i) + "]";
            if (!c.is_object())
                return Error{source + ": " + p + ": expected an object", source};
            CustomCode k;
            std::string placement = "before";
            if (!r.str(c, "url", p, k.url) || !r.str(c, "placement", p, placement) || !r.str(c, "code", p, k.code))
                return *r.error;
            if (placement != "before" && placement != "after")
                return Error{source + ": " + p + ".placement: expected before or after", source};
            k.before = placement == "before";
            rules.customCode.push_back(std::move(k));
        }
    }
    if (r.error)
        return *r.error;
    if (auto s = doc.find("script"); s != doc.end() && !s->is_null()) {
        if (!s->is_object())
            return Error{source + ": script: expected an object", source};
        ScriptSettings &x = rules.script;
        if (!r.boolean(*s, "thinkTime", "script", x.thinkTime) ||
            !r.duration(*s, "minThinkTime", "script", x.minThinkTimeS) ||
            !r.duration(*s, "maxThinkTime", "script", x.maxThinkTimeS) || !r.integer(*s, "vus", "script", x.vus) ||
            !r.str(*s, "duration", "script", x.duration) || !r.integer(*s, "iterations", "script", x.iterations) ||
            !r.boolean(*s, "statusChecks", "script", x.statusChecks) ||
            !r.boolean(*s, "autoCorrelate", "script", x.autoCorrelate))
            return *r.error;
    }
    return rules;
}

Result<Rules> loadRules(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error{path + ": cannot read the file: " + std::strerror(errno), path};
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::parse_error &e) {
        const size_t byte = std::min(e.byte > 0 ? e.byte - 1 : 0, text.size());
        const int line = 1 + int(std::count(text.begin(), text.begin() + long(byte), '\n'));
        const size_t ls = text.rfind('\n', byte == 0 ? 0 : byte - 1);
        const int col = int(byte - (ls == std::string::npos ? 0 : ls + 1)) + 1;
        std::string what = e.what();
        if (const size_t p = what.find("syntax error"); p != std::string::npos)
            what = what.substr(p);
        return Error{path + ":" + std::to_string(line) + ":" + std::to_string(col) + ": invalid JSON: " + what, path,
                     line, col};
    }
    return rulesFromJson(doc, path);
}

json rulesToJson(const Rules &rules)
{
    json doc = json::object();
    doc["version"] = 1;
    const Filters &f = rules.filters;
    doc["filters"] = {{"allowHosts", f.allowHosts},       {"blockUrls", f.blockUrls},
                      {"includeStatic", f.includeStatic}, {"includeThirdParty", f.includeThirdParty},
                      {"includeCached", f.includeCached}, {"includeFailed", f.includeFailed}};
    json cs = json::array();
    for (const Correlation &c : rules.correlations) {
        json o = {{"name", c.name}};
        if (!c.from.empty())
            o["from"] = c.from;
        if (c.entry)
            o["entry"] = *c.entry;
        json x;
        switch (c.extract.type) {
        case Extractor::Type::Json: x = {{"type", "json"}, {"path", c.extract.path}}; break;
        case Extractor::Type::Regex:
            x = {{"type", "regex"}, {"pattern", c.extract.pattern}, {"group", c.extract.group}};
            if (!c.extract.header.empty())
                x["header"] = c.extract.header;
            break;
        case Extractor::Type::Header: x = {{"type", "header"}, {"name", c.extract.header}}; break;
        case Extractor::Type::BeginEnd:
            x = {{"type", "beginEnd"}, {"begin", c.extract.begin}, {"end", c.extract.end}};
            if (!c.extract.header.empty())
                x["header"] = c.extract.header;
            break;
        }
        o["extract"] = x;
        json where = json::array();
        if (c.inUrl)
            where.push_back("url");
        if (c.inHeaders)
            where.push_back("headers");
        if (c.inBody)
            where.push_back("body");
        o["replace"] = where;
        o["enabled"] = c.enabled;
        if (!c.evidence.empty())
            o["evidence"] = c.evidence;
        cs.push_back(o);
    }
    doc["correlations"] = cs;
    json ps = json::array();
    for (const Parameter &p : rules.parameters) {
        static const char *kinds[] = {"value", "header", "queryParam", "formField", "jsonField"};
        json o = {{"name", p.name}, {"match", {{kinds[int(p.match)], p.key}}}};
        if (!p.from.empty())
            o["from"] = p.from;
        json s;
        switch (p.source) {
        case Parameter::Source::Value: s = {{"value", p.sourceText}}; break;
        case Parameter::Source::Expression: s = {{"expression", p.sourceText}}; break;
        case Parameter::Source::Csv: s = {{"csv", p.sourceText}, {"column", p.field}, {"pick", p.pick}}; break;
        case Parameter::Source::Json: s = {{"json", p.sourceText}, {"field", p.field}, {"pick", p.pick}}; break;
        }
        o["source"] = s;
        ps.push_back(o);
    }
    doc["parameters"] = ps;
    json vs = json::array();
    for (const Verification &v : rules.verifications) {
        json o = {{"url", v.url}};
        if (v.status)
            o["status"] = *v.status;
        if (!v.bodyContains.empty())
            o["bodyContains"] = v.bodyContains;
        vs.push_back(o);
    }
    doc["verifications"] = vs;
    json cc = json::array();
    for (const CustomCode &c : rules.customCode)
        cc.push_back({{"url", c.url}, {"placement", c.before ? "before" : "after"}, {"code", c.code}});
    doc["customCode"] = cc;
    const ScriptSettings &s = rules.script;
    json so = {{"thinkTime", s.thinkTime},
               {"minThinkTime", formatGoDuration(std::chrono::duration_cast<Nanos>(std::chrono::duration<double>(s.minThinkTimeS)))},
               {"maxThinkTime", formatGoDuration(std::chrono::duration_cast<Nanos>(std::chrono::duration<double>(s.maxThinkTimeS)))},
               {"statusChecks", s.statusChecks},
               {"autoCorrelate", s.autoCorrelate}};
    if (s.vus > 0)
        so["vus"] = s.vus;
    if (!s.duration.empty())
        so["duration"] = s.duration;
    if (s.iterations > 0)
        so["iterations"] = s.iterations;
    doc["script"] = so;
    return doc;
}

Status saveRules(const Rules &rules, const std::string &path)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out)
        return Error{path + ": cannot write the file: " + std::strerror(errno), path};
    out << rulesToJson(rules).dump(2) << "\n";
    if (!out)
        return Error{path + ": cannot write the file", path};
    return {};
}

std::string rulesPathFor(const std::string &harPath)
{
    return harPath + ".rules.json";
}

bool urlMatches(const std::string &pattern, const std::string &url)
{
    if (pattern.empty() || pattern == "*")
        return true;
    if (pattern.size() >= 2 && pattern.front() == '/' && pattern.back() == '/') {
        const QRegularExpression re(QString::fromStdString(pattern.substr(1, pattern.size() - 2)));
        return re.isValid() && re.match(QString::fromStdString(url)).hasMatch();
    }
    // Glob over the whole URL; a pattern without a scheme also matches after "scheme://host".
    auto glob = [](std::string_view p, std::string_view s) {
        size_t pi = 0, si = 0, star = std::string::npos, mark = 0;
        while (si < s.size()) {
            if (pi < p.size() && (p[pi] == '?' || p[pi] == s[si])) {
                ++pi;
                ++si;
            } else if (pi < p.size() && p[pi] == '*') {
                star = pi++;
                mark = si;
            } else if (star != std::string::npos) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.size() && p[pi] == '*')
            ++pi;
        return pi == p.size();
    };
    if (glob(pattern, url))
        return true;
    if (pattern.find("://") == std::string::npos) {
        const UrlParts u = splitUrl(url);
        const std::string pathAndQuery = u.path + (u.query.empty() ? "" : "?" + u.query);
        return glob(pattern, pathAndQuery) || glob(pattern, u.host + pathAndQuery);
    }
    return false;
}

bool hostMatches(const std::string &pattern, const std::string &host)
{
    const std::string p = toLower(pattern);
    const std::string h = toLower(host);
    if (startsWith(p, "*.")) {
        const std::string domain = p.substr(2);
        return h == domain || endsWith(h, "." + domain);
    }
    return p == h;
}

bool isStaticEntry(const Entry &e)
{
    const std::string &t = e.resourceType;
    if (t == "image" || t == "font" || t == "stylesheet" || t == "script" || t == "media" || t == "manifest" ||
        t == "texttrack")
        return true;
    // Chrome says "other" for favicons and source maps; check MIME type and extension too.
    const std::string guessed = guessResourceType(e);
    return guessed == "image" || guessed == "font" || guessed == "stylesheet" || guessed == "script" ||
           guessed == "media";
}

FilterResult applyFilters(const Archive &archive, const Filters &filters)
{
    FilterResult out;
    out.allowedHosts = filters.allowHosts;
    if (out.allowedHosts.empty()) {
        // First party: the host of the first document request (else of the first request).
        const Entry *first = nullptr;
        for (const Entry &e : archive.entries) {
            if (e.resourceType == "document") {
                first = &e;
                break;
            }
        }
        if (!first && !archive.entries.empty())
            first = &archive.entries.front();
        if (first)
            out.allowedHosts.push_back(splitUrl(first->request.url).host);
    }
    for (const Entry &e : archive.entries) {
        const UrlParts u = splitUrl(e.request.url);
        auto skip = [&](std::string reason) { out.skipped.push_back({e.index, std::move(reason)}); };
        if (u.scheme != "http" && u.scheme != "https") {
            skip("not HTTP (" + u.scheme + ")");
            continue;
        }
        if (e.request.method == "CONNECT") {
            skip("CONNECT request");
            continue;
        }
        bool blocked = false;
        for (const std::string &b : filters.blockUrls) {
            if (urlMatches(b, e.request.url)) {
                skip("blocked by " + b);
                blocked = true;
                break;
            }
        }
        if (blocked)
            continue;
        const bool explicitAllow = !filters.allowHosts.empty();
        bool allowed = false;
        for (const std::string &h : out.allowedHosts)
            allowed = allowed || hostMatches(h, u.host);
        if (!allowed && (explicitAllow || !filters.includeThirdParty)) {
            skip(explicitAllow ? "host not allowed: " + u.host : "third-party host: " + u.host);
            continue;
        }
        if (!filters.includeStatic && isStaticEntry(e)) {
            skip("static asset (" + e.resourceType + ")");
            continue;
        }
        if (!filters.includeCached && e.fromCache) {
            skip("served from the browser cache");
            continue;
        }
        if (!filters.includeFailed && e.response.status == 0 && archive.entries.size() > 0 &&
            !(e.response.status == 0 && e.response.statusText.empty() && e.response.headers.empty() &&
              e.response.mimeType.empty() && e.timeMs == 0)) {
            skip("no response (blocked or aborted)");
            continue;
        }
        out.included.push_back(e.index);
    }
    return out;
}

} // namespace stampede::har
