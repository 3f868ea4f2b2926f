#include "core/cli/cli.h"

#include "core/cli/args.h"
#include "core/cli/convert.h"
#include "core/cli/history.h"
#include "core/cli/logger.h"
#include "core/engine/executor.h"
#include "core/engine/options.h"
#include "core/engine/runner.h"
#include "core/http/httpclient.h"
#include "core/metrics/metricsengine.h"
#include "core/output/output.h"
#include "core/storage/recorder.h"
#include "core/script/debugevents.h"
#include "core/script/runtime.h"
#include "core/util/duration.h"
#include "core/util/exitcodes.h"
#include "core/util/strings.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

extern char **environ;

namespace stampede::cli {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

constexpr const char *kBanner = R"(
   ___  _                                 _
  / __|| |_  __ _  _ __   _ __  ___  __| | ___
  \__ \|  _|/ _` || '  \ | '_ \/ -_)/ _` |/ -_)
  |___/ \__|\__,_||_|_|_|| .__/\___|\__,_|\___|
                         |_|    k6-compatible
)";

int code(ExitCode c)
{
    return static_cast<int>(c);
}

// One-line error for problems before a test starts (bad flags, missing files).
int failUsage(const std::string &message, ExitCode exit = ExitCode::GenericError)
{
    std::fprintf(stderr, "stampede: %s\n", message.c_str());
    return code(exit);
}

std::vector<FlagSpec> runFlags()
{
    return {
        {"vus", 'u', true, false, "N", "number of virtual users"},
        {"duration", 'd', true, false, "DURATION", "test duration, e.g. 30s, 1m30s"},
        {"iterations", 'i', true, false, "N", "total iterations, shared among the VUs"},
        {"stage", 's', true, true, "DURATION:TARGET", "ramping stage (repeatable)"},
        {"env", 'e', true, true, "KEY=VALUE", "environment variable for __ENV (repeatable)"},
        {"include-system-env-vars", 0, false, false, "", "pass the process environment to __ENV (default true)"},
        {"tag", 0, true, true, "NAME=VALUE", "tag added to every metric sample (repeatable)"},
        {"config", 'c', true, false, "FILE", "JSON config file (lowest precedence)"},
        {"summary-trend-stats", 0, true, false, "STATS", "trend stats in the summary, e.g. avg,p(95),p(99.9)"},
        {"summary-time-unit", 0, true, false, "UNIT", "fixed time unit in the summary: s, ms or us"},
        {"no-summary", 0, false, false, "", "do not print the end-of-test summary"},
        {"no-thresholds", 0, false, false, "", "do not evaluate thresholds"},
        {"throw", 'w', false, false, "", "throw an error in the script when an HTTP request fails"},
        {"rps", 0, true, false, "N", "limit all VUs together to N requests per second"},
        {"system-tags", 0, true, false, "TAGS", "only these system tags on samples, e.g. status,method,url"},
        {"min-iteration-duration", 0, true, false, "DURATION", "minimum time an iteration takes"},
        {"out", 'o', true, true, "TYPE=TARGET", "also send results to json=FILE, csv=FILE or live=unix:SOCKET (repeatable)"},
        {"summary-export", 0, true, false, "FILE", "write the end-of-test summary as JSON (k6's export format)"},
        {"no-history", 0, false, false, "", "do not record the run in the local history (stampede history)"},
        {"history-db", 0, true, false, "PATH", "history database (default: $STAMPEDE_HISTORY_DB or ~/.local/share/stampede/history.sqlite)"},
        {"address", 'a', true, false, "HOST:PORT", "serve k6's REST control API here, e.g. localhost:6565"},
        {"paused", 'p', false, false, "", "start paused; resume with PATCH /v1/status (needs --address)"},
        {"execution-segment", 0, true, false, "FROM:TO", "run only this part of the test, e.g. 1/3:2/3"},
        {"execution-segment-sequence", 0, true, false, "LIST", "all the segments of a distributed run, e.g. 0,1/3,2/3,1"},
        {"no-setup", 0, false, false, "", "do not run setup()"},
        {"no-teardown", 0, false, false, "", "do not run teardown()"},
        {"user-agent", 0, true, false, "STRING", "User-Agent header of requests"},
        {"insecure-skip-tls-verify", 0, false, false, "", "skip TLS certificate verification"},
        {"no-connection-reuse", 0, false, false, "", "do not reuse connections"},
        {"no-vu-connection-reuse", 0, false, false, "", "do not reuse connections between iterations of a VU"},
        {"http-debug", 0, false, false, "", "log HTTP requests and responses to stderr (--http-debug=full adds bodies)", true},
        {"console-output", 0, true, false, "FILE", "write console.* output to a file"},
        {"debug-events", 0, true, false, "FILE", "Stampede: write every request/response (headers, bodies, timings, cookies), check, console line and group, with its script line, to FILE as NDJSON (large bodies go to FILE.bodies/); for debug runs, e.g. with --vus 1 --iterations 1"},
        {"quiet", 'q', false, false, "", "no progress updates"},
        {"verbose", 'v', false, false, "", "debug logs (console.debug included)"},
        {"no-color", 0, false, false, "", "no colors in the output"},
        {"help", 'h', false, false, "", "help for run"},
    };
}

