#include "core/storage/compare.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

namespace stampede::storage {

using json = nlohmann::json;

namespace {

constexpr uint64_t kMinEndpointRequests = 20;
constexpr double kErrorRateFloor = 0.01; // one percentage point

struct Distribution
{
    std::vector<double> values;
    std::vector<uint64_t> counts;
    uint64_t total = 0;
};

Distribution distributionOf(const metrics::Histogram &h)
{
    Distribution d;
    h.forEachBucket([&d](double v, uint64_t c) {
        d.values.push_back(v);
        d.counts.push_back(c);
        d.total += c;
    });
    return d;
}

struct Stats
{
    double mean, p90, p95, p99;
};

// One bootstrap replicate: n draws from the buckets (multinomial through sequential binomials).
Stats resample(const Distribution &d, std::mt19937_64 &rng, std::vector<uint64_t> &scratch)
{
    scratch.assign(d.counts.size(), 0);
    uint64_t remaining = d.total;
    uint64_t massLeft = d.total;
    for (size_t i = 0; i < d.counts.size() && remaining > 0; ++i) {
        if (i + 1 == d.counts.size() || d.counts[i] >= massLeft) {
            scratch[i] = remaining;
            remaining = 0;
            break;
        }
        std::binomial_distribution<uint64_t> bin(remaining, double(d.counts[i]) / double(massLeft));
        scratch[i] = bin(rng);
        remaining -= scratch[i];
        massLeft -= d.counts[i];
    }
    Stats s{};
    double sum = 0;
    for (size_t i = 0; i < scratch.size(); ++i)
        sum += d.values[i] * double(scratch[i]);
    s.mean = sum / double(d.total);
    const uint64_t n = d.total;
    auto rankOf = [n](double p) { return uint64_t(std::floor(p * double(n - 1))); };
    const uint64_t r90 = rankOf(0.90), r95 = rankOf(0.95), r99 = rankOf(0.99);
    uint64_t seen = 0;
    bool got90 = false, got95 = false, got99 = false;
    for (size_t i = 0; i < scratch.size(); ++i) {
        seen += scratch[i];
        if (!got90 && r90 < seen) {
            s.p90 = d.values[i];
            got90 = true;
        }
        if (!got95 && r95 < seen) {
            s.p95 = d.values[i];
            got95 = true;
        }
        if (!got99 && r99 < seen) {
            s.p99 = d.values[i];
            got99 = true;
            break;
        }
    }
    return s;
}

double quantile(std::vector<double> v, double q)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const double pos = q * double(v.size() - 1);
    const size_t lo = size_t(std::floor(pos));
    const size_t hi = std::min(v.size() - 1, lo + 1);
    return v[lo] + (v[hi] - v[lo]) * (pos - double(lo));
}

std::string percent(double rel)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%+.1f %%", rel * 100.0);
    return buf;
}

std::string number(double v, int decimals = 2)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

// Latency deltas (with judgements when both sides have data), error rate and request rate.
std::vector<Delta> deltasFor(const metrics::Histogram &bh, uint64_t bReq, uint64_t bFail, double bRps,
                             const metrics::Histogram &ch, uint64_t cReq, uint64_t cFail, double cRps,
                             double tolerance, int resamples, const std::string &where,
                             std::vector<std::string> &regressions, bool withRps)
{
    std::vector<Delta> out;
    const std::vector<Judgement> judgements = bootstrapLatency(bh, ch, resamples);
    const std::pair<const char *, double> stats[] = {{"avg", -1}, {"p90", 90}, {"p95", 95}, {"p99", 99}};
    for (size_t i = 0; i < std::size(stats); ++i) {
        Delta d;
        d.metric = stats[i].first;
        d.base = stats[i].second < 0 ? bh.mean() : bh.percentile(stats[i].second);
        d.candidate = stats[i].second < 0 ? ch.mean() : ch.percentile(stats[i].second);
        if (d.base > 0)
            d.relative = (d.candidate - d.base) / d.base;
        if (i < judgements.size())
            d.judgement = judgements[i];
        d.regression = d.relative && *d.relative > tolerance && (!d.judgement || d.judgement->significant);
        if (d.regression)
            regressions.push_back(where + d.metric + " " + number(d.base) + " ms -> " + number(d.candidate) + " ms (" +
                                  (d.judgement ? formatJudgement(*d.judgement) : percent(*d.relative)) + ")");
        out.push_back(std::move(d));
    }
    Delta err;
    err.metric = "error rate";
    err.base = bReq ? double(bFail) / double(bReq) : 0.0;
    err.candidate = cReq ? double(cFail) / double(cReq) : 0.0;
    if (err.base > 0)
        err.relative = (err.candidate - err.base) / err.base;
    err.regression = err.candidate - err.base > kErrorRateFloor &&
                     (!err.relative || *err.relative > tolerance);
    if (err.regression)
        regressions.push_back(where + "error rate " + number(err.base * 100, 2) + " % -> " +
                              number(err.candidate * 100, 2) + " %");
    out.push_back(err);
    if (withRps) {
        Delta rps;
        rps.metric = "rps";
        rps.base = bRps;
        rps.candidate = cRps;
        if (rps.base > 0)
            rps.relative = (rps.candidate - rps.base) / rps.base;
        rps.regression = rps.relative && *rps.relative < -tolerance;
        if (rps.regression)
            regressions.push_back(where + "request rate " + number(rps.base, 1) + "/s -> " + number(rps.candidate, 1) +
                                  "/s (" + percent(*rps.relative) + ")");
        out.push_back(rps);
    }
    return out;
}

