#pragma once

#include "core/metrics/histogram.h"
#include "core/util/error.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace stampede::metrics {

enum class MetricType : uint8_t { Counter, Gauge, Rate, Trend };
enum class ValueType : uint8_t { Default, Time, Data };

const char *toString(MetricType t);   // "counter", "gauge", "rate", "trend"
const char *toString(ValueType t);    // "default", "time", "data"

using MetricId = uint32_t;

// An immutable, sorted set of tags. Shared between samples through TagSetPtr.
class TagSet
{
public:
    using Tag = std::pair<std::string, std::string>;

    TagSet() = default;
    explicit TagSet(std::vector<Tag> tags); // sorts; later duplicates win

    const std::vector<Tag> &tags() const { return m_tags; }
    const std::string *find(std::string_view key) const;
    bool contains(const TagSet &subset) const; // every tag of subset is here with the same value
    bool empty() const { return m_tags.empty(); }
    // "{key:value, key2:value2}" as k6 prints sub-metric names (in the given order).
    std::string toSelector() const;

    bool operator==(const TagSet &o) const { return m_tags == o.m_tags; }

private:
    std::vector<Tag> m_tags;
};
using TagSetPtr = std::shared_ptr<const TagSet>;

// Interns tag sets under a key the caller builds from the values that make them, so that
// samples with the same tags share one TagSet and the steady state allocates nothing.
// Not thread-safe: one per producer (per VU). Bounded: full, it starts over.
class TagSetCache
{
public:
    // The scratch key, cleared: append the values that determine the tags, then call get().
    std::string &key()
    {
        m_key.clear();
        return m_key;
    }
    template<typename Make>
    TagSetPtr get(Make &&make)
    {
        if (auto it = m_map.find(m_key); it != m_map.end())
            return it->second;
        if (m_map.size() >= kMaxEntries)
            m_map.clear();
        TagSetPtr tags = std::make_shared<const TagSet>(make());
        m_map.emplace(m_key, tags);
        return tags;
    }
    size_t size() const { return m_map.size(); }

private:
    static constexpr size_t kMaxEntries = 4096;
    std::string m_key;
    std::unordered_map<std::string, TagSetPtr> m_map;
};

struct Sample
{
    MetricId metric = 0;
    double value = 0;
    int64_t timeUnixNs = 0;
    TagSetPtr tags;
};
using SampleBatch = std::vector<Sample>;

struct MetricDesc
{
    MetricId id = 0;
    std::string name;
    MetricType type = MetricType::Counter;
    ValueType valueType = ValueType::Default;
};

// Valid metric names as k6 defines them: 1-128 chars of [A-Za-z0-9_], not starting with a digit.
bool isValidMetricName(std::string_view name);

// All metrics of a run. Registration is thread-safe (custom metrics are created in
// every VU's init code); lookups after registration are lock-free reads of stable ids.
class Registry
{
public:
    Registry();

    // Registers or returns an existing metric; fails if the name is invalid or was
    // registered with a different type.
    Result<MetricId> add(std::string_view name, MetricType type, ValueType valueType = ValueType::Default);
    std::optional<MetricId> find(std::string_view name) const;
    MetricDesc desc(MetricId id) const;
    std::vector<MetricDesc> all() const;

    // Built-in metrics, registered by the constructor with k6's names.
    struct Builtin
    {
        MetricId vus, vusMax, iterations, iterationDuration, droppedIterations, dataSent, dataReceived,
            checks, groupDuration, httpReqs, httpReqFailed, httpReqDuration, httpReqBlocked,
            httpReqConnecting, httpReqTlsHandshaking, httpReqSending, httpReqWaiting, httpReqReceiving;
    };
    const Builtin &builtin() const { return m_builtin; }

private:
    mutable std::mutex m_mutex;
    std::vector<MetricDesc> m_metrics;
    std::unordered_map<std::string, MetricId> m_byName;
    Builtin m_builtin{};
};

// The running aggregate of one metric (or sub-metric).
class Sink
{
public:
    explicit Sink(MetricType type) : m_type(type) {}

    void add(double value);
    void merge(const Sink &other);
    MetricType type() const { return m_type; }

    // Aggregations as thresholds and the summary name them:
    // counter: count, rate; gauge: value, min, max; rate: rate, passes, fails;
    // trend: avg, min, max, med, count, p(N). `elapsedSeconds` is for counter rates.
    std::optional<double> aggregate(std::string_view name, double elapsedSeconds) const;

    double sum() const { return m_sum; }
    uint64_t count() const { return m_count; }
    uint64_t trues() const { return m_trues; }
    double last() const { return m_last; }
    double min() const { return m_min; }
    double max() const { return m_max; }
    const Histogram &histogram() const { return m_hist; }

private:
    MetricType m_type;
    uint64_t m_count = 0;
    uint64_t m_trues = 0; // rate: non-zero samples
    double m_sum = 0;     // counter: sum
    double m_last = 0;    // gauge: last value
    double m_min = 0, m_max = 0;
    Histogram m_hist;     // trend
};

} // namespace stampede::metrics
