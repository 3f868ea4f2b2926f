#pragma once

#include "core/metrics/metric.h"
#include "core/util/duration.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace stampede::metrics {

// One threshold expression, e.g. "p(95)<200" or "rate <= 0.01".
struct ThresholdExpr
{
    enum class Op { Less, LessEqual, Greater, GreaterEqual, Equal, NotEqual };

    std::string source;      // as written (the key in the summary)
    std::string aggregation; // "avg", "p(95)", "rate", "count", ...
    Op op = Op::Less;
    double value = 0;
    bool abortOnFail = false;
    Nanos delayAbortEval{0};

    bool holds(double actual) const;
};

// Parses "aggregation operator number", as k6 does.
Result<ThresholdExpr> parseThresholdExpr(const std::string &text);

// The thresholds of one metric or sub-metric: `http_req_duration{status:200}`.
struct MetricThresholds
{
    std::string key;  // as written in the options, trimmed
    std::string metricName;
    MetricId metric = 0;
    TagSet selector;  // empty for the metric itself
    std::vector<ThresholdExpr> exprs;
};

// "http_req_duration{status:200, method:GET}" -> name and tag selector.
Result<std::pair<std::string, TagSet>> parseMetricSelector(const std::string &key);

// Parses k6's `thresholds` option against the registry (metrics must exist, and each
// aggregation must fit the metric's type). Errors name the metric and the reason.
Result<std::vector<MetricThresholds>> parseThresholds(const nlohmann::json &thresholds, const Registry &registry);

} // namespace stampede::metrics
