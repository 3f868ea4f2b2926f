// Run comparison maths on known distributions, regressions against a tolerance, and the
// self-contained HTML report.

#include "core/storage/compare.h"
#include "core/storage/report.h"

#include <QTest>

#include <chrono>
#include <random>
#include <regex>

using namespace stampede;
using namespace stampede::storage;

namespace {

metrics::Histogram lognormal(uint64_t seed, int n, double mu, double sigma)
{
    std::mt19937_64 rng(seed);
    std::lognormal_distribution<double> dist(mu, sigma);
    metrics::Histogram h;
    for (int i = 0; i < n; ++i)
        h.add(dist(rng));
    return h;
}

// A synthetic recorded run: `seconds` rows drawn from lognormal(mu, sigma), `perSecond` requests each.
RunData syntheticRun(int64_t id, uint64_t seed, double mu, double sigma, int seconds = 30, int perSecond = 200,
                     double errorRate = 0.0)
{
    RunData d;
    d.run.id = id;
    d.run.test = "/p/shop.js";
    d.run.scriptName = "shop.js";
    d.run.startedMs = 1700000000000 + id * 100000;
    d.run.endedMs = d.run.startedMs + seconds * 1000;
    d.run.verdict = Verdict::Passed;
    d.run.exitCode = 0;
    std::mt19937_64 rng(seed);
    std::lognormal_distribution<double> dist(mu, sigma);
    std::bernoulli_distribution fails(errorRate);
    EndpointStats home{"GET", "home", 0, 0, {}}, cart{"POST", "cart", 0, 0, {}};
    for (int t = 0; t < seconds; ++t) {
        SecondRow row;
        row.t = t;
        row.vus = 10;
        row.vusMax = 10;
        for (int i = 0; i < perSecond; ++i) {
            const double v = dist(rng);
            const bool failed = fails(rng);
            row.duration.add(v);
            ++row.requests;
            row.failed += failed;
            EndpointStats &e = i % 2 ? home : cart;
            ++e.requests;
            e.failed += failed;
            e.duration.add(v);
        }
        d.duration.merge(row.duration);
        d.requests += row.requests;
        d.failed += row.failed;
        d.seconds.push_back(std::move(row));
    }
    d.endpoints = {cart, home};
    d.seconds_ = seconds;
    return d;
}

const Judgement &find(const std::vector<Judgement> &js, const char *stat)
{
    for (const auto &j : js) {
        if (j.statistic == stat)
            return j;
    }
    static Judgement none;
    return none;
}

} // namespace

