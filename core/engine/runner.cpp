#include "core/engine/runner.h"

#include "core/util/fiber.h"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace stampede::engine {

using json = nlohmann::json;

namespace {

int64_t unixNowNs()
{
    return std::chrono::duration_cast<Nanos>(std::chrono::system_clock::now().time_since_epoch()).count();
}

struct VuSlot
{
    std::unique_ptr<script::Vu> vu; // owned by the VU thread while it runs
    std::thread thread;             // thread per VU, or
    fiber::Handle fiber;            // the VU is a fiber of the runner's pool
    std::atomic<bool> busy{false};     // inside an iteration
    std::atomic<bool> finished{false}; // the thread is done (or never started)
    std::atomic<bool> stopAsked{false};
    bool started = false;              // control thread only
};

struct ScenarioRun
{
    Executor *executor = nullptr;
    script::ScenarioState state;
    std::vector<std::unique_ptr<VuSlot>> vus; // maxVus slots; threads start on demand
    std::atomic<int> wanted{0};               // slots that should have a thread
    std::atomic<int64_t> done{0};
    std::atomic<int64_t> interrupted{0};
    std::atomic<int> running{0};              // threads still in their iteration loop
    bool stopRequested = false;
};

} // namespace

struct Runner::Impl : public ControlApi
{
    Impl(script::Runtime &rt, metrics::Registry &reg, metrics::SampleQueue &q, Options o,
         std::vector<std::unique_ptr<Executor>> e, RunHooks h)
        : runtime(rt), registry(reg), samples(q), options(std::move(o)), executors(std::move(e)), hooks(std::move(h))
    {
    }

    script::Runtime &runtime;
    metrics::Registry &registry;
    metrics::SampleQueue &samples;
    Options options;
    std::vector<std::unique_ptr<Executor>> executors;
    RunHooks hooks;

    std::vector<std::unique_ptr<ScenarioRun>> scenarios;
    Progress lastProgress;
    std::vector<metrics::MetricThresholds> thresholds;
    output::OutputManager *outputs = nullptr;
    script::InstanceState instance;

    // Start gate: the initial VUs initialise, then wait until the test starts.
    std::mutex gateMutex;
    fiber::CondVar gateCv;
    int initialised = 0;
    int initFailures = 0;
    std::optional<Error> initError;
    bool started = false;
    bool cancelled = false;
    Clock::time_point startTime;
    std::string setupData = "null";

    std::atomic<bool> aborted{false}; // the whole test must stop
    std::atomic<bool> paused{false};
    std::atomic<bool> stoppedViaRest{false};
    std::atomic<bool> running{false};
    std::atomic<bool> tainted{false};
    std::atomic<int> activeVus{0};
    mutable std::mutex snapshotMutex; // the REST API reads these
    json metricsSnapshot = json::object();
    json rootGroupSnapshot = json::object();
    mutable std::mutex setupMutex;    // setup/teardown from the REST API and the run
    std::optional<Error> abortError;
    std::mutex abortMutex;
    int nextVuId = 1;
    // VUs as fibers on a few worker threads (see vuWorkers()); null: a thread per VU.
    std::unique_ptr<fiber::FiberPool> pool;

    int totalMaxVus() const
    {
        int n = 0;
        for (const auto &e : executors)
            n += e->maxVus();
        return n;
    }

    void log(script::LogLevel level, const std::string &text) const
    {
        if (hooks.log)
            hooks.log(level, text);
    }

    void startVuThread(ScenarioRun &sc, size_t index)
    {
        VuSlot &slot = *sc.vus[index];
        slot.started = true;
        sc.running.fetch_add(1);
        const int id = nextVuId++;
        auto body = [this, &sc, &slot, index, id] { vuMain(sc, slot, int(index), id); };
        if (pool) {
            // VU n runs on worker (n-1) % W, with an isolate of its own (Runtime::planVus).
            slot.fiber = pool->spawn((id - 1) % pool->threads(), body);
            if (slot.fiber.joinable())
                return;
        }
        slot.thread = std::thread(body);
    }

