#include "core/har/util.h"

#include <array>
#include <cctype>
#include <cstdio>

namespace stampede::har {

namespace {

bool digits(std::string_view s, size_t pos, size_t n, int &out)
{
    if (pos + n > s.size())
        return false;
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

int64_t daysFromCivil(int y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return int64_t(era) * 146097 + int64_t(doe) - 719468;
}

} // namespace

int64_t parseIsoDateTime(std::string_view s)
{
    int Y, M, D, h, m, sec;
    if (!digits(s, 0, 4, Y) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, M) || s[7] != '-' ||
        !digits(s, 8, 2, D) || (s[10] != 'T' && s[10] != ' ') || !digits(s, 11, 2, h) || s[13] != ':' ||
        !digits(s, 14, 2, m) || s[16] != ':' || !digits(s, 17, 2, sec))
        return -1;
    size_t i = 19;
    int64_t ms = 0;
    if (i < s.size() && s[i] == '.') {
        ++i;
        int64_t scale = 100;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
            ms += (s[i] - '0') * scale;
            scale /= 10;
            ++i;
        }
    }
    int64_t offsetMin = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        int oh = 0, om = 0;
        const int sign = s[i] == '-' ? -1 : 1;
        if (!digits(s, i + 1, 2, oh))
            return -1;
        size_t j = i + 3;
        if (j < s.size() && s[j] == ':')
            ++j;
        digits(s, j, 2, om);
        offsetMin = sign * (oh * 60 + om);
    }
    const int64_t days = daysFromCivil(Y, unsigned(M), unsigned(D));
    return ((days * 24 + h) * 60 + m - offsetMin) * 60000 + int64_t(sec) * 1000 + ms;
}

std::optional<std::string> base64Decode(std::string_view in)
{
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+' || c == '-') return 62;
        if (c == '/' || c == '_') return 63;
        return -1;
    };
    std::string out;
    out.reserve(in.size() * 3 / 4);
    uint32_t acc = 0;
    int bits = 0;
    for (char c : in) {
        if (c == '=' || c == '\n' || c == '\r' || c == ' ')
            continue;
        const int v = value(c);
        if (v < 0)
            return std::nullopt;
        acc = (acc << 6) | uint32_t(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(char((acc >> bits) & 0xFF));
        }
    }
    return out;
}

bool isReservedWord(std::string_view s)
{
    static const std::array<std::string_view, 46> words = {
        "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do",
        "else", "enum", "export", "extends", "false", "finally", "for", "function", "if", "import",
        "in", "instanceof", "new", "null", "return", "super", "switch", "this", "throw", "true",
        "try", "typeof", "var", "void", "while", "with", "yield", "let", "static", "await",
        "implements", "interface", "package", "private", "protected", "public"};
    for (std::string_view w : words)
        if (w == s)
            return true;
    return false;
}

bool isIdentifier(std::string_view s)
{
    if (s.empty() || isReservedWord(s))
        return false;
    for (size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const bool ok = std::isalpha(c) || c == '_' || c == '$' || (i > 0 && std::isdigit(c));
        if (!ok)
            return false;
    }
    return true;
}

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

UrlParts splitUrl(std::string_view url)
{
    UrlParts p;
    const size_t schemeEnd = url.find("://");
    if (schemeEnd == std::string_view::npos)
        return p;
    p.scheme = toLower(url.substr(0, schemeEnd));
    std::string_view rest = url.substr(schemeEnd + 3);
    const size_t hash = rest.find('#');
    if (hash != std::string_view::npos)
        rest = rest.substr(0, hash);
    const size_t authEnd = rest.find_first_of("/?");
    std::string_view authority = rest.substr(0, authEnd);
    if (const size_t at = authority.rfind('@'); at != std::string_view::npos)
        authority = authority.substr(at + 1);
    if (!authority.empty() && authority.front() == '[') { // IPv6
        const size_t close = authority.find(']');
        p.host = toLower(authority.substr(0, close == std::string_view::npos ? authority.size() : close + 1));
        if (close != std::string_view::npos && close + 1 < authority.size() && authority[close + 1] == ':')
            p.port = std::string(authority.substr(close + 2));
    } else {
        const size_t colon = authority.rfind(':');
        p.host = toLower(authority.substr(0, colon));
        if (colon != std::string_view::npos)
            p.port = std::string(authority.substr(colon + 1));
    }
    if (authEnd == std::string_view::npos) {
        p.path = "/";
        return p;
    }
    std::string_view tail = rest.substr(authEnd);
    const size_t q = tail.find('?');
    p.path = std::string(tail.substr(0, q));
    if (p.path.empty())
        p.path = "/";
    if (q != std::string_view::npos)
        p.query = std::string(tail.substr(q + 1));
    return p;
}

std::string stripFragment(std::string_view url)
{
    return std::string(url.substr(0, url.find('#')));
}

std::string percentDecode(std::string_view s, bool plusIsSpace)
{
    std::string out;
    out.reserve(s.size());
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
            out.push_back(char(hex(s[i + 1]) * 16 + hex(s[i + 2])));
            i += 2;
        } else if (plusIsSpace && s[i] == '+') {
            out.push_back(' ');
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

std::string encodeUriComponent(std::string_view s)
{
    static const char *hexDigits = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '!' || c == '~' || c == '*' || c == '\'' ||
            c == '(' || c == ')') {
            out.push_back(char(c));
        } else {
            out.push_back('%');
            out.push_back(hexDigits[c >> 4]);
            out.push_back(hexDigits[c & 15]);
        }
    }
    return out;
}

