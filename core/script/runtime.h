#pragma once

#include "core/http/httpclient.h"
#include "core/metrics/metric.h"
#include "core/metrics/samplequeue.h"
#include "core/util/error.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace stampede::script {

enum class LogLevel { Debug, Info, Warning, Error };
class DebugEventWriter; // core/script/debugevents.h
// Where a log line comes from: the script's console.*, an uncaught exception, or the runtime itself.
enum class LogSource { Console, Stacktrace, Runtime };

// What k6/execution reports about the whole test in this instance; owned by the engine.
struct InstanceState
{
    std::atomic<int64_t> iterationsCompleted{0};
    std::atomic<int64_t> iterationsInterrupted{0};
    std::atomic<int> vusActive{0};
    std::atomic<int> vusInitialized{0};
    std::atomic<int64_t> startUnixMs{0};
    std::atomic<bool> markedFailed{false}; // exec.test.fail()
};

// What k6/execution reports about one scenario; owned by the engine.
struct ScenarioState
{
    std::string name = "default";
    std::string executor;
    std::string exec = "default";
    std::map<std::string, std::string> tags; // added to the samples of its iterations
    std::map<std::string, std::string> env;  // added to __ENV of its VUs
    std::atomic<int64_t> startUnixMs{0};
    std::atomic<int64_t> iterations{0};      // iterations started in this instance
    std::function<double()> progress;        // 0..1
};

struct RuntimeConfig
{
    std::filesystem::path script;                 // the main module
    std::map<std::string, std::string> env;       // __ENV
    int isolates = 0;                             // VUs share this many isolates; 0 = one per core
    metrics::Registry *registry = nullptr;        // required
    metrics::SampleQueue *samples = nullptr;      // required
    // console.* output and runtime warnings. Called from VU threads: must be thread-safe.
    std::function<void(LogLevel, LogSource, const std::string &)> log;
    http::ClientOptions http;
    std::vector<metrics::TagSet::Tag> runTags;    // options.tags: added to every sample
    InstanceState *instance = nullptr;            // for k6/execution; may be null
    // --debug-events: every request, check, console line and group goes to this stream. Null = off.
    std::shared_ptr<DebugEventWriter> debugEvents;
    std::string optionsJson = "{}";               // the consolidated options (exec.test.options)

    // Run-wide settings read from optionsJson by configureVus():
    double rps = 0;                               // `rps`: requests per second across all VUs (0 = no limit)
    bool throwOnHttpError = false;                // `throw`: failed requests throw in the script
    std::chrono::nanoseconds minIterationDuration{0};
    std::vector<std::string> systemTags;          // `systemTags`; empty = k6's default set
    bool systemTagsSet = false;
};

enum class IterationOutcome {
    Completed,   // the function returned
    Exception,   // it threw: the error is logged, the test goes on (as in k6)
    Interrupted, // stopped from outside (graceful stop expired, test ended)
    Aborted,     // test.abort() / fatal: the whole test must stop
};

struct IterationResult
{
    IterationOutcome outcome = IterationOutcome::Completed;
    std::optional<Error> error;
};

class Runtime;

// One virtual user: its own V8 context with its own globals and module instances.
// A Vu is bound to the thread that created it; only requestStop() may be called
// from other threads.
class Vu
{
public:
    ~Vu();
    Vu(const Vu &) = delete;
    Vu &operator=(const Vu &) = delete;

    int id() const;

    // Runs one iteration of the exported function `exec` ("default" for the default export).
    IterationResult runIteration(ScenarioState &scenario);

    // Thread-safe: interrupts the running iteration as soon as possible (a sleep, a
    // request or a JS loop). With `forGood`, later iterations return Interrupted at
    // once; otherwise only the current one is cut short (ramping down).
    void requestStop(bool forGood = true);

    // Detaches V8's per-thread data; call on the VU's thread before it ends.
    void releaseThread();

    // Gives every iteration of this VU setup()'s data (JSON text; parsed once per VU).
    void setSetupData(std::string json);

    struct State; // internal to core/script
    explicit Vu(std::unique_ptr<State> state);

private:
    friend class Runtime;
    std::unique_ptr<State> m_state;
};

// A loaded script: its sources (read once), exported options and functions, and
// the isolates its VUs run on.
class Runtime
{
public:
    // Loads the main module and evaluates its init code once (the probe VU), so
    // syntax errors, failed imports and init exceptions surface here with file:line:column.
    static Result<std::unique_ptr<Runtime>> load(RuntimeConfig config);
    ~Runtime();

    // The script's `export const options`, as JSON ({} when absent).
    const nlohmann::json &exportedOptions() const;
    // Names of the exported functions ("default", "setup", "teardown", "handleSummary", ...).
    const std::vector<std::string> &exportedFunctions() const;
    bool hasFunction(const std::string &name) const;
    const std::filesystem::path &scriptPath() const;

    // Settings for the VUs created from now on, once the consolidated options are known.
    void configureVus(const http::ClientOptions &http, std::vector<metrics::TagSet::Tag> runTags,
                      InstanceState *instance, std::string optionsJson);

    // How many VUs the test may have at most; sizes the VUs' isolates. Call before createVu().
    // fiberVus: the VUs will run as fibers of a fiber::FiberPool, so each gets an isolate of its
    // own (V8 keeps one saved thread state per isolate and OS thread: two VUs of one thread must
    // never share an isolate).
    void planVus(int maxVus, bool fiberVus = false);
    // Creates VU `id` (1-based) and runs its init code, on the calling thread or fiber.
    Result<std::unique_ptr<Vu>> createVu(int id);

    // Calls an exported function once in the probe VU (setup, teardown, handleSummary),
    // with JSON arguments; returns its result as JSON text ("null" for undefined). With a
    // timeout, a call that runs longer is stopped and fails with `timeoutExitCode`.
    Result<std::string> callExport(const std::string &name, const std::vector<std::string> &jsonArgs,
                                   std::chrono::nanoseconds timeout = std::chrono::nanoseconds(0),
                                   int timeoutExitCode = 0);

    // Calls handleSummary(data) and returns its outputs: key ("stdout", "stderr" or a
    // file path) -> content.
    Result<std::map<std::string, std::string>> handleSummary(const std::string &summaryJson);

    struct Impl;

private:
    explicit Runtime(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// Initialises V8 once per process (idempotent). `flags` are V8 command-line flags.
void initializeV8(const std::string &flags = {});

} // namespace stampede::script