    void vuMain(ScenarioRun &sc, VuSlot &slot, int index, int id)
    {
        auto created = runtime.createVu(id);
        {
            std::unique_lock lock(gateMutex);
            if (!created) {
                ++initFailures;
                if (!initError)
                    initError = created.error();
            } else {
                slot.vu = std::move(*created);
                instance.vusInitialized.fetch_add(1);
            }
            ++initialised;
            gateCv.notify_all();
            gateCv.wait(lock, [&] { return started || cancelled; });
            if (cancelled || !slot.vu) {
                if (!slot.vu && started) {
                    // A VU added during the test failed to initialise: stop the test.
                    std::lock_guard abortLock(abortMutex);
                    if (!abortError && initError)
                        abortError = initError;
                    aborted.store(true);
                }
                lock.unlock();
                finish(sc, slot);
                return;
            }
        }
        script::Vu &vu = *slot.vu;
        vu.setSetupData(setupData);
        const ScenarioConfig &cfg = sc.executor->config();
        const auto scenarioStart = startTime + cfg.startTime;
        while (Clock::now() < scenarioStart && !aborted.load() && !slot.stopAsked.load()) {
            fiber::sleepFor(std::min<Clock::duration>(scenarioStart - Clock::now(), std::chrono::milliseconds(20)));
        }
        while (!aborted.load() && !slot.stopAsked.load()) {
            while (paused.load() && !aborted.load() && !slot.stopAsked.load())
                fiber::sleepFor(std::chrono::milliseconds(10));
            if (!sc.executor->acquireIteration(index))
                break;
            if (aborted.load() || slot.stopAsked.load())
                break;
            slot.busy = true;
            const script::IterationResult r = vu.runIteration(sc.state);
            slot.busy = false;
            if (r.outcome == script::IterationOutcome::Interrupted) {
                sc.interrupted.fetch_add(1);
                instance.iterationsInterrupted.fetch_add(1);
                if (slot.stopAsked.load() || aborted.load())
                    break;
                continue; // ramped down mid-iteration: the VU may be needed again
            }
            sc.done.fetch_add(1);
            instance.iterationsCompleted.fetch_add(1);
            if (r.outcome == script::IterationOutcome::Aborted) {
                std::lock_guard lock(abortMutex);
                if (!abortError)
                    abortError = r.error;
                aborted.store(true);
                break;
            }
        }
        finish(sc, slot);
    }

    void finish(ScenarioRun &sc, VuSlot &slot)
    {
        // Take the VU out under the lock stopVu() holds, so nobody can reach it while it dies.
        std::unique_ptr<script::Vu> vu;
        {
            std::lock_guard lock(gateMutex);
            vu = std::move(slot.vu);
            slot.finished = true;
        }
        if (vu) {
            vu->releaseThread();
            vu.reset();
        }
        sc.running.fetch_sub(1);
    }

    void stopVu(VuSlot &slot, bool forGood)
    {
        if (forGood)
            slot.stopAsked = true;
        std::lock_guard lock(gateMutex); // slot.vu is set under this lock during init
        if (slot.vu && !slot.finished.load())
            slot.vu->requestStop(forGood);
    }

    void stopEverything()
    {
        aborted.store(true);
        for (auto &e : executors)
            e->stop();
        for (auto &sc : scenarios) {
            for (auto &slot : sc->vus)
                stopVu(*slot, true);
        }
    }

    // ---- ControlApi (called from the REST server's thread)
    Status status() const override
    {
        Status st;
        st.paused = paused.load();
        st.stopped = aborted.load() || stoppedViaRest.load();
        st.running = running.load();
        st.tainted = tainted.load();
        st.vus = activeVus.load();
        st.vusMax = totalMaxVus();
        // k6's ExecutionStatus: 5 = running, 7 = ended; 4 = started (paused before setup).
        st.executionStatus = running.load() ? 5 : (started ? 7 : 4);
        return st;
    }

    Status patchStatus(const json &attrs) override
    {
        if (attrs.contains("paused") && attrs["paused"].is_boolean())
            paused.store(attrs["paused"].get<bool>());
        if (attrs.contains("vus") && attrs["vus"].is_number_integer()) {
            const int vus = attrs["vus"].get<int>();
            bool done = false;
            std::string why = "no scenario uses the externally-controlled executor";
            for (auto &e : executors) {
                if (e->config().executor != "externally-controlled")
                    continue;
                if (stampede::Status s = e->scale(vus); !s)
                    why = s.error().message;
                else
                    done = true;
            }
            if (!done)
                throw std::runtime_error(why);
        }
        if (attrs.contains("vus-max") && attrs["vus-max"].is_number_integer() && attrs["vus-max"].get<int>() != totalMaxVus())
            throw std::runtime_error("vus-max cannot change while the test runs; set maxVUs in the scenario");
        if (attrs.contains("stopped") && attrs["stopped"].is_boolean() && attrs["stopped"].get<bool>()) {
            stoppedViaRest.store(true);
            aborted.store(true);
            paused.store(false);
        }
        return status();
    }