// k6's environment variables for run flags that are not options (K6_OUT, K6_NO_SUMMARY, ...):
// they apply where the command line does not set the flag itself.
void applyEnvironmentFlags(ParsedArgs &a)
{
    struct EnvFlag { const char *var; const char *flag; bool boolean; };
    static constexpr EnvFlag flags[] = {
        {"K6_NO_THRESHOLDS", "no-thresholds", true}, {"K6_NO_SUMMARY", "no-summary", true},
        {"K6_NO_SETUP", "no-setup", true}, {"K6_NO_TEARDOWN", "no-teardown", true},
        {"K6_QUIET", "quiet", true}, {"K6_VERBOSE", "verbose", true}, {"K6_NO_COLOR", "no-color", true},
        {"K6_PAUSED", "paused", true}, {"K6_SUMMARY_EXPORT", "summary-export", false},
        {"K6_CONSOLE_OUTPUT", "console-output", false}, {"K6_ADDRESS", "address", false},
        {"K6_EXECUTION_SEGMENT", "execution-segment", false},
        {"K6_EXECUTION_SEGMENT_SEQUENCE", "execution-segment-sequence", false},
        {"K6_INCLUDE_SYSTEM_ENV_VARS", "include-system-env-vars", true},
    };
    for (const EnvFlag &f : flags) {
        const char *v = std::getenv(f.var);
        if (!v || a.has(f.flag))
            continue;
        std::string value = v;
        if (f.boolean) {
            for (char &c : value)
                c = char(std::tolower(static_cast<unsigned char>(c)));
            value = (value == "true" || value == "1" || value == "t") ? "true" : "false";
        }
        a.values[f.flag].push_back(value);
    }
    // K6_OUT: one or more outputs, comma-separated, added to the --out flags.
    if (const char *v = std::getenv("K6_OUT"); v && *v && !a.has("out")) {
        for (std::string &item : splitList(v, ',', true))
            a.values["out"].push_back(std::move(item));
    }
}

