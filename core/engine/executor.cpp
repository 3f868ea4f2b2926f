#include "core/engine/executor.h"

#include <algorithm>
#include <cmath>

namespace stampede::engine {

using json = nlohmann::json;

namespace {

std::string plural(int64_t n, const char *one, const char *many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

double seconds(Nanos d)
{
    return std::chrono::duration<double>(d).count();
}

// "s" for 1s, "m" for 1m, otherwise the Go duration ("2s").
std::string unitName(Nanos unit)
{
    const std::string s = formatGoDuration(unit);
    if (s == "1s")
        return "s";
    if (s == "1m0s")
        return "m";
    if (s == "1h0m0s")
        return "h";
    return s;
}

Nanos fromSeconds(double s)
{
    return Nanos{int64_t(std::llround(s * 1e9))};
}

} // namespace

double stageValueAt(const std::vector<Stage> &stages, double start, Nanos t)
{
    double from = start;
    Nanos offset{0};
    for (const Stage &s : stages) {
        if (t < offset + s.duration) {
            const double frac = s.duration.count() ? double((t - offset).count()) / double(s.duration.count()) : 1.0;
            return from + (double(s.target) - from) * frac;
        }
        offset += s.duration;
        from = s.target;
    }
    return from;
}

Nanos stagesDuration(const std::vector<Stage> &stages)
{
    Nanos total{0};
    for (const Stage &s : stages)
        total += s.duration;
    return total;
}

// ---------------------------------------------------------------- base

void Executor::start(Clock::time_point scenarioStart, Hooks hooks)
{
    std::lock_guard lock(m_mutex);
    m_start = scenarioStart;
    m_hooks = std::move(hooks);
}

void Executor::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopped = true;
    }
    m_cv.notify_all();
}

bool Executor::shouldInterrupt(int) const
{
    return false;
}

int Executor::activeVus() const
{
    return maxVus();
}

Status Executor::scale(int)
{
    return Error{"only the externally-controlled executor can change its VUs while the test runs (scenario \""
                 + m_config.name + "\" is " + m_config.executor + ")"};
}

bool Executor::sleepUntil(Clock::time_point until)
{
    std::unique_lock lock(m_mutex);
    return !m_cv.wait_until(lock, until, [this] { return m_stopped; });
}

namespace {

// ---------------------------------------------------------------- shared-iterations
class SharedIterations final : public Executor
{
public:
    using Executor::Executor;
    std::string describe() const override
    {
        return plural(m_config.iterations, "iteration", "iterations") + " shared among "
               + plural(m_config.vus, "VU", "VUs");
    }
    int maxVus() const override { return m_config.vus; }
    Nanos maxDuration() const override { return m_config.maxDuration; }
    int64_t plannedIterations() const override { return m_config.iterations; }
    bool acquireIteration(int) override
    {
        if (elapsed() >= m_config.maxDuration)
            return false;
        return m_next.fetch_add(1, std::memory_order_relaxed) < m_config.iterations;
    }

private:
    std::atomic<int64_t> m_next{0};
};

// ---------------------------------------------------------------- per-vu-iterations
class PerVuIterations final : public Executor
{
public:
    explicit PerVuIterations(ScenarioConfig c) : Executor(std::move(c)), m_done(size_t(m_config.vus), 0) {}
    std::string describe() const override
    {
        return plural(m_config.iterations, "iteration", "iterations") + " for each of "
               + plural(m_config.vus, "VU", "VUs");
    }
    int maxVus() const override { return m_config.vus; }
    Nanos maxDuration() const override { return m_config.maxDuration; }
    int64_t plannedIterations() const override { return m_config.iterations * m_config.vus; }
    bool acquireIteration(int vuIndex) override
    {
        if (elapsed() >= m_config.maxDuration)
            return false;
        return m_done[size_t(vuIndex)]++ < m_config.iterations; // each slot is touched by its VU only
    }

private:
    std::vector<int64_t> m_done;
};

// ---------------------------------------------------------------- constant-vus
class ConstantVus final : public Executor
{
public:
    using Executor::Executor;
    std::string describe() const override
    {
        return plural(m_config.vus, "looping VU", "looping VUs") + " for " + formatGoDuration(m_config.duration);
    }
    int maxVus() const override { return m_config.vus; }
    Nanos maxDuration() const override { return m_config.duration; }
    bool acquireIteration(int) override { return elapsed() < m_config.duration; }
};

// ---------------------------------------------------------------- ramping-vus
class RampingVus final : public Executor
{
public:
    explicit RampingVus(ScenarioConfig c) : Executor(std::move(c))
    {
        m_max = m_config.vus;
        for (const Stage &s : m_config.stages)
            m_max = std::max(m_max, s.target);
        m_total = stagesDuration(m_config.stages);
    }
    std::string describe() const override
    {
        return "Up to " + plural(m_max, "looping VU", "looping VUs") + " for " + formatGoDuration(m_total) + " over "
               + plural(int64_t(m_config.stages.size()), "stage", "stages");
    }
    int maxVus() const override { return m_max; }
    Nanos maxDuration() const override { return m_total; }

