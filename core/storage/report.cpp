#include "core/storage/report.h"

#include "core/storage/svgchart.h"

#include <QDateTime>

#include <cmath>
#include <cstdio>

namespace stampede::storage {

using json = nlohmann::json;

namespace {

constexpr const char *kBaseColor = "#7f7f7f";
constexpr const char *kCandidateColor = "#d62728";
constexpr const char *kRunColor = "#1f77b4";

std::string fmt(double v, int decimals = 2)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string isoTime(int64_t ms)
{
    if (ms <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(ms).toString(Qt::ISODate).toStdString();
}

std::string csvField(const std::string &s)
{
    if (s.find_first_of(",\"\n") == std::string::npos)
        return s;
    std::string out = "\"";
    for (char c : s)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

json histogramStats(const metrics::Histogram &h)
{
    return {{"count", h.count()}, {"avg", h.mean()},          {"min", h.min()},
            {"med", h.percentile(50)}, {"p90", h.percentile(90)}, {"p95", h.percentile(95)},
            {"p99", h.percentile(99)}, {"max", h.max()}};
}

ChartSeries series(const RunData &r, const std::string &label, const std::string &color, bool dashed,
                   double (*value)(const SecondRow &))
{
    ChartSeries s{label, color, {}, dashed};
    for (const SecondRow &row : r.seconds)
        s.points.push_back({double(row.t + 1), value(row)});
    return s;
}

double p95Of(const SecondRow &r) { return r.duration.percentile(95); }
double avgOf(const SecondRow &r) { return r.duration.mean(); }
double rpsOf(const SecondRow &r) { return double(r.requests); }
double errorsOf(const SecondRow &r) { return r.requests ? 100.0 * double(r.failed) / double(r.requests) : 0.0; }
double vusOf(const SecondRow &r) { return r.vus; }

constexpr const char *kStyle = R"(<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#222;max-width:1100px}
h1{font-size:22px;margin-bottom:4px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:4px}
table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{border:1px solid #ddd;padding:4px 8px;text-align:right}
th{background:#f4f4f4}td.l,th.l{text-align:left}tr.regression td{background:#fde2e1;color:#a00}
.badge{display:inline-block;padding:2px 8px;border-radius:10px;font-size:12px;color:#fff}
.passed{background:#2ca02c}.failed{background:#d62728}.other{background:#ff7f0e}
.meta{color:#555;font-size:13px}.charts svg{display:block;margin:10px 0;border:1px solid #eee}
pre{background:#f7f7f7;padding:8px;font-size:12px;overflow:auto}
</style>
)";

std::string verdictBadge(const RunRecord &r)
{
    const std::string cls = r.verdict == Verdict::Passed ? "passed"
                            : r.verdict == Verdict::ThresholdsFailed || r.verdict == Verdict::Error ? "failed"
                                                                                                    : "other";
    return "<span class=\"badge " + cls + "\">" + htmlEscape(toString(r.verdict)) + "</span>";
}

std::string runMeta(const RunRecord &r)
{
    return "<p class=\"meta\">Run #" + std::to_string(r.id) + " of <b>" + htmlEscape(r.scriptName) + "</b> " +
           verdictBadge(r) + "<br>" + htmlEscape(r.test) + "<br>started " + htmlEscape(isoTime(r.startedMs)) +
           ", " + fmt(r.durationSeconds(), 1) + " s, exit code " + std::to_string(r.exitCode) + ", script sha256 " +
           htmlEscape(r.scriptHash.substr(0, 12)) + "</p>\n";
}

std::string deltaCell(const Delta &d)
{
    if (!d.relative)
        return "n/a";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%+.1f %%", *d.relative * 100);
    return buf;
}

std::string valueCell(const Delta &d, double v)
{
    if (d.metric == "error rate")
        return fmt(v * 100) + " %";
    if (d.metric == "rps")
        return fmt(v, 1) + "/s";
    return fmt(v) + " ms";
}

std::string deltaTable(const std::vector<Delta> &deltas)
{
    std::string h = "<table><tr><th class=\"l\">metric</th><th>base</th><th>candidate</th><th>delta</th>"
                    "<th class=\"l\">statistical judgement</th></tr>\n";
    for (const Delta &d : deltas) {
        h += std::string("<tr") + (d.regression ? " class=\"regression\"" : "") + "><td class=\"l\">" +
             htmlEscape(d.metric) + "</td><td>" + valueCell(d, d.base) + "</td><td>" + valueCell(d, d.candidate) +
             "</td><td>" + deltaCell(d) + "</td><td class=\"l\">" +
             (d.judgement ? htmlEscape(formatJudgement(*d.judgement)) : std::string()) +
             (d.regression ? " <b>regression</b>" : "") + "</td></tr>\n";
    }
    return h + "</table>\n";
}

} // namespace

json runToJson(const RunData &d)
{
    const RunRecord &r = d.run;
    json secs = json::array();
    for (const SecondRow &s : d.seconds)
        secs.push_back({{"t", s.t},
                        {"vus", s.vus},
                        {"vusMax", s.vusMax},
                        {"iterations", s.iterations},
                        {"requests", s.requests},
                        {"failed", s.failed},
                        {"checksPassed", s.checksPassed},
                        {"checksFailed", s.checksFailed},
                        {"dataSent", s.dataSent},
                        {"dataReceived", s.dataReceived},
                        {"duration", histogramStats(s.duration)}});
    json eps = json::array();
    for (const EndpointStats &e : d.endpoints)
        eps.push_back({{"method", e.method}, {"name", e.name}, {"requests", e.requests}, {"failed", e.failed},
                       {"duration", histogramStats(e.duration)}});
    return {{"id", r.id},
            {"test", r.test},
            {"script", r.scriptName},
            {"scriptSha256", r.scriptHash},
            {"source", r.source},
            {"host", r.host},
            {"startedAt", isoTime(r.startedMs)},
            {"endedAt", isoTime(r.endedMs)},
            {"durationSeconds", d.seconds_},
            {"verdict", toString(r.verdict)},
            {"exitCode", r.exitCode},
            {"baseline", r.baseline},
            {"options", r.options},
            {"environment", r.environment},
            {"thresholds", r.thresholds},
            {"checks", r.checks},
            {"totals",
             {{"requests", d.requests},
              {"failed", d.failed},
              {"errorRate", d.errorRate()},
              {"rps", d.rps()},
              {"iterations", d.iterations},
              {"duration", histogramStats(d.duration)}}},
            {"endpoints", eps},
            {"seconds", secs},
            {"summary", r.summary}};
}

std::string runToCsv(const RunData &d)
{
    std::string out = "t,vus,vus_max,iterations,requests,failed,checks_passed,checks_failed,data_sent,data_received,"
                      "avg_ms,p50_ms,p90_ms,p95_ms,p99_ms,max_ms\n";
    for (const SecondRow &s : d.seconds) {
        out += std::to_string(s.t) + "," + fmt(s.vus, 0) + "," + fmt(s.vusMax, 0) + "," + std::to_string(s.iterations) +
               "," + std::to_string(s.requests) + "," + std::to_string(s.failed) + "," +
               std::to_string(s.checksPassed) + "," + std::to_string(s.checksFailed) + "," + fmt(s.dataSent, 0) + "," +
               fmt(s.dataReceived, 0) + "," + fmt(s.duration.mean(), 3) + "," + fmt(s.duration.percentile(50), 3) +
               "," + fmt(s.duration.percentile(90), 3) + "," + fmt(s.duration.percentile(95), 3) + "," +
               fmt(s.duration.percentile(99), 3) + "," + fmt(s.duration.max(), 3) + "\n";
    }
    return out;
}

std::string comparisonToCsv(const Comparison &c)
{
    std::string out = "method,name,metric,base,candidate,relative,ci_low,ci_high,significant,regression\n";
    auto line = [&](const std::string &method, const std::string &name, const Delta &d) {
        out += csvField(method) + "," + csvField(name) + "," + csvField(d.metric) + "," + fmt(d.base, 6) + "," +
               fmt(d.candidate, 6) + "," + (d.relative ? fmt(*d.relative, 6) : std::string()) + "," +
               (d.judgement ? fmt(d.judgement->ciLow, 6) : std::string()) + "," +
               (d.judgement ? fmt(d.judgement->ciHigh, 6) : std::string()) + "," +
               (d.judgement ? (d.judgement->significant ? "true" : "false") : "") + "," +
               (d.regression ? "true" : "false") + "\n";
    };
    for (const Delta &d : c.overall)
        line("", "(all requests)", d);
    for (const auto &e : c.endpoints) {
        for (const Delta &d : e.deltas)
            line(e.method, e.name, d);
    }
    return out;
}

std::string runToHtml(const RunData &d)
{
    const RunRecord &r = d.run;
    std::string h = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Stampede run #" +
                    std::to_string(r.id) + " " + htmlEscape(r.scriptName) + "</title>\n" + kStyle + "</head><body>\n";
    h += "<h1>Run #" + std::to_string(r.id) + ": " + htmlEscape(r.scriptName) + "</h1>\n" + runMeta(r);
    h += "<h2>Totals</h2><table><tr><th>requests</th><th>failed</th><th>error rate</th><th>req/s</th><th>avg</th>"
         "<th>p90</th><th>p95</th><th>p99</th><th>max</th></tr><tr><td>" +
         std::to_string(d.requests) + "</td><td>" + std::to_string(d.failed) + "</td><td>" +
         fmt(d.errorRate() * 100) + " %</td><td>" + fmt(d.rps(), 1) + "</td><td>" + fmt(d.duration.mean()) +
         " ms</td><td>" + fmt(d.duration.percentile(90)) + " ms</td><td>" + fmt(d.duration.percentile(95)) +
         " ms</td><td>" + fmt(d.duration.percentile(99)) + " ms</td><td>" + fmt(d.duration.max()) +
         " ms</td></tr></table>\n";
    h += "<h2>Over time</h2><div class=\"charts\">\n";
    h += lineChartSvg("Response time", "ms",
                      {series(d, "p95", kRunColor, false, p95Of), series(d, "avg", "#2ca02c", true, avgOf)});
    h += lineChartSvg("Requests per second", "req/s", {series(d, "req/s", kRunColor, false, rpsOf)});
    h += lineChartSvg("Errors", "%", {series(d, "error rate", kCandidateColor, false, errorsOf)});
    h += lineChartSvg("Virtual users", "VUs", {series(d, "VUs", "#9467bd", false, vusOf)});
    h += "</div>\n<h2>Requests by name</h2><table><tr><th class=\"l\">method</th><th class=\"l\">name</th>"
         "<th>requests</th><th>failed</th><th>avg</th><th>p90</th><th>p95</th><th>p99</th></tr>\n";
    for (const EndpointStats &e : d.endpoints)
        h += "<tr><td class=\"l\">" + htmlEscape(e.method) + "</td><td class=\"l\">" + htmlEscape(e.name) + "</td><td>" +
             std::to_string(e.requests) + "</td><td>" + std::to_string(e.failed) + "</td><td>" +
             fmt(e.duration.mean()) + "</td><td>" + fmt(e.duration.percentile(90)) + "</td><td>" +
             fmt(e.duration.percentile(95)) + "</td><td>" + fmt(e.duration.percentile(99)) + "</td></tr>\n";
    h += "</table>\n";
    if (r.thresholds.is_object() && !r.thresholds.empty()) {
        h += "<h2>Thresholds</h2><table><tr><th class=\"l\">metric</th><th class=\"l\">threshold</th><th>ok</th></tr>\n";
        for (auto m = r.thresholds.begin(); m != r.thresholds.end(); ++m) {
            if (!m->is_object())
                continue;
            for (auto t = m->begin(); t != m->end(); ++t)
                h += std::string("<tr") + (t->is_boolean() && !t->get<bool>() ? " class=\"regression\"" : "") +
                     "><td class=\"l\">" + htmlEscape(m.key()) + "</td><td class=\"l\">" + htmlEscape(t.key()) +
                     "</td><td>" + (t->is_boolean() && t->get<bool>() ? "&#10003;" : "&#10007;") + "</td></tr>\n";
        }
        h += "</table>\n";
    }
    if (r.checks.is_array() && !r.checks.empty()) {
        h += "<h2>Checks</h2><table><tr><th class=\"l\">check</th><th>passes</th><th>fails</th></tr>\n";
        for (const json &c : r.checks)
            h += std::string("<tr") + (c.value("fails", 0) > 0 ? " class=\"regression\"" : "") + "><td class=\"l\">" +
                 htmlEscape(c.value("path", "")) + "</td><td>" + std::to_string(c.value("passes", 0)) + "</td><td>" +
                 std::to_string(c.value("fails", 0)) + "</td></tr>\n";
        h += "</table>\n";
    }
    h += "<h2>Options</h2><pre>" + htmlEscape(r.options.dump(2)) + "</pre>\n";
    h += "<p class=\"meta\">Generated by Stampede " STAMPEDE_VERSION ".</p>\n</body></html>\n";
    return h;
}

std::string comparisonToHtml(const Comparison &c, const RunData &base, const RunData &cand)
{
    const std::string bl = "base #" + std::to_string(c.base.id), cl = "candidate #" + std::to_string(c.candidate.id);
    std::string h = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Stampede comparison #" +
                    std::to_string(c.base.id) + " vs #" + std::to_string(c.candidate.id) + "</title>\n" + kStyle +
                    "</head><body>\n";
    h += "<h1>" + htmlEscape(c.candidate.scriptName) + ": run #" + std::to_string(c.candidate.id) + " vs #" +
         std::to_string(c.base.id) + "</h1>\n";
    h += std::string("<p>") +
         (c.regression() ? "<span class=\"badge failed\">regression</span>"
                         : "<span class=\"badge passed\">no regression</span>") +
         " tolerance " + fmt(c.tolerance * 100, 1) + " %</p>\n";
    if (c.regression()) {
        h += "<ul>\n";
        for (const auto &r : c.regressions)
            h += "<li>" + htmlEscape(r) + "</li>\n";
        h += "</ul>\n";
    }
    h += "<h2>Base</h2>" + runMeta(c.base) + "<h2>Candidate</h2>" + runMeta(c.candidate);
    h += "<h2>All requests</h2>\n" + deltaTable(c.overall);
    h += "<h2>Over time (aligned on elapsed time)</h2><div class=\"charts\">\n";
    h += lineChartSvg("p95 response time", "ms",
                      {series(base, bl, kBaseColor, true, p95Of), series(cand, cl, kCandidateColor, false, p95Of)});
    h += lineChartSvg("Requests per second", "req/s",
                      {series(base, bl, kBaseColor, true, rpsOf), series(cand, cl, kCandidateColor, false, rpsOf)});
    h += lineChartSvg("Errors", "%",
                      {series(base, bl, kBaseColor, true, errorsOf), series(cand, cl, kCandidateColor, false, errorsOf)});
    h += lineChartSvg("Virtual users", "VUs",
                      {series(base, bl, kBaseColor, true, vusOf), series(cand, cl, kCandidateColor, false, vusOf)});
    h += "</div>\n<h2>By request name</h2>\n";
    for (const auto &e : c.endpoints) {
        h += "<h3>" + htmlEscape((e.method.empty() ? std::string() : e.method + " ") + e.name) +
             (e.regression ? " <span class=\"badge failed\">regression</span>" : "") + "</h3>\n";
        if (e.deltas.empty())
            h += "<p class=\"meta\">" + std::to_string(e.baseRequests) + " vs " + std::to_string(e.candidateRequests) +
                 " requests: too few to compare.</p>\n";
        else
            h += deltaTable(e.deltas);
    }
    h += "<p class=\"meta\">Generated by Stampede " STAMPEDE_VERSION
         ". Confidence intervals: bootstrap of the relative difference, resampling each run's requests from its "
         "latency histogram.</p>\n</body></html>\n";
    return h;
}

} // namespace stampede::storage
