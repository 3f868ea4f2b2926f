#include "core/cli/history.h"

#include "core/cli/args.h"
#include "core/storage/compare.h"
#include "core/storage/historydb.h"
#include "core/storage/report.h"
#include "core/util/duration.h"

#include <QDateTime>
#include <QString>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>

namespace stampede::cli {

namespace {

using json = nlohmann::json;
using storage::HistoryDb;

constexpr int kExitRegression = 1;
constexpr int kExitError = 255;

std::vector<FlagSpec> historyFlags()
{
    return {
        {"history-db", 0, true, false, "PATH", "the history database (default: $STAMPEDE_HISTORY_DB or ~/.local/share/stampede/history.sqlite)"},
        {"test", 't', true, false, "NAME", "list: only runs of this script (file name or part of its path)"},
        {"since", 0, true, false, "WHEN", "list: runs started at or after WHEN (2024-05-01, 2024-05-01T14:00, 7d, 12h)"},
        {"until", 0, true, false, "WHEN", "list: runs started before WHEN"},
        {"verdict", 0, true, false, "VERDICT", "list: passed, thresholds-failed, aborted, interrupted, error or running"},
        {"limit", 'n', true, false, "N", "list: at most N runs (newest first)"},
        {"baseline", 0, false, false, "", "compare/export: compare against the pinned baseline of the run's test"},
        {"tolerance", 0, true, false, "PERCENT", "compare: allowed worsening before it counts as a regression (default 10)"},
        {"resamples", 0, true, false, "N", "compare: bootstrap resamples for the confidence intervals (default 1000)"},
        {"format", 'f', true, false, "FORMAT", "export: json, csv or html (default: from the file name, else json)"},
        {"output", 'o', true, false, "FILE", "export: write to FILE instead of stdout"},
        {"unset", 0, false, false, "", "baseline: remove the star instead of setting it"},
        {"json", 0, false, false, "", "list/show/compare: machine-readable output"},
        {"no-color", 0, false, false, "", "no colors in the output"},
        {"help", 'h', false, false, "", "help for history"},
    };
}

int fail(const std::string &message)
{
    std::fprintf(stderr, "stampede history: %s\n", message.c_str());
    return kExitError;
}

void printHelp()
{
    std::printf("The local run history: every `stampede run` (and every studio run) is recorded.\n\n"
                "Usage:\n"
                "  stampede history list [--test NAME] [--since WHEN] [--until WHEN] [--verdict V] [-n N]\n"
                "  stampede history show RUN\n"
                "  stampede history compare BASE CANDIDATE [--tolerance PERCENT]\n"
                "  stampede history compare RUN --baseline [--tolerance PERCENT]\n"
                "  stampede history export RUN [OTHER | --baseline] [-f json|csv|html] [-o FILE]\n"
                "  stampede history baseline RUN [--unset]\n"
                "  stampede history delete RUN...\n\n"
                "RUN is a run id from `history list`, or \"last\".\n"
                "compare exits 1 if the candidate regressed beyond the tolerance (latency significantly\n"
                "higher, error rate up, request rate down), 0 if not, 255 on errors.\n\nFlags:\n%s",
                formatFlagHelp(historyFlags()).c_str());
}

Result<int64_t> resolveRun(HistoryDb &db, const std::string &ref)
{
    if (ref == "last" || ref == "latest") {
        storage::RunFilter f;
        f.limit = 1;
        auto runs = db.listRuns(f);
        if (!runs)
            return runs.error();
        if (runs->empty())
            return Error{"the history is empty", db.path()};
        return runs->front().id;
    }
    std::string s = ref;
    if (!s.empty() && s.front() == '#')
        s.erase(0, 1);
    try {
        size_t used = 0;
        const long long id = std::stoll(s, &used);
        if (used == s.size() && id > 0)
            return int64_t(id);
    } catch (...) {
    }
    return Error{"not a run id: \"" + ref + "\""};
}

// Absolute dates (local time) or a look-back like 7d, 12h, 30m.
Result<int64_t> parseWhen(const std::string &text)
{
    const int64_t now = QDateTime::currentMSecsSinceEpoch();
    if (!text.empty() && (text.back() == 'd' || text.back() == 'w')) {
        try {
            size_t used = 0;
            const double n = std::stod(text.substr(0, text.size() - 1), &used);
            if (used == text.size() - 1 && n >= 0)
                return now - int64_t(n * (text.back() == 'w' ? 7 : 1) * 86400000.0);
        } catch (...) {
        }
    }
    if (auto d = parseDuration(text); d && !text.empty() && !std::isdigit(static_cast<unsigned char>(text.back())))
        return now - std::chrono::duration_cast<std::chrono::milliseconds>(*d).count();
    QDateTime dt = QDateTime::fromString(QString::fromStdString(text), Qt::ISODate);
    if (!dt.isValid())
        return Error{"invalid date \"" + text + "\": use 2024-05-01, 2024-05-01T14:00 or a look-back like 7d or 12h"};
    return dt.toMSecsSinceEpoch();
}

std::string localTime(int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")).toStdString();
}

std::optional<double> summaryValue(const json &summary, const char *metric, const char *stat)
{
    if (!summary.is_object() || !summary.contains("metrics"))
        return std::nullopt;
    const json &m = summary["metrics"];
    if (!m.contains(metric) || !m[metric].contains("values") || !m[metric]["values"].contains(stat))
        return std::nullopt;
    const json &v = m[metric]["values"][stat];
    return v.is_number() ? std::optional<double>(v.get<double>()) : std::nullopt;
}

json recordJson(const storage::RunRecord &r)
{
    json j = {{"id", r.id},
              {"test", r.test},
              {"script", r.scriptName},
              {"startedAt", QDateTime::fromMSecsSinceEpoch(r.startedMs).toString(Qt::ISODate).toStdString()},
              {"durationSeconds", r.durationSeconds()},
              {"verdict", toString(r.verdict)},
              {"exitCode", r.exitCode},
              {"baseline", r.baseline}};
    if (auto reqs = summaryValue(r.summary, "http_reqs", "count"))
        j["requests"] = *reqs;
    if (auto p95 = summaryValue(r.summary, "http_req_duration", "p(95)"))
        j["p95"] = *p95;
    return j;
}

int listRuns(HistoryDb &db, const ParsedArgs &a)
{
    storage::RunFilter f;
    f.test = a.value("test");
    if (a.has("since")) {
        auto w = parseWhen(a.value("since"));
        if (!w)
            return fail(w.error().message);
        f.sinceMs = *w;
    }
    if (a.has("until")) {
        auto w = parseWhen(a.value("until"));
        if (!w)
            return fail(w.error().message);
        f.untilMs = *w;
    }
    if (a.has("verdict")) {
        auto v = storage::verdictFromString(a.value("verdict"));
        if (!v)
            return fail("unknown verdict \"" + a.value("verdict") +
                        "\": use passed, thresholds-failed, aborted, interrupted, error or running");
        f.verdict = *v;
    }
    if (a.has("limit")) {
        try {
            f.limit = std::stoi(a.value("limit"));
        } catch (...) {
            return fail("invalid --limit " + a.value("limit"));
        }
    }
    auto runs = db.listRuns(f);
    if (!runs)
        return fail(runs.error().toString());
    if (a.flag("json")) {
        json out = json::array();
        for (const auto &r : *runs)
            out.push_back(recordJson(r));
        std::printf("%s\n", out.dump(2).c_str());
        return 0;
    }
    std::printf("%6s %1s %-19s %9s %-17s %9s %10s  %s\n", "ID", "", "STARTED", "DURATION", "VERDICT", "REQUESTS",
                "P95", "SCRIPT");
    for (const auto &r : *runs) {
        const auto reqs = summaryValue(r.summary, "http_reqs", "count");
        const auto p95 = summaryValue(r.summary, "http_req_duration", "p(95)");
        char dur[32], req[32], p[32];
        std::snprintf(dur, sizeof dur, "%.1fs", r.durationSeconds());
        std::snprintf(req, sizeof req, "%s", reqs ? std::to_string(static_cast<long long>(*reqs)).c_str() : "-");
        if (p95)
            std::snprintf(p, sizeof p, "%.2fms", *p95);
        else
            std::snprintf(p, sizeof p, "-");
        std::printf("%6lld %1s %-19s %9s %-17s %9s %10s  %s\n", static_cast<long long>(r.id), r.baseline ? "*" : "",
                    localTime(r.startedMs).c_str(), dur, toString(r.verdict), req, p, r.scriptName.c_str());
    }
    if (runs->empty())
        std::printf("(no runs)\n");
    return 0;
}

int showRun(HistoryDb &db, int64_t id, const ParsedArgs &a)
{
    auto d = storage::loadRun(db, id);
    if (!d)
        return fail(d.error().toString());
    if (a.flag("json")) {
        std::printf("%s\n", storage::runToJson(*d).dump(2).c_str());
        return 0;
    }
    const auto &r = d->run;
    std::printf("run #%lld%s\n  test:      %s\n  script:    %s (sha256 %s)\n  started:   %s\n  duration:  %.1f s\n"
                "  verdict:   %s (exit code %d)\n",
                static_cast<long long>(r.id), r.baseline ? " (baseline)" : "", r.test.c_str(), r.scriptName.c_str(),
                r.scriptHash.substr(0, 12).c_str(), localTime(r.startedMs).c_str(), r.durationSeconds(),
                toString(r.verdict), r.exitCode);
    std::printf("  requests:  %llu (%llu failed, %.2f %%), %.1f/s\n",
                static_cast<unsigned long long>(d->requests), static_cast<unsigned long long>(d->failed),
                d->errorRate() * 100, d->rps());
    std::printf("  latency:   avg %.2f ms, p90 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms\n", d->duration.mean(),
                d->duration.percentile(90), d->duration.percentile(95), d->duration.percentile(99), d->duration.max());
    std::printf("  seconds:   %zu recorded\n", d->seconds.size());
    if (!d->endpoints.empty()) {
        std::printf("\n  %-8s %-40s %9s %8s %10s %10s\n", "METHOD", "NAME", "REQUESTS", "FAILED", "AVG", "P95");
        for (const auto &e : d->endpoints)
            std::printf("  %-8s %-40s %9llu %8llu %8.2fms %8.2fms\n", e.method.c_str(), e.name.c_str(),
                        static_cast<unsigned long long>(e.requests), static_cast<unsigned long long>(e.failed),
                        e.duration.mean(), e.duration.percentile(95));
    }
    if (r.thresholds.is_object() && !r.thresholds.empty()) {
        std::printf("\n  thresholds:\n");
        for (auto m = r.thresholds.begin(); m != r.thresholds.end(); ++m) {
            if (!m->is_object())
                continue;
            for (auto t = m->begin(); t != m->end(); ++t)
                std::printf("    %s %s: %s\n", t->is_boolean() && t->get<bool>() ? "ok  " : "FAIL", m.key().c_str(),
                            t.key().c_str());
        }
    }
    if (r.checks.is_array() && !r.checks.empty()) {
        std::printf("\n  checks:\n");
        for (const json &c : r.checks)
            std::printf("    %s: %d passed, %d failed\n", c.value("path", "").c_str(), c.value("passes", 0),
                        c.value("fails", 0));
    }
    auto files = db.files(id);
    if (files && !files->empty()) {
        std::printf("\n  files:\n");
        for (const auto &f : *files)
            std::printf("    %s (%zu bytes, sha256 %s)\n", f.path.c_str(), f.content.size(), f.sha256.substr(0, 12).c_str());
    }
    return 0;
}

// The (base, candidate) pair of `compare A B` or `compare A --baseline`.
Result<std::pair<int64_t, int64_t>> resolvePair(HistoryDb &db, const ParsedArgs &a, size_t first)
{
    const auto &pos = a.positional;
    if (pos.size() <= first)
        return Error{"which run? give a run id (see `stampede history list`)"};
    auto one = resolveRun(db, pos[first]);
    if (!one)
        return one.error();
    if (a.flag("baseline")) {
        if (pos.size() > first + 1)
            return Error{"give one run with --baseline, or two runs without it"};
        auto run = db.run(*one);
        if (!run)
            return run.error();
        auto base = db.baselineOf(run->test);
        if (!base)
            return base.error();
        if (!*base)
            return Error{"no baseline pinned for " + run->scriptName + ": star one with `stampede history baseline RUN`"};
        if (**base == *one)
            return Error{"run #" + std::to_string(*one) + " is itself the baseline of " + run->scriptName};
        return std::pair<int64_t, int64_t>{**base, *one};
    }
    if (pos.size() != first + 2)
        return Error{"compare needs two runs (BASE CANDIDATE), or one run and --baseline"};
    auto two = resolveRun(db, pos[first + 1]);
    if (!two)
        return two.error();
    return std::pair<int64_t, int64_t>{*one, *two};
}

Result<double> toleranceOf(const ParsedArgs &a)
{
    if (!a.has("tolerance"))
        return 0.10;
    std::string t = a.value("tolerance");
    if (!t.empty() && t.back() == '%')
        t.pop_back();
    try {
        size_t used = 0;
        const double v = std::stod(t, &used);
        if (used == t.size() && v >= 0)
            return v / 100.0;
    } catch (...) {
    }
    return Error{"invalid --tolerance \"" + a.value("tolerance") + "\": a percentage such as 10 or 5%"};
}

int resamplesOf(const ParsedArgs &a)
{
    try {
        return a.has("resamples") ? std::max(100, std::stoi(a.value("resamples"))) : 1000;
    } catch (...) {
        return 1000;
    }
}

int compareRuns(HistoryDb &db, const ParsedArgs &a)
{
    auto pair = resolvePair(db, a, 1);
    if (!pair)
        return fail(pair.error().toString());
    auto tol = toleranceOf(a);
    if (!tol)
        return fail(tol.error().message);
    auto base = storage::loadRun(db, pair->first);
    if (!base)
        return fail(base.error().toString());
    auto cand = storage::loadRun(db, pair->second);
    if (!cand)
        return fail(cand.error().toString());
    if (base->run.test != cand->run.test)
        std::fprintf(stderr, "stampede history: note: comparing runs of different scripts (%s, %s)\n",
                     base->run.scriptName.c_str(), cand->run.scriptName.c_str());
    const storage::Comparison c = storage::compareRuns(*base, *cand, *tol, resamplesOf(a));
    if (a.flag("json"))
        std::printf("%s\n", storage::toJson(c).dump(2).c_str());
    else
        std::fputs(storage::formatComparison(c, !a.flag("no-color") && isatty(STDOUT_FILENO) &&
                                                    std::getenv("NO_COLOR") == nullptr)
                       .c_str(),
                   stdout);
    return c.regression() ? kExitRegression : 0;
}

int exportRuns(HistoryDb &db, const ParsedArgs &a)
{
    const auto &pos = a.positional;
    std::string format = a.value("format");
    const std::string outPath = a.value("output");
    if (format.empty()) {
        const auto dot = outPath.rfind('.');
        const std::string ext = dot == std::string::npos ? std::string() : outPath.substr(dot + 1);
        format = ext == "html" || ext == "htm" ? "html" : ext == "csv" ? "csv" : "json";
    }
    if (format != "json" && format != "csv" && format != "html")
        return fail("unknown export format \"" + format + "\": json, csv or html");
    std::string text;
    if (pos.size() >= 3 || a.flag("baseline")) {
        auto pair = resolvePair(db, a, 1);
        if (!pair)
            return fail(pair.error().toString());
        auto tol = toleranceOf(a);
        if (!tol)
            return fail(tol.error().message);
        auto base = storage::loadRun(db, pair->first);
        if (!base)
            return fail(base.error().toString());
        auto cand = storage::loadRun(db, pair->second);
        if (!cand)
            return fail(cand.error().toString());
        const storage::Comparison c = storage::compareRuns(*base, *cand, *tol, resamplesOf(a));
        if (format == "json")
            text = storage::toJson(c).dump(2) + "\n";
        else if (format == "csv")
            text = storage::comparisonToCsv(c);
        else
            text = storage::comparisonToHtml(c, *base, *cand);
    } else {
        if (pos.size() != 2)
            return fail("export needs a run id (and optionally a second run or --baseline to export a comparison)");
        auto id = resolveRun(db, pos[1]);
        if (!id)
            return fail(id.error().toString());
        auto d = storage::loadRun(db, *id);
        if (!d)
            return fail(d.error().toString());
        if (format == "json")
            text = storage::runToJson(*d).dump(2) + "\n";
        else if (format == "csv")
            text = storage::runToCsv(*d);
        else
            text = storage::runToHtml(*d);
    }
    if (outPath.empty() || outPath == "-") {
        std::fwrite(text.data(), 1, text.size(), stdout);
        return 0;
    }
    std::ofstream f(outPath, std::ios::binary | std::ios::trunc);
    if (!f || !f.write(text.data(), std::streamsize(text.size())))
        return fail("cannot write " + outPath);
    std::fprintf(stderr, "wrote %s\n", outPath.c_str());
    return 0;
}

} // namespace

int historyCommand(const std::vector<std::string> &argv)
{
    const auto specs = historyFlags();
    auto parsed = parseArgs(argv, specs);
    if (!parsed)
        return fail(parsed.error().message);
    const ParsedArgs &a = *parsed;
    if (a.flag("help") || a.positional.empty()) {
        printHelp();
        return a.positional.empty() && !a.flag("help") ? kExitError : 0;
    }
    const std::string sub = a.positional.front();
    if (sub != "list" && sub != "show" && sub != "compare" && sub != "export" && sub != "delete" && sub != "baseline")
        return fail("unknown subcommand \"" + sub + "\": list, show, compare, export, baseline or delete");
    const std::string path = a.has("history-db") ? a.value("history-db") : HistoryDb::defaultPath();
    auto db = HistoryDb::open(path);
    if (!db)
        return fail(db.error().toString());
    HistoryDb &h = **db;
    if (sub == "list")
        return listRuns(h, a);
    if (sub == "compare")
        return compareRuns(h, a);
    if (sub == "export")
        return exportRuns(h, a);
    if (a.positional.size() < 2)
        return fail(sub + " needs a run id (see `stampede history list`)");
    if (sub == "show") {
        auto id = resolveRun(h, a.positional[1]);
        return id ? showRun(h, *id, a) : fail(id.error().toString());
    }
    if (sub == "baseline") {
        auto id = resolveRun(h, a.positional[1]);
        if (!id)
            return fail(id.error().toString());
        if (Status s = h.setBaseline(*id, !a.flag("unset")); !s)
            return fail(s.error().toString());
        std::printf("run #%lld %s\n", static_cast<long long>(*id),
                    a.flag("unset") ? "is no longer the baseline" : "is now the baseline of its test");
        return 0;
    }
    // delete
    int rc = 0;
    for (size_t i = 1; i < a.positional.size(); ++i) {
        auto id = resolveRun(h, a.positional[i]);
        Status s = id ? h.deleteRun(*id) : Status(id.error());
        if (!s) {
            std::fprintf(stderr, "stampede history: %s\n", s.error().toString().c_str());
            rc = kExitError;
        } else {
            std::printf("deleted run #%lld\n", static_cast<long long>(*id));
        }
    }
    return rc;
}

} // namespace stampede::cli
