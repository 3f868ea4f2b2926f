#include "core/output/format.h"

#include <charconv>
#include <cmath>
#include <ctime>

namespace stampede::output {

std::string formatRfc3339Nano(int64_t unixNs)
{
    const int64_t secs = unixNs >= 0 ? unixNs / 1000000000 : -((-unixNs + 999999999) / 1000000000);
    const int64_t nanos = unixNs - secs * 1000000000;
    std::time_t t = std::time_t(secs);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    const size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    std::string out(buf, n);
    if (nanos) {
        char frac[16];
        std::snprintf(frac, sizeof frac, "%09lld", static_cast<long long>(nanos));
        std::string f(frac);
        while (!f.empty() && f.back() == '0')
            f.pop_back();
        out += "." + f;
    }
    return out + "Z";
}

std::string formatNumber(double v)
{
    if (!std::isfinite(v))
        return "null";
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    if (ec != std::errc())
        return "0";
    return std::string(buf, end);
}

void appendJsonString(std::string &out, std::string_view s)
{
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                char esc[8];
                std::snprintf(esc, sizeof esc, "\\u%04x", c);
                out += esc;
            } else {
                out += char(c);
            }
        }
    }
    out += '"';
}

void appendCsvField(std::string &out, std::string_view s)
{
    if (s.find_first_of(",\"\n\r") == std::string_view::npos) {
        out += s;
        return;
    }
    out += '"';
    for (char c : s) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

} // namespace stampede::output