    json metrics() const override
    {
        std::lock_guard lock(snapshotMutex);
        return metricsSnapshot;
    }

    json rootGroup() const override
    {
        std::lock_guard lock(snapshotMutex);
        return rootGroupSnapshot;
    }

    Result<std::string> runSetup() override
    {
        std::lock_guard lock(setupMutex);
        auto data = runtime.callExport("setup", {});
        if (data)
            setupData = *data;
        return data;
    }

    Result<std::string> currentSetupData() const override
    {
        std::lock_guard lock(setupMutex);
        return setupData;
    }

    stampede::Status setSetupData(const std::string &text) override
    {
        try {
            const json parsed = json::parse(text);
            (void)parsed;
        } catch (const std::exception &e) {
            return Error{std::string("the setup data must be JSON: ") + e.what()};
        }
        std::lock_guard lock(setupMutex);
        setupData = text;
        return {};
    }

    stampede::Status runTeardown() override
    {
        std::lock_guard lock(setupMutex);
        auto r = runtime.callExport("teardown", {setupData});
        if (!r)
            return r.error();
        return {};
    }

    void joinAll()
    {
        for (auto &sc : scenarios) {
            for (auto &slot : sc->vus) {
                if (slot->thread.joinable())
                    slot->thread.join();
                slot->fiber.join();
            }
        }
    }
};

Runner::Runner(script::Runtime &runtime, metrics::Registry &registry, metrics::SampleQueue &samples, Options options,
               std::vector<std::unique_ptr<Executor>> executors, RunHooks hooks)
    : m_impl(std::make_unique<Impl>(runtime, registry, samples, std::move(options), std::move(executors),
                                    std::move(hooks)))
{
}

Runner::~Runner()
{
    // Make sure no VU thread outlives the runner.
    {
        std::lock_guard lock(m_impl->gateMutex);
        m_impl->cancelled = true;
    }
    m_impl->gateCv.notify_all();
    m_impl->stopEverything();
    m_impl->joinAll();
}

ControlApi &Runner::control()
{
    return *m_impl;
}

script::InstanceState *Runner::instanceState()
{
    return &m_impl->instance;
}

void Runner::setOutputs(output::OutputManager *outputs)
{
    m_impl->outputs = outputs;
}

void Runner::setThresholds(std::vector<metrics::MetricThresholds> thresholds)
{
    m_impl->thresholds = std::move(thresholds);
}

Progress Runner::finalProgress() const
{
    return m_impl->lastProgress;
}

int Runner::maxVus() const
{
    return m_impl->totalMaxVus();
}

Nanos Runner::maxDuration() const
{
    Nanos longest{0};
    for (const auto &e : m_impl->executors)
        longest = std::max(longest, e->config().startTime + e->maxDuration() + e->config().gracefulStop);
    return longest;
}

int Runner::vuWorkers(int maxVus)
{
    const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
    const char *mode = std::getenv("STAMPEDE_VU_MODE");
    const std::string m = mode ? mode : "";
    if (m == "threads")
        return 0;
    int workers = std::max(1, std::min(cores, maxVus));
    if (const char *w = std::getenv("STAMPEDE_VU_WORKERS"); w && std::atoi(w) > 0)
        workers = std::min(std::atoi(w), std::max(1, maxVus));
    if (m == "fibers")
        return workers;
    // Fibers need an isolate per VU of a worker (V8 keeps a thread's state in an isolate per
    // OS thread): fine for the tens of VUs that loop as fast as they can, too much memory for
    // thousands of paced VUs, which share a few isolates as threads.
    return (maxVus + workers - 1) / workers <= kMaxFibersPerWorker ? workers : 0;
}

