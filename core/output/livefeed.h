#pragma once

#include "core/metrics/histogram.h"
#include "core/output/output.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <string>

namespace stampede::output {

// The machine-readable live stream the studio reads: once a second, one NDJSON
// line with a snapshot of the run (an immutable value, never one event per
// request). Each snapshot has:
//   {"type":"snapshot","elapsed":s,"final":bool,"vus":n,"vusMax":n,
//    "iterations":{"total":n,"rate":r},
//    "http":{"total":n,"rate":r,"failed":n,"failedRate":x,"avg":ms,"p50":ms,"p90":ms,"p95":ms,"p99":ms,"max":ms},
//    "data":{"sent":bytes,"received":bytes,"sentRate":B/s,"receivedRate":B/s},
//    "scenarios":[{"name":s,"iterations":n,"rate":r,"p95":ms}],
//    "endpoints":[{"method":m,"name":s,"count":n,"rate":r,"errors":n,"avg":ms,"p95":ms}],
//    "checks":[{"group":"::g","name":s,"passes":n,"fails":n}],
//    "thresholds":{"metric":{"expr":ok}}}
// Rates and latencies ("http", "scenarios".rate/p95) are for the last interval;
// totals, endpoint and check figures are cumulative.
// Targets: "unix:/path" (a local socket the studio listens on) or a file path.
class LiveFeed final : public ThreadedOutput
{
public:
    LiveFeed(OutputContext ctx, std::string target);
    ~LiveFeed() override;
    std::string description() const override { return "live (" + m_target + ")"; }
    void setThresholdStates(const nlohmann::json &states) override;

    static constexpr size_t kMaxEndpoints = 1000;

protected:
    Status open() override;
    void write(const metrics::SampleBatch &batch) override;
    void tick() override;
    Status close() override;

private:
    void emit(bool final);
    void send(const std::string &line);

    struct Endpoint
    {
        uint64_t count = 0, intervalCount = 0, errors = 0;
        metrics::Histogram duration;
    };
    struct Scenario
    {
        uint64_t iterations = 0, intervalIterations = 0;
        metrics::Histogram intervalDuration;
    };

    std::string m_target;
    int m_fd = -1;
    bool m_broken = false;
    std::chrono::steady_clock::time_point m_start, m_lastEmit;

    double m_vus = 0, m_vusMax = 0;
    uint64_t m_iterations = 0, m_intervalIterations = 0;
    uint64_t m_requests = 0, m_intervalRequests = 0, m_failed = 0, m_intervalFailed = 0, m_intervalFailedSamples = 0;
    double m_sent = 0, m_received = 0, m_intervalSent = 0, m_intervalReceived = 0;
    metrics::Histogram m_intervalDuration;
    std::map<std::pair<std::string, std::string>, Endpoint> m_endpoints;
    std::map<std::string, Scenario> m_scenarios;
    std::vector<std::pair<std::pair<std::string, std::string>, std::pair<uint64_t, uint64_t>>> m_checks;

    std::mutex m_thresholdMutex;
    nlohmann::json m_thresholds = nlohmann::json::object();
};

} // namespace stampede::output
