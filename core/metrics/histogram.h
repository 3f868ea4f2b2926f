#pragma once

#include <cstdint>
#include <functional>
#include <vector>

namespace stampede::metrics {

// Log-linear (HDR-style) histogram of doubles with constant memory per octave.
//
// Every power-of-two range [2^(e-1), 2^e) is split into kSubBuckets linear buckets;
// a value is represented by its bucket's midpoint, so the relative error of any
// reported value (percentiles included) is at most 1 / (2 * kSubBuckets) = 0.39 %.
// Count, sum, min and max are exact. Zero and negative values are supported.
// Buckets are stored densely between the lowest and highest bucket seen, so a
// histogram of latencies that span 3 decades needs about 10 octaves * 128 counters.
class Histogram
{
public:
    static constexpr int kSubBuckets = 128;
    static constexpr double kRelativeError = 1.0 / (2.0 * kSubBuckets);

    void add(double value, uint64_t times = 1);
    void merge(const Histogram &other);
    void clear();

    uint64_t count() const { return m_count; }
    double sum() const { return m_sum; }
    double min() const { return m_count ? m_min : 0.0; }
    double max() const { return m_count ? m_max : 0.0; }
    double mean() const { return m_count ? m_sum / double(m_count) : 0.0; }
    // k6's percentile definition (linear interpolation between closest ranks), p in [0, 100].
    double percentile(double p) const;

    // Bucket index of a positive value, and the representative value of a bucket.
    static int32_t bucketIndex(double positiveValue);
    static double bucketValue(int32_t index);

    // Visits the non-empty buckets in ascending value order: (representative value, count).
    // Zeros come as value 0; negatives as negative representatives.
    void forEachBucket(const std::function<void(double value, uint64_t count)> &fn) const;

    // Raw sparse view for serialisation/aggregation: (signed index, count).
    // Index encoding: positive buckets as-is, negatives as (INT32_MIN + index) is avoided;
    // instead sign is carried separately.
    struct Bucket { bool negative; int32_t index; uint64_t count; };
    std::vector<Bucket> buckets() const;
    uint64_t zeroCount() const { return m_zeros; }
    void addBucket(const Bucket &b);
    void setExtremes(double min, double max, double sum, uint64_t count); // after addBucket()s

    size_t memoryBytes() const;

private:
    struct Octaves
    {
        std::vector<uint64_t> counts;
        int32_t offset = 0; // bucket index of counts[0]
        void add(int32_t index, uint64_t times);
        void merge(const Octaves &other);
    };
    double valueAtRank(uint64_t rank) const; // 0-based rank in sorted order

    Octaves m_positive;
    Octaves m_negative; // indexed by |value|
    uint64_t m_zeros = 0;
    uint64_t m_count = 0;
    double m_sum = 0;
    double m_min = 0;
    double m_max = 0;
};

} // namespace stampede::metrics
