#pragma once

#include "core/engine/controlserver.h"
#include "core/engine/executor.h"
#include "core/engine/options.h"
#include "core/metrics/metricsengine.h"
#include "core/output/output.h"
#include "core/script/runtime.h"
#include "core/util/exitcodes.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace stampede::engine {

// A progress value, published a few times per second while a test runs.
struct Progress
{
    Nanos elapsed{0};
    int activeVus = 0;
    int maxVus = 0;
    int64_t completeIterations = 0;
    int64_t interruptedIterations = 0;
    struct Scenario
    {
        std::string name;
        int64_t done = 0;
        int64_t planned = -1; // -1: open-ended
        Nanos elapsed{0};
        Nanos maxDuration{0};
        bool finished = false;
    };
    std::vector<Scenario> scenarios;
};

struct RunHooks
{
    std::function<void(script::LogLevel, const std::string &)> log; // thread-safe
    std::function<void(const Progress &)> progress;                   // from the run's control thread
};

struct RunResult
{
    ExitCode exitCode = ExitCode::Ok;
    std::optional<Error> error;  // why the run stopped early, if it did
    nlohmann::json summaryData;  // k6's handleSummary() data
    double durationMs = 0;
};

// Runs one test: VU threads (each VU its own thread and V8 context on a shared
// isolate), setup/teardown, the metrics thread, graceful stops, and the summary data.
class Runner
{
public:
    Runner(script::Runtime &runtime, metrics::Registry &registry, metrics::SampleQueue &samples, Options options,
           std::vector<std::unique_ptr<Executor>> executors, RunHooks hooks);
    ~Runner();

    // Thresholds to evaluate every 2 s and at the end (parsed against the registry).
    void setThresholds(std::vector<metrics::MetricThresholds> thresholds);

    // Start paused (--paused): VUs initialise, then wait for PATCH /v1/status {"paused": false}.
    void startPaused() { m_startPaused = true; }
    // The REST control API's view of this run (for ControlServer).
    ControlApi &control();

    // What k6/execution reads about this instance (hand it to Runtime::configureVus).
    script::InstanceState *instanceState();

    // Where every sample also goes (json/csv files, the live stream); may be null.
    void setOutputs(output::OutputManager *outputs);

    RunResult run();

    // Thread-safe and async-signal-safe: stops the test as after Ctrl-C (exit code 105).
    void interrupt() { m_interrupted.store(true); }

    int maxVus() const;
    // How VUs run: 0 = a thread each; n > 0 = fibers on n worker threads. Fibers unless a worker
    // would carry more than kMaxFibersPerWorker VUs; STAMPEDE_VU_MODE=threads|fibers overrides.
    static constexpr int kMaxFibersPerWorker = 32;
    static int vuWorkers(int maxVus);
    // The progress as it stood when run() returned.
    Progress finalProgress() const;
    // The longest the test can take, graceful stops included.
    Nanos maxDuration() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::atomic<bool> m_interrupted{false};
    bool m_startPaused = false;
};

} // namespace stampede::engine
