#pragma once

// Internal to core/script: V8 types never leak into the public headers.

#include "core/script/runtime.h"
#include "core/util/fiber.h"

#include <v8.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace stampede::script {

constexpr int kVuStateSlot = 1; // context embedder data slot holding Vu::State*

// One V8 isolate shared by several VUs (each VU a thread with its own context,
// taking the isolate's Locker while it runs JS).
struct IsolateHost
{
    IsolateHost(size_t index, size_t semiSpaceBytes); // 0: V8's default young generation
    ~IsolateHost();
    IsolateHost(const IsolateHost &) = delete;
    IsolateHost &operator=(const IsolateHost &) = delete;

    v8::Isolate *isolate = nullptr;
    std::unique_ptr<v8::ArrayBuffer::Allocator> allocator;
    size_t index = 0;
    // Function templates are per isolate; each context instantiates its own functions.
    std::unordered_map<std::string, v8::Global<v8::FunctionTemplate>> templates;
    // Internalized property-name strings for string literals, by the literal's address:
    // hashing and interning "status" for every response costs more than the request.
    std::unordered_map<const char *, v8::Eternal<v8::String>> keys;
};

// Source files, read once per run and shared read-only by every VU.
class SourceCache
{
public:
    // Returns the file's contents, reading it on first use. Thread-safe.
    Result<std::shared_ptr<const std::string>> get(const std::filesystem::path &path);

private:
    std::mutex m_mutex;
    std::unordered_map<std::string, std::shared_ptr<const std::string>> m_files;
};

// k6/data SharedArrays: built once per run by the first VU that constructs one
// (the probe, in practice), then read by every VU without a copy per VU.
struct SharedArrayStore
{
    struct Entry
    {
        bool ready = false;
        std::string error;                 // set if building failed
        std::vector<std::string> elements; // each element as JSON text
    };
    std::mutex mutex;
    fiber::CondVar cv;
    std::map<std::string, std::unique_ptr<Entry>> byName;
};

struct Runtime::Impl
{
    RuntimeConfig config;
    std::filesystem::path script; // absolute, normalised
    // isolates[0] hosts the probe VU only; the VUs' isolates are made on the first createVu(),
    // their young generation sized for the planned number of VUs.
    std::vector<std::unique_ptr<IsolateHost>> isolates;
    std::mutex isolatesMutex;
    int plannedVus = 0;
    bool fiberVus = false; // planVus()
    SourceCache sources;
    nlohmann::json options = nlohmann::json::object();
    std::vector<std::string> functions;
    std::unique_ptr<Vu> probe; // VU 0: init once for options; runs setup/teardown/handleSummary
    std::atomic<size_t> nextIsolate{0};
    SharedArrayStore sharedArrays;
    // `rps`: the next free request slot, shared by every VU.
    std::mutex rpsMutex;
    std::chrono::steady_clock::time_point rpsNext;
    std::vector<std::string> droppedSystemTags; // system tags `systemTags` leaves out

    Result<std::unique_ptr<Vu>> createVu(int id, IsolateHost &host);
};

// A VU's event loop: timers, and callbacks that native asynchronous operations post
// from other threads. An iteration (and init, setup, teardown) ends only when the
// loop is empty, as in k6.
struct EventLoop
{
    using Task = std::function<void(v8::Isolate *, v8::Local<v8::Context>)>;

    std::mutex mutex;               // guards posted and pending
    fiber::CondVar cv;
    std::deque<Task> posted;
    int pending = 0;                // operations that promised to post a task later

    struct Timer
    {
        std::chrono::steady_clock::time_point due;
        std::chrono::nanoseconds interval{0}; // 0: setTimeout
        v8::Global<v8::Function> fn;
        std::vector<v8::Global<v8::Value>> args;
    };
    std::map<int64_t, Timer> timers; // VU thread only, isolate locked
    int64_t nextTimerId = 1;
    // Bumped by clearEventLoop(): operations of an earlier generation (a failed or interrupted
    // iteration) stop and their late posts do nothing.
    std::atomic<uint64_t> generation{0};
    // True while the VU waits inside its HTTP client for async requests: post() must wake it there.
    std::atomic<bool> drivingHttp{false};
};

struct Vu::State
{
    Runtime::Impl *rt = nullptr;
    IsolateHost *host = nullptr;
    int id = 0;
    int64_t iteration = -1;
    bool inInit = true;
    bool stackLimitSet = false;
    std::string scenario = "default";
    ScenarioState *scenarioState = nullptr;  // during an iteration
    const ScenarioState *lastScenario = nullptr;
    int64_t iterationInScenario = -1;        // this VU's iterations in its current scenario
    int64_t scenarioIteration = -1;          // the scenario's iteration number (exec.scenario.iterationInInstance)
    std::vector<metrics::TagSet::Tag> scenarioTags;
    std::vector<metrics::TagSet::Tag> customTags; // exec.vu.tags
    std::optional<std::string> abortMessage;      // exec.test.abort()
    std::string abortLocation;                    // file:line:column of the call

