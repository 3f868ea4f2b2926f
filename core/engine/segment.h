#pragma once

#include "core/util/error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace stampede::engine {

// An exact fraction in [0, 1] (numerator/denominator in lowest terms).
struct Rational
{
    int64_t num = 0;
    int64_t den = 1;

    static Result<Rational> parse(const std::string &text); // "1/3", "0.25", "25%", "0", "1"
    double toDouble() const { return double(num) / double(den); }
    std::string toString() const;
    bool operator==(const Rational &o) const { return num == o.num && den == o.den; }
    bool operator<(const Rational &o) const { return __int128(num) * o.den < __int128(o.num) * den; }
    bool operator<=(const Rational &o) const { return !(o < *this); }
};

// floor(n * r) for n >= 0, exactly.
int64_t floorMul(int64_t n, const Rational &r);

// This instance's share of a test, as k6's --execution-segment. Instances with
// adjacent segments that cover [0, 1] together run exactly the VUs, iterations
// and arrivals of one full run:
//  - every count is split as share(n) = floor(n * to) - floor(n * from), which
//    telescopes to n over any partition;
//  - arrival i (0-based) of the full schedule belongs to the one segment that
//    contains the i-th point of the van der Corput sequence (the bit-reversal of i
//    as a binary fraction), so each instance's arrivals are spread evenly over time
//    and every arrival has exactly one owner (exact integer comparisons).
class ExecutionSegment
{
public:
    ExecutionSegment() = default; // the whole test: 0:1
    ExecutionSegment(Rational from, Rational to) : m_from(from), m_to(to) {}

    // "1/3:2/3", "0:1/2", "50%:100%"; or a single value "1/3" meaning 0:1/3.
    static Result<ExecutionSegment> parse(const std::string &text);
    // Checks a --execution-segment-sequence ("0,1/3,2/3,1") and that this segment is one of its parts.
    Status validateSequence(const std::string &sequence) const;

    bool isFull() const { return m_from.num == 0 && m_to.num == m_to.den; }
    const Rational &from() const { return m_from; }
    const Rational &to() const { return m_to; }
    std::string toString() const { return m_from.toString() + ":" + m_to.toString(); }

    int64_t scale(int64_t n) const { return floorMul(n, m_to) - floorMul(n, m_from); }
    double scale(double rate) const { return rate * (m_to.toDouble() - m_from.toDouble()); }
    bool ownsArrival(int64_t i) const;

private:
    Rational m_from{0, 1};
    Rational m_to{1, 1};
};

} // namespace stampede::engine
