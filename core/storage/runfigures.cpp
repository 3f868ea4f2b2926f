#include "core/storage/runfigures.h"

#include <algorithm>

namespace stampede::storage {

namespace {

std::optional<double> summaryValue(const nlohmann::json &summary, const char *metric, std::initializer_list<const char *> stats)
{
    if (!summary.is_object())
        return std::nullopt;
    const auto metrics = summary.find("metrics");
    if (metrics == summary.end() || !metrics->is_object())
        return std::nullopt;
    const auto m = metrics->find(metric);
    if (m == metrics->end() || !m->is_object())
        return std::nullopt;
    const auto values = m->find("values");
    if (values == m->end() || !values->is_object())
        return std::nullopt;
    for (const char *stat : stats) {
        const auto v = values->find(stat);
        if (v != values->end() && v->is_number())
            return v->get<double>();
    }
    return std::nullopt;
}

} // namespace

RunFigures runFigures(const RunRecord &run)
{
    RunFigures f;
    f.requests = summaryValue(run.summary, "http_reqs", {"count"});
    f.p95 = summaryValue(run.summary, "http_req_duration", {"p(95)"});
    f.errorRate = summaryValue(run.summary, "http_req_failed", {"rate"});
    f.vusMax = summaryValue(run.summary, "vus_max", {"max", "value"});
    return f;
}

std::vector<std::pair<double, double>> runSeries(const RunData &run, SeriesKind kind)
{
    std::vector<std::pair<double, double>> points;
    points.reserve(run.seconds.size());
    for (const SecondRow &s : run.seconds) {
        const double t = double(s.t);
        switch (kind) {
        case SeriesKind::RequestRate:
            points.emplace_back(t, double(s.requests));
            break;
        case SeriesKind::P95:
            if (s.requests > 0 && s.duration.count() > 0)
                points.emplace_back(t, s.duration.percentile(95));
            break;
        case SeriesKind::ErrorRate:
            points.emplace_back(t, s.requests ? 100.0 * double(s.failed) / double(s.requests) : 0.0);
            break;
        case SeriesKind::Vus:
            points.emplace_back(t, s.vus);
            break;
        }
    }
    return points;
}

std::vector<std::string> distinctTests(const std::vector<RunRecord> &runs)
{
    std::vector<std::string> tests;
    for (const RunRecord &r : runs)
        if (std::find(tests.begin(), tests.end(), r.test) == tests.end())
            tests.push_back(r.test);
    return tests;
}

bool isImprovement(const Delta &d, double tolerance)
{
    if (d.regression)
        return false;
    if (d.metric == "error rate")
        return d.base - d.candidate > 0.01 && (!d.relative || *d.relative < -tolerance);
    if (!d.relative)
        return false;
    if (d.metric == "rps")
        return *d.relative > tolerance;
    return *d.relative < -tolerance && (!d.judgement || d.judgement->significant);
}

} // namespace stampede::storage
