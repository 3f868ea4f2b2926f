#include "core/har/generator.h"

#include "core/har/extract.h"
#include "core/har/util.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

namespace stampede::har {

using json = nlohmann::json;

namespace {

// ---------------------------------------------------------------------------------------------
// String templates: literal text and JavaScript expressions, rendered as "..." or `...${x}...`.

struct Seg
{
    bool expr = false;
    std::string text;
    std::string queryName; // URL query values: the decoded parameter name
};
using Tpl = std::vector<Seg>;

std::string render(const Tpl &t)
{
    bool anyExpr = false;
    for (const Seg &s : t)
        anyExpr = anyExpr || s.expr;
    if (!anyExpr) {
        std::string all;
        for (const Seg &s : t)
            all += s.text;
        return jsString(all);
    }
    if (t.size() == 1)
        return t.front().text; // a bare expression
    std::string out = "`";
    for (const Seg &s : t)
        out += s.expr ? "${" + s.text + "}" : jsTemplateText(s.text);
    return out + "`";
}

// A value to replace: recorded text -> expression.
struct Sub
{
    std::string value;
    std::string expr;
    bool inUrl = true, inHeaders = true, inBody = true;
};

enum class Where { Url, Header, Body };

bool alnum(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// Short or numeric values only match whole tokens ("123" not inside "41234").
bool needsBoundary(const std::string &v)
{
    return v.size() < 6 || v.find_first_not_of("0123456789") == std::string::npos;
}

void substitute(Tpl &t, const std::string &needle, const std::string &expr)
{
    if (needle.empty())
        return;
    const bool boundary = needsBoundary(needle);
    Tpl out;
    for (Seg &s : t) {
        if (s.expr) {
            out.push_back(std::move(s));
            continue;
        }
        size_t pos = 0, from = 0;
        bool split = false;
        while ((pos = s.text.find(needle, from)) != std::string::npos) {
            const size_t end = pos + needle.size();
            if (boundary && ((pos > 0 && alnum(s.text[pos - 1])) || (end < s.text.size() && alnum(s.text[end])))) {
                from = pos + 1;
                continue;
            }
            if (pos > 0 || split || true) {
                Seg lit{false, s.text.substr(0, pos), s.queryName};
                if (!lit.text.empty())
                    out.push_back(std::move(lit));
            }
            out.push_back(Seg{true, expr, {}});
            s.text = s.text.substr(end);
            from = 0;
            split = true;
        }
        if (!s.text.empty())
            out.push_back(std::move(s));
    }
    t = std::move(out);
}

void applySubs(Tpl &t, const std::vector<Sub> &subs, Where where)
{
    for (const Sub &s : subs) {
        if ((where == Where::Url && !s.inUrl) || (where == Where::Header && !s.inHeaders) ||
            (where == Where::Body && !s.inBody))
            continue;
        substitute(t, s.value, s.expr);
        if (where == Where::Url || where == Where::Body) {
            const std::string enc = encodeUriComponent(s.value);
            if (enc != s.value)
                substitute(t, enc, "encodeURIComponent(" + s.expr + ")");
        }
    }
}

// LI-HAR: "${name}" refers to a variable declared by an earlier entry.
Tpl literalTpl(const std::string &text, const std::set<std::string> &liVariables)
{
    Tpl t;
    if (liVariables.empty()) {
        t.push_back({false, text, {}});
        return t;
    }
    size_t from = 0;
    std::string lit;
    while (from < text.size()) {
        const size_t open = text.find("${", from);
        if (open == std::string::npos)
            break;
        const size_t close = text.find('}', open);
        if (close == std::string::npos)
            break;
        const std::string name = text.substr(open + 2, close - open - 2);
        if (liVariables.count(name)) {
            lit += text.substr(from, open - from);
            if (!lit.empty())
                t.push_back({false, lit, {}});
            lit.clear();
            t.push_back({true, name, {}});
        } else {
            lit += text.substr(from, close + 1 - from);
        }
        from = close + 1;
    }
    lit += text.substr(std::min(from, text.size()));
    if (!lit.empty())
        t.push_back({false, lit, {}});
    return t;
}

// ---------------------------------------------------------------------------------------------
// JavaScript values (options, JSON bodies) in the style of prettier: 2 spaces, trailing commas.

template<typename J>
using LeafFn = std::function<std::optional<std::string>(const J &leaf, const std::string &path)>;

template<typename J>
void emitValue(std::ostringstream &o, const J &v, int indent, const std::string &path, const LeafFn<J> &leaf);

// Small objects and arrays of scalars go on one line: { duration: "30s", target: 5 }.
template<typename J>
std::optional<std::string> inlineValue(const J &v, const std::string &path, const LeafFn<J> &leaf)
{
    if (!(v.is_object() || v.is_array()) || v.empty() || v.size() > 4)
        return std::nullopt;
    std::ostringstream o;
    o << (v.is_object() ? "{ " : "[");
    size_t i = 0;
    for (auto it = v.begin(); it != v.end(); ++it, ++i) {
        if (it->is_object() || it->is_array())
            return std::nullopt;
        if (i)
            o << ", ";
        std::string key;
        if (v.is_object())
            key = it.key();
        if (v.is_object())
            o << jsKey(key) << ": ";
        emitValue(o, *it, 0, path.empty() ? (v.is_object() ? key : std::to_string(i))
                                          : path + "." + (v.is_object() ? key : std::to_string(i)), leaf);
    }
    o << (v.is_object() ? " }" : "]");
    const std::string s = o.str();
    if (s.size() > 72 || s.find('\n') != std::string::npos)
        return std::nullopt;
    return s;
}

template<typename J>
void emitValue(std::ostringstream &o, const J &v, int indent, const std::string &path, const LeafFn<J> &leaf)
{
    const std::string pad(size_t(indent + 2), ' ');
    const std::string closePad(size_t(indent), ' ');
    if (v.is_object() || v.is_array()) {
        if (v.empty()) {
            o << (v.is_object() ? "{}" : "[]");
            return;
        }
        if (auto one = inlineValue(v, path, leaf)) {
            o << *one;
            return;
        }
    }
    if (v.is_object()) {
        o << "{\n";
        for (auto it = v.begin(); it != v.end(); ++it) {
            o << pad << jsKey(it.key()) << ": ";
            emitValue(o, it.value(), indent + 2, path.empty() ? it.key() : path + "." + it.key(), leaf);
            o << ",\n";
        }
        o << closePad << "}";
    } else if (v.is_array()) {
        o << "[\n";
        for (size_t i = 0; i < v.size(); ++i) {
            o << pad;
            emitValue(o, v[i], indent + 2, path.empty() ? std::to_string(i) : path + "." + std::to_string(i), leaf);
            o << ",\n";
        }
        o << closePad << "]";
    } else {
        if (leaf) {
            if (auto s = leaf(v, path)) {
                o << *s;
                return;
            }
        }
        o << (v.is_string() ? jsString(v.template get<std::string>()) : v.dump());
    }
}

std::string jsonPathToSelector(std::string expr)
{
    if (startsWith(expr, "$."))
        expr = expr.substr(2);
    else if (startsWith(expr, "$"))
        expr = expr.substr(1);
    std::string out;
    for (size_t i = 0; i < expr.size(); ++i) {
        if (expr[i] == '[') {
            const size_t close = expr.find(']', i);
            std::string inner = expr.substr(i + 1, close - i - 1);
            if (inner.size() >= 2 && (inner.front() == '\'' || inner.front() == '"'))
                inner = inner.substr(1, inner.size() - 2);
            if (!out.empty())
                out += ".";
            out += inner;
            i = close == std::string::npos ? expr.size() : close;
        } else {
            out.push_back(expr[i]);
        }
    }
    return out;
}

bool ignoredHeader(const std::string &name)
{
    static const char *drop[] = {"content-length", "host", "connection", "accept-encoding", "cookie",
                                 "keep-alive", "proxy-connection", "transfer-encoding", "te", "upgrade",
                                 "if-none-match", "if-modified-since", "priority"};
    if (!name.empty() && name[0] == ':')
        return true; // HTTP/2 pseudo-headers: :authority, :method, :path, :scheme
    for (const char *d : drop)
        if (iequals(name, d))
            return true;
    return false;
}

bool looksJson(const std::string &mime)
{
    return toLower(mime).find("json") != std::string::npos;
}

// ---------------------------------------------------------------------------------------------

struct Extraction
{
    std::string variable;
    std::string expression;
};

struct DataFile
{
    std::string file;
    bool csv = true;
    std::string array; // SharedArray variable
    std::string pick;
    std::string row;   // the row variable in the default function
};

class Generator
{
public:
    Generator(const Archive &a, const Rules &r, Conversion &c) : m_a(a), m_rules(r), m_c(c) {}

    Status run();

private:
    std::string requestBlock(size_t pos, int indent);
    std::string usedName(std::string base);
    std::string emitLiChecks(const Entry &e, int indent);

    const Archive &m_a;
    const Rules &m_rules;
    Conversion &m_c;

    std::vector<const Entry *> m_entries; // included, in order
    std::map<size_t, std::vector<Extraction>> m_extractions; // position -> statements after it
    std::map<size_t, std::vector<Sub>> m_subsFrom;           // position -> values known after it
    std::vector<Sub> m_paramSubs;                            // literal parameters (everywhere)
    std::vector<std::string> m_variables;                    // "let" in the default function
    std::set<std::string> m_liVariables;
    std::set<std::string> m_names;
    std::vector<DataFile> m_dataFiles;
    std::vector<std::pair<std::string, std::string>> m_constants; // parameter name -> expression
    std::vector<std::pair<std::string, std::string>> m_baseHeaders; // in every request, same value
    bool m_usesCheck = false, m_usesGroup = false, m_usesSleep = false, m_usesHtml = false, m_usesEncoding = false,
         m_usesCsv = false;
};

std::string Generator::usedName(std::string base)
{
    if (!isIdentifier(base))
        base = toIdentifier(base);
    static const std::set<std::string> taken = {"res", "http", "check", "group", "sleep", "options", "SharedArray",
                                                "open", "encoding", "parseHTML", "parseCsv", "r", "__VU", "__ITER"};
    std::string name = base;
    for (int i = 2; taken.count(name) || m_names.count(name); ++i)
        name = base + std::to_string(i);
    m_names.insert(name);
    return name;
}

Status Generator::run()
{
    for (size_t idx : m_c.filter.included)
        m_entries.push_back(&m_a.entries[idx]);

    // LI-HAR variables.
    for (const Entry *e : m_entries) {
        for (const LiVariable &v : e->variables) {
            if (!m_liVariables.count(v.name)) {
                m_liVariables.insert(v.name);
                m_names.insert(v.name);
                m_variables.push_back(v.name);
            }
        }
    }

    // Parameters: data files, constants.
    for (const Parameter &p : m_rules.parameters) {
        std::string expr;
        switch (p.source) {
        case Parameter::Source::Value: expr = jsString(p.sourceText); break;
        case Parameter::Source::Expression: expr = p.sourceText; break;
        case Parameter::Source::Csv:
        case Parameter::Source::Json: {
            const bool csv = p.source == Parameter::Source::Csv;
            auto it = std::find_if(m_dataFiles.begin(), m_dataFiles.end(),
                                   [&](const DataFile &d) { return d.file == p.sourceText && d.pick == p.pick; });
            if (it == m_dataFiles.end()) {
                std::string stem = p.sourceText.substr(p.sourceText.find_last_of('/') + 1);
                stem = stem.substr(0, stem.find('.'));
                DataFile d{p.sourceText, csv, usedName(toIdentifier(stem)), p.pick, {}};
                d.row = usedName(d.array + "Row");
                m_dataFiles.push_back(d);
                it = m_dataFiles.end() - 1;
                m_usesCsv = m_usesCsv || csv;
            }
            expr = p.field.empty() ? it->row
                   : isIdentifier(p.field) ? it->row + "." + p.field
                                           : it->row + "[" + jsString(p.field) + "]";
            break;
        }
        }
        if (m_names.count(p.name))
            return Error{"parameter \"" + p.name + "\": the name is used twice"};
        m_names.insert(p.name);
        m_constants.emplace_back(p.name, expr);
        if (p.match == Parameter::Match::Value)
            m_paramSubs.push_back({p.key, p.name});
    }

    // Correlations: where to extract, which recorded values become which variable.
    std::vector<Correlation> rules;
    for (const Correlation &c : m_c.correlations)
        if (c.enabled)
            rules.push_back(c);
    std::map<std::string, std::string> declared; // rule name -> variable
    for (const Correlation &c : rules) {
        bool found = false;
        for (size_t pos = 0; pos < m_entries.size(); ++pos) {
            const Entry &e = *m_entries[pos];
            if (c.entry && *c.entry != e.index)
                continue;
            if (!c.entry && !c.from.empty() && !urlMatches(c.from, e.request.url))
                continue;
            auto value = extractRecorded(c.extract, e.response);
            if (!value || value->empty())
                continue;
            if (!declared.count(c.name)) {
                const std::string var = m_names.count(c.name) ? usedName(c.name) : c.name;
                m_names.insert(var);
                declared[c.name] = var;
                m_variables.push_back(var);
            }
            const std::string &var = declared[c.name];
            m_extractions[pos].push_back({var, extractExpression(c.extract)});
            m_subsFrom[pos].push_back(Sub{*value, var, c.inUrl, c.inHeaders, c.inBody});
            found = true;
        }
        if (!found)
            m_c.warnings.push_back("correlation \"" + c.name + "\": no recorded response matched the extractor");
    }

    // Headers every request sends with the same value go into one object the requests spread.
    if (m_entries.size() >= 2) {
        std::vector<std::string> dynamicValues;
        for (const auto &[p, list] : m_subsFrom)
            for (const Sub &sub : list)
                dynamicValues.push_back(sub.value);
        for (const Sub &sub : m_paramSubs)
            dynamicValues.push_back(sub.value);
        for (const NameValue &h : m_entries.front()->request.headers) {
            if (ignoredHeader(h.name) || iequals(h.name, "content-type"))
                continue;
            bool everywhere = true;
            for (const Entry *e : m_entries) {
                const std::string *v = e->request.header(h.name);
                everywhere = everywhere && v && *v == h.value;
            }
            for (const Parameter &p : m_rules.parameters)
                everywhere = everywhere && !(p.match == Parameter::Match::Header && iequals(p.key, h.name));
            for (const std::string &d : dynamicValues)
                everywhere = everywhere && h.value.find(d) == std::string::npos;
            if (!m_liVariables.empty())
                everywhere = everywhere && h.value.find("${") == std::string::npos;
            const bool dup = std::any_of(m_baseHeaders.begin(), m_baseHeaders.end(),
                                         [&](const auto &b) { return iequals(b.first, h.name); });
            if (everywhere && !dup)
                m_baseHeaders.emplace_back(h.name, h.value);
        }
        if (m_baseHeaders.size() < 2)
            m_baseHeaders.clear();
    }

    // Imports and the body, then put it together.
    std::ostringstream body;
    std::vector<std::pair<std::string, std::vector<size_t>>> blocks; // group ref ("" = none) -> positions
    std::map<std::string, size_t> groupBlock;
    for (size_t pos = 0; pos < m_entries.size(); ++pos) {
        const std::string &ref = m_entries[pos]->pageref;
        if (ref.empty()) {
            blocks.push_back({"", {pos}});
            continue;
        }
        auto it = groupBlock.find(ref);
        if (it == groupBlock.end()) {
            groupBlock[ref] = blocks.size();
            blocks.push_back({ref, {pos}});
        } else {
            blocks[it->second].second.push_back(pos);
        }
    }
    bool firstBlock = true;
    for (const auto &[ref, positions] : blocks) {
        if (!firstBlock)
            body << "\n";
        firstBlock = false;
        if (ref.empty()) {
            body << requestBlock(positions.front(), 2);
            continue;
        }
        m_usesGroup = true;
        const Page *page = m_a.page(ref);
        const std::string title = page && !page->title.empty() ? page->title : ref;
        body << "  group(" << jsString(title) << ", function () {\n";
        for (size_t i = 0; i < positions.size(); ++i) {
            if (i > 0)
                body << "\n";
            body << requestBlock(positions[i], 4);
        }
        body << "  });\n";
    }

    std::ostringstream o;
    o << "// Generated by stampede convert from " << m_a.source.substr(m_a.source.find_last_of('/') + 1);
    if (!m_a.creatorName.empty())
        o << " (recorded with " << m_a.creatorName << (m_a.creatorVersion.empty() ? "" : " " + m_a.creatorVersion)
          << ")";
    o << ".\n// " << m_entries.size() << " of " << m_a.entries.size() << " requests kept";
    if (!m_c.filter.skipped.empty())
        o << "; static assets, third-party hosts and filtered requests left out";
    o << ".\n";
    if (!m_c.correlations.empty())
        o << "// Correlated values: " << m_c.correlations.size() << " (see the rules file for the evidence).\n";
    o << "\n";

    std::vector<std::string> k6Imports;
    if (m_usesCheck)
        k6Imports.push_back("check");
    if (m_usesGroup)
        k6Imports.push_back("group");
    if (m_usesSleep)
        k6Imports.push_back("sleep");
    if (!k6Imports.empty()) {
        o << "import {";
        for (size_t i = 0; i < k6Imports.size(); ++i)
            o << (i ? ", " : " ") << k6Imports[i];
        o << " } from \"k6\";\n";
    }
    if (!m_dataFiles.empty())
        o << "import { SharedArray } from \"k6/data\";\n";
    if (m_usesEncoding)
        o << "import encoding from \"k6/encoding\";\n";
    if (m_usesHtml)
        o << "import { parseHTML } from \"k6/html\";\n";
    o << "import http from \"k6/http\";\n\n";

    // Options.
    json options;
    if (m_a.options.is_object() && !m_a.options.empty())
        options = m_a.options;
    const ScriptSettings &s = m_rules.script;
    if (s.vus > 0 || !s.duration.empty() || s.iterations > 0) {
        if (!options.is_object())
            options = json::object();
        for (const char *k : {"stages", "scenarios", "vus", "duration", "iterations"})
            options.erase(k);
        if (s.vus > 0)
            options["vus"] = s.vus;
        if (!s.duration.empty())
            options["duration"] = s.duration;
        if (s.iterations > 0)
            options["iterations"] = s.iterations;
    }
    if (options.is_null()) {
        options = json::object();
        options["stages"] = json::array({json{{"duration", "30s"}, {"target", 5}}, json{{"duration", "1m"}, {"target", 5}},
                                         json{{"duration", "30s"}, {"target", 0}}});
    }
    // Keep a stable, readable key order: the usual load keys first.
    {
        json ordered = json::object();
        o << "export const options = {\n";
        std::vector<std::string> keys;
        for (const char *k : {"vus", "duration", "iterations", "stages", "scenarios", "thresholds"})
            if (options.contains(k))
                keys.push_back(k);
        for (auto it = options.begin(); it != options.end(); ++it)
            if (std::find(keys.begin(), keys.end(), it.key()) == keys.end())
                keys.push_back(it.key());
        for (const std::string &k : keys) {
            o << "  " << jsKey(k) << ": ";
            std::ostringstream v;
            emitValue<json>(v, options[k], 2, k, {});
            o << v.str() << ",\n";
        }
        o << "};\n\n";
    }

    if (!m_baseHeaders.empty()) {
        o << "// Headers every recorded request sent.\nconst baseHeaders = {\n";
        for (const auto &[name, value] : m_baseHeaders)
            o << "  " << jsKey(name) << ": " << jsString(value) << ",\n";
        o << "};\n\n";
    }
    for (const DataFile &d : m_dataFiles) {
        o << "const " << d.array << " = new SharedArray(" << jsString(d.file) << ", function () {\n";
        if (d.csv)
            o << "  return parseCsv(open(" << jsString(d.file) << "));\n";
        else
            o << "  return JSON.parse(open(" << jsString(d.file) << "));\n";
        o << "});\n\n";
    }

    o << (m_a.exportAs.empty() || !isIdentifier(m_a.exportAs) ? "export default function () {\n"
                                                              : "export function " + m_a.exportAs + "() {\n");
    o << "  let res;\n";
    for (const std::string &v : m_variables)
        o << "  let " << v << ";\n";
    for (const DataFile &d : m_dataFiles) {
        std::string index = d.pick == "iteration" ? "__ITER % " + d.array + ".length"
                            : d.pick == "random"  ? "Math.floor(Math.random() * " + d.array + ".length)"
                                                  : "(__VU - 1) % " + d.array + ".length";
        o << "  const " << d.row << " = " << d.array << "[" << index << "];\n";
    }
    for (const auto &[name, expr] : m_constants)
        o << "  const " << name << " = " << expr << ";\n";
    o << "\n" << body.str() << "}\n";

    if (m_usesCsv) {
        o << "\n// A small CSV reader: the first line names the columns; quoted fields may hold commas.\n"
             "function parseCsv(text) {\n"
             "  const rows = [];\n"
             "  let field = \"\";\n"
             "  let row = [];\n"
             "  let quoted = false;\n"
             "  for (let i = 0; i < text.length; i++) {\n"
             "    const c = text[i];\n"
             "    if (quoted) {\n"
             "      if (c === '\"' && text[i + 1] === '\"') {\n"
             "        field += '\"';\n"
             "        i++;\n"
             "      } else if (c === '\"') {\n"
             "        quoted = false;\n"
             "      } else {\n"
             "        field += c;\n"
             "      }\n"
             "    } else if (c === '\"') {\n"
             "      quoted = true;\n"
             "    } else if (c === \",\") {\n"
             "      row.push(field);\n"
             "      field = \"\";\n"
             "    } else if (c === \"\\n\" || c === \"\\r\") {\n"
             "      if (c === \"\\r\" && text[i + 1] === \"\\n\") i++;\n"
             "      row.push(field);\n"
             "      if (row.length > 1 || row[0] !== \"\") rows.push(row);\n"
             "      row = [];\n"
             "      field = \"\";\n"
             "    } else {\n"
             "      field += c;\n"
             "    }\n"
             "  }\n"
             "  row.push(field);\n"
             "  if (row.length > 1 || row[0] !== \"\") rows.push(row);\n"
             "  const header = rows.shift() || [];\n"
             "  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));\n"
             "}\n";
    }
    m_c.script = o.str();
    return {};
}

std::string Generator::emitLiChecks(const Entry &e, int indent)
{
    if (e.checks.empty())
        return {};
    const std::string pad(size_t(indent), ' ');
    std::ostringstream o;
    o << pad << "check(res, {\n";
    static const char *condNames[] = {"contains", "does not contain", "equals", "starts with", "ends with"};
    auto cond = [](int c, const std::string &subject, const std::string &v) {
        switch (c) {
        case 0: return subject + ".includes(" + jsString(v) + ")";
        case 1: return "!" + subject + ".includes(" + jsString(v) + ")";
        case 2: return subject + " === " + jsString(v);
        case 3: return subject + ".startsWith(" + jsString(v) + ")";
        case 4: return subject + ".endsWith(" + jsString(v) + ")";
        }
        return std::string("false");
    };
    auto subjectOf = [](int s) -> std::pair<std::string, std::string> {
        if (s == 1)
            return {"headers", "Object.keys(r.headers).map((k) => k + \": \" + r.headers[k]).join(\"\\n\")"};
        if (s == 2)
            return {"HTTP status code", "String(r.status)"};
        return {"body", "String(r.body)"};
    };
    for (const LiCheck &c : e.checks) {
        const int condition = std::clamp(c.condition, 0, 4);
        std::string name, test;
        switch (c.type) {
        case 0: {
            auto [label, subject] = subjectOf(c.subject);
            name = label + " " + condNames[condition] + " " + c.value;
            test = cond(condition, subject, c.value);
            break;
        }
        case 1: {
            const std::string sel = jsonPathToSelector(c.expression);
            name = sel + " " + condNames[condition] + " " + c.value;
            test = cond(condition, "String(r.json(" + jsString(sel) + "))", c.value);
            break;
        }
        case 2: {
            const std::string sel = jsonPathToSelector(c.expression);
            name = sel + " exists";
            test = "r.json(" + jsString(sel) + ") !== undefined";
            break;
        }
        default: {
            auto [label, subject] = subjectOf(c.subject);
            name = label + " matches " + c.expression;
            test = jsRegexLiteral(c.expression) + ".test(" + subject + ")";
            break;
        }
        }
        o << pad << "  " << jsString(name) << ": (r) => " << test << ",\n";
    }
    o << pad << "});\n";
    m_usesCheck = true;
    return o.str();
}

std::string Generator::requestBlock(size_t pos, int indent)
{
    const Entry &e = *m_entries[pos];
    const Request &q = e.request;
    const std::string pad(size_t(indent), ' ');
    std::ostringstream o;

    // Values this request may use: everything extracted before it, and literal parameters.
    std::vector<Sub> subs;
    for (const auto &[p, list] : m_subsFrom)
        if (p < pos)
            for (const Sub &s : list)
                subs.push_back(s);
    // Later extractions of a value win (the variable holds the latest one at run time).
    std::reverse(subs.begin(), subs.end());
    for (const Sub &s : m_paramSubs)
        subs.push_back(s);
    std::stable_sort(subs.begin(), subs.end(), [](const Sub &a, const Sub &b) { return a.value.size() > b.value.size(); });
    if (subs.size() > 8) {
        // Many correlated values (large recordings): keep those whose first token this request has.
        auto tokenChar = [](unsigned char c) { return std::isalnum(c) || c == '_' || c == '-' || c == '.' || c == '~'; };
        std::set<std::string> tokens;
        auto add = [&](const std::string &text) {
            for (size_t i = 0; i < text.size();) {
                while (i < text.size() && !tokenChar(static_cast<unsigned char>(text[i])))
                    ++i;
                const size_t b = i;
                while (i < text.size() && tokenChar(static_cast<unsigned char>(text[i])))
                    ++i;
                if (i > b)
                    tokens.insert(text.substr(b, i - b));
            }
        };
        add(q.url);
        for (const NameValue &h : q.headers)
            add(h.value);
        if (q.postData) {
            add(q.postData->text);
            for (const PostParam &p : q.postData->params)
                add(percentDecode(p.value, true));
        }
        std::vector<Sub> kept;
        for (Sub &sub : subs) {
            size_t b = 0;
            while (b < sub.value.size() && !tokenChar(static_cast<unsigned char>(sub.value[b])))
                ++b;
            size_t e = b;
            while (e < sub.value.size() && tokenChar(static_cast<unsigned char>(sub.value[e])))
                ++e;
            if (e == b || tokens.count(sub.value.substr(b, e - b)))
                kept.push_back(std::move(sub));
        }
        subs = std::move(kept);
    }

    auto paramsFor = [&](Parameter::Match m) {
        std::vector<const Parameter *> out;
        for (const Parameter &p : m_rules.parameters)
            if (p.match == m && (p.from.empty() || urlMatches(p.from, q.url)))
                out.push_back(&p);
        return out;
    };

    // Think time.
    if (m_rules.script.thinkTime && pos > 0) {
        const Entry &prev = *m_entries[pos - 1];
        if (prev.startedMs >= 0 && e.startedMs >= 0) {
            const double gap = double(e.startedMs - prev.startedMs) - prev.timeMs;
            if (gap >= m_rules.script.minThinkTimeS * 1000) {
                double seconds = std::min(gap / 1000.0, m_rules.script.maxThinkTimeS);
                seconds = std::round(seconds * 10) / 10;
                std::ostringstream n;
                n << seconds;
                o << pad << "sleep(" << n.str() << ");\n";
                m_usesSleep = true;
            }
        }
    }

    if (!e.comment.empty())
        o << pad << "// " << e.comment.substr(0, e.comment.find('\n')) << "\n";
    for (const CustomCode &c : m_rules.customCode)
        if (c.before && urlMatches(c.url, q.url)) {
            std::istringstream lines(c.code);
            for (std::string line; std::getline(lines, line);)
                o << pad << line << "\n";
        }

    // URL, with queryString members LI-HAR lists outside the URL.
    std::string url = stripFragment(q.url);
    {
        const UrlParts parts = splitUrl(url);
        const std::vector<NameValue> inUrl = parseForm(parts.query);
        for (const NameValue &nv : q.queryString) {
            const bool present = std::any_of(inUrl.begin(), inUrl.end(),
                                             [&](const NameValue &x) { return x.name == nv.name; });
            if (!present)
                url += std::string(url.find('?') == std::string::npos ? "?" : "&") + encodeUriComponent(nv.name) + "=" +
                       encodeUriComponent(nv.value);
        }
    }
    Tpl urlTpl;
    {
        const size_t qm = url.find('?');
        Tpl base = literalTpl(url.substr(0, qm == std::string::npos ? url.size() : qm + 1), m_liVariables);
        urlTpl = base;
        if (qm != std::string::npos) {
            const std::string query = url.substr(qm + 1);
            size_t start = 0;
            bool first = true;
            while (start <= query.size()) {
                size_t amp = query.find('&', start);
                if (amp == std::string::npos)
                    amp = query.size();
                const std::string pair = query.substr(start, amp - start);
                const size_t eq = pair.find('=');
                std::string prefix = std::string(first ? "" : "&") + pair.substr(0, eq == std::string::npos ? pair.size() : eq + 1);
                for (Seg &s : literalTpl(prefix, m_liVariables))
                    urlTpl.push_back(s);
                if (eq != std::string::npos) {
                    Tpl value = literalTpl(pair.substr(eq + 1), m_liVariables);
                    const std::string name = percentDecode(pair.substr(0, eq), true);
                    bool replaced = false;
                    for (const Parameter *p : paramsFor(Parameter::Match::QueryParam)) {
                        if (p->key == name) {
                            urlTpl.push_back({true, "encodeURIComponent(" + p->name + ")", {}});
                            replaced = true;
                            break;
                        }
                    }
                    if (!replaced)
                        for (Seg &s : value)
                            urlTpl.push_back(s);
                }
                first = false;
                start = amp + 1;
            }
        }
    }
    applySubs(urlTpl, subs, Where::Url);

    // Headers.
    std::vector<std::pair<std::string, std::string>> headers; // name, rendered value
    std::set<std::string> seen;
    for (const NameValue &h : q.headers) {
        if (ignoredHeader(h.name) || seen.count(toLower(h.name)))
            continue;
        if (std::any_of(m_baseHeaders.begin(), m_baseHeaders.end(), [&](const auto &b) { return iequals(b.first, h.name); }))
            continue;
        seen.insert(toLower(h.name));
        std::string rendered;
        for (const Parameter *p : paramsFor(Parameter::Match::Header))
            if (iequals(p->key, h.name))
                rendered = p->name;
        if (rendered.empty()) {
            Tpl t = literalTpl(h.value, m_liVariables);
            applySubs(t, subs, Where::Header);
            rendered = render(t);
        }
        headers.emplace_back(h.name, rendered);
    }

    // Body.
    std::string bodyExpr;
    std::string bodyNote;
    if (q.postData && (!q.postData->text.empty() || !q.postData->params.empty())) {
        const PostData &pd = *q.postData;
        const std::string mime = toLower(pd.mimeType.empty() && q.header("content-type") ? *q.header("content-type")
                                                                                           : pd.mimeType);
        if (pd.base64) {
            bodyExpr = "encoding.b64decode(" + jsString(pd.text) + ")";
            m_usesEncoding = true;
        } else if (looksJson(mime) && !pd.text.empty() &&
                   json::accept(pd.text) && (pd.text.find_first_not_of(" \t\r\n") != std::string::npos) &&
                   (json::parse(pd.text).is_object() || json::parse(pd.text).is_array())) {
            const nlohmann::ordered_json doc = nlohmann::ordered_json::parse(pd.text);
            const auto fieldParams = paramsFor(Parameter::Match::JsonField);
            LeafFn<nlohmann::ordered_json> leaf = [&](const nlohmann::ordered_json &v, const std::string &path) -> std::optional<std::string> {
                for (const Parameter *p : fieldParams)
                    if (p->key == path)
                        return p->name;
                if (v.is_string()) {
                    Tpl t = literalTpl(v.get<std::string>(), m_liVariables);
                    applySubs(t, subs, Where::Body);
                    return render(t);
                }
                if (v.is_number()) {
                    const std::string lit = v.dump();
                    for (const Sub &s : subs)
                        if (s.inBody && s.value == lit)
                            return s.expr;
                }
                return std::nullopt;
            };
            std::ostringstream b;
            b << "JSON.stringify(";
            emitValue<nlohmann::ordered_json>(b, doc, indent, "", leaf);
            b << ")";
            bodyExpr = b.str();
        } else if (mime.find("x-www-form-urlencoded") != std::string::npos) {
            std::vector<NameValue> fields;
            if (!pd.text.empty()) {
                fields = parseForm(pd.text);
            } else {
                for (const PostParam &p : pd.params)
                    fields.push_back({percentDecode(p.name, true), percentDecode(p.value, true)});
            }
            std::set<std::string> names;
            bool objectOk = !fields.empty();
            for (const NameValue &f : fields) {
                objectOk = objectOk && names.insert(f.name).second && !f.name.empty() &&
                           f.name.find_first_not_of("0123456789") != std::string::npos;
            }
            const auto formParams = paramsFor(Parameter::Match::FormField);
            auto fieldValue = [&](const NameValue &f) {
                for (const Parameter *p : formParams)
                    if (p->key == f.name)
                        return p->name;
                Tpl t = literalTpl(f.value, m_liVariables);
                applySubs(t, subs, Where::Body);
                return render(t);
            };
            if (objectOk) {
                std::ostringstream b;
                b << "{\n";
                for (const NameValue &f : fields)
                    b << pad << "  " << jsKey(f.name) << ": " << fieldValue(f) << ",\n";
                b << pad << "}";
                bodyExpr = b.str();
            } else {
                Tpl t = literalTpl(pd.text, m_liVariables);
                applySubs(t, subs, Where::Body);
                bodyExpr = render(t);
            }
        } else {
            if (mime.find("multipart/") != std::string::npos) {
                bool files = false;
                for (const PostParam &p : pd.params)
                    files = files || !p.fileName.empty();
                if (files)
                    bodyNote = "the recording holds no file contents for the multipart upload; add them with http.file()";
            }
            std::string text = pd.text;
            if (text.empty()) {
                for (const PostParam &p : pd.params)
                    text += (text.empty() ? "" : "&") + encodeUriComponent(p.name) + "=" + encodeUriComponent(p.value);
            }
            Tpl t = literalTpl(text, m_liVariables);
            applySubs(t, subs, Where::Body);
            bodyExpr = render(t);
        }
    }

    // Params.
    const int recorded = e.response.status;
    std::vector<std::string> paramLines;
    if (!m_baseHeaders.empty() && headers.empty()) {
        paramLines.push_back("headers: baseHeaders");
    } else if (!headers.empty()) {
        std::ostringstream h;
        h << "headers: {\n";
        if (!m_baseHeaders.empty())
            h << pad << "    ...baseHeaders,\n";
        for (const auto &[name, value] : headers)
            h << pad << "    " << jsKey(name) << ": " << value << ",\n";
        h << pad << "  }";
        paramLines.push_back(h.str());
    }
    if (recorded >= 300 && recorded < 400 && recorded != 304)
        paramLines.push_back("redirects: 0");

    std::string params;
    if (!paramLines.empty()) {
        params = "{\n";
        for (const std::string &l : paramLines)
            params += pad + "  " + l + ",\n";
        params += pad + "}";
    }

    if (!bodyNote.empty())
        o << pad << "// Note: " << bodyNote << ".\n";
    const std::string u = render(urlTpl);
    std::string call;
    const std::string &m = q.method;
    const bool hasBody = !bodyExpr.empty();
    if (m == "GET" && !hasBody)
        call = "http.get(" + u + (params.empty() ? "" : ", " + params) + ")";
    else if (m == "HEAD" && !hasBody)
        call = "http.head(" + u + (params.empty() ? "" : ", " + params) + ")";
    else if (m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE" || m == "OPTIONS") {
        const std::string fn = m == "DELETE" ? "del" : toLower(m);
        std::string args = u;
        if (hasBody || !params.empty())
            args += ", " + (hasBody ? bodyExpr : std::string("null"));
        if (!params.empty())
            args += ", " + params;
        call = "http." + fn + "(" + args + ")";
    } else {
        call = "http.request(" + jsString(m) + ", " + u + ", " + (hasBody ? bodyExpr : std::string("null")) +
               (params.empty() ? "" : ", " + params) + ")";
    }
    o << pad << "res = " << call << ";\n";

    // Checks.
    std::vector<std::pair<std::string, std::string>> checks;
    std::optional<int> expected;
    if (recorded > 0 && m_rules.script.statusChecks && e.checks.empty())
        expected = recorded == 304 ? 200 : recorded;
    for (const Verification &v : m_rules.verifications) {
        if (!urlMatches(v.url, q.url))
            continue;
        if (v.status)
            expected = *v.status;
        if (!v.bodyContains.empty())
            checks.emplace_back("body contains " + v.bodyContains,
                                "String(r.body).includes(" + jsString(v.bodyContains) + ")");
    }
    if (expected)
        checks.insert(checks.begin(), {"status is " + std::to_string(*expected),
                                       "r.status === " + std::to_string(*expected)});
    if (!checks.empty()) {
        m_usesCheck = true;
        if (checks.size() == 1) {
            o << pad << "check(res, { " << jsString(checks[0].first) << ": (r) => " << checks[0].second << " });\n";
        } else {
            o << pad << "check(res, {\n";
            for (const auto &[name, test] : checks)
                o << pad << "  " << jsString(name) << ": (r) => " << test << ",\n";
            o << pad << "});\n";
        }
    }
    o << emitLiChecks(e, indent);

    // Extractions.
    for (const LiVariable &v : e.variables) {
        std::string expr;
        if (v.type == 0) {
            expr = "res.json(" + jsString(jsonPathToSelector(v.expression)) + ")";
        } else if (v.type == 1) {
            expr = "(res.body.match(" + jsRegexLiteral(v.expression) + ") || [])[1]";
        } else {
            m_usesHtml = true;
            expr = "parseHTML(res.body).find(" + jsString(v.expression) + ")" +
                   (v.attribute.empty() ? ".text()" : ".attr(" + jsString(v.attribute) + ")");
        }
        o << pad << v.name << " = " << expr << ";\n";
    }
    if (auto it = m_extractions.find(pos); it != m_extractions.end())
        for (const Extraction &x : it->second)
            o << pad << x.variable << " = " << x.expression << ";\n";

    for (const CustomCode &c : m_rules.customCode)
        if (!c.before && urlMatches(c.url, q.url)) {
            std::istringstream lines(c.code);
            for (std::string line; std::getline(lines, line);)
                o << pad << line << "\n";
        }
    return o.str();
}

} // namespace

Result<Conversion> convertArchive(const Archive &archive, const Rules &rules)
{
    Conversion c;
    c.filter = applyFilters(archive, rules.filters);
    c.correlations = rules.correlations;
    if (rules.script.autoCorrelate) {
        // Values the user's rules already cover are not proposed again.
        std::vector<std::string> taken, names;
        for (const Correlation &k : rules.correlations) {
            names.push_back(k.name);
            for (size_t idx : c.filter.included) {
                const Entry &e = archive.entries[idx];
                if (k.entry && *k.entry != idx)
                    continue;
                if (!k.entry && !k.from.empty() && !urlMatches(k.from, e.request.url))
                    continue;
                if (auto v = extractRecorded(k.extract, e.response))
                    taken.push_back(*v);
            }
        }
        for (const Parameter &p : rules.parameters) {
            names.push_back(p.name);
            if (p.match == Parameter::Match::Value)
                taken.push_back(p.key);
        }
        c.proposals = proposeCorrelations(archive, c.filter.included, taken, names);
        for (const Proposal &p : c.proposals)
            c.correlations.push_back(p.rule);
    }
    Generator g(archive, rules, c);
    if (Status s = g.run(); !s)
        return s.error();
    return c;
}

} // namespace stampede::har
