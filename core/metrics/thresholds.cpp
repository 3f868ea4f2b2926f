#include "core/metrics/thresholds.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace stampede::metrics {

using json = nlohmann::json;

namespace {

std::string trim(std::string s)
{
    const auto notSpace = [](unsigned char c) { return !std::isspace(c); };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), notSpace));
    s.erase(std::find_if(s.rbegin(), s.rend(), notSpace).base(), s.end());
    return s;
}

bool aggregationFits(MetricType type, const std::string &agg)
{
    switch (type) {
    case MetricType::Counter: return agg == "count" || agg == "rate";
    case MetricType::Gauge: return agg == "value" || agg == "min" || agg == "max";
    case MetricType::Rate: return agg == "rate";
    case MetricType::Trend:
        if (agg == "avg" || agg == "min" || agg == "max" || agg == "med" || agg == "count")
            return true;
        if (agg.size() > 3 && agg.rfind("p(", 0) == 0 && agg.back() == ')') {
            const std::string n = agg.substr(2, agg.size() - 3);
            char *end = nullptr;
            const double p = std::strtod(n.c_str(), &end);
            return end && *end == '\0' && !n.empty() && p >= 0 && p <= 100;
        }
        return false;
    }
    return false;
}

const char *aggregationsFor(MetricType type)
{
    switch (type) {
    case MetricType::Counter: return "count, rate";
    case MetricType::Gauge: return "value";
    case MetricType::Rate: return "rate";
    case MetricType::Trend: return "avg, min, max, med, p(N)";
    }
    return "";
}

} // namespace

bool ThresholdExpr::holds(double actual) const
{
    switch (op) {
    case Op::Less: return actual < value;
    case Op::LessEqual: return actual <= value;
    case Op::Greater: return actual > value;
    case Op::GreaterEqual: return actual >= value;
    case Op::Equal: return actual == value;
    case Op::NotEqual: return actual != value;
    }
    return false;
}

Result<ThresholdExpr> parseThresholdExpr(const std::string &text)
{
    ThresholdExpr e;
    e.source = trim(text);
    const std::string &s = e.source;
    auto fail = [&](const std::string &why) {
        return Error{"invalid threshold \"" + s + "\": " + why
                     + " (expected e.g. \"p(95)<200\", \"avg<100\", \"rate<0.01\", \"count>10\")"};
    };
    // The operator: the first of < > = ! outside the parentheses of p(N).
    size_t pos = std::string::npos;
    int depth = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '(')
            ++depth;
        else if (s[i] == ')')
            --depth;
        else if (depth == 0 && (s[i] == '<' || s[i] == '>' || s[i] == '=' || s[i] == '!')) {
            pos = i;
            break;
        }
    }
    if (pos == std::string::npos)
        return fail("no comparison operator");
    e.aggregation = trim(s.substr(0, pos));
    std::string rest = s.substr(pos);
    struct OpText { const char *text; ThresholdExpr::Op op; };
    static constexpr OpText ops[] = {{"===", ThresholdExpr::Op::Equal}, {"==", ThresholdExpr::Op::Equal},
                                     {"!=", ThresholdExpr::Op::NotEqual}, {"<=", ThresholdExpr::Op::LessEqual},
                                     {">=", ThresholdExpr::Op::GreaterEqual}, {"<", ThresholdExpr::Op::Less},
                                     {">", ThresholdExpr::Op::Greater}};
    bool matched = false;
    for (const OpText &o : ops) {
        if (rest.rfind(o.text, 0) == 0) {
            e.op = o.op;
            rest = trim(rest.substr(std::strlen(o.text)));
            matched = true;
            break;
        }
    }
    if (!matched)
        return fail("unknown operator");
    if (e.aggregation.empty())
        return fail("no aggregation method before the operator");
    // k6 allows "p(95)" written with spaces: "p( 95 )".
    e.aggregation.erase(std::remove(e.aggregation.begin(), e.aggregation.end(), ' '), e.aggregation.end());
    char *end = nullptr;
    e.value = std::strtod(rest.c_str(), &end);
    if (rest.empty() || !end || *end != '\0' || !std::isfinite(e.value))
        return fail("\"" + rest + "\" is not a number");
    return e;
}