json deltaJson(const Delta &d)
{
    json j = {{"metric", d.metric}, {"base", d.base}, {"candidate", d.candidate}, {"regression", d.regression}};
    j["relative"] = d.relative ? json(*d.relative) : json(nullptr);
    if (d.judgement)
        j["judgement"] = {{"ciLow", d.judgement->ciLow},
                          {"ciHigh", d.judgement->ciHigh},
                          {"significant", d.judgement->significant},
                          {"resamples", d.judgement->resamples},
                          {"text", formatJudgement(*d.judgement)}};
    return j;
}

json runJson(const RunRecord &r)
{
    return {{"id", r.id}, {"test", r.test}, {"script", r.scriptName}, {"startedAt", r.startedMs},
            {"verdict", toString(r.verdict)}, {"exitCode", r.exitCode}};
}

} // namespace

Result<RunData> loadRun(HistoryDb &db, int64_t id)
{
    auto run = db.run(id);
    if (!run)
        return run.error();
    auto secs = db.seconds(id);
    if (!secs)
        return secs.error();
    auto eps = db.endpoints(id);
    if (!eps)
        return eps.error();
    RunData d;
    d.run = std::move(*run);
    d.seconds = std::move(*secs);
    d.endpoints = std::move(*eps);
    for (const SecondRow &s : d.seconds) {
        d.duration.merge(s.duration);
        d.requests += s.requests;
        d.failed += s.failed;
        d.iterations += s.iterations;
    }
    d.seconds_ = d.run.durationSeconds();
    if (d.seconds_ <= 0 && !d.seconds.empty())
        d.seconds_ = double(d.seconds.back().t + 1);
    return d;
}

std::vector<Judgement> bootstrapLatency(const metrics::Histogram &base, const metrics::Histogram &candidate,
                                       int resamples, uint64_t seed)
{
    if (base.count() < 2 || candidate.count() < 2 || resamples < 10)
        return {};
    const Distribution bd = distributionOf(base), cd = distributionOf(candidate);
    std::mt19937_64 rng(seed);
    std::vector<uint64_t> scratch;
    std::vector<double> rel[4];
    for (auto &v : rel)
        v.reserve(size_t(resamples));
    for (int r = 0; r < resamples; ++r) {
        const Stats b = resample(bd, rng, scratch);
        const Stats c = resample(cd, rng, scratch);
        const double bv[4] = {b.mean, b.p90, b.p95, b.p99}, cv[4] = {c.mean, c.p90, c.p95, c.p99};
        for (int k = 0; k < 4; ++k) {
            if (bv[k] > 0)
                rel[k].push_back((cv[k] - bv[k]) / bv[k]);
        }
    }
    const char *names[4] = {"avg", "p90", "p95", "p99"};
    const double pct[4] = {-1, 90, 95, 99};
    std::vector<Judgement> out;
    for (int k = 0; k < 4; ++k) {
        Judgement j;
        j.statistic = names[k];
        j.base = pct[k] < 0 ? base.mean() : base.percentile(pct[k]);
        j.candidate = pct[k] < 0 ? candidate.mean() : candidate.percentile(pct[k]);
        j.relative = j.base > 0 ? (j.candidate - j.base) / j.base : 0.0;
        j.resamples = int(rel[k].size());
        j.ciLow = quantile(rel[k], 0.025);
        j.ciHigh = quantile(rel[k], 0.975);
        j.significant = j.resamples > 0 && (j.ciLow > 0 || j.ciHigh < 0);
        out.push_back(j);
    }
    return out;
}

std::string formatJudgement(const Judgement &j)
{
    return j.statistic + " " + percent(j.relative) + " [95 % CI " + percent(j.ciLow) + ".." + percent(j.ciHigh) +
           "], " + (j.significant ? "significant" : "not significant");
}

