#include "core/engine/options.h"

#include "core/util/strings.h"

#include <algorithm>

namespace stampede::engine {

using json = nlohmann::json;

namespace {

const char *const kShortcuts[] = {"duration", "iterations", "stages"};

bool setsShortcut(const json &layer)
{
    return std::any_of(std::begin(kShortcuts), std::end(kShortcuts),
                       [&](const char *k) { return layer.contains(k) && !layer[k].is_null(); });
}

Error optionError(const std::string &option, const std::string &why)
{
    return Error{"invalid option \"" + option + "\": " + why};
}

Result<Nanos> durationOption(const json &v, const std::string &name)
{
    if (v.is_number()) {
        const double ms = v.get<double>();
        if (ms < 0)
            return optionError(name, "must not be negative");
        return Nanos{int64_t(ms * 1e6)};
    }
    if (!v.is_string())
        return optionError(name, "expected a duration such as \"30s\" or \"1m30s\", got " + v.dump());
    auto d = parseDuration(v.get<std::string>());
    if (!d)
        return optionError(name, d.error().message);
    if (d->count() < 0)
        return optionError(name, "must not be negative");
    return *d;
}

Result<int64_t> integerOption(const json &v, const std::string &name, int64_t min)
{
    if (!v.is_number_integer() && !(v.is_number_float() && v.get<double>() == double(int64_t(v.get<double>()))))
        return optionError(name, "expected a whole number, got " + v.dump());
    const int64_t n = v.is_number_integer() ? v.get<int64_t>() : int64_t(v.get<double>());
    if (n < min)
        return optionError(name, "must be at least " + std::to_string(min) + ", got " + std::to_string(n));
    return n;
}

Result<bool> boolOption(const json &v, const std::string &name)
{
    if (!v.is_boolean())
        return optionError(name, "expected true or false, got " + v.dump());
    return v.get<bool>();
}

Result<bool> parseBoolText(const std::string &text, const std::string &name)
{
    std::string t = text;
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (t == "true" || t == "1" || t == "t")
        return true;
    if (t == "false" || t == "0" || t == "f" || t.empty())
        return false;
    return Error{"invalid value for " + name + ": \"" + text + "\" is not a boolean"};
}

} // namespace

json consolidate(const OptionLayers &layers)
{
    json merged = json::object();
    for (const json *layer : {&layers.config, &layers.script, &layers.env, &layers.cli}) {
        if (!layer->is_object())
            continue;
        if (setsShortcut(*layer)) {
            for (const char *k : kShortcuts)
                merged.erase(k);
            merged.erase("scenarios");
        }
        for (auto it = layer->begin(); it != layer->end(); ++it) {
            if (!it.value().is_null())
                merged[it.key()] = it.value();
        }
    }
    return merged;
}

Result<Stage> parseStage(const std::string &text)
{
    const size_t colon = text.find(':');
    if (colon == std::string::npos)
        return Error{"invalid stage \"" + text + "\": expected duration:target, e.g. 30s:10"};
    auto d = parseDuration(text.substr(0, colon));
    if (!d)
        return Error{"invalid stage \"" + text + "\": " + d.error().message};
    try {
        size_t used = 0;
        const int target = std::stoi(text.substr(colon + 1), &used);
        if (used != text.size() - colon - 1 || target < 0)
            throw std::invalid_argument("target");
        return Stage{*d, target};
    } catch (const std::exception &) {
        return Error{"invalid stage \"" + text + "\": the target must be a whole number of VUs"};
    }
}

Result<json> optionsFromEnvironment(const std::map<std::string, std::string> &env)
{
    json out = json::object();
    auto get = [&](const char *k) -> const std::string * {
        auto it = env.find(k);
        return it == env.end() ? nullptr : &it->second;
    };
    auto integer = [&](const char *var, const char *option) -> Status {
        if (const std::string *v = get(var)) {
            try {
                size_t used = 0;
                const long long n = std::stoll(*v, &used);
                if (used != v->size())
                    throw std::invalid_argument(*v);
                out[option] = n;
            } catch (const std::exception &) {
                return Error{std::string("invalid ") + var + "=\"" + *v + "\": expected a whole number"};
            }
        }
        return {};
    };
    for (auto [var, opt] : {std::pair{"K6_VUS", "vus"}, {"K6_ITERATIONS", "iterations"},
                            {"K6_MAX_REDIRECTS", "maxRedirects"}, {"K6_BATCH", "batch"},
                            {"K6_BATCH_PER_HOST", "batchPerHost"}}) {
        if (Status s = integer(var, opt); !s)
            return s.error();
    }
    if (const std::string *v = get("K6_DURATION"))
        out["duration"] = *v;
    if (const std::string *v = get("K6_STAGES")) {
        json stages = json::array();
        for (const std::string &part : splitList(*v)) {
            auto stage = parseStage(part);
            if (!stage)
                return Error{"invalid K6_STAGES: " + stage.error().message};
            stages.push_back({{"duration", part.substr(0, part.find(':'))}, {"target", stage->target}});
        }
        out["stages"] = stages;
    }
    for (auto [var, opt] : {std::pair{"K6_INSECURE_SKIP_TLS_VERIFY", "insecureSkipTLSVerify"},
                            {"K6_NO_CONNECTION_REUSE", "noConnectionReuse"},
                            {"K6_NO_VU_CONNECTION_REUSE", "noVUConnectionReuse"},
                            {"K6_NO_COOKIES_RESET", "noCookiesReset"},
                            {"K6_DISCARD_RESPONSE_BODIES", "discardResponseBodies"},
                            {"K6_H2C", "h2c"}, // Stampede only: HTTP/2 over cleartext
                            {"K6_THROW", "throw"}}) {
        if (const std::string *v = get(var)) {
            auto b = parseBoolText(*v, var);
            if (!b)
                return b.error();
            out[opt] = *b;
        }
    }
    if (const std::string *v = get("K6_USER_AGENT"))
        out["userAgent"] = *v;
    for (auto [var, opt] : {std::pair{"K6_MIN_ITERATION_DURATION", "minIterationDuration"},
                            {"K6_SETUP_TIMEOUT", "setupTimeout"},
                            {"K6_TEARDOWN_TIMEOUT", "teardownTimeout"}}) {
        if (const std::string *v = get(var)) {
            if (auto d = parseDuration(*v); !d)
                return Error{std::string("invalid ") + var + ": " + d.error().message};
            out[opt] = *v;
        }
    }
    if (const std::string *v = get("K6_RPS")) {
        char *end = nullptr;
        const double rps = std::strtod(v->c_str(), &end);
        if (v->empty() || *end || rps < 0)
            return Error{"invalid K6_RPS=\"" + *v + "\": expected a number"};
        out["rps"] = rps;
    }
    if (const std::string *v = get("K6_HTTP_DEBUG"))
        out["httpDebug"] = *v == "full" ? "full" : (v->empty() || *v == "false" || *v == "0" ? "" : "headers");
    if (const std::string *v = get("K6_SYSTEM_TAGS")) {
        const json tags = splitList(*v, ',', true);
        out["systemTags"] = tags;
    }
    if (const std::string *v = get("K6_SUMMARY_TIME_UNIT"))
        out["summaryTimeUnit"] = *v;
    if (const std::string *v = get("K6_SUMMARY_TREND_STATS")) {
        const json stats = splitList(*v);
        out["summaryTrendStats"] = stats;
    }
    return out;
}

Result<Options> Options::fromJson(const json &j)
{
    Options o;
    if (!j.is_object())
        return Error{"options must be an object"};
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string &k = it.key();
        const json &v = it.value();
        if (k == "vus") {
            auto n = integerOption(v, k, 0);
            if (!n)
                return n.error();
            o.vus = int(*n);
        } else if (k == "iterations") {
            auto n = integerOption(v, k, 0);
            if (!n)
                return n.error();
            o.iterations = *n;
        } else if (k == "duration") {
            auto d = durationOption(v, k);
            if (!d)
                return d.error();
            o.duration = *d;
        } else if (k == "stages") {
            if (!v.is_array())
                return optionError(k, "expected an array of {duration, target}");
            for (size_t i = 0; i < v.size(); ++i) {
                const json &s = v[i];
                const std::string name = "stages[" + std::to_string(i) + "]";
                if (!s.is_object() || !s.contains("duration"))
                    return optionError(name, "expected {duration, target}");
                auto d = durationOption(s["duration"], name + ".duration");
                if (!d)
                    return d.error();
                auto t = integerOption(s.value("target", json(0)), name + ".target", 0);
                if (!t)
                    return t.error();
                o.stages.push_back({*d, int(*t)});
            }
        } else if (k == "scenarios") {
            if (!v.is_object())
                return optionError(k, "expected an object of named scenarios");
            o.scenarios = v;
        } else if (k == "thresholds") {
            if (!v.is_object())
                return optionError(k, "expected an object of metric name -> threshold expressions");
            o.thresholds = v;
        } else if (k == "tags") {
            if (!v.is_object())
                return optionError(k, "expected an object of tag name -> value");
            for (auto t = v.begin(); t != v.end(); ++t)
                o.tags[t.key()] = t.value().is_string() ? t.value().get<std::string>() : t.value().dump();
        } else if (k == "summaryTrendStats") {
            if (!v.is_array())
                return optionError(k, "expected an array such as [\"avg\", \"p(95)\"]");
            o.summaryTrendStats.clear();
            for (const json &s : v) {
                if (!s.is_string())
                    return optionError(k, "expected strings, got " + s.dump());
                const std::string stat = s.get<std::string>();
                static const char *plain[] = {"avg", "min", "med", "max", "count"};
                const bool known = std::any_of(std::begin(plain), std::end(plain), [&](const char *p) { return stat == p; });
                bool percentile = stat.size() > 3 && stat.rfind("p(", 0) == 0 && stat.back() == ')';
                if (percentile) {
                    try {
                        const double p = std::stod(stat.substr(2, stat.size() - 3));
                        percentile = p >= 0 && p <= 100;
                    } catch (const std::exception &) {
                        percentile = false;
                    }
                }
                if (!known && !percentile)
                    return optionError(k, "\"" + stat + "\" is not a trend stat (avg, min, med, max, count, p(N))");
                o.summaryTrendStats.push_back(stat);
            }
        } else if (k == "summaryTimeUnit") {
            const std::string u = v.is_string() ? v.get<std::string>() : std::string();
            if (!u.empty() && u != "s" && u != "ms" && u != "us")
                return optionError(k, "must be one of s, ms or us");
            o.summaryTimeUnit = u;
        } else if (k == "userAgent") {
            if (!v.is_string())
                return optionError(k, "expected a string");
            o.userAgent = v.get<std::string>();
        } else if (k == "insecureSkipTLSVerify" || k == "noConnectionReuse" || k == "noVUConnectionReuse") {
            auto b = boolOption(v, k);
            if (!b)
                return b.error();
            (k == "insecureSkipTLSVerify" ? o.insecureSkipTLSVerify
             : k == "noConnectionReuse"   ? o.noConnectionReuse
                                          : o.noVUConnectionReuse) = *b;
        } else if (k == "setupTimeout" || k == "teardownTimeout") {
            auto d = durationOption(v, k);
            if (!d)
                return d.error();
            (k == "setupTimeout" ? o.setupTimeout : o.teardownTimeout) = *d;
        } else if (k == "rps") {
            if (!v.is_number() || v.get<double>() < 0)
                return optionError(k, "expected a number of requests per second (0 = no limit)");
        } else if (k == "throw") {
            auto b = boolOption(v, k);
            if (!b)
                return b.error();
        } else if (k == "minIterationDuration") {
            auto d = durationOption(v, k);
            if (!d)
                return d.error();
        } else if (k == "systemTags") {
            if (!v.is_array() || !std::all_of(v.begin(), v.end(), [](const json &t) { return t.is_string(); }))
                return optionError(k, "expected an array of tag names, e.g. [\"status\", \"method\"]");
        }
        // Other k6 options (ext, cloud, hosts, dns, ...) are read where they are used.
    }
    return o;
}

} // namespace stampede::engine
