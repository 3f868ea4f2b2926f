#include "core/engine/executor.h"

#include <algorithm>

namespace stampede::engine {

using json = nlohmann::json;

namespace {

std::string plural(int64_t n, const char *one, const char *many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// ---- shared-iterations: a fixed number of iterations shared among the VUs.
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
    bool acquireIteration(int, Nanos elapsed) override
    {
        if (elapsed >= m_config.maxDuration)
            return false;
        return m_next.fetch_add(1, std::memory_order_relaxed) < m_config.iterations;
    }

private:
    std::atomic<int64_t> m_next{0};
};

// ---- per-vu-iterations: each VU runs the same number of iterations.
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
    bool acquireIteration(int vuIndex, Nanos elapsed) override
    {
        if (elapsed >= m_config.maxDuration)
            return false;
        return m_done[size_t(vuIndex)]++ < m_config.iterations; // each slot is touched by one VU only
    }

private:
    std::vector<int64_t> m_done;
};

// ---- constant-vus: a fixed number of VUs looping for a duration.
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
    bool acquireIteration(int, Nanos elapsed) override { return elapsed < m_config.duration; }
};

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
        if (!s.contains("duration"))
            return scenarioError(name, "constant-vus needs a duration");
        auto dur = scenarioDuration(s, name, "duration", Nanos{0});
        if (!dur)
            return dur.error();
        if (dur->count() == 0)
            return scenarioError(name, "the duration must be more than 0");
        c.vus = int(*vus);
        c.duration = *dur;
        c.maxDuration = *dur;
    } else if (c.executor == "ramping-vus" || c.executor == "constant-arrival-rate"
               || c.executor == "ramping-arrival-rate" || c.executor == "externally-controlled") {
        return scenarioError(name, "the " + c.executor + " executor is not supported by this version of Stampede yet");
    } else {
        return scenarioError(name, "unknown executor \"" + c.executor
                                       + "\" (shared-iterations, per-vu-iterations, constant-vus, ramping-vus, "
                                         "constant-arrival-rate, ramping-arrival-rate, externally-controlled)");
    }
    return c;
}

} // namespace

Result<std::vector<ScenarioConfig>> buildScenarios(const Options &o)
{
    std::vector<ScenarioConfig> out;
    if (o.scenarios.is_object() && !o.scenarios.empty()) {
        for (auto it = o.scenarios.begin(); it != o.scenarios.end(); ++it) {
            auto s = parseScenario(it.key(), it.value());
            if (!s)
                return s.error();
            out.push_back(std::move(*s));
        }
        return out;
    }
    // Shortcuts, as k6 maps them.
    ScenarioConfig c;
    c.vus = o.vus.value_or(1);
    if (!o.stages.empty()) {
        return Error{"invalid option \"stages\": the ramping-vus executor is not supported by this version of "
                     "Stampede yet"};
    }
    if (o.iterations) {
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
        c.iterations = 1;
        if (c.vus > 1)
            c.iterations = c.vus;
        c.vus = std::max(1, c.vus);
    }
    out.push_back(std::move(c));
    return out;
}

Result<std::unique_ptr<Executor>> makeExecutor(const ScenarioConfig &c)
{
    if (c.executor == "shared-iterations")
        return std::unique_ptr<Executor>(std::make_unique<SharedIterations>(c));
    if (c.executor == "per-vu-iterations")
        return std::unique_ptr<Executor>(std::make_unique<PerVuIterations>(c));
    if (c.executor == "constant-vus")
        return std::unique_ptr<Executor>(std::make_unique<ConstantVus>(c));
    return Error{"unknown executor \"" + c.executor + "\""};
}

} // namespace stampede::engine
