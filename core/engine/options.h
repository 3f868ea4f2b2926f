#pragma once

#include "core/util/duration.h"
#include "core/util/error.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace stampede::engine {

// Layers of k6 options, lowest precedence first: defaults < config file < script
// `options` < K6_* environment < CLI flags. Each layer is k6's JSON form of the options.
struct OptionLayers
{
    nlohmann::json config = nlohmann::json::object();
    nlohmann::json script = nlohmann::json::object();
    nlohmann::json env = nlohmann::json::object();
    nlohmann::json cli = nlohmann::json::object();
};

// Merges the layers with k6's precedence. A layer that sets one of the execution
// shortcuts (duration, iterations, stages) replaces the scenarios and shortcuts of the
// layers below it, as in k6.
nlohmann::json consolidate(const OptionLayers &layers);

// Reads the K6_* environment variables that map to options (K6_VUS, K6_DURATION, ...).
Result<nlohmann::json> optionsFromEnvironment(const std::map<std::string, std::string> &env);

struct Stage
{
    Nanos duration{0};
    int target = 0;
};

// The options a run uses, validated. Errors name the option and the reason.
struct Options
{
    std::optional<int> vus;
    std::optional<int64_t> iterations;
    std::optional<Nanos> duration;
    std::vector<Stage> stages;
    nlohmann::json scenarios; // raw, validated when the plan is built
    nlohmann::json thresholds;
    std::map<std::string, std::string> tags;
    std::vector<std::string> summaryTrendStats{"avg", "min", "med", "max", "p(90)", "p(95)"};
    std::string summaryTimeUnit;
    std::string userAgent;
    bool insecureSkipTLSVerify = false;
    bool noConnectionReuse = false;
    bool noVUConnectionReuse = false;
    bool noSetup = false;    // --no-setup
    bool noTeardown = false; // --no-teardown
    Nanos setupTimeout{std::chrono::seconds(60)};
    Nanos teardownTimeout{std::chrono::seconds(60)};

    static Result<Options> fromJson(const nlohmann::json &json);
};

// "30s:10" -> Stage.
Result<Stage> parseStage(const std::string &text);

} // namespace stampede::engine