Result<std::pair<std::string, TagSet>> parseMetricSelector(const std::string &rawKey)
{
    const std::string key = trim(rawKey);
    const size_t brace = key.find('{');
    if (brace == std::string::npos)
        return std::make_pair(key, TagSet());
    if (key.back() != '}')
        return Error{"invalid sub-metric \"" + key + "\": missing closing }"};
    const std::string name = trim(key.substr(0, brace));
    const std::string inner = key.substr(brace + 1, key.size() - brace - 2);
    std::vector<TagSet::Tag> tags;
    size_t pos = 0;
    while (pos <= inner.size()) {
        size_t comma = inner.find(',', pos);
        const std::string part = trim(inner.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
        if (!part.empty()) {
            const size_t colon = part.find(':');
            if (colon == std::string::npos || colon == 0)
                return Error{"invalid sub-metric \"" + key + "\": expected {tag:value}, got \"" + part + "\""};
            std::string value = trim(part.substr(colon + 1));
            if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
                value = value.substr(1, value.size() - 2);
            tags.emplace_back(trim(part.substr(0, colon)), value);
        }
        if (comma == std::string::npos)
            break;
        pos = comma + 1;
    }
    if (tags.empty())
        return Error{"invalid sub-metric \"" + key + "\": no tags in the selector"};
    return std::make_pair(name, TagSet(std::move(tags)));
}

Result<std::vector<MetricThresholds>> parseThresholds(const json &thresholds, const Registry &registry)
{
    std::vector<MetricThresholds> out;
    if (thresholds.is_null())
        return out;
    if (!thresholds.is_object())
        return Error{"invalid option \"thresholds\": expected an object of metric -> threshold expressions"};
    for (auto it = thresholds.begin(); it != thresholds.end(); ++it) {
        MetricThresholds mt;
        mt.key = trim(it.key());
        auto sel = parseMetricSelector(mt.key);
        if (!sel)
            return Error{"invalid threshold on \"" + mt.key + "\": " + sel.error().message};
        mt.metricName = sel->first;
        mt.selector = sel->second;
        const auto id = registry.find(mt.metricName);
        if (!id)
            return Error{"invalid threshold on \"" + mt.key + "\": there is no metric named \"" + mt.metricName + "\""};
        mt.metric = *id;
        const MetricType type = registry.desc(*id).type;
        json list = it.value();
        if (list.is_string() || list.is_object())
            list = json::array({list});
        if (!list.is_array())
            return Error{"invalid threshold on \"" + mt.key + "\": expected a list of expressions"};
        for (const json &item : list) {
            std::string text;
            bool abort = false;
            Nanos delay{0};
            if (item.is_string()) {
                text = item.get<std::string>();
            } else if (item.is_object() && item.contains("threshold") && item["threshold"].is_string()) {
                text = item["threshold"].get<std::string>();
                if (item.contains("abortOnFail")) {
                    if (!item["abortOnFail"].is_boolean())
                        return Error{"invalid threshold on \"" + mt.key + "\": abortOnFail must be true or false"};
                    abort = item["abortOnFail"].get<bool>();
                }
                if (item.contains("delayAbortEval") && !item["delayAbortEval"].is_null()) {
                    auto d = item["delayAbortEval"].is_string() ? parseDuration(item["delayAbortEval"].get<std::string>())
                                                                : Result<Nanos>(Error{"expected a duration"});
                    if (!d)
                        return Error{"invalid threshold on \"" + mt.key + "\": delayAbortEval: " + d.error().message};
                    delay = *d;
                }
            } else {
                return Error{"invalid threshold on \"" + mt.key
                             + "\": each entry must be a string or {threshold, abortOnFail, delayAbortEval}"};
            }
            auto expr = parseThresholdExpr(text);
            if (!expr)
                return Error{"invalid threshold on \"" + mt.key + "\": " + expr.error().message};
            if (!aggregationFits(type, expr->aggregation))
                return Error{"invalid threshold on \"" + mt.key + "\": \"" + expr->aggregation + "\" is not an aggregation of a "
                             + toString(type) + " metric (use " + aggregationsFor(type) + ")"};
            expr->abortOnFail = abort;
            expr->delayAbortEval = delay;
            mt.exprs.push_back(std::move(*expr));
        }
        out.push_back(std::move(mt));
    }
    return out;
}

} // namespace stampede::metrics
