#include "core/engine/segment.h"

#include <numeric>

namespace stampede::engine {

namespace {

Rational reduce(int64_t num, int64_t den)
{
    const int64_t g = std::gcd(num, den);
    return g ? Rational{num / g, den / g} : Rational{0, 1};
}

bool parseInt(const std::string &s, int64_t &out)
{
    if (s.empty() || s.size() > 15)
        return false;
    for (char c : s) {
        if (c < '0' || c > '9')
            return false;
    }
    out = std::stoll(s);
    return true;
}

} // namespace

int64_t floorMul(int64_t n, const Rational &r)
{
    return int64_t((__int128(n) * r.num) / r.den);
}

std::string Rational::toString() const
{
    if (num == 0)
        return "0";
    if (num == den)
        return "1";
    return std::to_string(num) + "/" + std::to_string(den);
}

Result<Rational> Rational::parse(const std::string &raw)
{
    std::string text = raw;
    auto fail = [&] {
        return Error{"invalid fraction \"" + raw + "\": use a/b, a decimal or a percentage between 0 and 1"};
    };
    Rational r;
    if (const size_t slash = text.find('/'); slash != std::string::npos) {
        int64_t n = 0, d = 0;
        if (!parseInt(text.substr(0, slash), n) || !parseInt(text.substr(slash + 1), d) || d == 0)
            return fail();
        r = reduce(n, d);
    } else {
        bool percent = false;
        if (!text.empty() && text.back() == '%') {
            percent = true;
            text.pop_back();
        }
        const size_t dot = text.find('.');
        std::string intPart = dot == std::string::npos ? text : text.substr(0, dot);
        std::string fracPart = dot == std::string::npos ? std::string() : text.substr(dot + 1);
        if (intPart.empty())
            intPart = "0";
        int64_t whole = 0, frac = 0;
        if (!parseInt(intPart, whole) || (!fracPart.empty() && !parseInt(fracPart, frac)) || fracPart.size() > 9)
            return fail();
        int64_t den = 1;
        for (size_t i = 0; i < fracPart.size(); ++i)
            den *= 10;
        if (percent)
            den *= 100;
        const int64_t scale = den / (percent ? 100 : 1);
        r = reduce(whole * scale + frac, den);
    }
    if (r.num < 0 || r.num > r.den)
        return fail();
    return r;
}

Result<ExecutionSegment> ExecutionSegment::parse(const std::string &text)
{
    const size_t colon = text.find(':');
    Rational from{0, 1}, to;
    if (colon == std::string::npos) {
        auto t = Rational::parse(text);
        if (!t)
            return Error{"invalid execution segment \"" + text + "\": " + t.error().message};
        to = *t;
    } else {
        auto f = Rational::parse(text.substr(0, colon));
        auto t = Rational::parse(text.substr(colon + 1));
        if (!f)
            return Error{"invalid execution segment \"" + text + "\": " + f.error().message};
        if (!t)
            return Error{"invalid execution segment \"" + text + "\": " + t.error().message};
        from = *f;
        to = *t;
    }
    if (!(from < to))
        return Error{"invalid execution segment \"" + text + "\": the start must be before the end"};
    return ExecutionSegment(from, to);
}

Status ExecutionSegment::validateSequence(const std::string &sequence) const
{
    std::vector<Rational> points;
    size_t pos = 0;
    while (pos <= sequence.size()) {
        const size_t comma = sequence.find(',', pos);
        auto r = Rational::parse(sequence.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
        if (!r)
            return Error{"invalid execution segment sequence \"" + sequence + "\": " + r.error().message};
        if (!points.empty() && !(points.back() < *r))
            return Error{"invalid execution segment sequence \"" + sequence + "\": values must increase"};
        points.push_back(*r);
        if (comma == std::string::npos)
            break;
        pos = comma + 1;
    }
    for (size_t i = 0; i + 1 < points.size(); ++i) {
        if (points[i] == m_from && points[i + 1] == m_to)
            return {};
    }
    return Error{"execution segment " + toString() + " is not one of the segments of the sequence \"" + sequence + "\""};
}

bool ExecutionSegment::ownsArrival(int64_t i) const
{
    if (isFull())
        return true;
    // x = reverse_bits(i) / 2^64; from <= x < to, compared exactly: x * den vs num * 2^64.
    uint64_t v = uint64_t(i);
    uint64_t r = 0;
    for (int b = 0; b < 64; ++b) {
        r = (r << 1) | (v & 1);
        v >>= 1;
    }
    using U = unsigned __int128;
    auto below = [r](const Rational &q) { // x < q
        return U(r) * U(uint64_t(q.den)) < (U(uint64_t(q.num)) << 64);
    };
    return !below(m_from) && (below(m_to) || m_to.num == m_to.den);
}

} // namespace stampede::engine