    v8::Global<v8::Context> context;
    std::unique_ptr<v8::MicrotaskQueue> microtasks;
    v8::Global<v8::Module> mainModule;
    // Module instances of this VU, by canonical key (absolute path or builtin name).
    std::unordered_map<std::string, v8::Global<v8::Module>> modules;
    // Identity hash -> (module, key), to find a referrer's key in the resolve callback.
    std::unordered_multimap<int, std::pair<v8::Global<v8::Module>, std::string>> moduleKeys;
    v8::Global<v8::Function> responseClass; // k6_http.js's Response
    std::shared_ptr<struct HttpDefaults> httpDefaults; // modules/http.cpp
    std::string setupDataJson;       // setup()'s result; parsed into setupData on first use
    v8::Global<v8::Value> setupData;

    // Debug events (--debug-events): the stage ("init", "setup", the exec function, "teardown") and the
    // latest request this VU made, for checks on values that are not a Response.
    std::string stage = "init";
    int64_t lastDebugRequestId = 0;
    DebugEventWriter *debugEvents() const { return rt->config.debugEvents.get(); }

    std::vector<std::string> groups; // current group names, outermost first
    std::string groupPath;           // "::a::b"
    std::unique_ptr<http::Client> http;
    metrics::SampleBatch buffer;

    EventLoop loop;
    // Async operations running on other threads (http.asyncRequest); the VU waits for them before it dies.
    std::atomic<int> asyncOutstanding{0};
    std::mutex asyncMutex;
    fiber::CondVar asyncCv;
    std::optional<Error> importError; // where a failed import is written, found by the resolver
    std::unordered_map<std::string, v8::Global<v8::Object>> commonJsModules; // require() cache: path -> module
    std::atomic<bool> stopRequested{false};      // for good
    std::atomic<bool> interruptRequested{false}; // this iteration only
    bool shouldStop() const { return stopRequested.load() || interruptRequested.load(); }
    std::mutex sleepMutex;
    fiber::CondVar sleepCv;
    // Native modules' per-VU registries (not thread_local: the VUs of a fiber pool share threads).
    std::map<int, void *> wsSessions;                // k6/ws sessions open on this VU (modules/ws.cpp)
    int nextWsSession = 1;
    std::map<int, std::shared_ptr<void>> webSockets; // k6/websockets sockets (modules/websockets.cpp)

    ~State();

    void emit(metrics::MetricId metric, double value, metrics::TagSetPtr tags, int64_t timeNs = 0);
    void flush();
    std::vector<metrics::TagSet::Tag> baseTags() const; // scenario, group, run tags
    // The values baseTags() is made of (run tags are constant), for TagSetCache keys.
    void appendBaseKey(std::string &key) const;
    metrics::TagSetPtr baseTagSet(); // baseTags(), interned
    metrics::TagSetCache tagCache;
    // `location` ({file, line, column}) is for the debug event stream; by default the current user frame.
    void log(LogLevel level, const std::string &text, LogSource source = LogSource::Console,
             const nlohmann::json *location = nullptr) const;
};

// Waits (isolate unlocked) until `count` requests may start under the `rps` option.
void waitForRequestSlots(Vu::State &vu, int count);

// Current VU of a callback (from the current context's embedder data).
Vu::State &currentVu(v8::Isolate *isolate);

// Runs `fn` with the isolate unlocked (sleep, network I/O). When it returns, the
// lock is held again; if the VU was told to stop meanwhile, execution is terminated.
void withoutLock(Vu::State &vu, const std::function<void()> &fn);

// Event loop. keepAlive() announces an operation that will post() its completion;
// post() may be called from any thread. Tasks run on the VU thread, isolate locked.
void keepAlive(Vu::State &vu);
void post(Vu::State &vu, EventLoop::Task task);
// Runs timers and posted tasks until the loop is empty or `done()` is true (checked
// after every task). Returns false with `error` set when a callback threw.
bool runEventLoop(Vu::State &vu, v8::Local<v8::Context> ctx, const std::function<bool()> &done, Error &error);
// Drops every timer and posted task (the iteration was interrupted or failed).
void clearEventLoop(Vu::State &vu);
// The namespace object of ES module `specifier` (a k6 module) for require().
v8::MaybeLocal<v8::Object> requireEsModule(Vu::State &vu, v8::Local<v8::Context> ctx, const std::string &specifier);

// Builds an Error from an exception caught by `tc`.
Error describeCaught(v8::Isolate *isolate, v8::Local<v8::Context> ctx, const v8::TryCatch &tc);

// Debug events: the innermost frame of the user's script (not a built-in module) as
// {file, line, column}, or null. Needs the isolate locked and a context entered.
nlohmann::json userScriptLocation(v8::Isolate *isolate);
// Writes a debug record with the VU's vu, iter, stage and group added. No-op when debug events are off.
void writeDebugEvent(const Vu::State &vu, nlohmann::json record);
// The private key under which a Response object keeps the id of its debug request record.
v8::Local<v8::Private> debugRequestIdKey(v8::Isolate *isolate);

// Helpers.
v8::Local<v8::String> str(v8::Isolate *isolate, std::string_view s);
std::string toStd(v8::Isolate *isolate, v8::Local<v8::Value> value);
void throwError(v8::Isolate *isolate, const std::string &message, bool typeError = false);
int64_t unixNowNs();

// Native module objects ("stampede:native", "stampede:native/http", ...).
v8::Local<v8::Object> makeNativeModule(v8::Isolate *isolate, v8::Local<v8::Context> ctx, std::string_view name);
// Installs __ENV, __VU, __ITER, console and open on a new context's global.
void installGlobals(v8::Isolate *isolate, v8::Local<v8::Context> ctx, Vu::State &vu);

} // namespace stampede::script