std::map<std::string, std::string> processEnvironment()
{
    std::map<std::string, std::string> env;
    for (char **e = environ; e && *e; ++e) {
        const std::string kv = *e;
        const size_t eq = kv.find('=');
        if (eq != std::string::npos)
            env[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    return env;
}

// Parses a JSON file, reporting syntax errors as file:line:column.
Result<json> readJsonFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error{std::string("cannot read the file: ") + std::strerror(errno), path};
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    try {
        return json::parse(text);
    } catch (const json::parse_error &e) {
        Error err{"invalid JSON", path};
        const size_t byte = std::min(e.byte > 0 ? e.byte - 1 : 0, text.size());
        err.line = 1 + int(std::count(text.begin(), text.begin() + long(byte), '\n'));
        const size_t lineStart = text.rfind('\n', byte == 0 ? 0 : byte - 1);
        err.column = int(byte - (lineStart == std::string::npos ? 0 : lineStart + 1)) + 1;
        std::string what = e.what();
        if (const size_t p = what.find("syntax error"); p != std::string::npos)
            what = what.substr(p);
        err.message = "invalid JSON: " + what;
        return err;
    }
}

Result<json> optionsFromFlags(const ParsedArgs &a)
{
    json o = json::object();
    auto integer = [&](const char *flag, const char *option) -> Status {
        if (!a.has(flag))
            return {};
        const std::string v = a.value(flag);
        try {
            size_t used = 0;
            const long long n = std::stoll(v, &used);
            if (used != v.size())
                throw std::invalid_argument(v);
            o[option] = n;
        } catch (const std::exception &) {
            return Error{"invalid argument \"" + v + "\" for --" + flag + ": expected a whole number"};
        }
        return {};
    };
    if (Status s = integer("vus", "vus"); !s)
        return s.error();
    if (Status s = integer("iterations", "iterations"); !s)
        return s.error();
    if (a.has("duration")) {
        auto d = parseDuration(a.value("duration"));
        if (!d)
            return Error{"invalid argument for --duration: " + d.error().message};
        o["duration"] = a.value("duration");
    }
    if (a.has("stage")) {
        json stages = json::array();
        for (const std::string &s : a.all("stage")) {
            auto st = engine::parseStage(s);
            if (!st)
                return Error{"invalid argument for --stage: " + st.error().message};
            stages.push_back({{"duration", s.substr(0, s.find(':'))}, {"target", st->target}});
        }
        o["stages"] = stages;
    }
    if (a.has("tag")) {
        json tags = json::object();
        for (const std::string &t : a.all("tag")) {
            const size_t eq = t.find('=');
            if (eq == std::string::npos || eq == 0)
                return Error{"invalid argument \"" + t + "\" for --tag: expected NAME=VALUE"};
            tags[t.substr(0, eq)] = t.substr(eq + 1);
        }
        o["tags"] = tags;
    }
    if (a.has("summary-trend-stats")) {
        json stats = json::array();
        std::stringstream ss(a.value("summary-trend-stats"));
        std::string item;
        while (std::getline(ss, item, ','))
            stats.push_back(item);
        o["summaryTrendStats"] = stats;
    }
    if (a.has("summary-time-unit"))
        o["summaryTimeUnit"] = a.value("summary-time-unit");
    if (a.has("user-agent"))
        o["userAgent"] = a.value("user-agent");
    if (a.has("throw"))
        o["throw"] = a.flag("throw");
    if (a.has("rps")) {
        char *end = nullptr;
        const std::string v = a.value("rps");
        const double rps = std::strtod(v.c_str(), &end);
        if (v.empty() || *end || rps < 0)
            return Error{"invalid argument \"" + v + "\" for --rps: expected a number"};
        o["rps"] = rps;
    }
    if (a.has("system-tags")) {
        o["systemTags"] = splitList(a.value("system-tags"), ',', true);
    }
    if (a.has("min-iteration-duration"))
        o["minIterationDuration"] = a.value("min-iteration-duration");
    if (a.has("insecure-skip-tls-verify"))
        o["insecureSkipTLSVerify"] = a.flag("insecure-skip-tls-verify");
    if (a.has("no-connection-reuse"))
        o["noConnectionReuse"] = a.flag("no-connection-reuse");
    if (a.has("no-vu-connection-reuse"))
        o["noVUConnectionReuse"] = a.flag("no-vu-connection-reuse");
    if (a.has("http-debug")) {
        const std::string v = a.value("http-debug");
        o["httpDebug"] = v == "true" ? "headers" : v == "false" ? "" : v;
    }
    return o;
}

std::string formatClock(Nanos d)
{
    const double secs = std::chrono::duration<double>(d).count();
    const int minutes = int(secs / 60);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02dm%04.1fs", minutes, secs - minutes * 60);
    return buf;
}

std::string scenarioLine(const engine::Executor &e)
{
    const auto &c = e.config();
    std::string line = "* " + c.name + ": " + e.describe() + " (";
    if (c.executor == "shared-iterations" || c.executor == "per-vu-iterations")
        line += "maxDuration: " + formatGoDuration(c.maxDuration) + ", ";
    if (c.executor == "constant-arrival-rate" || c.executor == "ramping-arrival-rate")
        line += "maxVUs: " + std::to_string(c.preAllocatedVus) + "-" + std::to_string(e.maxVus()) + ", ";
    if (c.executor == "ramping-vus")
        line += "gracefulRampDown: " + formatGoDuration(c.gracefulRampDown) + ", ";
    if (c.exec != "default")
        line += "exec: " + c.exec + ", ";
    if (c.startTime.count() > 0)
        line += "startTime: " + formatGoDuration(c.startTime) + ", ";
    line += "gracefulStop: " + formatGoDuration(c.gracefulStop) + ")";
    return line;
}

// k6's progress line and per-scenario bars.
std::string progressText(const engine::Progress &p, const std::vector<engine::Executor *> &executors, bool final)
{
    std::string out = "running (" + formatClock(p.elapsed) + "), " + std::to_string(final ? 0 : p.activeVus) + "/"
                      + std::to_string(p.maxVus) + " VUs, " + std::to_string(p.completeIterations) + " complete and "
                      + std::to_string(p.interruptedIterations) + " interrupted iterations";
    for (size_t i = 0; i < p.scenarios.size() && i < executors.size(); ++i) {
        const auto &s = p.scenarios[i];
        const auto &cfg = executors[i]->config();
        double fraction = 0;
        if (s.planned > 0)
            fraction = double(s.done) / double(s.planned);
        else if (s.maxDuration.count() > 0)
            fraction = double(s.elapsed.count()) / double(s.maxDuration.count());
        if (s.finished)
            fraction = 1;
        fraction = std::clamp(fraction, 0.0, 1.0);
        const int width = 40;
        const int filled = int(fraction * width);
        std::string bar(size_t(filled), '=');
        if (filled < width)
            bar += '>' + std::string(size_t(width - filled - 1), '-');
        out += "\n" + s.name + " " + (s.finished ? "\xE2\x9C\x93 " : "  ") + "[" + bar + "] "
               + std::to_string(executors[i]->maxVus()) + " VUs  " + formatClock(s.elapsed) + "/"
               + formatGoDuration(s.maxDuration);
        if (s.planned > 0) {
            out += "  " + std::to_string(s.done) + "/" + std::to_string(s.planned)
                   + (cfg.executor == "shared-iterations" ? " shared iters" : " iters");
        }
    }
    return out;
}

std::atomic<engine::Runner *> g_runner{nullptr};
std::atomic<int> g_signals{0};

void onSignal(int)
{
    if (g_signals.fetch_add(1) >= 1)
        std::_Exit(code(ExitCode::ExternalAbort)); // second Ctrl-C: stop now
    if (engine::Runner *r = g_runner.load())
        r->interrupt();
}

int runCommand(const std::vector<std::string> &argv)
{
    const auto specs = runFlags();
    auto parsed = parseArgs(argv, specs);
    if (!parsed)
        return failUsage(parsed.error().message);
    applyEnvironmentFlags(*parsed);
    const ParsedArgs &a = *parsed;
    if (a.flag("help")) {
        std::printf("Start a test.\n\nUsage:\n  stampede run [flags] <script.js>\n\nFlags:\n%s",
                    formatFlagHelp(specs).c_str());
        return 0;
    }
    if (a.positional.size() != 1)
        return failUsage(a.positional.empty() ? "run needs a script file: stampede run script.js"
                                              : "run takes exactly one script file, got " +
                                                    std::to_string(a.positional.size()));
    const std::string scriptArg = a.positional.front();
    {
        std::error_code ec;
        if (!fs::exists(scriptArg, ec))
            return failUsage(scriptArg + ": no such file");
        if (!fs::is_regular_file(scriptArg, ec))
            return failUsage(scriptArg + ": not a regular file");
    }

    const bool stdoutTty = isatty(STDOUT_FILENO);
    const bool stderrTty = isatty(STDERR_FILENO);
    const bool color = !a.flag("no-color") && std::getenv("NO_COLOR") == nullptr;
    Logger logger;
    logger.setVerbose(a.flag("verbose"));
    logger.setColor(color && stderrTty);
    if (a.has("console-output")) {
        std::string err;
        if (!logger.setConsoleFile(a.value("console-output"), &err))
            return failUsage(err);
    }

    // __ENV: the process environment (unless --include-system-env-vars=false), then -e.
    const std::map<std::string, std::string> sysEnv = processEnvironment();
    std::map<std::string, std::string> env;
    if (!a.has("include-system-env-vars") || a.flag("include-system-env-vars"))
        env = sysEnv;
    for (const std::string &kv : a.all("env")) {
        const size_t eq = kv.find('=');
        if (eq == std::string::npos || eq == 0)
            return failUsage("invalid argument \"" + kv + "\" for --env: expected KEY=VALUE");
        env[kv.substr(0, eq)] = kv.substr(eq + 1);
    }

    // Option layers other than the script's, checked before any JS runs.
    engine::OptionLayers layers;
    auto cliOptions = optionsFromFlags(a);
    if (!cliOptions)
        return failUsage(cliOptions.error().message, ExitCode::InvalidConfig);
    layers.cli = *cliOptions;
    auto envOptions = engine::optionsFromEnvironment(sysEnv);
    if (!envOptions)
        return failUsage(envOptions.error().message, ExitCode::InvalidConfig);
    layers.env = *envOptions;
    // The config file: --config, else the user's ($XDG_CONFIG_HOME or ~/.config)/stampede/config.json if present.
    std::string configPath = a.value("config");
    if (configPath.empty()) {
        const char *xdg = std::getenv("XDG_CONFIG_HOME");
        const char *home = std::getenv("HOME");
        const std::string dir = xdg && *xdg ? std::string(xdg) : home ? std::string(home) + "/.config" : std::string();
        std::error_code ec;
        if (!dir.empty() && fs::is_regular_file(dir + "/stampede/config.json", ec))
            configPath = dir + "/stampede/config.json";
    }
    if (!configPath.empty()) {
        auto cfg = readJsonFile(configPath);
        if (!cfg)
            return failUsage(cfg.error().toString(), ExitCode::InvalidConfig);
        if (!cfg->is_object())
            return failUsage(configPath + ": the config file must hold a JSON object",
                             ExitCode::InvalidConfig);
        layers.config = cfg->contains("options") ? (*cfg)["options"] : *cfg;
    }

    http::globalInit();
    metrics::Registry registry;
    metrics::SampleQueue samples;
    script::RuntimeConfig rc;
    rc.script = scriptArg;
    rc.env = env;
    rc.registry = &registry;
    rc.samples = &samples;
    // --debug-events: the studio's debug run reads this stream.
    std::shared_ptr<script::DebugEventWriter> debugEvents;
    if (a.has("debug-events")) {
        auto w = script::DebugEventWriter::open(a.value("debug-events"), fs::absolute(scriptArg).string());
        if (!w)
            return failUsage(w.error().toString());
        debugEvents = std::move(*w);
        rc.debugEvents = debugEvents;
    }
    // A failure outside any VU (syntax error, failed import, setup timeout) also goes to the stream,
    // with its script line when it has one.
    std::string lastDebugError;
    auto debugError = [&debugEvents, &lastDebugError](const Error &e, const char *stage) {
        if (!debugEvents)
            return;
        lastDebugError = e.toDetailedString();
        nlohmann::json r = {{"type", "console"}, {"level", "error"}, {"source", "runtime"}, {"text", lastDebugError}};
        if (*stage)
            r["stage"] = stage;
        if (!e.file.empty() && e.line > 0)
            r["location"] = {{"file", e.file}, {"line", e.line}, {"column", e.column}};
        debugEvents->write(r);
    };
    // So do the engine's own warnings and errors (invalid options, ...); the VUs' lines are written
    // by the VUs themselves, with their script lines.
    static thread_local bool t_vuLine = false;
    if (debugEvents) {
        logger.setTap([&debugEvents, &lastDebugError](script::LogLevel l, const std::string &text, const char *) {
            if (t_vuLine || l < script::LogLevel::Warning || text == lastDebugError)
                return;
            debugEvents->write({{"type", "console"}, {"level", l == script::LogLevel::Error ? "error" : "warn"},
                                {"source", "runtime"}, {"text", text}});
        });
    }
    rc.log = [&logger](script::LogLevel l, script::LogSource src, const std::string &t) {
        t_vuLine = true;
        const struct Reset { ~Reset() { t_vuLine = false; } } reset;
        logger.log(l, t, src == script::LogSource::Console ? "console"
                         : src == script::LogSource::Stacktrace ? "stacktrace"
                                                                : nullptr);
    };

    auto runtime = script::Runtime::load(rc);
    if (!runtime) {
        debugError(runtime.error(), "init");
        logger.log(script::LogLevel::Error, runtime.error().toDetailedString());
        return runtime.error().exitCode ? runtime.error().exitCode : code(ExitCode::ScriptException);
    }
    layers.script = (*runtime)->exportedOptions();
    const json consolidated = engine::consolidate(layers);
    auto options = engine::Options::fromJson(consolidated);
    if (!options) {
        logger.log(script::LogLevel::Error, options.error().toString());
        return code(ExitCode::InvalidConfig);
    }
    options->noSetup = a.flag("no-setup");
    options->noTeardown = a.flag("no-teardown");
    engine::ExecutionSegment segment;
    if (a.has("execution-segment")) {
        auto seg = engine::ExecutionSegment::parse(a.value("execution-segment"));
        if (!seg) {
            logger.log(script::LogLevel::Error, seg.error().toString());
            return code(ExitCode::InvalidConfig);
        }
        segment = *seg;
        if (a.has("execution-segment-sequence")) {
            if (Status st = segment.validateSequence(a.value("execution-segment-sequence")); !st) {
                logger.log(script::LogLevel::Error, st.error().toString());
                return code(ExitCode::InvalidConfig);
            }
        }
    }
    auto scenarios = engine::buildScenarios(*options, segment);
    if (!scenarios) {
        logger.log(script::LogLevel::Error, scenarios.error().toString());
        return code(ExitCode::InvalidConfig);
    }
    std::vector<std::unique_ptr<engine::Executor>> executors;
    for (const auto &sc : *scenarios) {
        if (!(*runtime)->hasFunction(sc.exec)) {
            logger.log(script::LogLevel::Error,
                       sc.exec == "default"
                           ? "the script exports no default function (export default function () { ... })"
                           : "scenario \"" + sc.name + "\" runs exec \"" + sc.exec +
                                 "\", but the script exports no function of that name");
            return code(ExitCode::InvalidConfig);
        }
        auto ex = engine::makeExecutor(sc);
        if (!ex) {
            logger.log(script::LogLevel::Error, ex.error().toString());
            return code(ExitCode::InvalidConfig);
        }
        executors.push_back(std::move(*ex));
    }

    std::vector<engine::Executor *> views;
    for (auto &e : executors)
        views.push_back(e.get());

    const bool quiet = a.flag("quiet");
    engine::RunHooks hooks;
    hooks.log = [&logger](script::LogLevel l, const std::string &t) { logger.log(l, t); };
    auto lastPrint = std::chrono::steady_clock::now();
    bool drewProgress = false;
    hooks.progress = [&](const engine::Progress &p) {
        if (quiet)
            return;
        const auto now = std::chrono::steady_clock::now();
        if (stderrTty) {
            if (now - lastPrint < std::chrono::milliseconds(100))
                return;
            lastPrint = now;
            std::lock_guard lock(logger.mutex());
            const std::string text = progressText(p, views, false);
            // Move up over the previous block, then redraw.
            if (drewProgress) {
                const int lines = 1 + int(std::count(text.begin(), text.end(), '\n'));
                std::fprintf(stderr, "\r\x1b[%dA\x1b[J", lines);
            }
            std::fprintf(stderr, "%s\n", text.c_str());
            std::fflush(stderr);
            drewProgress = true;
        } else if (now - lastPrint >= std::chrono::seconds(1)) {
            lastPrint = now;
            std::lock_guard lock(logger.mutex());
            std::fprintf(stderr, "%s\n", progressText(p, views, false).c_str());
            std::fflush(stderr);
        }
    };
    std::vector<metrics::MetricThresholds> thresholds;
    if (!a.flag("no-thresholds")) {
        auto parsedThresholds = metrics::parseThresholds(options->thresholds, registry);
        if (!parsedThresholds) {
            logger.log(script::LogLevel::Error, parsedThresholds.error().toString());
            return code(ExitCode::InvalidConfig);
        }
        thresholds = std::move(*parsedThresholds);
    }
    // Outputs (--out): started before the test, fed from the metrics thread, stopped after.
    output::OutputManager outputs;
    nlohmann::json thresholdsOption = options->thresholds;
    for (const std::string &spec : a.all("out")) {
        output::OutputContext octx;
        octx.registry = &registry;
        octx.scriptPath = scriptArg;
        octx.thresholds = &thresholdsOption;
        octx.warn = [&logger](const std::string &m) { logger.log(script::LogLevel::Warning, m); };
        auto o = output::createOutput(spec, octx);
        if (!o) {
            logger.log(script::LogLevel::Error, "invalid --out " + spec + ": " + o.error().message);
            return code(ExitCode::InvalidConfig);
        }
        outputs.add(std::move(*o));
    }
    // The local run history (stampede history): recorded unless --no-history, never fails the run.
    storage::HistoryRecorder *history = nullptr;
    if (!a.flag("no-history")) {
        output::OutputContext hctx;
        hctx.registry = &registry;
        hctx.scriptPath = scriptArg;
        hctx.thresholds = &thresholdsOption;
        hctx.warn = [&logger](const std::string &m) { logger.log(script::LogLevel::Warning, m); };
        const std::string dbPath = a.has("history-db") ? a.value("history-db") : storage::HistoryDb::defaultPath();
        auto info = storage::describeRun(scriptArg, consolidated, env);
        auto rec = info ? storage::HistoryRecorder::create(hctx, dbPath, std::move(*info))
                        : Result<std::unique_ptr<storage::HistoryRecorder>>(info.error());
        if (!rec) {
            logger.log(script::LogLevel::Warning, "the run is not recorded in the history: " + rec.error().toString());
        } else {
            history = rec->get();
            outputs.add(std::move(*rec));
        }
    }
    if (Status st = outputs.startAll(); !st) {
        logger.log(script::LogLevel::Error, st.error().toString());
        return code(ExitCode::GenericError);
    }

    engine::Runner runner(**runtime, registry, samples, *options, std::move(executors), hooks);
    runner.setThresholds(std::move(thresholds));
    // Options the VUs need (HTTP client, run tags, exec.test.options) are known only now;
    // the test's VUs are created after this.
    {
        http::ClientOptions ho;
        if (!options->userAgent.empty())
            ho.userAgent = options->userAgent;
        ho.insecureSkipTlsVerify = options->insecureSkipTLSVerify;
        ho.noConnectionReuse = options->noConnectionReuse;
        // The rest of k6's HTTP options (TLS, hosts, dns, redirects, batch, cookies, httpDebug).
        if (Status st = http::applyK6Options(ho, consolidated.dump()); !st) {
            logger.log(script::LogLevel::Error, st.error().toString());
            return code(ExitCode::InvalidConfig);
        }
        ho.captureRequestHead = debugEvents != nullptr; // the request headers as sent, for the stream
        std::vector<metrics::TagSet::Tag> tags(options->tags.begin(), options->tags.end());
        (*runtime)->configureVus(ho, tags, runner.instanceState(), consolidated.dump());
        // Runner::run() plans the VUs (their count and whether they are fibers) itself.
    }
    runner.setOutputs(&outputs);
    engine::Progress finalProgress;
    (void)finalProgress;

    // Header.
    {
        std::string header = kBanner;
        std::string outputList;
        for (const std::string &d : outputs.descriptions())
            outputList += (outputList.empty() ? "" : ", ") + d;
        header += "\n  execution: local\n     script: " + scriptArg + "\n     output: " +
                  (outputList.empty() ? std::string("-") : outputList) + "\n";
        if (!segment.isFull())
            header += "    segment: " + segment.toString() + "\n";
        header += "\n";
        char buf[256];
        std::snprintf(buf, sizeof buf,
                      "  scenarios: (100.00%%) %zu scenario%s, %d max VUs, %s max duration (incl. graceful stop):\n",
                      views.size(), views.size() == 1 ? "" : "s", runner.maxVus(),
                      formatGoDuration(runner.maxDuration()).c_str());
        header += buf;
        for (engine::Executor *e : views)
            header += "           " + scenarioLine(*e) + "\n";
        header += "\n";
        std::fputs(header.c_str(), stdout);
        std::fflush(stdout);
    }

    // k6's REST control API, only when asked for (--address).
    std::unique_ptr<engine::ControlServer> control;
    if (a.has("address")) {
        control = std::make_unique<engine::ControlServer>(runner.control());
        if (Status st = control->listen(a.value("address")); !st) {
            logger.log(script::LogLevel::Error, st.error().toString());
            return code(ExitCode::CannotStartRestApi);
        }
        logger.log(script::LogLevel::Info, "REST API listening on 127.0.0.1:" + std::to_string(control->port()));
    } else if (a.flag("paused")) {
        return failUsage("--paused needs --address: nothing could resume the test otherwise", ExitCode::InvalidConfig);
    }
    if (a.flag("paused"))
        runner.startPaused();

    g_runner.store(&runner);
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    engine::RunResult result = runner.run();
    g_runner.store(nullptr);
    if (debugEvents) {
        if (result.error)
            debugError(*result.error, ""); // setup, teardown or the test as a whole
        debugEvents->finish();
    }
    if (control)
        control->stop();
    for (const Error &e : outputs.stopAll())
        logger.log(script::LogLevel::Error, e.toString());
    if (history) {
        if (Status st = history->finish(code(result.exitCode), result.summaryData); !st)
            logger.log(script::LogLevel::Warning, "the run history: " + st.error().toString());
    }
    if (!quiet && result.summaryData.is_object()) {
        // The final state of the progress display, once.
        engine::Progress p = runner.finalProgress();
        std::lock_guard lock(logger.mutex());
        if (drewProgress) {
            const std::string prev = progressText(p, views, true);
            std::fprintf(stderr, "\r\x1b[%dA\x1b[J", 1 + int(std::count(prev.begin(), prev.end(), '\n')));
        }
        std::fprintf(stderr, "%s\n", progressText(p, views, true).c_str());
        std::fflush(stderr);
    }

    if (result.error && !result.summaryData.is_object()) {
        logger.log(script::LogLevel::Error, result.error->toDetailedString());
        return code(result.exitCode);
    }

    result.summaryData["state"]["isStdOutTTY"] = stdoutTty;
    result.summaryData["state"]["isStdErrTTY"] = stderrTty;
    result.summaryData["options"]["noColor"] = !color;

    if (a.has("summary-export")) {
        const std::string path = a.value("summary-export");
        std::ofstream f(path, std::ios::binary | std::ios::trunc);
        if (!f || !(f << metrics::summaryExport(result.summaryData).dump(4) << "\n"))
            logger.log(script::LogLevel::Error, "cannot write the summary export to " + path);
    }
    if (!a.flag("no-summary")) {
        bool printedCustom = false;
        if ((*runtime)->hasFunction("handleSummary")) {
            auto outputs = (*runtime)->handleSummary(result.summaryData.dump());
            if (!outputs) {
                logger.log(script::LogLevel::Error,
                           "handleSummary() failed: " + outputs.error().toDetailedString());
            } else {
                printedCustom = true;
                for (const auto &[key, content] : *outputs) {
                    if (key == "stdout") {
                        std::fwrite(content.data(), 1, content.size(), stdout);
                    } else if (key == "stderr") {
                        std::fwrite(content.data(), 1, content.size(), stderr);
                    } else {
                        std::ofstream f(key, std::ios::binary | std::ios::trunc);
                        if (!f || !f.write(content.data(), std::streamsize(content.size())))
                            logger.log(script::LogLevel::Error, "handleSummary(): cannot write " + key);
                    }
                }
            }
        }
        if (!printedCustom) {
            const std::string text = metrics::renderTextSummary(result.summaryData, color && stdoutTty);
            std::fputs(("\n" + text + "\n").c_str(), stdout);
        }
        std::fflush(stdout);
    }
    // Like k6: why the run failed comes last, after the summary.
    if (result.error)
        logger.log(script::LogLevel::Error, result.error->toDetailedString());
    return code(result.exitCode);
}

// inspect --json: one JSON object on stdout, for tools (the studio's script checker).
// {"ok":true,"options":{...}} or {"ok":false,"exitCode":N,"errors":[{file,line,column,message,severity,...}]}.
json errorJson(const Error &e)
{
    json j;
    j["file"] = e.file;
    j["line"] = e.line;
    j["column"] = e.column;
    j["message"] = e.message;
    j["severity"] = "error";
    if (!e.sourceLine.empty())
        j["sourceLine"] = e.sourceLine;
    if (!e.stack.empty())
        j["stack"] = e.stack;
    return j;
}

int inspectFailed(bool asJson, const Error &e, ExitCode exit, Logger &logger)
{
    if (asJson) {
        json out;
        out["ok"] = false;
        out["exitCode"] = code(exit);
        out["errors"] = json::array({errorJson(e)});
        std::printf("%s\n", out.dump(2).c_str());
        std::fflush(stdout);
    } else {
        logger.log(script::LogLevel::Error, e.toDetailedString());
    }
    return code(exit);
}

int inspectCommand(const std::vector<std::string> &argv)
{
    std::vector<FlagSpec> specs = runFlags();
    specs.push_back({"json", 0, false, false, "", "print the result, or the errors with file, line and column, as JSON"});
    auto parsed = parseArgs(argv, specs);
    if (!parsed)
        return failUsage(parsed.error().message);
    if (parsed->positional.size() != 1)
        return failUsage("inspect needs a script file: stampede inspect script.js");
    const bool asJson = parsed->flag("json");
    metrics::Registry registry;
    metrics::SampleQueue samples;
    script::RuntimeConfig rc;
    rc.script = parsed->positional.front();
    rc.env = processEnvironment();
    rc.registry = &registry;
    rc.samples = &samples;
    rc.isolates = 1;
    Logger logger;
    rc.log = [&logger](script::LogLevel l, script::LogSource src, const std::string &t) {
        logger.log(l, t, src == script::LogSource::Console ? "console"
                         : src == script::LogSource::Stacktrace ? "stacktrace"
                                                                : nullptr);
    };
    auto runtime = script::Runtime::load(rc);
    if (!runtime)
        return inspectFailed(asJson, runtime.error(), ExitCode::ScriptException, logger);
    engine::OptionLayers layers;
    layers.script = (*runtime)->exportedOptions();
    auto flags = optionsFromFlags(*parsed);
    if (!flags)
        return failUsage(flags.error().message, ExitCode::InvalidConfig);
    layers.cli = *flags;
    auto env = engine::optionsFromEnvironment(processEnvironment());
    if (!env)
        return failUsage(env.error().message, ExitCode::InvalidConfig);
    layers.env = *env;
    const json merged = engine::consolidate(layers);
    if (auto o = engine::Options::fromJson(merged); !o)
        return inspectFailed(asJson, o.error(), ExitCode::InvalidConfig, logger);
    if (asJson) {
        json out;
        out["ok"] = true;
        out["options"] = merged;
        std::printf("%s\n", out.dump(2).c_str());
    } else {
        std::printf("%s\n", merged.dump(2).c_str());
    }
    return 0;
}

void printUsage(FILE *out)
{
    std::fprintf(out,
                 "Stampede %s: k6-compatible load testing.\n\n"
                 "Usage:\n  stampede <command> [flags]\n\n"
                 "Commands:\n"
                 "  run       Start a test (k6 run)\n"
                 "  inspect   Print a script's resolved options as JSON\n"
                 "  convert   Convert a HAR recording to a k6 script\n"
                 "  history   List, compare and export past runs (stampede history --help)\n"
                 "  version   Show the version\n"
                 "  help      Show this help\n\n"
                 "Use \"stampede <command> --help\" for a command's flags.\n",
                 STAMPEDE_VERSION);
}

} // namespace

