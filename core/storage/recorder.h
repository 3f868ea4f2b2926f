#pragma once

#include "core/metrics/histogram.h"
#include "core/output/output.h"
#include "core/storage/historydb.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace stampede::storage {

// The specifiers of static imports, re-exports, dynamic import(), require() and open()
// calls with a string literal, in order of appearance.
std::vector<std::string> importSpecifiers(std::string_view source);

// Describes a run for the history: the test's identity, the main script and the local
// files it imports (followed recursively; remote and k6/* modules are skipped), the
// resolved options, and the environment without secret-looking variables.
Result<RunInfo> describeRun(const std::filesystem::path &script, const nlohmann::json &options,
                            const std::map<std::string, std::string> &environment);

// Records a run into the history database as it happens: the run row is created at
// start ("running"), each second's aggregate (requests, errors, VUs, iterations,
// checks, data, the http_req_duration histogram overall and per method and name) is
// written in its own transaction a moment after the second ends, and finish() stores
// the verdict, the summary, thresholds and checks. A process killed mid-run leaves the
// seconds written so far and a "running" row the next open marks interrupted.
class HistoryRecorder final : public output::ThreadedOutput
{
public:
    // Opens the database now, so a problem is known before the test starts.
    static Result<std::unique_ptr<HistoryRecorder>> create(output::OutputContext ctx, const std::string &dbPath,
                                                           RunInfo info);
    ~HistoryRecorder() override;

    std::string description() const override { return "history (" + m_path + ")"; }
    void setThresholdStates(const nlohmann::json &states) override;

    // After OutputManager::stopAll(): the verdict and k6's summary data.
    Status finish(int exitCode, const nlohmann::json &summaryData);
    int64_t runId() const { return m_runId; }

    static constexpr size_t kMaxEndpoints = 1000;
    // How long after a second ends its row is written (late samples still count).
    static constexpr int64_t kGraceMs = 1500;

protected:
    Status open() override;
    void write(const metrics::SampleBatch &batch) override;
    void tick() override;
    Status close() override;

private:
    HistoryRecorder(output::OutputContext ctx, std::unique_ptr<HistoryDb> db, RunInfo info);

    struct Second
    {
        SecondRow row;
        bool sawVus = false;
        std::map<std::pair<std::string, std::string>, EndpointStats> endpoints;
    };
    void flushUpTo(int64_t lastSecond); // writes every open second <= lastSecond
    Second &secondFor(int64_t timeUnixNs);

    std::unique_ptr<HistoryDb> m_db;
    std::string m_path;
    RunInfo m_info;
    int64_t m_runId = 0;
    int64_t m_startNs = 0;
    int64_t m_nextSecond = 0; // seconds before this one are written
    double m_vus = 0, m_vusMax = 0;
    std::map<int64_t, Second> m_open;
    size_t m_endpointCount = 0;
    std::map<std::pair<std::string, std::string>, bool> m_knownEndpoints;
    bool m_failed = false;

    std::mutex m_thresholdMutex;
    nlohmann::json m_thresholds = nlohmann::json::object();
};

} // namespace stampede::storage