RunResult Runner::run()
{
    Impl &d = *m_impl;
    RunResult result;
    const auto &builtin = d.registry.builtin();
    metrics::MetricsEngine engine(d.registry);
    engine.addSubmetric(builtin.httpReqDuration,
                        metrics::TagSet(std::vector<metrics::TagSet::Tag>{{"expected_response", "true"}}));
    engine.setThresholds(d.thresholds);

    // Started with --paused: paused from the start, so the REST API says so during VU init too.
    if (m_startPaused)
        d.paused = true;
    // 1. Initialise the VUs each scenario starts with, each on its own thread or fiber, in parallel.
    if (const int workers = vuWorkers(d.totalMaxVus()); workers > 0)
        d.pool = std::make_unique<fiber::FiberPool>(workers);
    d.runtime.planVus(d.totalMaxVus(), d.pool != nullptr);
    int initial = 0;
    for (auto &e : d.executors) {
        auto sc = std::make_unique<ScenarioRun>();
        sc->executor = e.get();
        const ScenarioConfig &cfg = e->config();
        sc->state.name = cfg.name;
        sc->state.executor = cfg.executor;
        sc->state.exec = cfg.exec;
        sc->state.tags = cfg.tags;
        sc->state.env = cfg.env;
        Executor *ex = e.get();
        ScenarioRun *run = sc.get();
        sc->state.progress = [ex, run] {
            const int64_t planned = ex->plannedIterations();
            if (planned > 0)
                return std::min(1.0, double(run->done.load()) / double(planned));
            const double total = double(ex->maxDuration().count());
            const int64_t started = run->state.startUnixMs.load();
            if (total <= 0 || started == 0)
                return 0.0;
            const double elapsedNs = double(unixNowNs() - started * 1000000);
            return std::clamp(elapsedNs / total, 0.0, 1.0);
        };
        for (int i = 0; i < e->maxVus(); ++i) {
            sc->vus.push_back(std::make_unique<VuSlot>());
            sc->vus.back()->finished = true; // until a thread runs in it
        }
        sc->wanted = e->initialVus();
        initial += e->initialVus();
        d.scenarios.push_back(std::move(sc));
    }
    for (auto &sc : d.scenarios) {
        for (int i = 0; i < sc->wanted.load(); ++i) {
            sc->vus[size_t(i)]->finished = false;
            d.startVuThread(*sc, size_t(i));
        }
    }
    auto cancel = [&] {
        {
            std::lock_guard lock(d.gateMutex);
            d.cancelled = true;
        }
        d.gateCv.notify_all();
        d.joinAll();
        d.pool.reset();
    };
    {
        std::unique_lock lock(d.gateMutex);
        d.gateCv.wait(lock, [&] { return d.initialised == initial || m_interrupted.load(); });
        if (d.initFailures > 0 || m_interrupted.load()) {
            lock.unlock();
            cancel();
            if (d.initError) {
                result.exitCode = ExitCode::ScriptException;
                result.error = d.initError;
            } else {
                result.exitCode = ExitCode::ExternalAbort;
            }
            return result;
        }
    }

    auto drain = [&] {
        metrics::SampleBatch batch = d.samples.drain();
        engine.consume(batch);
        if (d.outputs)
            d.outputs->dispatch(std::move(batch));
    };
    const int maxVus = d.totalMaxVus();
    auto emitVus = [&](int active) {
        auto none = std::make_shared<const metrics::TagSet>();
        const int64_t now = unixNowNs();
        d.samples.push({{builtin.vus, double(active), now, none}, {builtin.vusMax, double(maxVus), now, none}});
        drain();
    };

    // Started with --paused: wait for the REST API to resume (or a stop).
    if (m_startPaused) {
        while (d.paused.load() && !m_interrupted.load() && !d.aborted.load())
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        if (m_interrupted.load() || d.aborted.load()) {
            cancel();
            result.exitCode = d.stoppedViaRest.load() ? ExitCode::StoppedViaRestApi : ExitCode::ExternalAbort;
            return result;
        }
    }

    // 2. setup(), once, with its result copied to every VU.
    if (d.runtime.hasFunction("setup") && !d.options.noSetup) {
        std::lock_guard setupLock(d.setupMutex);
        auto data = d.runtime.callExport("setup", {}, d.options.setupTimeout, int(ExitCode::SetupTimeout));
        drain();
        if (!data) {
            cancel();
            result.exitCode = data.error().exitCode ? ExitCode(data.error().exitCode) : ExitCode::ScriptException;
            Error e = data.error();
            e.message = "setup() failed: " + e.message;
            result.error = e;
            return result;
        }
        d.setupData = *data;
    }

    // 3. Go.
    const auto start = Clock::now();
    d.instance.startUnixMs = unixNowNs() / 1000000;
    for (auto &sc : d.scenarios) {
        ScenarioRun *s = sc.get();
        Executor::Hooks hooks;
        const std::string scenarioName = s->executor->config().name;
        hooks.droppedIteration = [&d, scenarioName, id = builtin.droppedIterations] {
            metrics::SampleBatch b;
            b.push_back({id, 1, unixNowNs(),
                         std::make_shared<const metrics::TagSet>(
                             std::vector<metrics::TagSet::Tag>{{"scenario", scenarioName}})});
            d.samples.push(std::move(b));
        };
        hooks.needMoreVus = [s] { s->wanted.fetch_add(1); };
        s->executor->start(start + s->executor->config().startTime, std::move(hooks));
        s->state.startUnixMs = d.instance.startUnixMs.load()
                               + std::chrono::duration_cast<std::chrono::milliseconds>(s->executor->config().startTime).count();
    }
    {
        std::lock_guard lock(d.gateMutex);
        d.startTime = start;
        d.started = true;
    }
    d.gateCv.notify_all();
    d.running = true;

    // vus: sampled every second; the first sample is the VUs that start right away.
    int startingVus = 0;
    for (const auto &e : d.executors)
        startingVus += e->config().startTime.count() == 0 ? e->activeVus() : 0;
    emitVus(startingVus);
    auto lastVus = Clock::now();
    auto lastThresholds = Clock::now();
    auto lastSnapshot = Clock::now() - std::chrono::seconds(1);
    bool stopHandled = false;
    std::string thresholdAbort;
    for (;;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        drain();
        const auto now = Clock::now();
        int active = 0;
        bool allDone = true;
        Progress progress;
        progress.elapsed = std::chrono::duration_cast<Nanos>(now - start);
        progress.maxVus = maxVus;
        for (auto &sc : d.scenarios) {
            const ScenarioConfig &cfg = sc->executor->config();
            const bool begun = now >= start + cfg.startTime;
            // Grow arrival-rate pools on demand.
            for (size_t i = 0; i < sc->vus.size() && int(i) < sc->wanted.load(); ++i) {
                if (!sc->vus[i]->started && !d.aborted.load()) {
                    sc->vus[i]->finished = false;
                    d.startVuThread(*sc, i);
                }
            }
            const bool finished = sc->running.load() == 0;
            allDone = allDone && finished;
            if (begun && !finished)
                active += sc->executor->activeVus();
            // Ramped-down VUs past gracefulRampDown: interrupt their iteration.
            for (size_t i = 0; i < sc->vus.size(); ++i) {
                VuSlot &slot = *sc->vus[i];
                if (slot.busy.load() && sc->executor->shouldInterrupt(int(i)))
                    d.stopVu(slot, false);
            }
            // Graceful stop expired: interrupt what is still running.
            const auto hardStop = start + cfg.startTime + sc->executor->maxDuration() + cfg.gracefulStop;
            if (!finished && !sc->stopRequested && now >= hardStop) {
                sc->stopRequested = true;
                sc->executor->stop();
                for (auto &slot : sc->vus)
                    d.stopVu(*slot, true);
            }
            progress.completeIterations += sc->done.load();
            progress.interruptedIterations += sc->interrupted.load();
            const Nanos scElapsed =
                std::max(Nanos{0}, std::chrono::duration_cast<Nanos>(now - start - cfg.startTime));
            progress.scenarios.push_back({cfg.name, sc->done.load(), sc->executor->plannedIterations(),
                                          std::min(scElapsed, sc->executor->maxDuration()),
                                          sc->executor->maxDuration(), finished});
        }
        progress.activeVus = active;
        d.instance.vusActive = active;
        d.activeVus = active;
        if (now - lastSnapshot >= std::chrono::milliseconds(500)) {
            lastSnapshot = now;
            metrics::SummaryOptions so;
            so.trendStats = d.options.summaryTrendStats;
            json data = engine.summaryData(so, std::chrono::duration<double, std::milli>(now - start).count(), false,
                                           false);
            std::lock_guard lock(d.snapshotMutex);
            d.metricsSnapshot = std::move(data["metrics"]);
            d.rootGroupSnapshot = std::move(data["root_group"]);
        }
        if (engine.hasThresholds() && thresholdAbort.empty() && now - lastThresholds >= std::chrono::seconds(2)) {
            lastThresholds = now;
            const auto verdict = engine.evaluateThresholds(std::chrono::duration_cast<Nanos>(now - start));
            if (d.outputs)
                d.outputs->setThresholdStates(engine.thresholdStates());
            d.tainted = verdict.anyFailed;
            if (!verdict.abortReason.empty()) {
                thresholdAbort = verdict.abortReason;
                d.aborted.store(true);
            }
        }
        if ((m_interrupted.load() || d.aborted.load()) && !stopHandled) {
            stopHandled = true;
            d.stopEverything();
        }
        if (now - lastVus >= std::chrono::seconds(1)) {
            emitVus(active);
            lastVus = now;
        }
        d.lastProgress = progress;
        if (d.hooks.progress)
            d.hooks.progress(progress);
        if (allDone)
            break;
    }
    for (auto &e : d.executors)
        e->stop();
    d.joinAll();
    d.pool.reset();
    d.running = false;
    const auto end = Clock::now();
    d.lastProgress.elapsed = std::chrono::duration_cast<Nanos>(end - start);
    d.lastProgress.activeVus = 0;
    d.lastProgress.completeIterations = d.lastProgress.interruptedIterations = 0;
    for (size_t i = 0; i < d.scenarios.size(); ++i) {
        auto &sc = *d.scenarios[i];
        d.lastProgress.completeIterations += sc.done.load();
        d.lastProgress.interruptedIterations += sc.interrupted.load();
        if (i < d.lastProgress.scenarios.size()) {
            d.lastProgress.scenarios[i].done = sc.done.load();
            d.lastProgress.scenarios[i].finished = true;
        }
    }
    // (No final vus sample: k6 reports the VUs seen while the test ran.)
    drain();

    // 4. teardown(data), unless the test was interrupted by a signal.
    if (d.runtime.hasFunction("teardown") && !m_interrupted.load() && !d.options.noTeardown) {
        std::lock_guard setupLock(d.setupMutex);
        auto r = d.runtime.callExport("teardown", {d.setupData}, d.options.teardownTimeout,
                                      int(ExitCode::TeardownTimeout));
        drain();
        if (!r) {
            Error e = r.error();
            e.message = "teardown() failed: " + e.message;
            result.exitCode = e.exitCode ? ExitCode(e.exitCode) : ExitCode::ScriptException;
            result.error = e;
        }
    }

    result.durationMs = std::chrono::duration<double, std::milli>(end - start).count();
    metrics::SummaryOptions so;
    so.trendStats = d.options.summaryTrendStats;
    so.timeUnit = d.options.summaryTimeUnit;
    const auto verdict = engine.evaluateThresholds(std::chrono::duration_cast<Nanos>(end - start));
    if (d.outputs)
        d.outputs->setThresholdStates(engine.thresholdStates());
    result.summaryData = engine.summaryData(so, result.durationMs, false, false);
    {
        std::lock_guard lock(d.snapshotMutex);
        d.metricsSnapshot = result.summaryData["metrics"];
        d.rootGroupSnapshot = result.summaryData["root_group"];
    }
    if (m_interrupted.load()) {
        result.exitCode = ExitCode::ExternalAbort;
    } else if (d.stoppedViaRest.load()) {
        result.exitCode = ExitCode::StoppedViaRestApi;
    } else if (!thresholdAbort.empty()) {
        result.exitCode = ExitCode::ThresholdsHaveFailed;
        result.error = Error{"test aborted: " + thresholdAbort};
    } else if (d.abortError) {
        result.exitCode = d.abortError->exitCode ? ExitCode(d.abortError->exitCode) : ExitCode::ScriptAborted;
        result.error = d.abortError;
    } else if (result.error) {
        // teardown() failed: its exit code stands.
    } else if (verdict.anyFailed) {
        result.exitCode = ExitCode::ThresholdsHaveFailed;
        std::string failed;
        for (auto it = result.summaryData["metrics"].begin(); it != result.summaryData["metrics"].end(); ++it) {
            if (!it.value().contains("thresholds"))
                continue;
            for (auto t = it.value()["thresholds"].begin(); t != it.value()["thresholds"].end(); ++t) {
                if (!t.value()["ok"].get<bool>()) {
                    failed += (failed.empty() ? "'" : ", '") + it.key() + "'";
                    break;
                }
            }
        }
        result.error = Error{"thresholds on metrics " + failed + " have been crossed"};
    } else if (d.instance.markedFailed.load()) {
        result.exitCode = ExitCode::MarkedAsFailed;
        result.error = Error{"the test was marked as failed (exec.test.fail())"};
    }
    return result;
}

} // namespace stampede::engine