namespace {

// Memory per VU and over time. glibc keeps up to 7 freed chunks per size class in a cache per
// thread; with a thread per VU those caches hold about 15 KB for every VU while it sleeps or
// waits on the network. And it spreads threads over 8 arenas per core, whose free holes fill
// with resident pages slowly: a full-speed run's RSS crept up by 7-13 % between its 10th and
// 60th second with a few MB actually in use. Both can only be set when the process starts
// (GLIBC_TUNABLES), so `run` starts itself once more with a cache of one chunk per size class
// and 2 arenas per core (at least 4). Measured on 2 cores: RSS flat within 5 %, p95 0.1-0.2 ms
// lower, requests per CPU-second within the noise (-5 % at worst). Not done when the user set
// GLIBC_TUNABLES, or with STAMPEDE_MALLOC_TUNING=0.
void tuneMallocForManyThreads(char **argv)
{
#if defined(__linux__) && defined(__GLIBC__)
    static const char kMarker[] = "STAMPEDE_MALLOC_TUNED";
    if (std::getenv(kMarker)) {
        // The second start: the setting is in effect; keep it out of __ENV and child processes.
        unsetenv(kMarker);
        unsetenv("GLIBC_TUNABLES");
        return;
    }
    if (std::getenv("GLIBC_TUNABLES"))
        return;
    if (const char *t = std::getenv("STAMPEDE_MALLOC_TUNING"); t && std::string_view(t) == "0")
        return;
    const long cores = std::max(1L, sysconf(_SC_NPROCESSORS_ONLN));
    const std::string tunables =
        "glibc.malloc.tcache_count=1:glibc.malloc.arena_max=" + std::to_string(std::max(4L, 2 * cores));
    setenv("GLIBC_TUNABLES", tunables.c_str(), 1);
    setenv(kMarker, "1", 1);
    execv("/proc/self/exe", argv);
    // No /proc: go on as we are.
    unsetenv(kMarker);
    unsetenv("GLIBC_TUNABLES");
#else
    (void)argv;
#endif
}

} // namespace

int main(int argc, char **argv)
{
    if (argc > 1 && std::string_view(argv[1]) == "run")
        tuneMallocForManyThreads(argv);
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        printUsage(stderr);
        return code(ExitCode::GenericError);
    }
    const std::string command = args.front();
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "run")
        return runCommand(rest);
    if (command == "inspect")
        return inspectCommand(rest);
    if (command == "convert")
        return convertCommand(rest);
    if (command == "history")
        return historyCommand(rest);
    if (command == "version" || command == "--version") {
        std::printf("stampede v%s (k6-compatible)\n", STAMPEDE_VERSION);
        return 0;
    }
    if (command == "help" || command == "--help" || command == "-h") {
        // `stampede help run` is `stampede run --help`, as in k6.
        if (command == "help" && !rest.empty()) {
            const std::string &topic = rest.front();
            const std::vector<std::string> help{"--help"};
            if (topic == "run")
                return runCommand(help);
            if (topic == "inspect")
                return inspectCommand(help);
            if (topic == "convert")
                return convertCommand(help);
            if (topic == "history")
                return historyCommand(help);
        }
        printUsage(stdout);
        return 0;
    }
    return failUsage("unknown command \"" + command + "\" (run \"stampede help\" for the list)");
}

} // namespace stampede::cli
