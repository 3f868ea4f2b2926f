#pragma once

#include "core/storage/compare.h"
#include "core/storage/historydb.h"

#include <optional>
#include <utility>
#include <vector>

namespace stampede::storage {

// The headline figures of a recorded run, read from its end-of-test summary
// (absent when the run never finished, e.g. interrupted).
struct RunFigures
{
    std::optional<double> requests;  // http_reqs count
    std::optional<double> p95;       // http_req_duration p(95), ms
    std::optional<double> errorRate; // http_req_failed rate, 0..1
    std::optional<double> vusMax;    // vus_max
};
RunFigures runFigures(const RunRecord &run);

// Per-second series of a run for charts, x = elapsed seconds since the run's start.
enum class SeriesKind { RequestRate, P95, ErrorRate, Vus };
// ErrorRate is in percent; seconds without requests have no P95 point.
std::vector<std::pair<double, double>> runSeries(const RunData &run, SeriesKind kind);

// The distinct tests in `runs` (by RunRecord::test), in order of first appearance.
std::vector<std::string> distinctTests(const std::vector<RunRecord> &runs);

// The mirror image of Delta::regression: a latency statistic more than `tolerance` lower
// (and significantly so when judged), an error rate more than 1 percentage point and
// `tolerance` lower, or a request rate more than `tolerance` higher.
bool isImprovement(const Delta &d, double tolerance);

} // namespace stampede::storage
