#pragma once

#include "core/metrics/metric.h"
#include "core/metrics/thresholds.h"

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace stampede::metrics {

// One group of the checks tree, as k6's summary data models it.
struct GroupNode
{
    std::string name;
    std::string path; // "::outer::inner"; "" for the root group
    struct Check { std::string name; uint64_t passes = 0; uint64_t fails = 0; };
    std::vector<Check> checks;                    // in first-seen order
    std::vector<std::unique_ptr<GroupNode>> groups; // in first-seen order

    GroupNode &child(const std::string &name);
    Check &check(const std::string &name);
};

struct SummaryOptions
{
    std::vector<std::string> trendStats{"avg", "min", "med", "max", "p(90)", "p(95)"};
    std::string timeUnit; // "" = humanized
    bool noColor = false;
};

// Aggregates every sample of a run on the metrics thread: one Sink per metric,
// sub-metrics selected by tags, and the tree of checks by group.
// Not thread-safe: it is owned by the thread that drains the sample queue.
class MetricsEngine
{
public:
    explicit MetricsEngine(const Registry &registry);

    // Adds a sub-metric such as http_req_duration{expected_response:true}. Returns its index.
    // `name` is how the summary shows it (default: parent{key:value,...}).
    size_t addSubmetric(MetricId parent, TagSet selector, std::string name = {});

    // Thresholds to evaluate; sub-metric selectors become sub-metrics.
    void setThresholds(std::vector<MetricThresholds> thresholds);
    struct ThresholdVerdict
    {
        bool anyFailed = false;
        std::string abortReason; // non-empty: an abortOnFail threshold failed past its delay
    };
    // Evaluates every threshold now; `elapsed` is the time since the test started.
    ThresholdVerdict evaluateThresholds(Nanos elapsed);
    bool hasThresholds() const { return !m_thresholds.empty(); }
    // {"metric{selector}": {"expression": ok, ...}, ...} as of the last evaluation.
    nlohmann::json thresholdStates() const;
    void consume(const SampleBatch &batch);

    const Sink *sink(MetricId id) const;
    const GroupNode &rootGroup() const { return m_root; }

    // k6's handleSummary() data: root_group, options, state, metrics.
    nlohmann::json summaryData(const SummaryOptions &opts, double testRunDurationMs, bool stdoutTty,
                               bool stderrTty) const;

private:
    struct Submetric
    {
        MetricId parent;
        TagSet selector;
        std::string name; // "parent{k:v}"
        std::unique_ptr<Sink> sink;
    };

    struct ThresholdState
    {
        MetricThresholds def;
        const Sink *sink = nullptr; // the metric's or the sub-metric's
        size_t submetric = SIZE_MAX;
        std::vector<bool> ok;       // per expression, as of the last evaluation
    };
    const Sink *sinkFor(const ThresholdState &t) const;

    const Registry &m_registry;
    std::vector<ThresholdState> m_thresholds;
    std::vector<std::unique_ptr<Sink>> m_sinks; // by MetricId
    std::vector<Submetric> m_submetrics;
    GroupNode m_root;
};

// Renders k6's end-of-test text summary (checks by group, then metrics) from summary data.
std::string renderTextSummary(const nlohmann::json &data, bool color);

// k6's --summary-export JSON (the legacy shape: flat metric values, groups and checks
// keyed by name, thresholds as {"expr": failed}) from summary data.
nlohmann::json summaryExport(const nlohmann::json &data);

} // namespace stampede::metrics
