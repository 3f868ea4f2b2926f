#include "core/metrics/metricsengine.h"

#include "core/util/duration.h"

#include <nlohmann/json.hpp>

#include <QCryptographicHash>

#include <algorithm>
#include <cmath>

namespace stampede::metrics {

using json = nlohmann::json;

GroupNode &GroupNode::child(const std::string &childName)
{
    for (auto &g : groups) {
        if (g->name == childName)
            return *g;
    }
    auto g = std::make_unique<GroupNode>();
    g->name = childName;
    g->path = path + "::" + childName;
    groups.push_back(std::move(g));
    return *groups.back();
}

GroupNode::Check &GroupNode::check(const std::string &checkName)
{
    for (auto &c : checks) {
        if (c.name == checkName)
            return c;
    }
    checks.push_back({checkName, 0, 0});
    return checks.back();
}

MetricsEngine::MetricsEngine(const Registry &registry) : m_registry(registry) {}

size_t MetricsEngine::addSubmetric(MetricId parent, TagSet selector, std::string name)
{
    const MetricDesc d = m_registry.desc(parent);
    if (name.empty()) {
        name = d.name + "{";
        bool first = true;
        for (const auto &[k, v] : selector.tags()) {
            name += (first ? "" : ",") + k + ":" + v;
            first = false;
        }
        name += "}";
    }
    for (size_t i = 0; i < m_submetrics.size(); ++i) {
        if (m_submetrics[i].parent == parent && m_submetrics[i].selector == selector)
            return i;
    }
    m_submetrics.push_back({parent, std::move(selector), std::move(name), std::make_unique<Sink>(d.type)});
    return m_submetrics.size() - 1;
}

void MetricsEngine::setThresholds(std::vector<MetricThresholds> thresholds)
{
    m_thresholds.clear();
    for (MetricThresholds &t : thresholds) {
        ThresholdState st;
        if (!t.selector.empty())
            st.submetric = addSubmetric(t.metric, t.selector, t.key);
        st.ok.assign(t.exprs.size(), true);
        st.def = std::move(t);
        m_thresholds.push_back(std::move(st));
    }
}

const Sink *MetricsEngine::sinkFor(const ThresholdState &t) const
{
    if (t.submetric != SIZE_MAX)
        return m_submetrics[t.submetric].sink.get();
    return sink(t.def.metric);
}

MetricsEngine::ThresholdVerdict MetricsEngine::evaluateThresholds(Nanos elapsed)
{
    ThresholdVerdict verdict;
    const double seconds = std::chrono::duration<double>(elapsed).count();
    for (ThresholdState &t : m_thresholds) {
        const Sink *s = sinkFor(t);
        const Sink empty(m_registry.desc(t.def.metric).type);
        for (size_t i = 0; i < t.def.exprs.size(); ++i) {
            const ThresholdExpr &e = t.def.exprs[i];
            const double actual = (s ? *s : empty).aggregate(e.aggregation, seconds).value_or(0.0);
            t.ok[i] = e.holds(actual);
            if (!t.ok[i]) {
                verdict.anyFailed = true;
                if (e.abortOnFail && elapsed >= e.delayAbortEval && verdict.abortReason.empty())
                    verdict.abortReason = "thresholds on metrics '" + t.def.key + "' were crossed (" + e.source + ")";
            }
        }
    }
    return verdict;
}

const Sink *MetricsEngine::sink(MetricId id) const
{
    return id < m_sinks.size() ? m_sinks[id].get() : nullptr;
}

void MetricsEngine::consume(const SampleBatch &batch)
{
    const MetricId checksId = m_registry.builtin().checks;
    for (const Sample &s : batch) {
        if (s.metric >= m_sinks.size())
            m_sinks.resize(s.metric + 1);
        auto &sinkPtr = m_sinks[s.metric];
        if (!sinkPtr)
            sinkPtr = std::make_unique<Sink>(m_registry.desc(s.metric).type);
        sinkPtr->add(s.value);

        for (Submetric &sub : m_submetrics) {
            if (sub.parent == s.metric && s.tags && s.tags->contains(sub.selector))
                sub.sink->add(s.value);
        }

        if (s.metric == checksId && s.tags) {
            const std::string *checkName = s.tags->find("check");
            if (!checkName)
                continue;
            GroupNode *g = &m_root;
            if (const std::string *groupPath = s.tags->find("group"); groupPath && !groupPath->empty()) {
                // "::a::b" -> a, b
                size_t pos = 0;
                while (pos < groupPath->size()) {
                    if (groupPath->compare(pos, 2, "::") == 0)
                        pos += 2;
                    const size_t next = groupPath->find("::", pos);
                    g = &g->child(groupPath->substr(pos, next == std::string::npos ? std::string::npos : next - pos));
                    if (next == std::string::npos)
                        break;
                    pos = next;
                }
            }
            auto &c = g->check(*checkName);
            (s.value != 0 ? c.passes : c.fails)++;
        }
    }
}

namespace {

std::string md5Hex(const std::string &s)
{
    return QCryptographicHash::hash(QByteArrayView(s.data(), qsizetype(s.size())), QCryptographicHash::Md5)
        .toHex()
        .toStdString();
}

json groupToJson(const GroupNode &g)
{
    json checks = json::array();
    for (const auto &c : g.checks) {
        const std::string path = g.path + "::" + c.name;
        checks.push_back({{"name", c.name}, {"path", path}, {"id", md5Hex(path)},
                          {"passes", c.passes}, {"fails", c.fails}});
    }
    json groups = json::array();
    for (const auto &child : g.groups)
        groups.push_back(groupToJson(*child));
    return {{"name", g.name}, {"path", g.path}, {"id", md5Hex(g.path)}, {"groups", groups}, {"checks", checks}};
}

json sinkValues(const Sink &sink, const SummaryOptions &opts, double elapsedSeconds)
{
    json values = json::object();
    switch (sink.type()) {
    case MetricType::Counter:
        values["count"] = *sink.aggregate("count", elapsedSeconds);
        values["rate"] = *sink.aggregate("rate", elapsedSeconds);
        break;
    case MetricType::Gauge:
        values["value"] = sink.last();
        values["min"] = sink.min();
        values["max"] = sink.max();
        break;
    case MetricType::Rate:
        values["rate"] = *sink.aggregate("rate", elapsedSeconds);
        values["passes"] = sink.trues();
        values["fails"] = sink.count() - sink.trues();
        break;
    case MetricType::Trend:
        for (const std::string &stat : opts.trendStats) {
            if (auto v = sink.aggregate(stat, elapsedSeconds))
                values[stat] = *v;
        }
        break;
    }
    return values;
}

} // namespace

json MetricsEngine::summaryData(const SummaryOptions &opts, double testRunDurationMs, bool stdoutTty,
                                bool stderrTty) const
{
    const double elapsed = testRunDurationMs / 1000.0;
    json metrics = json::object();
    for (const MetricDesc &d : m_registry.all()) {
        const Sink *s = sink(d.id);
        if (!s || s->count() == 0)
            continue;
        metrics[d.name] = {{"type", toString(d.type)}, {"contains", toString(d.valueType)},
                           {"values", sinkValues(*s, opts, elapsed)}};
    }
    for (size_t i = 0; i < m_submetrics.size(); ++i) {
        const Submetric &sub = m_submetrics[i];
        const bool hasThresholds = std::any_of(m_thresholds.begin(), m_thresholds.end(),
                                               [&](const ThresholdState &t) { return t.submetric == i; });
        if (sub.sink->count() == 0 && !hasThresholds)
            continue;
        const MetricDesc d = m_registry.desc(sub.parent);
        metrics[sub.name] = {{"type", toString(d.type)}, {"contains", toString(d.valueType)},
                             {"values", sinkValues(*sub.sink, opts, elapsed)}};
    }
    for (const ThresholdState &t : m_thresholds) {
        const std::string name = t.submetric != SIZE_MAX ? m_submetrics[t.submetric].name : t.def.metricName;
        if (!metrics.contains(name)) {
            // A threshold on a metric that got no samples still shows, with empty values.
            const MetricDesc d = m_registry.desc(t.def.metric);
            metrics[name] = {{"type", toString(d.type)}, {"contains", toString(d.valueType)},
                             {"values", sinkValues(Sink(d.type), opts, elapsed)}};
        }
        for (size_t i = 0; i < t.def.exprs.size(); ++i)
            metrics[name]["thresholds"][t.def.exprs[i].source] = {{"ok", bool(t.ok[i])}};
    }
    return {
        {"root_group", groupToJson(m_root)},
        {"options", {{"summaryTrendStats", opts.trendStats}, {"summaryTimeUnit", opts.timeUnit},
                     {"noColor", opts.noColor}}},
        {"state", {{"isStdOutTTY", stdoutTty}, {"isStdErrTTY", stderrTty}, {"testRunDurationMs", testRunDurationMs}}},
        {"metrics", metrics},
    };
}

nlohmann::json MetricsEngine::thresholdStates() const
{
    json out = json::object();
    for (const ThresholdState &t : m_thresholds) {
        json &entry = out[t.def.key];
        for (size_t i = 0; i < t.def.exprs.size(); ++i)
            entry[t.def.exprs[i].source] = bool(t.ok[i]);
    }
    return out;
}

namespace {

json exportGroup(const json &g)
{
    json checks = json::object();
    for (const json &c : g["checks"])
        checks[c["name"].get<std::string>()] = c;
    json groups = json::object();
    for (const json &child : g["groups"])
        groups[child["name"].get<std::string>()] = exportGroup(child);
    return {{"name", g["name"]}, {"path", g["path"]}, {"id", g["id"]}, {"groups", groups}, {"checks", checks}};
}

} // namespace

json summaryExport(const json &data)
{
    json metrics = json::object();
    for (auto it = data["metrics"].begin(); it != data["metrics"].end(); ++it) {
        const json &m = it.value();
        json out = json::object();
        const json &values = m["values"];
        if (m["type"] == "rate") {
            out["passes"] = values.value("passes", 0);
            out["fails"] = values.value("fails", 0);
            out["value"] = values.value("rate", 0.0);
        } else {
            for (auto v = values.begin(); v != values.end(); ++v)
                out[v.key()] = v.value();
        }
        if (m.contains("thresholds")) {
            json t = json::object();
            for (auto th = m["thresholds"].begin(); th != m["thresholds"].end(); ++th)
                t[th.key()] = !th.value().value("ok", true); // k6 exports whether it failed
            out["thresholds"] = t;
        }
        metrics[it.key()] = out;
    }
    return {{"root_group", exportGroup(data["root_group"])}, {"metrics", metrics}};
}

// ---- text rendering, following k6's summary layout ----

namespace {

constexpr const char *kSucc = "\xE2\x9C\x93";   // ✓
constexpr const char *kFail = "\xE2\x9C\x97";   // ✗
constexpr const char *kGroup = "\xE2\x96\x88";  // █
constexpr const char *kDetails = "\xE2\x86\xB3"; // ↳

struct Palette
{
    bool on;
    std::string wrap(const std::string &s, const char *code) const
    {
        return on ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
    }
    std::string green(const std::string &s) const { return wrap(s, "32"); }
    std::string red(const std::string &s) const { return wrap(s, "31"); }
    std::string cyan(const std::string &s) const { return wrap(s, "36"); }
    std::string faint(const std::string &s) const { return wrap(s, "2"); }
    std::string cyanFaint(const std::string &s) const { return wrap(s, "36;2"); }
};

// Display width of UTF-8 text (code points; all our glyphs are single-width).
size_t width(const std::string &s)
{
    size_t n = 0;
    for (unsigned char c : s)
        n += (c & 0xC0) != 0x80;
    return n;
}

std::string pad(size_t n) { return std::string(n, ' '); }

void renderGroup(std::vector<std::string> &out, std::string indent, const json &group, const Palette &p)
{
    if (!group["name"].get<std::string>().empty()) {
        out.push_back(indent + kGroup + " " + group["name"].get<std::string>() + "\n");
        indent += "  ";
    }
    for (const json &c : group["checks"]) {
        const uint64_t passes = c["passes"], fails = c["fails"];
        const std::string name = c["name"];
        if (fails == 0) {
            out.push_back(p.green(indent + kSucc + " " + name));
        } else {
            const uint64_t pct = (100 * passes) / (passes + fails);
            out.push_back(p.red(indent + kFail + " " + name + "\n" + indent + " " + kDetails + "  "
                                + std::to_string(pct) + "% \xE2\x80\x94 " + kSucc + " " + std::to_string(passes)
                                + " / " + kFail + " " + std::to_string(fails)));
        }
    }
    if (!group["checks"].empty())
        out.push_back("");
    for (const json &g : group["groups"])
        renderGroup(out, indent, g, p);
}

std::string humanizeValue(double v, const json &metric, const std::string &timeUnit)
{
    if (metric["type"] == "rate") {
        // Truncate, not round, when dropping to two decimals (as k6 does).
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.2f%%", std::trunc(v * 100 * 100) / 100);
        return buf;
    }
    const std::string contains = metric["contains"];
    if (contains == "data")
        return humanizeBytes(v);
    if (contains == "time") {
        if (!timeUnit.empty()) {
            if (std::string s = formatDurationInUnit(v, timeUnit); !s.empty())
                return s;
        }
        return humanizeDurationMs(v);
    }
    return toFixedNoTrailingZeros(v, 6);
}

std::string displayName(const std::string &name)
{
    const size_t pos = name.find('{');
    if (pos == std::string::npos)
        return name;
    return "{ " + name.substr(pos + 1, name.size() - pos - 2) + " }";
}

} // namespace

std::string renderTextSummary(const json &data, bool color)
{
    const Palette p{color};
    const std::string baseIndent = " ";
    std::vector<std::string> lines;
    renderGroup(lines, baseIndent + "    ", data["root_group"], p);

    const json &opts = data["options"];
    const std::vector<std::string> trendStats = opts["summaryTrendStats"];
    const std::string timeUnit = opts.value("summaryTimeUnit", "");
    const json &metrics = data["metrics"];

    size_t nameLenMax = 0;
    std::map<std::string, std::vector<std::string>> trendCols, nonTrend;
    std::vector<size_t> trendColMax(trendStats.size(), 0);
    size_t nonTrendValueMax = 0;
    std::vector<size_t> nonTrendExtraMax(2, 0);
    std::vector<std::string> names;
    for (auto it = metrics.begin(); it != metrics.end(); ++it) {
        const std::string &name = it.key();
        const json &m = it.value();
        names.push_back(name);
        const std::string shown = (name.find('{') != std::string::npos ? "  " : "") + displayName(name);
        nameLenMax = std::max(nameLenMax, width(shown));
        const json &values = m["values"];
        const std::string type = m["type"];
        if (type == "trend") {
            std::vector<std::string> cols;
            for (size_t i = 0; i < trendStats.size(); ++i) {
                std::string v;
                if (!values.contains(trendStats[i]))
                    v = "-";
                else if (trendStats[i] == "count")
                    v = toFixedNoTrailingZeros(values[trendStats[i]].get<double>(), 0);
                else
                    v = humanizeValue(values[trendStats[i]].get<double>(), m, timeUnit);
                trendColMax[i] = std::max(trendColMax[i], width(v));
                cols.push_back(v);
            }
            trendCols[name] = cols;
            continue;
        }
        std::vector<std::string> vals;
        if (type == "counter") {
            vals = {humanizeValue(values["count"], m, timeUnit), humanizeValue(values["rate"], m, timeUnit) + "/s"};
        } else if (type == "gauge") {
            vals = {humanizeValue(values["value"], m, timeUnit), "min=" + humanizeValue(values["min"], m, timeUnit),
                    "max=" + humanizeValue(values["max"], m, timeUnit)};
        } else if (type == "rate") {
            vals = {humanizeValue(values["rate"], m, timeUnit),
                    std::string(kSucc) + " " + std::to_string(values["passes"].get<uint64_t>()),
                    std::string(kFail) + " " + std::to_string(values["fails"].get<uint64_t>())};
        } else {
            vals = {"[no data]"};
        }
        nonTrendValueMax = std::max(nonTrendValueMax, width(vals[0]));
        for (size_t i = 1; i < vals.size(); ++i)
            nonTrendExtraMax[i - 1] = std::max(nonTrendExtraMax[i - 1], width(vals[i]));
        nonTrend[name] = vals;
    }
    // Sort by parent name, keeping sub-metrics right after their parent.
    std::sort(names.begin(), names.end(), [](const std::string &a, const std::string &b) {
        const std::string pa = a.substr(0, a.find('{')), pb = b.substr(0, b.find('{'));
        if (pa != pb)
            return pa < pb;
        return a.substr(pa.size()) < b.substr(pb.size());
    });

    const std::string indent = baseIndent + "  ";
    for (const std::string &name : names) {
        const json &m = metrics[name];
        std::string mark = " ";
        bool failed = false;
        if (m.contains("thresholds")) {
            mark = kSucc;
            for (auto t = m["thresholds"].begin(); t != m["thresholds"].end(); ++t) {
                if (!t.value().value("ok", true)) {
                    failed = true;
                    mark = kFail;
                    break;
                }
            }
            mark = failed ? p.red(mark) : p.green(mark);
        }
        const std::string subIndent = name.find('{') != std::string::npos ? "  " : "";
        const std::string shown = displayName(name);
        const size_t dots = nameLenMax - width(shown) - width(subIndent) + 3;
        std::string line = indent + subIndent + mark + " " + shown + p.faint(std::string(dots, '.')) + ": ";
        if (auto t = trendCols.find(name); t != trendCols.end()) {
            for (size_t i = 0; i < t->second.size(); ++i) {
                if (i)
                    line += " ";
                line += trendStats[i] + "=" + p.cyan(t->second[i]) + pad(trendColMax[i] - width(t->second[i]));
            }
        } else {
            const auto &vals = nonTrend[name];
            line += p.cyan(vals[0]) + pad(nonTrendValueMax - width(vals[0]));
            for (size_t i = 1; i < vals.size(); ++i) {
                line += " " + p.cyanFaint(vals[i]);
                if (vals.size() > 2)
                    line += pad(nonTrendExtraMax[i - 1] - width(vals[i]));
            }
        }
        // Trailing blanks from column padding carry no information.
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        lines.push_back(line);
    }

    std::string out;
    for (const std::string &l : lines)
        out += l + "\n";
    return out;
}

} // namespace stampede::metrics