Comparison compareRuns(const RunData &base, const RunData &candidate, double tolerance, int resamples)
{
    Comparison c;
    c.base = base.run;
    c.candidate = candidate.run;
    c.tolerance = tolerance;
    c.overall = deltasFor(base.duration, base.requests, base.failed, base.rps(), candidate.duration, candidate.requests,
                          candidate.failed, candidate.rps(), tolerance, resamples, "", c.regressions, true);
    std::vector<std::pair<std::string, std::string>> keys;
    for (const auto &e : base.endpoints)
        keys.push_back({e.method, e.name});
    for (const auto &e : candidate.endpoints) {
        if (std::find(keys.begin(), keys.end(), std::pair{e.method, e.name}) == keys.end())
            keys.push_back({e.method, e.name});
    }
    std::sort(keys.begin(), keys.end());
    static const EndpointStats none;
    auto find = [](const RunData &d, const std::pair<std::string, std::string> &k) -> const EndpointStats & {
        for (const auto &e : d.endpoints) {
            if (e.method == k.first && e.name == k.second)
                return e;
        }
        return none;
    };
    for (const auto &key : keys) {
        const EndpointStats &b = find(base, key), &n = find(candidate, key);
        EndpointComparison ec;
        ec.method = key.first;
        ec.name = key.second;
        ec.baseRequests = b.requests;
        ec.candidateRequests = n.requests;
        if (b.requests >= kMinEndpointRequests && n.requests >= kMinEndpointRequests) {
            const std::string where = (key.first.empty() ? "" : key.first + " ") + key.second + ": ";
            const size_t before = c.regressions.size();
            ec.deltas = deltasFor(b.duration, b.requests, b.failed, base.seconds_ > 0 ? double(b.requests) / base.seconds_ : 0,
                                  n.duration, n.requests, n.failed,
                                  candidate.seconds_ > 0 ? double(n.requests) / candidate.seconds_ : 0, tolerance,
                                  std::max(200, resamples / 2), where, c.regressions, true);
            ec.regression = c.regressions.size() > before;
        }
        c.endpoints.push_back(std::move(ec));
    }
    return c;
}

json toJson(const Comparison &c)
{
    json overall = json::array();
    for (const Delta &d : c.overall)
        overall.push_back(deltaJson(d));
    json endpoints = json::array();
    for (const auto &e : c.endpoints) {
        json deltas = json::array();
        for (const Delta &d : e.deltas)
            deltas.push_back(deltaJson(d));
        endpoints.push_back({{"method", e.method}, {"name", e.name}, {"baseRequests", e.baseRequests},
                             {"candidateRequests", e.candidateRequests}, {"regression", e.regression},
                             {"deltas", deltas}});
    }
    return {{"base", runJson(c.base)},         {"candidate", runJson(c.candidate)},
            {"tolerance", c.tolerance},       {"regression", c.regression()},
            {"regressions", c.regressions},   {"overall", overall},
            {"endpoints", endpoints}};
}

std::string formatComparison(const Comparison &c, bool color)
{
    const char *red = color ? "\x1b[31m" : "", *green = color ? "\x1b[32m" : "", *reset = color ? "\x1b[0m" : "";
    std::string out;
    char buf[512];
    std::snprintf(buf, sizeof buf, "base:      #%lld %s (%s)\ncandidate: #%lld %s (%s)\ntolerance: %.1f %%\n\n",
                  static_cast<long long>(c.base.id), c.base.scriptName.c_str(), toString(c.base.verdict),
                  static_cast<long long>(c.candidate.id), c.candidate.scriptName.c_str(),
                  toString(c.candidate.verdict), c.tolerance * 100);
    out += buf;
    auto row = [&](const Delta &d, const std::string &indent) {
        const bool isErr = d.metric == "error rate", isRps = d.metric == "rps";
        const std::string b = isErr ? number(d.base * 100) + " %" : isRps ? number(d.base, 1) + "/s" : number(d.base) + " ms";
        const std::string n = isErr ? number(d.candidate * 100) + " %"
                              : isRps ? number(d.candidate, 1) + "/s"
                                      : number(d.candidate) + " ms";
        std::string rel = d.relative ? percent(*d.relative) : std::string("n/a");
        std::string judgement;
        if (d.judgement)
            judgement = "[95 % CI " + percent(d.judgement->ciLow) + ".." + percent(d.judgement->ciHigh) + "] " +
                        (d.judgement->significant ? "significant" : "not significant");
        std::snprintf(buf, sizeof buf, "%s%-11s %14s %14s %10s  %s", indent.c_str(), d.metric.c_str(), b.c_str(),
                      n.c_str(), rel.c_str(), judgement.c_str());
        out += d.regression ? std::string(red) + buf + "  REGRESSION" + reset : std::string(buf);
        out += "\n";
    };
    std::snprintf(buf, sizeof buf, "%-11s %14s %14s %10s\n", "http_req", "base", "candidate", "delta");
    out += buf;
    for (const Delta &d : c.overall)
        row(d, "");
    for (const auto &e : c.endpoints) {
        out += "\n" + (e.method.empty() ? std::string() : e.method + " ") + e.name;
        if (e.deltas.empty()) {
            std::snprintf(buf, sizeof buf, "  (%llu vs %llu requests: too few to compare)\n",
                          static_cast<unsigned long long>(e.baseRequests),
                          static_cast<unsigned long long>(e.candidateRequests));
            out += buf;
            continue;
        }
        out += "\n";
        for (const Delta &d : e.deltas)
            row(d, "  ");
    }
    out += "\n";
    if (c.regression()) {
        out += std::string(red) + "REGRESSION (" + std::to_string(c.regressions.size()) + "):" + reset + "\n";
        for (const auto &r : c.regressions)
            out += "  - " + r + "\n";
    } else {
        out += std::string(green) + "no regression beyond the tolerance" + reset + "\n";
    }
    return out;
}

} // namespace stampede::storage
