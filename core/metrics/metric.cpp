#include "core/metrics/metric.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace stampede::metrics {

const char *toString(MetricType t)
{
    switch (t) {
    case MetricType::Counter: return "counter";
    case MetricType::Gauge: return "gauge";
    case MetricType::Rate: return "rate";
    case MetricType::Trend: return "trend";
    }
    return "?";
}

const char *toString(ValueType t)
{
    switch (t) {
    case ValueType::Default: return "default";
    case ValueType::Time: return "time";
    case ValueType::Data: return "data";
    }
    return "?";
}

TagSet::TagSet(std::vector<Tag> tags)
{
    // Stable sort keeps insertion order among equal keys; the last one wins.
    std::stable_sort(tags.begin(), tags.end(), [](const Tag &a, const Tag &b) { return a.first < b.first; });
    for (auto &t : tags) {
        if (!m_tags.empty() && m_tags.back().first == t.first)
            m_tags.back().second = std::move(t.second);
        else
            m_tags.push_back(std::move(t));
    }
}

const std::string *TagSet::find(std::string_view key) const
{
    auto it = std::lower_bound(m_tags.begin(), m_tags.end(), key,
                               [](const Tag &t, std::string_view k) { return t.first < k; });
    if (it != m_tags.end() && it->first == key)
        return &it->second;
    return nullptr;
}

bool TagSet::contains(const TagSet &subset) const
{
    for (const auto &[k, v] : subset.m_tags) {
        const std::string *mine = find(k);
        if (!mine || *mine != v)
            return false;
    }
    return true;
}

std::string TagSet::toSelector() const
{
    std::string out = "{";
    bool first = true;
    for (const auto &[k, v] : m_tags) {
        if (!first)
            out += ", ";
        first = false;
        out += k + ":" + v;
    }
    return out + "}";
}

bool isValidMetricName(std::string_view name)
{
    if (name.empty() || name.size() > 128)
        return false;
    if (name.front() >= '0' && name.front() <= '9')
        return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    });
}

Registry::Registry()
{
    auto reg = [this](const char *name, MetricType t, ValueType v = ValueType::Default) {
        return add(name, t, v).value();
    };
    using T = MetricType;
    using V = ValueType;
    m_builtin.vus = reg("vus", T::Gauge);
    m_builtin.vusMax = reg("vus_max", T::Gauge);
    m_builtin.iterations = reg("iterations", T::Counter);
    m_builtin.iterationDuration = reg("iteration_duration", T::Trend, V::Time);
    m_builtin.droppedIterations = reg("dropped_iterations", T::Counter);
    m_builtin.dataSent = reg("data_sent", T::Counter, V::Data);
    m_builtin.dataReceived = reg("data_received", T::Counter, V::Data);
    m_builtin.checks = reg("checks", T::Rate);
    m_builtin.groupDuration = reg("group_duration", T::Trend, V::Time);
    m_builtin.httpReqs = reg("http_reqs", T::Counter);
    m_builtin.httpReqFailed = reg("http_req_failed", T::Rate);
    m_builtin.httpReqDuration = reg("http_req_duration", T::Trend, V::Time);
    m_builtin.httpReqBlocked = reg("http_req_blocked", T::Trend, V::Time);
    m_builtin.httpReqConnecting = reg("http_req_connecting", T::Trend, V::Time);
    m_builtin.httpReqTlsHandshaking = reg("http_req_tls_handshaking", T::Trend, V::Time);
    m_builtin.httpReqSending = reg("http_req_sending", T::Trend, V::Time);
    m_builtin.httpReqWaiting = reg("http_req_waiting", T::Trend, V::Time);
    m_builtin.httpReqReceiving = reg("http_req_receiving", T::Trend, V::Time);
}

Result<MetricId> Registry::add(std::string_view name, MetricType type, ValueType valueType)
{
    if (!isValidMetricName(name))
        return Error{"invalid metric name \"" + std::string(name)
                     + "\": use 1-128 letters, digits or underscores, not starting with a digit"};
    std::lock_guard lock(m_mutex);
    if (auto it = m_byName.find(std::string(name)); it != m_byName.end()) {
        const MetricDesc &d = m_metrics[it->second];
        if (d.type != type)
            return Error{"metric \"" + std::string(name) + "\" already exists as a " + toString(d.type)
                         + ", cannot redefine it as a " + toString(type)};
        return d.id;
    }
    const MetricId id = MetricId(m_metrics.size());
    m_metrics.push_back({id, std::string(name), type, valueType});
    m_byName.emplace(std::string(name), id);
    return id;
}

std::optional<MetricId> Registry::find(std::string_view name) const
{
    std::lock_guard lock(m_mutex);
    if (auto it = m_byName.find(std::string(name)); it != m_byName.end())
        return it->second;
    return std::nullopt;
}

MetricDesc Registry::desc(MetricId id) const
{
    std::lock_guard lock(m_mutex);
    return m_metrics.at(id);
}

std::vector<MetricDesc> Registry::all() const
{
    std::lock_guard lock(m_mutex);
    return m_metrics;
}

void Sink::add(double value)
{
    if (m_count == 0) {
        m_min = m_max = value;
    } else {
        m_min = std::min(m_min, value);
        m_max = std::max(m_max, value);
    }
    ++m_count;
    switch (m_type) {
    case MetricType::Counter: m_sum += value; break;
    case MetricType::Gauge: m_last = value; break;
    case MetricType::Rate: if (value != 0) ++m_trues; break;
    case MetricType::Trend: m_hist.add(value); break;
    }
}

void Sink::merge(const Sink &o)
{
    if (o.m_count == 0)
        return;
    if (m_count == 0) {
        *this = o;
        return;
    }
    m_min = std::min(m_min, o.m_min);
    m_max = std::max(m_max, o.m_max);
    m_count += o.m_count;
    m_trues += o.m_trues;
    m_sum += o.m_sum;
    m_last = o.m_last;
    m_hist.merge(o.m_hist);
}

std::optional<double> Sink::aggregate(std::string_view name, double elapsedSeconds) const
{
    switch (m_type) {
    case MetricType::Counter:
        if (name == "count")
            return m_sum;
        if (name == "rate")
            return elapsedSeconds > 0 ? m_sum / elapsedSeconds : 0.0;
        break;
    case MetricType::Gauge:
        if (name == "value")
            return m_last;
        if (name == "min")
            return m_min;
        if (name == "max")
            return m_max;
        break;
    case MetricType::Rate:
        if (name == "rate")
            return m_count ? double(m_trues) / double(m_count) : 0.0;
        if (name == "passes")
            return double(m_trues);
        if (name == "fails")
            return double(m_count - m_trues);
        break;
    case MetricType::Trend:
        if (name == "avg")
            return m_hist.mean();
        if (name == "min")
            return m_hist.min();
        if (name == "max")
            return m_hist.max();
        if (name == "med")
            return m_hist.percentile(50);
        if (name == "count")
            return double(m_hist.count());
        if (name.size() > 3 && name.substr(0, 2) == "p(" && name.back() == ')') {
            const std::string num(name.substr(2, name.size() - 3));
            char *end = nullptr;
            const double p = std::strtod(num.c_str(), &end);
            if (end && *end == '\0' && p >= 0 && p <= 100)
                return m_hist.percentile(p);
        }
        break;
    }
    return std::nullopt;
}

} // namespace stampede::metrics
