#include "core/storage/rerun.h"

#include <QByteArrayView>
#include <QCryptographicHash>

#include <fstream>
#include <set>
#include <sstream>

namespace stampede::storage {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

std::string sha256Of(const std::string &data)
{
    return QCryptographicHash::hash(QByteArrayView(data.data(), qsizetype(data.size())), QCryptographicHash::Sha256)
        .toHex()
        .toStdString();
}

std::optional<std::string> readFile(const fs::path &p)
{
    std::ifstream in(p, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Status writeFile(const fs::path &p, const std::string &content)
{
    std::error_code ec;
    fs::create_directories(p.parent_path(), ec);
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    if (!out || !out.write(content.data(), std::streamsize(content.size())))
        return Error{"cannot write the file", p.string()};
    return {};
}

// A duration option as a flag value: k6 takes strings as they are, numbers as milliseconds.
std::optional<std::string> durationText(const json &v)
{
    if (v.is_string() && !v.get<std::string>().empty())
        return v.get<std::string>();
    if (v.is_number())
        return std::to_string(static_cast<long long>(v.get<double>())) + "ms";
    return std::nullopt;
}

bool isSet(const json &options, const char *key)
{
    return options.contains(key) && !options[key].is_null();
}

// Variables that describe the recording process rather than the test.
bool isProcessNoise(const std::string &name)
{
    static const std::set<std::string> noise{"_", "PWD", "OLDPWD", "SHLVL"};
    return noise.count(name) > 0;
}

} // namespace

std::vector<std::string> optionFlags(const json &options)
{
    std::vector<std::string> args;
    if (!options.is_object())
        return args;
    if (isSet(options, "vus") && options["vus"].is_number())
        args.insert(args.end(), {"--vus", std::to_string(options["vus"].get<long long>())});
    const bool scenarios = isSet(options, "scenarios") && !options["scenarios"].empty();
    if (!scenarios) {
        if (isSet(options, "duration"))
            if (auto d = durationText(options["duration"]))
                args.insert(args.end(), {"--duration", *d});
        if (isSet(options, "iterations") && options["iterations"].is_number())
            args.insert(args.end(), {"--iterations", std::to_string(options["iterations"].get<long long>())});
        if (isSet(options, "stages") && options["stages"].is_array()) {
            for (const json &st : options["stages"]) {
                if (!st.is_object() || !st.contains("duration"))
                    continue;
                const auto d = durationText(st["duration"]);
                const long long target = st.contains("target") && st["target"].is_number() ? st["target"].get<long long>() : 0;
                if (d)
                    args.insert(args.end(), {"--stage", *d + ":" + std::to_string(target)});
            }
        }
    }
    if (isSet(options, "tags") && options["tags"].is_object())
        for (auto it = options["tags"].begin(); it != options["tags"].end(); ++it)
            if (it->is_string())
                args.insert(args.end(), {"--tag", it.key() + "=" + it->get<std::string>()});
    if (isSet(options, "summaryTrendStats") && options["summaryTrendStats"].is_array()) {
        std::string stats;
        for (const json &s : options["summaryTrendStats"])
            if (s.is_string())
                stats += (stats.empty() ? "" : ",") + s.get<std::string>();
        if (!stats.empty())
            args.insert(args.end(), {"--summary-trend-stats", stats});
    }
    if (isSet(options, "summaryTimeUnit") && options["summaryTimeUnit"].is_string() &&
        !options["summaryTimeUnit"].get<std::string>().empty())
        args.insert(args.end(), {"--summary-time-unit", options["summaryTimeUnit"].get<std::string>()});
    if (isSet(options, "userAgent") && options["userAgent"].is_string() && !options["userAgent"].get<std::string>().empty())
        args.insert(args.end(), {"--user-agent", options["userAgent"].get<std::string>()});
    for (const auto &[key, flag] : {std::pair{"insecureSkipTLSVerify", "--insecure-skip-tls-verify"},
                                    std::pair{"noConnectionReuse", "--no-connection-reuse"},
                                    std::pair{"noVUConnectionReuse", "--no-vu-connection-reuse"}})
        if (isSet(options, key) && options[key].is_boolean() && options[key].get<bool>())
            args.emplace_back(flag);
    return args;
}

Result<RerunPlan> prepareRerun(const RunRecord &run, const std::vector<RunInfo::File> &files, const fs::path &workDir,
                               const std::map<std::string, std::string> &currentEnv)
{
    RerunPlan plan;
    const fs::path original(run.test);
    const fs::path root = original.parent_path();
    std::error_code ec;

    // The original, if nothing it consists of has changed since the run.
    bool unchanged = !run.test.empty() && fs::is_regular_file(original, ec);
    if (unchanged && files.empty()) {
        auto text = readFile(original);
        unchanged = text && (run.scriptHash.empty() || sha256Of(*text) == run.scriptHash);
    }
    for (const RunInfo::File &f : files) {
        if (!unchanged)
            break;
        const fs::path p = fs::path(f.path).is_absolute() ? fs::path(f.path) : root / f.path;
        auto text = readFile(p);
        unchanged = text && sha256Of(*text) == f.sha256;
    }

    fs::create_directories(workDir, ec);
    if (ec)
        return Error{"cannot create the directory: " + ec.message(), workDir.string()};

    if (unchanged) {
        plan.script = original.string();
    } else {
        if (files.empty())
            return Error{"the script has changed or is gone, and run #" + std::to_string(run.id) +
                             " has no recorded snapshot to run instead",
                         run.test};
        const std::string hash = run.scriptHash.empty() ? sha256Of(files.front().content) : run.scriptHash;
        const fs::path dir = workDir / ("snapshot-" + hash.substr(0, 16));
        for (const RunInfo::File &f : files) {
            const fs::path rel = fs::path(f.path).lexically_normal();
            if (rel.is_absolute())
                continue; // outside the script's folder: read from where it is
            if (rel.empty() || *rel.begin() == "..")
                return Error{"the recorded file \"" + f.path + "\" lies outside the snapshot", run.test};
            if (Status s = writeFile(dir / rel, f.content); !s)
                return s.error();
        }
        plan.script = (dir / fs::path(files.front().path).lexically_normal()).string();
        plan.fromSnapshot = true;
        plan.note = fs::is_regular_file(original, ec) ? "the script has changed since run #" + std::to_string(run.id)
                                                      : "the script is no longer at " + run.test;
    }

    const fs::path config = workDir / ("options-" + std::to_string(run.id) + ".json");
    if (Status s = writeFile(config, (run.options.is_object() ? run.options : json::object()).dump(2) + "\n"); !s)
        return s.error();
    plan.configPath = config.string();
    plan.args = {"--config", plan.configPath};
    const std::vector<std::string> flags = optionFlags(run.options);
    plan.args.insert(plan.args.end(), flags.begin(), flags.end());
    if (run.environment.is_object()) {
        for (auto it = run.environment.begin(); it != run.environment.end(); ++it) {
            if (!it->is_string() || isProcessNoise(it.key()) || isSecretName(it.key()))
                continue;
            const auto now = currentEnv.find(it.key());
            if (now == currentEnv.end() || now->second != it->get<std::string>())
                plan.args.insert(plan.args.end(), {"--env", it.key() + "=" + it->get<std::string>()});
        }
    }
    return plan;
}

} // namespace stampede::storage