class tst_Compare : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aKnownShiftIsSignificant()
    {
        // Lognormal latencies with mu shifted by ln(1.08): every quantile is 8 % higher.
        const auto a = lognormal(1, 20000, std::log(50.0), 0.5);
        const auto b = lognormal(2, 20000, std::log(50.0 * 1.08), 0.5);
        const auto js = bootstrapLatency(a, b, 1000);
        QCOMPARE(js.size(), size_t(4));
        for (const char *stat : {"avg", "p90", "p95", "p99"}) {
            const Judgement &j = find(js, stat);
            QVERIFY2(j.significant, formatJudgement(j).c_str());
            QVERIFY2(j.ciLow > 0 && j.ciLow < 0.08 + 0.01, formatJudgement(j).c_str());
        }
        const Judgement &p95 = find(js, "p95");
        QVERIFY2(std::abs(p95.relative - 0.08) < 0.04, formatJudgement(p95).c_str());
        QVERIFY2(p95.ciLow < p95.relative && p95.relative < p95.ciHigh, formatJudgement(p95).c_str());
        // The interval contains the true shift.
        QVERIFY2(p95.ciLow < 0.08 && 0.08 < p95.ciHigh, formatJudgement(p95).c_str());
        const std::string text = formatJudgement(p95);
        QVERIFY2(std::regex_match(text, std::regex(R"(p95 \+\d+\.\d % \[95 % CI \+\d+\.\d %\.\.\+\d+\.\d %\], significant)")),
                 text.c_str());
    }

    void twoDrawsOfOneDistributionAreNot()
    {
        int significant = 0;
        for (uint64_t seed = 10; seed < 20; ++seed) {
            const auto a = lognormal(seed, 5000, std::log(80.0), 0.6);
            const auto b = lognormal(seed + 1000, 5000, std::log(80.0), 0.6);
            const auto js = bootstrapLatency(a, b, 500);
            const Judgement &p95 = find(js, "p95"), &avg = find(js, "avg");
            QVERIFY(p95.ciLow < p95.ciHigh);
            significant += p95.significant + avg.significant;
        }
        // 20 judgements at a 5 % false-positive rate: a few at most.
        QVERIFY2(significant <= 3, std::to_string(significant).c_str());
    }

    void theVerdictIsReproducible()
    {
        const auto a = lognormal(3, 3000, 3.0, 0.5), b = lognormal(4, 3000, 3.02, 0.5);
        const auto x = bootstrapLatency(a, b, 300), y = bootstrapLatency(a, b, 300);
        QCOMPARE(find(x, "p95").ciLow, find(y, "p95").ciLow);
        QCOMPARE(find(x, "p95").ciHigh, find(y, "p95").ciHigh);
        QVERIFY(bootstrapLatency(a, metrics::Histogram(), 300).empty());
    }

    void bootstrapIsFastOnLargeRuns()
    {
        // A million requests per run: resampling works on the buckets, not on the requests.
        const auto a = lognormal(5, 1000000, 4.0, 0.7), b = lognormal(6, 1000000, 4.0, 0.7);
        const auto start = std::chrono::steady_clock::now();
        const auto js = bootstrapLatency(a, b, 1000);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        QVERIFY(!js.empty());
        qInfo("bootstrap of 2 x 1e6 requests, 1000 resamples: %.0f ms", ms);
        QVERIFY2(ms < 5000, std::to_string(ms).c_str());
    }

    void regressionsAgainstTheTolerance()
    {
        const RunData base = syntheticRun(1, 100, std::log(40.0), 0.4);
        const RunData slower = syntheticRun(2, 200, std::log(40.0 * 1.25), 0.4);
        const RunData same = syntheticRun(3, 300, std::log(40.0), 0.4);

        const Comparison worse = compareRuns(base, slower, 0.10);
        QVERIFY(worse.regression());
        bool p95Flagged = false;
        for (const Delta &d : worse.overall) {
            if (d.metric == "p95") {
                p95Flagged = d.regression;
                QVERIFY(d.judgement && d.judgement->significant);
                QVERIFY(*d.relative > 0.15 && *d.relative < 0.35);
            }
        }
        QVERIFY(p95Flagged);
        QVERIFY(worse.endpoints.size() == 2 && worse.endpoints[0].regression && worse.endpoints[1].regression);

        // The same shift within a generous tolerance is no regression.
        QVERIFY(!compareRuns(base, slower, 0.50).regression());
        // Faster is never a regression.
        QVERIFY(!compareRuns(slower, base, 0.10).regression());
        // Same distribution, different draws: no regression.
        const Comparison noise = compareRuns(base, same, 0.10);
        QVERIFY2(!noise.regression(), noise.regressions.empty() ? "" : noise.regressions.front().c_str());

        // Errors: +5 percentage points is a regression at any latency.
        const RunData failing = syntheticRun(4, 400, std::log(40.0), 0.4, 30, 200, 0.05);
        const Comparison errs = compareRuns(base, failing, 0.10);
        QVERIFY(errs.regression());
        QVERIFY(errs.regressions.front().find("error rate") != std::string::npos);
        // Throughput: half the requests per second.
        const RunData slowThroughput = syntheticRun(5, 500, std::log(40.0), 0.4, 30, 100);
        const Comparison rps = compareRuns(base, slowThroughput, 0.10);
        QVERIFY(rps.regression());
        const auto json = toJson(rps);
        QCOMPARE(json["regression"].get<bool>(), true);
        QCOMPARE(json["overall"].size(), size_t(6));
    }

    void htmlReportIsSelfContained()
    {
        const RunData base = syntheticRun(1, 100, std::log(40.0), 0.4);
        const RunData cand = syntheticRun(2, 200, std::log(40.0 * 1.25), 0.4);
        const Comparison c = compareRuns(base, cand, 0.10);
        for (const std::string &html : {comparisonToHtml(c, base, cand), runToHtml(base)}) {
            QVERIFY(html.rfind("<!DOCTYPE html>", 0) == 0);
            QVERIFY2(html.find("http://") == std::string::npos, "no http:// references");
            QVERIFY2(html.find("https://") == std::string::npos, "no https:// references");
            QVERIFY(html.find("<script") == std::string::npos);
            QVERIFY(html.find("<link") == std::string::npos);
            QVERIFY(html.find("src=") == std::string::npos);
            // Inline SVG charts with one polyline per series.
            size_t charts = 0, lines = 0;
            for (size_t p = html.find("<svg"); p != std::string::npos; p = html.find("<svg", p + 1))
                ++charts;
            for (size_t p = html.find("<polyline"); p != std::string::npos; p = html.find("<polyline", p + 1))
                ++lines;
            QVERIFY2(charts >= 4, std::to_string(charts).c_str());
            QVERIFY2(lines >= 4, std::to_string(lines).c_str());
        }
        const std::string html = comparisonToHtml(c, base, cand);
        QVERIFY(html.find("class=\"regression\"") != std::string::npos);
        QVERIFY(html.find("significant") != std::string::npos);
        QVERIFY(html.find("p95 response time") != std::string::npos);
        // CSV: header plus one line per (endpoint, metric).
        const std::string csv = comparisonToCsv(c);
        QCOMPARE(std::count(csv.begin(), csv.end(), '\n'), long(1 + 6 * 3));
        const std::string runCsv = runToCsv(base);
        QCOMPARE(std::count(runCsv.begin(), runCsv.end(), '\n'), long(1 + 30));
    }
};

QTEST_GUILESS_MAIN(tst_Compare)
#include "tst_compare.moc"