std::vector<NameValue> parseForm(std::string_view text)
{
    std::vector<NameValue> out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t amp = text.find('&', start);
        if (amp == std::string_view::npos)
            amp = text.size();
        std::string_view pair = text.substr(start, amp - start);
        if (!pair.empty()) {
            const size_t eq = pair.find('=');
            NameValue nv;
            nv.name = percentDecode(pair.substr(0, eq), true);
            if (eq != std::string_view::npos)
                nv.value = percentDecode(pair.substr(eq + 1), true);
            out.push_back(std::move(nv));
        }
        start = amp + 1;
    }
    return out;
}

namespace {
void appendEscaped(std::string &out, unsigned char c)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02x", c);
    out += buf;
}
} // namespace

std::string jsString(std::string_view s)
{
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20 || c == 0x7f)
                appendEscaped(out, c);
            else
                out.push_back(char(c));
        }
    }
    out += "\"";
    return out;
}

std::string jsTemplateText(std::string_view s)
{
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        switch (c) {
        case '`': out += "\\`"; break;
        case '\\': out += "\\\\"; break;
        case '$':
            out += (i + 1 < s.size() && s[i + 1] == '{') ? "\\$" : "$";
            break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20 || c == 0x7f)
                appendEscaped(out, c);
            else
                out.push_back(char(c));
        }
    }
    return out;
}

std::string jsKey(std::string_view s)
{
    if (isIdentifier(s) || isReservedWord(s))
        return std::string(s);
    return jsString(s);
}

std::string toIdentifier(std::string_view s)
{
    std::string out;
    bool upperNext = false;
    for (unsigned char c : s) {
        if (std::isalnum(c)) {
            if (out.empty()) {
                if (std::isdigit(c))
                    out += "v";
                out.push_back(char(std::tolower(c)));
            } else {
                out.push_back(char(upperNext ? std::toupper(c) : c));
            }
            upperNext = false;
        } else {
            upperNext = !out.empty();
        }
    }
    // "CSRFToken" -> keep; "XSRF-TOKEN" -> "xsrfTOKEN": lower-case words written in capitals.
    bool allUpperTail = true;
    for (size_t i = 1; i < out.size(); ++i)
        if (std::islower(static_cast<unsigned char>(out[i])))
            allUpperTail = false;
    if (allUpperTail) {
        std::string fixed;
        bool boundary = false;
        for (unsigned char c : s) {
            if (std::isalnum(c)) {
                fixed.push_back(char(fixed.empty() ? std::tolower(c) : boundary ? std::toupper(c) : std::tolower(c)));
                if (fixed.size() == 1 && std::isdigit(c))
                    fixed.insert(fixed.begin(), 'v');
                boundary = false;
            } else {
                boundary = !fixed.empty();
            }
        }
        out = fixed;
    }
    if (out.empty())
        out = "value";
    if (isReservedWord(out))
        out += "Value";
    return out;
}

std::string guessResourceType(const Entry &e)
{
    const std::string mime = toLower(e.response.mimeType);
    const UrlParts u = splitUrl(e.request.url);
    std::string ext;
    if (const size_t dot = u.path.rfind('.'); dot != std::string::npos && u.path.find('/', dot) == std::string::npos)
        ext = toLower(u.path.substr(dot + 1));
    auto extIn = [&](std::initializer_list<const char *> list) {
        for (const char *x : list)
            if (ext == x)
                return true;
        return false;
    };
    if (startsWith(mime, "image/") || extIn({"png", "jpg", "jpeg", "gif", "webp", "svg", "ico", "avif", "bmp"}))
        return "image";
    if (startsWith(mime, "font/") || mime.find("font") != std::string::npos || extIn({"woff", "woff2", "ttf", "otf", "eot"}))
        return "font";
    if (mime == "text/css" || extIn({"css"}))
        return "stylesheet";
    if (mime.find("javascript") != std::string::npos || mime.find("ecmascript") != std::string::npos ||
        extIn({"js", "mjs", "map"}))
        return "script";
    if (startsWith(mime, "video/") || startsWith(mime, "audio/") ||
        extIn({"mp4", "webm", "mp3", "ogg", "wav", "m4a", "m3u8", "ts"}))
        return "media";
    if (startsWith(mime, "text/html")) {
        const std::string *dest = e.request.header("sec-fetch-dest");
        if (!dest || *dest == "document" || *dest == "iframe")
            return "document";
    }
    if (const std::string *xrw = e.request.header("x-requested-with"); xrw && iequals(*xrw, "XMLHttpRequest"))
        return "xhr";
    if (const std::string *dest = e.request.header("sec-fetch-dest")) {
        if (*dest == "document" || *dest == "iframe")
            return "document";
        if (*dest == "empty")
            return "fetch";
    }
    if (mime.find("json") != std::string::npos)
        return "fetch";
    return "other";
}

} // namespace stampede::har