    // VUs wanted at t: the ramp's value, counted as whole VUs the moment it crosses an integer.
    int targetAt(Nanos t) const
    {
        if (t >= m_total)
            return 0;
        double from = m_config.vus;
        Nanos offset{0};
        for (const Stage &s : m_config.stages) {
            if (t < offset + s.duration) {
                const double frac = double((t - offset).count()) / double(s.duration.count());
                const double v = from + (double(s.target) - from) * frac;
                return int(s.target >= from ? std::floor(v + 1e-9) : std::ceil(v - 1e-9));
            }
            offset += s.duration;
            from = s.target;
        }
        return int(from);
    }

    // The first time at or after `t` when the target exceeds `index`; m_total if never.
    Nanos nextActivation(int index, Nanos t) const
    {
        double from = m_config.vus;
        Nanos offset{0};
        const double need = index + 1;
        for (const Stage &s : m_config.stages) {
            const Nanos end = offset + s.duration;
            if (end > t) {
                if (from >= need)
                    return std::max(t, offset);
                if (s.target >= need && s.target > from) {
                    const double frac = (need - from) / (double(s.target) - from);
                    const Nanos at = offset + Nanos{int64_t(std::ceil(frac * double(s.duration.count())))};
                    return std::max(t, at);
                }
            }
            offset = end;
            from = s.target;
        }
        return m_total;
    }

    bool acquireIteration(int vuIndex) override
    {
        for (;;) {
            const Nanos e = elapsed();
            if (e >= m_total)
                return false;
            if (vuIndex < targetAt(e))
                return true;
            const Nanos next = nextActivation(vuIndex, e);
            if (next >= m_total)
                return false;
            if (!sleepUntil(m_start + next))
                return false;
        }
    }

    bool shouldInterrupt(int vuIndex) const override
    {
        // Interrupt once the VU has been surplus for the whole gracefulRampDown window.
        const Nanos e = elapsed();
        if (e < m_config.gracefulRampDown)
            return false;
        const Nanos from = e - m_config.gracefulRampDown;
        int peak = std::max(targetAt(from), targetAt(e));
        Nanos offset{0};
        for (const Stage &s : m_config.stages) {
            offset += s.duration;
            if (offset > from && offset < e)
                peak = std::max(peak, s.target);
        }
        return vuIndex >= peak;
    }

    int activeVus() const override { return std::min(targetAt(elapsed()), m_max); }

private:
    int m_max = 0;
    Nanos m_total{0};
};

// ---------------------------------------------------------------- arrival rates
// A dispatcher thread releases one token per arrival of the schedule; a waiting VU
// takes it at once. With no VU free at an arrival, the iteration is dropped
// (dropped_iterations) and the pool grows towards maxVUs.
class ArrivalRateExecutor : public Executor
{
public:
    explicit ArrivalRateExecutor(ScenarioConfig c) : Executor(std::move(c))
    {
        m_allocated = m_config.preAllocatedVus;
    }
    ~ArrivalRateExecutor() override
    {
        stop();
    }

    int maxVus() const override { return std::max(m_config.preAllocatedVus, m_config.maxVusLimit); }
    int initialVus() const override { return m_config.preAllocatedVus; }

