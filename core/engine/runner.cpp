#include "core/engine/runner.h"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace stampede::engine {

using json = nlohmann::json;

namespace {

struct VuSlot
{
    std::unique_ptr<script::Vu> vu;
    std::thread thread;
    std::atomic<bool> active{false};
    std::atomic<bool> finished{false};
};

struct ScenarioRun
{
    Executor *executor = nullptr;
    std::vector<std::unique_ptr<VuSlot>> vus;
    std::atomic<int64_t> done{0};
    std::atomic<int64_t> interrupted{0};
    std::atomic<int> running{0}; // VU threads still in their iteration loop
    bool stopRequested = false;
};

} // namespace

struct Runner::Impl
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

    // Start gate: VU threads initialise, then wait until the test starts.
    std::mutex gateMutex;
    std::condition_variable gateCv;
    int initialised = 0;
    int initFailures = 0;
    std::optional<Error> initError;
    bool started = false;
    bool cancelled = false;
    Clock::time_point startTime;
    std::string setupData = "null";

    std::atomic<bool> aborted{false}; // a VU asked the whole test to stop
    std::optional<Error> abortError;
    std::mutex abortMutex;

    int totalVus() const
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
            }
            ++initialised;
            gateCv.notify_all();
            gateCv.wait(lock, [&] { return started || cancelled; });
            if (cancelled || !slot.vu) {
                if (slot.vu) {
                    slot.vu->releaseThread();
                    slot.vu.reset();
                }
                slot.finished = true;
                return;
            }
        }
        script::Vu &vu = *slot.vu;
        vu.setSetupData(setupData);
        const ScenarioConfig &cfg = sc.executor->config();
        // Wait for the scenario's startTime.
        const auto scenarioStart = startTime + cfg.startTime;
        while (Clock::now() < scenarioStart && !aborted.load()) {
            std::this_thread::sleep_for(std::min<Clock::duration>(scenarioStart - Clock::now(),
                                                                   std::chrono::milliseconds(50)));
        }
        slot.active = true;
        while (!aborted.load()) {
            const Nanos elapsed = std::chrono::duration_cast<Nanos>(Clock::now() - scenarioStart);
            if (!sc.executor->acquireIteration(index, elapsed))
                break;
            const script::IterationResult r = vu.runIteration(cfg.exec, cfg.name);
            if (r.outcome == script::IterationOutcome::Interrupted) {
                sc.interrupted.fetch_add(1);
                break;
            }
            sc.done.fetch_add(1);
            if (r.outcome == script::IterationOutcome::Aborted) {
                std::lock_guard lock(abortMutex);
                if (!abortError)
                    abortError = r.error;
                aborted.store(true);
                break;
            }
        }
        slot.active = false;
        vu.releaseThread();
        slot.vu.reset();
        sc.running.fetch_sub(1);
        slot.finished = true;
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
    for (auto &sc : m_impl->scenarios) {
        for (auto &slot : sc->vus) {
            if (slot->vu)
                slot->vu->requestStop();
        }
        for (auto &slot : sc->vus) {
            if (slot->thread.joinable())
                slot->thread.join();
        }
    }
}

Progress Runner::finalProgress() const
{
    return m_impl->lastProgress;
}

void Runner::setThresholds(std::vector<metrics::MetricThresholds> thresholds)
{
    m_impl->thresholds = std::move(thresholds);
}

int Runner::maxVus() const
{
    return m_impl->totalVus();
}

Nanos Runner::maxDuration() const
{
    Nanos longest{0};
    for (const auto &e : m_impl->executors)
        longest = std::max(longest, e->config().startTime + e->maxDuration() + e->config().gracefulStop);
    return longest;
}

