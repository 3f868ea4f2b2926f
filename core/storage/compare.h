#pragma once

#include "core/metrics/histogram.h"
#include "core/storage/historydb.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace stampede::storage {

// A recorded run with its series and per-endpoint aggregates, loaded for comparison or export.
struct RunData
{
    RunRecord run;
    std::vector<SecondRow> seconds;
    std::vector<EndpointStats> endpoints;
    metrics::Histogram duration; // http_req_duration over the whole run (merged seconds)
    uint64_t requests = 0, failed = 0, iterations = 0;
    double seconds_ = 0;         // the run's length in seconds (recorded seconds if unknown)
    double rps() const { return seconds_ > 0 ? double(requests) / seconds_ : 0.0; }
    double errorRate() const { return requests ? double(failed) / double(requests) : 0.0; }
};
Result<RunData> loadRun(HistoryDb &db, int64_t id);

// Whether a latency difference between two runs is real: a bootstrap of the relative
// difference of a statistic, resampling each run's requests from its histogram's
// bucket distribution (multinomial, fixed seed, so the verdict is reproducible).
struct Judgement
{
    std::string statistic; // "avg", "p90", "p95", "p99"
    double base = 0, candidate = 0;
    double relative = 0;             // (candidate - base) / base
    double ciLow = 0, ciHigh = 0;    // 95 % confidence interval of `relative`
    bool significant = false;        // the interval excludes 0
    int resamples = 0;
};
// Judgements for avg, p90, p95 and p99 (in that order); empty if either side has no data.
std::vector<Judgement> bootstrapLatency(const metrics::Histogram &base, const metrics::Histogram &candidate,
                                       int resamples = 1000, uint64_t seed = 0x5eed);
// "p95 +12.0 % [95 % CI +8.0 %..+16.0 %], significant"
std::string formatJudgement(const Judgement &j);

struct Delta
{
    std::string metric; // "avg", "p90", "p95", "p99" (ms), "error rate" (fraction), "rps"
    double base = 0, candidate = 0;
    std::optional<double> relative; // none when base is 0
    bool regression = false;
    std::optional<Judgement> judgement; // latency metrics
};

struct EndpointComparison
{
    std::string method, name;
    uint64_t baseRequests = 0, candidateRequests = 0;
    std::vector<Delta> deltas; // empty if one side has too few requests
    bool regression = false;
};

// The candidate run against the base run. A regression is a latency statistic more than
// `tolerance` (relative) higher and significantly so, an error rate more than 1 percentage
// point and `tolerance` (relative) higher, or a request rate more than `tolerance` lower.
struct Comparison
{
    RunRecord base, candidate;
    double tolerance = 0.10;
    std::vector<Delta> overall;
    std::vector<EndpointComparison> endpoints;
    std::vector<std::string> regressions; // human-readable, one per regressed figure
    bool regression() const { return !regressions.empty(); }
};
Comparison compareRuns(const RunData &base, const RunData &candidate, double tolerance, int resamples = 1000);

nlohmann::json toJson(const Comparison &c);
// The comparison as aligned text (the CLI's output).
std::string formatComparison(const Comparison &c, bool color);

} // namespace stampede::storage