    void start(Clock::time_point scenarioStart, Hooks hooks) override
    {
        Executor::start(scenarioStart, std::move(hooks));
        m_dispatcher = std::thread([this] { dispatch(); });
    }

    void stop() override
    {
        Executor::stop();
        if (m_dispatcher.joinable() && m_dispatcher.get_id() != std::this_thread::get_id())
            m_dispatcher.join();
    }

    bool acquireIteration(int) override
    {
        std::unique_lock lock(m_mutex);
        ++m_waiting;
        m_cv.notify_all(); // the dispatcher may be waiting for the pool to be ready
        m_cv.wait(lock, [this] { return m_tokens > 0 || m_finished || m_stopped; });
        --m_waiting;
        if (m_tokens > 0 && !m_stopped) {
            --m_tokens;
            return true;
        }
        return false;
    }

    int activeVus() const override
    {
        std::lock_guard lock(m_mutex);
        return m_allocated;
    }

protected:
    // Time of arrival i (0-based) of the full schedule; negative when past the end.
    virtual Nanos arrivalTime(int64_t i) = 0;

private:
    void dispatch()
    {
        // The pre-allocated VUs reach acquireIteration() just after the start: give them a
        // moment so the first arrivals do not count as dropped for want of a ready VU.
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait_until(lock, m_start + std::chrono::milliseconds(200), [this] {
                return m_stopped || m_waiting >= m_config.preAllocatedVus;
            });
        }
        for (int64_t i = 0;; ++i) {
            const Nanos at = arrivalTime(i);
            if (at.count() < 0)
                break;
            if (!m_config.segment.ownsArrival(i))
                continue;
            if (!sleepUntil(m_start + at))
                break;
            bool dropped = false, grow = false;
            {
                std::lock_guard lock(m_mutex);
                if (m_waiting - m_tokens > 0) {
                    ++m_tokens;
                } else {
                    dropped = true;
                    if (m_allocated < maxVus()) {
                        ++m_allocated;
                        grow = true;
                    }
                }
            }
            if (dropped) {
                if (m_hooks.droppedIteration)
                    m_hooks.droppedIteration();
                if (grow && m_hooks.needMoreVus)
                    m_hooks.needMoreVus();
            } else {
                m_cv.notify_one();
            }
        }
        {
            std::lock_guard lock(m_mutex);
            m_finished = true;
        }
        m_cv.notify_all();
    }

    std::thread m_dispatcher;
    int64_t m_tokens = 0;
    int64_t m_waiting = 0;
    int m_allocated = 0;
    bool m_finished = false;
};

class ConstantArrivalRate final : public ArrivalRateExecutor
{
public:
    explicit ConstantArrivalRate(ScenarioConfig c) : ArrivalRateExecutor(std::move(c))
    {
        m_perSecond = m_config.rate / seconds(m_config.timeUnit);
    }
    std::string describe() const override
    {
        char rate[64];
        std::snprintf(rate, sizeof rate, "%.2f", m_config.rate);
        return std::string(rate) + " iterations/" + unitName(m_config.timeUnit) + " for "
               + formatGoDuration(m_config.duration);
    }
    Nanos maxDuration() const override { return m_config.duration; }
    int64_t plannedIterations() const override
    {
        // Arrivals at i / rate for i = 0, 1, ... strictly before the end; this segment owns some of them.
        const int64_t full = int64_t(std::ceil(seconds(m_config.duration) * m_perSecond - 1e-9));
        if (m_config.segment.isFull())
            return full;
        int64_t owned = 0;
        for (int64_t i = 0; i < full; ++i)
            owned += m_config.segment.ownsArrival(i) ? 1 : 0;
        return owned;
    }

protected:
    Nanos arrivalTime(int64_t i) override
    {
        if (m_perSecond <= 0)
            return Nanos{-1};
        const Nanos at = fromSeconds(double(i) / m_perSecond);
        return at < m_config.duration ? at : Nanos{-1};
    }

private:
    double m_perSecond = 0;
};

