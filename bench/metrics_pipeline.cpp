// Metrics pipeline benchmark: samples per second through the MetricsEngine (HDR-style
// histograms, constant memory), against a peer in the same run that keeps every value
// as k6 does (a vector per trend, sorted for percentiles). Prints both and the ratios.
//
//   bench_metrics [samples=5000000]

#include "core/metrics/metricsengine.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <unordered_map>

using namespace stampede::metrics;
using Clock = std::chrono::steady_clock;

namespace {

long rssKb()
{
    FILE *f = std::fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0;
    if (f) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        std::fclose(f);
    }
    return resident * 4;
}

// The peer: every value kept, percentiles by sorting (what k6's trend sinks do).
struct KeepEverything
{
    std::unordered_map<MetricId, std::vector<double>> values;
    void consume(const SampleBatch &b)
    {
        for (const Sample &s : b)
            values[s.metric].push_back(s.value);
    }
    double p95(MetricId id)
    {
        auto &v = values[id];
        std::sort(v.begin(), v.end());
        const double i = 0.95 * double(v.size() - 1);
        const size_t lo = size_t(i);
        return v[lo] + (v[std::min(lo + 1, v.size() - 1)] - v[lo]) * (i - double(lo));
    }
};

} // namespace

int main(int argc, char **argv)
{
    const long total = argc > 1 ? std::atol(argv[1]) : 5000000;
    Registry reg;
    const auto &b = reg.builtin();
    const MetricId trends[] = {b.httpReqDuration, b.httpReqWaiting, b.httpReqBlocked, b.httpReqReceiving};
    std::vector<TagSetPtr> tagSets;
    for (int i = 0; i < 20; ++i) {
        tagSets.push_back(std::make_shared<const TagSet>(std::vector<TagSet::Tag>{
            {"method", "GET"}, {"name", "http://127.0.0.1/api/" + std::to_string(i)}, {"status", "200"},
            {"proto", "HTTP/1.1"}, {"scenario", "default"}, {"group", ""}, {"expected_response", "true"}}));
    }
    std::mt19937_64 rng(42);
    std::lognormal_distribution<double> latency(1.0, 0.8);
    // Pre-build batches of 512 samples, as VUs flush them.
    std::vector<SampleBatch> batches;
    for (long produced = 0; produced < std::min<long>(total, 2000000);) {
        SampleBatch batch;
        for (int i = 0; i < 512; ++i, ++produced)
            batch.push_back({trends[produced % 4], latency(rng), 0, tagSets[size_t(produced % 20)]});
        batches.push_back(std::move(batch));
    }
    const long rounds = std::max<long>(1, total / long(batches.size() * 512));

    const long rss0 = rssKb();
    MetricsEngine engine(reg);
    engine.addSubmetric(b.httpReqDuration, TagSet(std::vector<TagSet::Tag>{{"expected_response", "true"}}));
    auto t0 = Clock::now();
    for (long r = 0; r < rounds; ++r)
        for (const auto &batch : batches)
            engine.consume(batch);
    const double engineSecs = std::chrono::duration<double>(Clock::now() - t0).count();
    const double engineP95 = *engine.sink(b.httpReqDuration)->aggregate("p(95)", 1);
    const long engineRss = rssKb() - rss0;

    const long rss1 = rssKb();
    KeepEverything peer;
    t0 = Clock::now();
    for (long r = 0; r < rounds; ++r)
        for (const auto &batch : batches)
            peer.consume(batch);
    const double peerP95 = peer.p95(b.httpReqDuration);
    const double peerSecs = std::chrono::duration<double>(Clock::now() - t0).count();
    const long peerRss = rssKb() - rss1;

    const double n = double(rounds) * double(batches.size()) * 512.0;
    std::printf("samples: %.0f (%ld rounds of %zu batches of 512)\n", n, rounds, batches.size());
    std::printf("stampede metrics engine: %10.0f samples/s, %8ld KiB added, p95=%.4f\n", n / engineSecs, engineRss,
                engineP95);
    std::printf("keep-every-value peer:   %10.0f samples/s, %8ld KiB added, p95=%.4f\n", n / peerSecs, peerRss,
                peerP95);
    std::printf("ratio (stampede/peer): speed %.2fx, memory %.3fx, p95 relative difference %.3f%%\n",
                peerSecs / engineSecs, double(std::max(1L, engineRss)) / double(std::max(1L, peerRss)),
                100.0 * std::abs(engineP95 - peerP95) / peerP95);
    return 0;
}
