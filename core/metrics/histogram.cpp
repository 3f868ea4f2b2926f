#include "core/metrics/histogram.h"

#include <algorithm>
#include <cmath>

namespace stampede::metrics {

int32_t Histogram::bucketIndex(double v)
{
    int e = 0;
    const double m = std::frexp(v, &e); // v = m * 2^e, m in [0.5, 1)
    int sub = int((m - 0.5) * 2.0 * kSubBuckets);
    sub = std::clamp(sub, 0, kSubBuckets - 1);
    return int32_t(e) * kSubBuckets + sub;
}

double Histogram::bucketValue(int32_t index)
{
    // Floor division so negative exponents (values < 0.5) map correctly.
    int32_t e = index / kSubBuckets;
    int32_t sub = index % kSubBuckets;
    if (sub < 0) {
        sub += kSubBuckets;
        --e;
    }
    return std::ldexp(0.5 + (double(sub) + 0.5) / (2.0 * kSubBuckets), e);
}

void Histogram::Octaves::add(int32_t index, uint64_t times)
{
    if (counts.empty()) {
        offset = index;
        counts.assign(1, 0);
    } else if (index < offset) {
        counts.insert(counts.begin(), size_t(offset - index), 0);
        offset = index;
    } else if (index >= offset + int32_t(counts.size())) {
        counts.resize(size_t(index - offset) + 1, 0);
    }
    counts[size_t(index - offset)] += times;
}

void Histogram::Octaves::merge(const Octaves &other)
{
    for (size_t i = 0; i < other.counts.size(); ++i) {
        if (other.counts[i])
            add(other.offset + int32_t(i), other.counts[i]);
    }
}

void Histogram::add(double value, uint64_t times)
{
    if (times == 0 || std::isnan(value))
        return;
    if (m_count == 0) {
        m_min = m_max = value;
    } else {
        m_min = std::min(m_min, value);
        m_max = std::max(m_max, value);
    }
    m_count += times;
    m_sum += value * double(times);
    if (value > 0)
        m_positive.add(bucketIndex(value), times);
    else if (value < 0)
        m_negative.add(bucketIndex(-value), times);
    else
        m_zeros += times;
}

void Histogram::merge(const Histogram &other)
{
    if (other.m_count == 0)
        return;
    if (m_count == 0) {
        *this = other;
        return;
    }
    m_min = std::min(m_min, other.m_min);
    m_max = std::max(m_max, other.m_max);
    m_count += other.m_count;
    m_sum += other.m_sum;
    m_zeros += other.m_zeros;
    m_positive.merge(other.m_positive);
    m_negative.merge(other.m_negative);
}

void Histogram::clear()
{
    *this = Histogram();
}

double Histogram::valueAtRank(uint64_t rank) const
{
    // The lowest and highest ranks are known exactly.
    if (rank == 0)
        return m_min;
    if (rank + 1 >= m_count)
        return m_max;
    uint64_t seen = 0;
    // Negatives: largest magnitude first.
    for (size_t i = m_negative.counts.size(); i-- > 0;) {
        seen += m_negative.counts[i];
        if (rank < seen)
            return -bucketValue(m_negative.offset + int32_t(i));
    }
    seen += m_zeros;
    if (rank < seen)
        return 0.0;
    for (size_t i = 0; i < m_positive.counts.size(); ++i) {
        seen += m_positive.counts[i];
        if (rank < seen)
            return bucketValue(m_positive.offset + int32_t(i));
    }
    return m_max;
}

double Histogram::percentile(double p) const
{
    if (m_count == 0)
        return 0.0;
    if (m_count == 1)
        return m_min;
    const double pct = std::clamp(p, 0.0, 100.0) / 100.0;
    const double i = pct * double(m_count - 1);
    const double lo = std::floor(i);
    const double hi = std::ceil(i);
    auto clampExact = [this](double v) { return std::clamp(v, m_min, m_max); };
    const double j = clampExact(valueAtRank(uint64_t(lo)));
    if (hi == lo)
        return j;
    const double k = clampExact(valueAtRank(uint64_t(hi)));
    return j + (k - j) * (i - lo);
}

void Histogram::forEachBucket(const std::function<void(double, uint64_t)> &fn) const
{
    for (size_t i = m_negative.counts.size(); i-- > 0;) {
        if (m_negative.counts[i])
            fn(-bucketValue(m_negative.offset + int32_t(i)), m_negative.counts[i]);
    }
    if (m_zeros)
        fn(0.0, m_zeros);
    for (size_t i = 0; i < m_positive.counts.size(); ++i) {
        if (m_positive.counts[i])
            fn(bucketValue(m_positive.offset + int32_t(i)), m_positive.counts[i]);
    }
}

std::vector<Histogram::Bucket> Histogram::buckets() const
{
    std::vector<Bucket> out;
    for (size_t i = 0; i < m_negative.counts.size(); ++i) {
        if (m_negative.counts[i])
            out.push_back({true, m_negative.offset + int32_t(i), m_negative.counts[i]});
    }
    for (size_t i = 0; i < m_positive.counts.size(); ++i) {
        if (m_positive.counts[i])
            out.push_back({false, m_positive.offset + int32_t(i), m_positive.counts[i]});
    }
    return out;
}

void Histogram::addBucket(const Bucket &b)
{
    (b.negative ? m_negative : m_positive).add(b.index, b.count);
}

void Histogram::setExtremes(double min, double max, double sum, uint64_t count)
{
    m_min = min;
    m_max = max;
    m_sum = sum;
    m_count = count;
    uint64_t inBuckets = 0;
    for (uint64_t c : m_positive.counts)
        inBuckets += c;
    for (uint64_t c : m_negative.counts)
        inBuckets += c;
    m_zeros = count > inBuckets ? count - inBuckets : 0;
}

size_t Histogram::memoryBytes() const
{
    return sizeof(*this) + (m_positive.counts.capacity() + m_negative.counts.capacity()) * sizeof(uint64_t);
}

} // namespace stampede::metrics