class RampingArrivalRate final : public ArrivalRateExecutor
{
public:
    explicit RampingArrivalRate(ScenarioConfig c) : ArrivalRateExecutor(std::move(c))
    {
        m_total = stagesDuration(m_config.stages);
        m_unit = seconds(m_config.timeUnit);
        m_stageFrom = m_config.rate / m_unit;
    }
    std::string describe() const override
    {
        double peak = m_config.rate;
        for (const Stage &s : m_config.stages)
            peak = std::max(peak, double(s.target));
        char rate[64];
        std::snprintf(rate, sizeof rate, "%.2f", peak);
        return "Up to " + std::string(rate) + " iterations/" + unitName(m_config.timeUnit) + " for "
               + formatGoDuration(m_total) + " over " + plural(int64_t(m_config.stages.size()), "stage", "stages");
    }
    Nanos maxDuration() const override { return m_total; }

protected:
    // Arrival i happens when the integral of the rate reaches i. Called with i = 0, 1, 2, ...
    Nanos arrivalTime(int64_t i) override
    {
        const double target = double(i);
        while (m_stage < m_config.stages.size()) {
            const Stage &s = m_config.stages[m_stage];
            const double d = seconds(s.duration);
            const double r0 = m_stageFrom, r1 = double(s.target) / m_unit;
            const double stageCount = (r0 + r1) / 2.0 * d;
            const double need = target - m_before;
            if (need <= stageCount + 1e-9 && d > 0) {
                double tau;
                const double a = (r1 - r0) / (2.0 * d);
                if (std::fabs(a) < 1e-12) {
                    tau = r0 > 0 ? need / r0 : d;
                } else {
                    const double disc = std::max(0.0, r0 * r0 + 4.0 * a * need);
                    tau = (-r0 + std::sqrt(disc)) / (2.0 * a);
                }
                tau = std::clamp(tau, 0.0, d);
                const Nanos at = m_stageStart + fromSeconds(tau);
                return at < m_total ? at : Nanos{-1};
            }
            m_before += stageCount;
            m_stageStart += s.duration;
            m_stageFrom = r1;
            ++m_stage;
        }
        return Nanos{-1};
    }

private:
    Nanos m_total{0};
    double m_unit = 1;
    size_t m_stage = 0;
    double m_before = 0;      // arrivals (as a real count) before the current stage
    Nanos m_stageStart{0};
    double m_stageFrom = 0;   // rate per second at the start of the current stage
};

// ---------------------------------------------------------------- externally-controlled
// VUs [0, current) run; the REST API changes `current` (and pauses the test) while it runs.
class ExternallyControlled final : public Executor
{
public:
    explicit ExternallyControlled(ScenarioConfig c) : Executor(std::move(c)), m_current(m_config.vus) {}
    std::string describe() const override
    {
        return "Up to " + plural(maxVus(), "VU", "VUs") + " for " + formatGoDuration(m_config.duration)
               + ", controlled externally (vus: " + std::to_string(m_config.vus) + ")";
    }
    int maxVus() const override { return m_config.maxVusLimit; }
    Nanos maxDuration() const override { return m_config.duration; }
    bool acquireIteration(int vuIndex) override
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            if (m_stopped || elapsed() >= m_config.duration)
                return false;
            if (vuIndex < m_current)
                return true;
            m_cv.wait_until(lock, m_start + m_config.duration);
        }
    }
    int activeVus() const override
    {
        std::lock_guard lock(m_mutex);
        return m_current;
    }
    Status scale(int vus) override
    {
        if (vus < 0 || vus > maxVus())
            return Error{"vus must be between 0 and vus-max (" + std::to_string(maxVus()) + ")"};
        {
            std::lock_guard lock(m_mutex);
            m_current = vus;
        }
        m_cv.notify_all();
        return {};
    }
    bool shouldInterrupt(int vuIndex) const override
    {
        std::lock_guard lock(m_mutex);
        return vuIndex >= m_current; // scaled down: stop its iteration now
    }

private:
    int m_current;
};

// ---------------------------------------------------------------- parsing

Error scenarioError(const std::string &scenario, const std::string &why)
{
    return Error{"invalid scenario \"" + scenario + "\": " + why};
}

