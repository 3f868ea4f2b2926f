#pragma once

#include "core/engine/options.h"
#include "core/engine/segment.h"
#include "core/util/fiber.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace stampede::engine {

using Clock = std::chrono::steady_clock;

// One scenario of a test, validated: what to run, with which executor, for how long.
// Counts (VUs, iterations, rates, stage targets) are already scaled to this
// instance's execution segment.
struct ScenarioConfig
{
    std::string name = "default";
    std::string executor;      // k6's executor name
    std::string exec = "default";
    int vus = 1;               // shared/per-vu/constant-vus; startVUs for ramping-vus
    int64_t iterations = 1;
    Nanos duration{0};
    Nanos maxDuration{std::chrono::minutes(10)};
    Nanos gracefulStop{std::chrono::seconds(30)};
    Nanos gracefulRampDown{std::chrono::seconds(30)};
    Nanos startTime{0};
    std::vector<Stage> stages; // ramping-vus: VU targets; ramping-arrival-rate: rate targets
    double rate = 0;           // arrival-rate executors: iterations per timeUnit (startRate for ramping)
    Nanos timeUnit{std::chrono::seconds(1)};
    int preAllocatedVus = 0;
    int maxVusLimit = 0;
    ExecutionSegment segment;  // arrivals of the full schedule that this instance owns
    std::map<std::string, std::string> env;
    std::map<std::string, std::string> tags;
};

// Decides when each VU of a scenario runs its next iteration: one small strategy
// class per k6 executor. acquireIteration() is called concurrently by the
// scenario's VU threads, each with its own index; it may block until the VU has
// work (ramping, arrival rates) and returns false when that VU is done.
class Executor
{
public:
    struct Hooks
    {
        std::function<void()> droppedIteration; // an arrival found no free VU
        std::function<void()> needMoreVus;      // arrival-rate executors may grow to maxVUs
    };

    explicit Executor(ScenarioConfig config) : m_config(std::move(config)) {}
    virtual ~Executor() = default;

    const ScenarioConfig &config() const { return m_config; }

    // "10 iterations shared among 2 VUs", as k6's header describes the scenario.
    virtual std::string describe() const = 0;
    // VUs the scenario may use at most, and VUs to initialise before the test starts.
    virtual int maxVus() const = 0;
    virtual int initialVus() const { return maxVus(); }
    // How long the scenario may run, not counting its graceful stop.
    virtual Nanos maxDuration() const = 0;
    // Iterations the scenario will run in total, when known up front (for progress).
    virtual int64_t plannedIterations() const { return -1; }

    // The scenario starts now (after its startTime); executors with a schedule start it.
    virtual void start(Clock::time_point scenarioStart, Hooks hooks);
    virtual bool acquireIteration(int vuIndex) = 0;
    // Wakes blocked VUs for good: the test is ending.
    virtual void stop();
    // True when VU `vuIndex` has been ramped down for longer than gracefulRampDown.
    virtual bool shouldInterrupt(int vuIndex) const;
    // VUs that should be running now (the `vus` metric).
    virtual int activeVus() const;
    // Changes the running VUs (externally-controlled only; others refuse).
    virtual Status scale(int vus);

protected:
    Nanos elapsed() const { return std::chrono::duration_cast<Nanos>(Clock::now() - m_start); }
    // Blocks until `until` or stop(); returns false if stopped.
    bool sleepUntil(Clock::time_point until);

    ScenarioConfig m_config;
    Clock::time_point m_start;
    Hooks m_hooks;
    mutable std::mutex m_mutex;
    fiber::CondVar m_cv; // VUs wait on it; they may be fibers
    bool m_stopped = false;
};

// Turns the consolidated options into scenarios for this instance's segment:
// explicit `scenarios`, or the shortcuts vus/duration/iterations/stages mapped as k6 maps them.
Result<std::vector<ScenarioConfig>> buildScenarios(const Options &options,
                                                   const ExecutionSegment &segment = ExecutionSegment());

Result<std::unique_ptr<Executor>> makeExecutor(const ScenarioConfig &config);

// Piecewise-linear stage targets: the value at `t`, starting from `start`.
double stageValueAt(const std::vector<Stage> &stages, double start, Nanos t);
Nanos stagesDuration(const std::vector<Stage> &stages);

} // namespace stampede::engine
