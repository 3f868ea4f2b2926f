#include "core/har/extract.h"

#include "core/har/util.h"

#include <QRegularExpression>
#include <QString>

namespace stampede::har {

using json = nlohmann::json;

std::string canonicalHeaderName(const std::string &name)
{
    std::string out = name;
    bool upper = true;
    for (char &c : out) {
        if (c == '-') {
            upper = true;
            continue;
        }
        if (upper && c >= 'a' && c <= 'z')
            c = char(c - 'a' + 'A');
        else if (!upper && c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
        upper = false;
    }
    return out;
}

std::string regexEscape(const std::string &text)
{
    std::string out;
    for (char c : text) {
        if (std::string_view("\\^$.|?*+()[]{}/").find(c) != std::string_view::npos)
            out.push_back('\\');
        out.push_back(c);
    }
    return out;
}

std::string jsRegexLiteral(const std::string &pattern)
{
    std::string out = "/";
    bool inClass = false;
    for (size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '\\' && i + 1 < pattern.size()) {
            out.push_back(c);
            out.push_back(pattern[++i]);
            continue;
        }
        if (c == '[')
            inClass = true;
        else if (c == ']')
            inClass = false;
        if (c == '/' && !inClass)
            out += "\\/";
        else if (c == '\n')
            out += "\\n";
        else
            out.push_back(c);
    }
    return out + "/";
}

const json *jsonAtPath(const json &doc, const std::string &path)
{
    const json *cur = &doc;
    size_t start = 0;
    while (start <= path.size()) {
        size_t dot = path.find('.', start);
        if (dot == std::string::npos)
            dot = path.size();
        const std::string part = path.substr(start, dot - start);
        if (cur->is_object()) {
            auto it = cur->find(part);
            if (it == cur->end())
                return nullptr;
            cur = &*it;
        } else if (cur->is_array()) {
            if (part.empty() || part.find_first_not_of("0123456789") != std::string::npos)
                return nullptr;
            const size_t i = std::stoul(part);
            if (i >= cur->size())
                return nullptr;
            cur = &(*cur)[i];
        } else {
            return nullptr;
        }
        start = dot + 1;
    }
    return cur;
}

namespace {

// Multiple headers of one name as k6 joins them ("a, b").
std::optional<std::string> headerValue(const Response &r, const std::string &name)
{
    std::optional<std::string> out;
    for (const NameValue &h : r.headers) {
        if (!iequals(h.name, name))
            continue;
        out = out ? *out + ", " + h.value : h.value;
    }
    return out;
}

std::optional<std::string> regexFind(const std::string &pattern, int group, const std::string &text)
{
    const QRegularExpression re(QString::fromStdString(pattern));
    if (!re.isValid())
        return std::nullopt;
    const auto m = re.match(QString::fromStdString(text));
    if (!m.hasMatch() || m.capturedStart(group) < 0)
        return std::nullopt;
    return m.captured(group).toStdString();
}

std::string beginEndPattern(const Extractor &x)
{
    return regexEscape(x.begin) + "([\\s\\S]*?)" + regexEscape(x.end);
}

} // namespace

std::optional<std::string> extractRecorded(const Extractor &x, const Response &response)
{
    switch (x.type) {
    case Extractor::Type::Json: {
        if (response.body.empty())
            return std::nullopt;
        json doc = json::parse(response.body, nullptr, false);
        if (doc.is_discarded())
            return std::nullopt;
        const json *v = jsonAtPath(doc, x.path);
        if (!v || v->is_null() || v->is_object() || v->is_array())
            return std::nullopt;
        return v->is_string() ? v->get<std::string>() : v->dump();
    }
    case Extractor::Type::Header:
        return headerValue(response, x.header);
    case Extractor::Type::Regex:
    case Extractor::Type::BeginEnd: {
        std::string text;
        if (!x.header.empty()) {
            auto h = headerValue(response, x.header);
            if (!h)
                return std::nullopt;
            text = *h;
        } else {
            text = response.body;
        }
        if (x.type == Extractor::Type::Regex)
            return regexFind(x.pattern, x.group, text);
        return regexFind(beginEndPattern(x), 1, text);
    }
    }
    return std::nullopt;
}

std::string extractExpression(const Extractor &x, const std::string &res)
{
    switch (x.type) {
    case Extractor::Type::Json:
        return res + ".json(" + jsString(x.path) + ")";
    case Extractor::Type::Header:
        return res + ".headers[" + jsString(canonicalHeaderName(x.header)) + "]";
    case Extractor::Type::Regex:
    case Extractor::Type::BeginEnd: {
        const std::string subject = x.header.empty()
                                        ? res + ".body"
                                        : "String(" + res + ".headers[" + jsString(canonicalHeaderName(x.header)) + "] || \"\")";
        const std::string pattern = x.type == Extractor::Type::Regex ? x.pattern : beginEndPattern(x);
        const int group = x.type == Extractor::Type::Regex ? x.group : 1;
        return "(" + subject + ".match(" + jsRegexLiteral(pattern) + ") || [])[" + std::to_string(group) + "]";
    }
    }
    return "undefined";
}

} // namespace stampede::har