Result<Nanos> scenarioDuration(const json &s, const std::string &scenario, const char *key, Nanos fallback)
{
    if (!s.contains(key))
        return fallback;
    const json &v = s[key];
    if (v.is_number())
        return Nanos{int64_t(v.get<double>() * 1e6)};
    if (!v.is_string())
        return scenarioError(scenario, std::string(key) + " must be a duration such as \"30s\"");
    auto d = parseDuration(v.get<std::string>());
    if (!d)
        return scenarioError(scenario, std::string(key) + ": " + d.error().message);
    if (d->count() < 0)
        return scenarioError(scenario, std::string(key) + " must not be negative");
    return *d;
}

Result<int64_t> scenarioInt(const json &s, const std::string &scenario, const char *key, int64_t fallback, int64_t min)
{
    if (!s.contains(key))
        return fallback;
    const json &v = s[key];
    if (!v.is_number_integer())
        return scenarioError(scenario, std::string(key) + " must be a whole number, got " + v.dump());
    if (v.get<int64_t>() < min)
        return scenarioError(scenario, std::string(key) + " must be at least " + std::to_string(min));
    return v.get<int64_t>();
}

// The executor's required "duration", which must be more than 0.
Result<Nanos> requiredDuration(const json &s, const std::string &scenario)
{
    if (!s.contains("duration"))
        return scenarioError(scenario, s.value("executor", std::string("this executor")) + " needs a duration");
    auto dur = scenarioDuration(s, scenario, "duration", Nanos{0});
    if (!dur)
        return dur.error();
    if (dur->count() == 0)
        return scenarioError(scenario, "the duration must be more than 0");
    return *dur;
}

Result<std::vector<Stage>> scenarioStages(const json &s, const std::string &scenario)
{
    if (!s.contains("stages") || !s["stages"].is_array() || s["stages"].empty())
        return scenarioError(scenario, "needs a non-empty stages array of {duration, target}");
    std::vector<Stage> out;
    for (size_t i = 0; i < s["stages"].size(); ++i) {
        const json &st = s["stages"][i];
        const std::string where = "stages[" + std::to_string(i) + "]";
        if (!st.is_object())
            return scenarioError(scenario, where + " must be {duration, target}");
        auto d = scenarioDuration(st, scenario, "duration", Nanos{-1});
        if (!d)
            return d.error();
        if (d->count() < 0)
            return scenarioError(scenario, where + " needs a duration");
        auto t = scenarioInt(st, scenario, "target", 0, 0);
        if (!t)
            return t.error();
        out.push_back({*d, int(*t)});
    }
    if (stagesDuration(out).count() == 0)
        return scenarioError(scenario, "the stages last 0s");
    return out;
}

// Scales counts to this instance's segment.
void applySegment(ScenarioConfig &c, const ExecutionSegment &seg)
{
    c.segment = seg;
    if (seg.isFull())
        return;
    if (c.executor == "shared-iterations") {
        c.iterations = seg.scale(c.iterations);
        c.vus = int(seg.scale(int64_t(c.vus)));
    } else if (c.executor == "per-vu-iterations" || c.executor == "constant-vus") {
        c.vus = int(seg.scale(int64_t(c.vus)));
    } else if (c.executor == "ramping-vus") {
        c.vus = int(seg.scale(int64_t(c.vus)));
        for (Stage &s : c.stages)
            s.target = int(seg.scale(int64_t(s.target)));
    } else if (c.executor == "externally-controlled") {
        c.vus = int(seg.scale(int64_t(c.vus)));
        c.maxVusLimit = int(seg.scale(int64_t(c.maxVusLimit)));
    } else {
        c.preAllocatedVus = int(seg.scale(int64_t(c.preAllocatedVus)));
        c.maxVusLimit = int(seg.scale(int64_t(c.maxVusLimit)));
    }
}

