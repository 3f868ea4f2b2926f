#pragma once

#include "core/engine/options.h"

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace stampede::engine {

using Clock = std::chrono::steady_clock;

// One scenario of a test, validated: what to run, with which executor, for how long.
struct ScenarioConfig
{
    std::string name = "default";
    std::string executor;      // k6's executor name
    std::string exec = "default";
    int vus = 1;
    int64_t iterations = 1;
    Nanos duration{0};
    Nanos maxDuration{std::chrono::minutes(10)};
    Nanos gracefulStop{std::chrono::seconds(30)};
    Nanos startTime{0};
    std::map<std::string, std::string> env;
    std::map<std::string, std::string> tags;
};

// Decides when each VU of a scenario runs its next iteration. One small strategy
// class per k6 executor. acquireIteration() is called concurrently by VU threads,
// each with its own index, so implementations keep per-VU state per index and
// shared state in atomics.
class Executor
{
public:
    explicit Executor(ScenarioConfig config) : m_config(std::move(config)) {}
    virtual ~Executor() = default;

    const ScenarioConfig &config() const { return m_config; }

    // "10 iterations shared among 2 VUs", as k6's header describes the scenario.
    virtual std::string describe() const = 0;
    virtual int maxVus() const = 0;
    // How long the scenario may run, not counting its graceful stop.
    virtual Nanos maxDuration() const = 0;
    // Called by VU `vuIndex` (0-based within the scenario) before each iteration; `elapsed`
    // is the time since the scenario started. Returns false when that VU is done.
    virtual bool acquireIteration(int vuIndex, Nanos elapsed) = 0;
    // Iterations the scenario will run in total, when known up front (for progress).
    virtual int64_t plannedIterations() const { return -1; }

protected:
    ScenarioConfig m_config;
};

// Turns the consolidated options into scenarios: explicit `scenarios`, or the
// shortcuts vus/duration/iterations/stages mapped exactly as k6 maps them.
Result<std::vector<ScenarioConfig>> buildScenarios(const Options &options);

Result<std::unique_ptr<Executor>> makeExecutor(const ScenarioConfig &config);

} // namespace stampede::engine
