#include "core/util/duration.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace stampede {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Unit at the start of `s`; returns its length in bytes and the nanoseconds per unit.
size_t matchUnit(std::string_view s, double &nanosPerUnit)
{
    struct Unit { std::string_view name; double nanos; };
    // Longest names first so "ms" wins over "m".
    static constexpr Unit units[] = {
        {"ns", 1.0},
        {"us", 1e3},
        {"\xC2\xB5s", 1e3}, // U+00B5 micro sign
        {"\xCE\xBCs", 1e3}, // U+03BC greek mu
        {"ms", 1e6},
        {"s", 1e9},
        {"m", 60e9},
        {"h", 3600e9},
        {"d", 86400e9},
    };
    for (const Unit &u : units) {
        if (s.substr(0, u.name.size()) == u.name) {
            nanosPerUnit = u.nanos;
            return u.name.size();
        }
    }
    return 0;
}

std::string trimTrailingZeros(std::string s)
{
    if (s.find('.') == std::string::npos)
        return s;
    while (!s.empty() && s.back() == '0')
        s.pop_back();
    if (!s.empty() && s.back() == '.')
        s.pop_back();
    return s;
}

std::string fixed(double value, int decimals)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    return buf;
}

} // namespace

Result<Nanos> parseDuration(std::string_view text)
{
    const std::string original(text);
    auto fail = [&](const std::string &why) {
        return Error{"invalid duration \"" + original + "\": " + why};
    };
    if (text.empty())
        return fail("empty value");

    bool negative = false;
    if (text.front() == '-' || text.front() == '+') {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    if (text == "0")
        return Nanos{0};
    if (text.empty())
        return fail("missing number");

    // Bare number: milliseconds.
    {
        bool allNumeric = true;
        int dots = 0;
        for (char c : text) {
            if (c == '.')
                ++dots;
            else if (!isDigit(c))
                allNumeric = false;
        }
        if (allNumeric && dots <= 1 && text != ".") {
            const double ms = std::stod(std::string(text));
            const double ns = ms * 1e6;
            if (ns > double(std::numeric_limits<int64_t>::max()))
                return fail("out of range");
            return Nanos{int64_t(negative ? -ns : ns)};
        }
    }

    double total = 0;
    while (!text.empty()) {
        size_t i = 0;
        while (i < text.size() && (isDigit(text[i]) || text[i] == '.'))
            ++i;
        const std::string_view number = text.substr(0, i);
        if (number.empty() || number == "." || std::count(number.begin(), number.end(), '.') > 1)
            return fail("expected a number before the unit");
        text.remove_prefix(i);
        double perUnit = 0;
        const size_t unitLen = matchUnit(text, perUnit);
        if (unitLen == 0)
            return fail(text.empty() ? "missing unit (use ns, us, ms, s, m, h or d)"
                                     : "unknown unit \"" + std::string(text.substr(0, 2)) + "\"");
        text.remove_prefix(unitLen);
        total += std::stod(std::string(number)) * perUnit;
        if (total > double(std::numeric_limits<int64_t>::max()))
            return fail("out of range");
    }
    const int64_t ns = int64_t(std::llround(total));
    return Nanos{negative ? -ns : ns};
}

std::string formatGoDuration(Nanos d)
{
    int64_t ns = d.count();
    if (ns == 0)
        return "0s";
    std::string sign;
    uint64_t u = ns < 0 ? uint64_t(-(ns + 1)) + 1 : uint64_t(ns);
    if (ns < 0)
        sign = "-";
    if (u < 1000000000ull) {
        // Sub-second: the largest unit that keeps the integer part non-zero.
        if (u < 1000ull)
            return sign + std::to_string(u) + "ns";
        if (u < 1000000ull)
            return sign + trimTrailingZeros(fixed(double(u) / 1e3, 3)) + "\xC2\xB5s";
        return sign + trimTrailingZeros(fixed(double(u) / 1e6, 6)) + "ms";
    }
    const uint64_t hours = u / 3600000000000ull;
    u -= hours * 3600000000000ull;
    const uint64_t minutes = u / 60000000000ull;
    u -= minutes * 60000000000ull;
    const uint64_t secs = u / 1000000000ull;
    const uint64_t frac = u % 1000000000ull;
    std::string s = std::to_string(secs);
    if (frac) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%09llu", static_cast<unsigned long long>(frac));
        std::string f(buf);
        while (!f.empty() && f.back() == '0')
            f.pop_back();
        s += "." + f;
    }
    std::string out = sign;
    if (hours)
        out += std::to_string(hours) + "h";
    if (hours || minutes)
        out += std::to_string(minutes) + "m";
    out += s + "s";
    return out;
}

std::string toFixedNoTrailingZerosTrunc(double value, int decimals)
{
    const double mult = std::pow(10.0, decimals);
    const double truncated = std::trunc(value * mult) / mult;
    return trimTrailingZeros(fixed(truncated, decimals));
}

std::string toFixedNoTrailingZeros(double value, int decimals)
{
    return trimTrailingZeros(fixed(value, decimals));
}

std::string humanizeDurationMs(double ms)
{
    if (ms == 0 || std::isnan(ms))
        return "0s";
    const double a = std::fabs(ms);
    const std::string sign = ms < 0 ? "-" : "";
    if (a < 0.001)
        return sign + std::to_string(int64_t(std::trunc(a * 1e6))) + "ns";
    if (a < 1)
        return sign + toFixedNoTrailingZerosTrunc(a * 1000, 2) + "\xC2\xB5s";
    if (a < 1000)
        return sign + toFixedNoTrailingZerosTrunc(a, 2) + "ms";
    std::string result = toFixedNoTrailingZerosTrunc(std::fmod(a, 60000) / 1000, a > 60000 ? 0 : 2) + "s";
    int64_t rem = int64_t(std::trunc(a / 60000));
    if (rem < 1)
        return sign + result;
    result = std::to_string(rem % 60) + "m" + result;
    rem /= 60;
    if (rem < 1)
        return sign + result;
    return sign + std::to_string(rem) + "h" + result;
}

std::string formatDurationInUnit(double ms, std::string_view unit)
{
    if (unit == "s")
        return fixed(ms / 1000, 2) + "s";
    if (unit == "ms")
        return fixed(ms, 2) + "ms";
    if (unit == "us" || unit == "\xC2\xB5s")
        return fixed(ms * 1000, 2) + "\xC2\xB5s";
    return {};
}

std::string humanizeBytes(double bytes)
{
    static constexpr const char *units[] = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
    if (bytes < 10)
        return toFixedNoTrailingZeros(bytes, 0) + " B";
    int e = int(std::floor(std::log(bytes) / std::log(1000.0)));
    e = std::clamp(e, 0, 6);
    const double val = std::floor(bytes / std::pow(1000.0, e) * 10 + 0.5) / 10;
    return fixed(val, val < 10 ? 1 : 0) + " " + units[e];
}

} // namespace stampede