Result<ScenarioConfig> parseScenario(const std::string &name, const json &s)
{
    if (!s.is_object())
        return scenarioError(name, "expected an object");
    ScenarioConfig c;
    c.name = name;
    if (!s.contains("executor") || !s["executor"].is_string())
        return scenarioError(name, "the executor is missing (e.g. \"executor\": \"constant-vus\")");
    c.executor = s["executor"].get<std::string>();
    if (s.contains("exec")) {
        if (!s["exec"].is_string())
            return scenarioError(name, "exec must be the name of an exported function");
        c.exec = s["exec"].get<std::string>();
    }
    for (const char *key : {"env", "tags"}) {
        if (!s.contains(key))
            continue;
        if (!s[key].is_object())
            return scenarioError(name, std::string(key) + " must be an object");
        auto &target = std::string(key) == "env" ? c.env : c.tags;
        for (auto it = s[key].begin(); it != s[key].end(); ++it)
            target[it.key()] = it.value().is_string() ? it.value().get<std::string>() : it.value().dump();
    }
    auto start = scenarioDuration(s, name, "startTime", Nanos{0});
    auto grace = scenarioDuration(s, name, "gracefulStop", std::chrono::seconds(30));
    if (!start)
        return start.error();
    if (!grace)
        return grace.error();
    c.startTime = *start;
    c.gracefulStop = *grace;

    if (c.executor == "shared-iterations" || c.executor == "per-vu-iterations") {
        auto vus = scenarioInt(s, name, "vus", 1, 1);
        auto its = scenarioInt(s, name, "iterations", 1, 1);
        auto maxDur = scenarioDuration(s, name, "maxDuration", std::chrono::minutes(10));
        if (!vus)
            return vus.error();
        if (!its)
            return its.error();
        if (!maxDur)
            return maxDur.error();
        c.vus = int(*vus);
        c.iterations = *its;
        c.maxDuration = *maxDur;
        if (c.executor == "shared-iterations" && c.iterations < c.vus)
            return scenarioError(name, "the number of iterations (" + std::to_string(c.iterations)
                                           + ") can't be less than the number of VUs (" + std::to_string(c.vus) + ")");
    } else if (c.executor == "constant-vus") {
        auto vus = scenarioInt(s, name, "vus", 1, 1);
        if (!vus)
            return vus.error();
        auto dur = requiredDuration(s, name);
        if (!dur)
            return dur.error();
        c.vus = int(*vus);
        c.duration = *dur;
        c.maxDuration = *dur;
    } else if (c.executor == "ramping-vus") {
        auto startVus = scenarioInt(s, name, "startVUs", 1, 0);
        auto ramp = scenarioDuration(s, name, "gracefulRampDown", std::chrono::seconds(30));
        auto stages = scenarioStages(s, name);
        if (!startVus)
            return startVus.error();
        if (!ramp)
            return ramp.error();
        if (!stages)
            return stages.error();
        c.vus = int(*startVus);
        c.gracefulRampDown = *ramp;
        c.stages = std::move(*stages);
    } else if (c.executor == "constant-arrival-rate" || c.executor == "ramping-arrival-rate") {
        const bool constant = c.executor == "constant-arrival-rate";
        auto rate = scenarioInt(s, name, constant ? "rate" : "startRate", constant ? -1 : 0, 0);
        auto unit = scenarioDuration(s, name, "timeUnit", std::chrono::seconds(1));
        auto pre = scenarioInt(s, name, "preAllocatedVUs", -1, 0);
        auto max = scenarioInt(s, name, "maxVUs", 0, 0);
        if (!rate)
            return rate.error();
        if (!unit)
            return unit.error();
        if (!pre)
            return pre.error();
        if (!max)
            return max.error();
        if (*rate < 0)
            return scenarioError(name, "constant-arrival-rate needs a rate");
        if (unit->count() <= 0)
            return scenarioError(name, "timeUnit must be more than 0");
        if (*pre < 0)
            return scenarioError(name, "preAllocatedVUs is required");
        c.vus = 0; // arrival-rate executors size their pool with preAllocatedVUs/maxVUs
        c.rate = double(*rate);
        c.timeUnit = *unit;
        c.preAllocatedVus = int(*pre);
        c.maxVusLimit = int(std::max(*max, *pre));
        if (c.maxVusLimit == 0)
            return scenarioError(name, "needs at least one VU (preAllocatedVUs or maxVUs)");
        if (constant) {
            auto dur = requiredDuration(s, name);
            if (!dur)
                return dur.error();
            c.duration = *dur;
        } else {
            auto stages = scenarioStages(s, name);
            if (!stages)
                return stages.error();
            c.stages = std::move(*stages);
        }
    } else if (c.executor == "externally-controlled") {
        auto vus = scenarioInt(s, name, "vus", 1, 0);
        auto max = scenarioInt(s, name, "maxVUs", -1, 0);
        if (!vus)
            return vus.error();
        if (!max)
            return max.error();
        auto dur = requiredDuration(s, name);
        if (!dur)
            return dur.error();
        c.vus = int(*vus);
        c.maxVusLimit = int(*max < 0 ? *vus : *max);
        if (c.maxVusLimit < c.vus)
            return scenarioError(name, "maxVUs must be at least vus");
        c.duration = *dur;
        c.maxDuration = *dur;
    } else {
        return scenarioError(name, "unknown executor \"" + c.executor
                                       + "\" (shared-iterations, per-vu-iterations, constant-vus, ramping-vus, "
                                         "constant-arrival-rate, ramping-arrival-rate, externally-controlled)");
    }
    return c;
}

} // namespace