RunResult Runner::run()
{
    Impl &d = *m_impl;
    RunResult result;
    const auto &builtin = d.registry.builtin();
    metrics::MetricsEngine engine(d.registry);
    engine.addSubmetric(builtin.httpReqDuration, metrics::TagSet(std::vector<metrics::TagSet::Tag>{{"expected_response", "true"}}));
    engine.setThresholds(d.thresholds);

    // 1. Initialise every VU, each on its own thread, in parallel.
    int nextId = 1;
    for (auto &e : d.executors) {
        auto sc = std::make_unique<ScenarioRun>();
        sc->executor = e.get();
        for (int i = 0; i < e->maxVus(); ++i)
            sc->vus.push_back(std::make_unique<VuSlot>());
        sc->running = e->maxVus();
        d.scenarios.push_back(std::move(sc));
    }
    const int total = d.totalVus();
    for (auto &sc : d.scenarios) {
        for (size_t i = 0; i < sc->vus.size(); ++i) {
            ScenarioRun *s = sc.get();
            VuSlot *slot = sc->vus[i].get();
            const int id = nextId++;
            slot->thread = std::thread([&d, s, slot, i, id] { d.vuMain(*s, *slot, int(i), id); });
        }
    }
    {
        std::unique_lock lock(d.gateMutex);
        d.gateCv.wait(lock, [&] { return d.initialised == total || m_interrupted.load(); });
        if (d.initFailures > 0 || m_interrupted.load()) {
            d.cancelled = true;
            d.gateCv.notify_all();
            lock.unlock();
            if (d.initError) {
                result.exitCode = ExitCode::ScriptException;
                result.error = d.initError;
            } else {
                result.exitCode = ExitCode::ExternalAbort;
            }
            return result;
        }
    }

    auto drain = [&] { engine.consume(d.samples.drain()); };
    auto emitVus = [&](int active) {
        auto none = std::make_shared<const metrics::TagSet>();
        const int64_t now = std::chrono::duration_cast<Nanos>(std::chrono::system_clock::now().time_since_epoch()).count();
        engine.consume({{builtin.vus, double(active), now, none}, {builtin.vusMax, double(total), now, none}});
    };

    // 2. setup(), once, with its result copied to every VU.
    if (d.runtime.hasFunction("setup")) {
        auto data = d.runtime.callExport("setup", {});
        drain();
        if (!data) {
            {
                std::lock_guard lock(d.gateMutex);
                d.cancelled = true;
            }
            d.gateCv.notify_all();
            result.exitCode = ExitCode::ScriptException;
            Error e = data.error();
            e.message = "setup() failed: " + e.message;
            result.error = e;
            return result;
        }
        d.setupData = *data;
    }

    // 3. Go.
    const auto start = Clock::now();
    {
        std::lock_guard lock(d.gateMutex);
        d.startTime = start;
        d.started = true;
    }
    d.gateCv.notify_all();

    // vus: sampled every second; the first sample is the VUs that start right away.
    int startingVus = 0;
    for (const auto &e : d.executors)
        startingVus += e->config().startTime.count() == 0 ? e->maxVus() : 0;
    emitVus(startingVus);
    auto lastVus = Clock::now();
    auto lastThresholds = Clock::now();
    bool interruptedHandled = false;
    std::string thresholdAbort;
    for (;;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        drain();
        const auto now = Clock::now();
        int active = 0;
        bool allDone = true;
        Progress progress;
        progress.elapsed = std::chrono::duration_cast<Nanos>(now - start);
        progress.maxVus = total;
        for (auto &sc : d.scenarios) {
            const ScenarioConfig &cfg = sc->executor->config();
            for (auto &slot : sc->vus)
                active += slot->active.load() ? 1 : 0;
            const bool finished = sc->running.load() == 0;
            allDone = allDone && finished;
            // Graceful stop expired: interrupt what is still running.
            const auto hardStop = start + cfg.startTime + sc->executor->maxDuration() + cfg.gracefulStop;
            if (!finished && !sc->stopRequested && now >= hardStop) {
                sc->stopRequested = true;
                for (auto &slot : sc->vus) {
                    if (!slot->finished.load() && slot->vu)
                        slot->vu->requestStop();
                }
            }
            progress.completeIterations += sc->done.load();
            progress.interruptedIterations += sc->interrupted.load();
            const Nanos scElapsed = std::max(Nanos{0}, std::chrono::duration_cast<Nanos>(now - start - cfg.startTime));
            progress.scenarios.push_back({cfg.name, sc->done.load(), sc->executor->plannedIterations(),
                                          std::min(scElapsed, sc->executor->maxDuration()),
                                          sc->executor->maxDuration(), finished});
        }
        progress.activeVus = active;
        if (engine.hasThresholds() && thresholdAbort.empty() && now - lastThresholds >= std::chrono::seconds(2)) {
            lastThresholds = now;
            const auto verdict = engine.evaluateThresholds(std::chrono::duration_cast<Nanos>(now - start));
            if (!verdict.abortReason.empty()) {
                thresholdAbort = verdict.abortReason;
                d.aborted.store(true);
            }
        }
        if ((m_interrupted.load() || d.aborted.load()) && !interruptedHandled) {
            interruptedHandled = true;
            d.aborted.store(true);
            for (auto &sc : d.scenarios) {
                for (auto &slot : sc->vus) {
                    if (!slot->finished.load() && slot->vu)
                        slot->vu->requestStop();
                }
            }
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
    for (auto &sc : d.scenarios) {
        for (auto &slot : sc->vus) {
            if (slot->thread.joinable())
                slot->thread.join();
        }
    }
    const auto end = Clock::now();
    d.lastProgress.elapsed = std::chrono::duration_cast<Nanos>(end - start);
    // (No final vus sample: k6 reports the VUs seen while the test ran.)
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
    drain();

    // 4. teardown(data), unless the test was interrupted by a signal.
    if (d.runtime.hasFunction("teardown") && !m_interrupted.load()) {
        auto r = d.runtime.callExport("teardown", {d.setupData});
        drain();
        if (!r) {
            Error e = r.error();
            e.message = "teardown() failed: " + e.message;
            d.log(script::LogLevel::Error, e.toDetailedString());
            result.exitCode = ExitCode::ScriptException;
            result.error = e;
        }
    }

    result.durationMs = std::chrono::duration<double, std::milli>(end - start).count();
    metrics::SummaryOptions so;
    so.trendStats = d.options.summaryTrendStats;
    so.timeUnit = d.options.summaryTimeUnit;
    const auto verdict = engine.evaluateThresholds(std::chrono::duration_cast<Nanos>(end - start));
    result.summaryData = engine.summaryData(so, result.durationMs, false, false);
    if (m_interrupted.load()) {
        result.exitCode = ExitCode::ExternalAbort;
    } else if (!thresholdAbort.empty()) {
        result.exitCode = ExitCode::ThresholdsHaveFailed;
        result.error = Error{"test aborted: " + thresholdAbort};
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
    } else if (d.abortError) {
        result.exitCode = ExitCode::ScriptAborted;
        result.error = d.abortError;
    }
    return result;
}

} // namespace stampede::engine