Result<std::vector<ScenarioConfig>> buildScenarios(const Options &o, const ExecutionSegment &segment)
{
    std::vector<ScenarioConfig> out;
    if (o.scenarios.is_object() && !o.scenarios.empty()) {
        for (auto it = o.scenarios.begin(); it != o.scenarios.end(); ++it) {
            auto s = parseScenario(it.key(), it.value());
            if (!s)
                return s.error();
            out.push_back(std::move(*s));
        }
    } else {
        // Shortcuts, as k6 maps them.
        ScenarioConfig c;
        c.vus = o.vus.value_or(1);
        if (!o.stages.empty()) {
            c.executor = "ramping-vus";
            c.stages = o.stages;
            c.vus = o.vus.value_or(1);
            if (stagesDuration(c.stages).count() == 0)
                return Error{"invalid option \"stages\": the stages last 0s"};
        } else if (o.iterations) {
            c.executor = "shared-iterations";
            c.iterations = *o.iterations;
            if (o.duration)
                c.maxDuration = *o.duration;
            if (c.vus < 1)
                return Error{"invalid option \"vus\": must be at least 1 when iterations are set"};
            if (c.iterations < c.vus)
                return Error{"invalid options: the number of iterations (" + std::to_string(c.iterations)
                             + ") can't be less than the number of VUs (" + std::to_string(c.vus) + ")"};
        } else if (o.duration && o.duration->count() > 0) {
            c.executor = "constant-vus";
            c.duration = *o.duration;
            c.maxDuration = *o.duration;
            if (c.vus < 1)
                return Error{"invalid option \"vus\": must be at least 1 when a duration is set"};
        } else {
            c.executor = "shared-iterations";
            c.vus = std::max(1, c.vus);
            c.iterations = c.vus;
        }
        out.push_back(std::move(c));
    }
    for (ScenarioConfig &c : out) {
        applySegment(c, segment);
        if (c.executor == "shared-iterations" && c.vus == 0 && c.iterations > 0)
            return Error{"execution segment " + segment.toString() + " gets " + std::to_string(c.iterations)
                         + " iterations of scenario \"" + c.name + "\" but no VU to run them; give the scenario "
                           "more VUs or use fewer segments"};
    }
    return out;
}

Result<std::unique_ptr<Executor>> makeExecutor(const ScenarioConfig &c)
{
    std::unique_ptr<Executor> e;
    if (c.executor == "shared-iterations")
        e = std::make_unique<SharedIterations>(c);
    else if (c.executor == "per-vu-iterations")
        e = std::make_unique<PerVuIterations>(c);
    else if (c.executor == "constant-vus")
        e = std::make_unique<ConstantVus>(c);
    else if (c.executor == "ramping-vus")
        e = std::make_unique<RampingVus>(c);
    else if (c.executor == "constant-arrival-rate")
        e = std::make_unique<ConstantArrivalRate>(c);
    else if (c.executor == "ramping-arrival-rate")
        e = std::make_unique<RampingArrivalRate>(c);
    else if (c.executor == "externally-controlled")
        e = std::make_unique<ExternallyControlled>(c);
    else
        return Error{"unknown executor \"" + c.executor + "\""};
    return e;
}

} // namespace stampede::engine
