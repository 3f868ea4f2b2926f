#pragma once

#include "core/storage/historydb.h"
#include "core/util/error.h"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace stampede::storage {

// How to run a recorded run again with the same script and options.
struct RerunPlan
{
    std::string script;            // absolute path of the script to run
    bool fromSnapshot = false;     // the recorded snapshot (written under the work directory), not the original
    std::string note;              // why the snapshot is used; empty when running the original
    std::string configPath;        // the recorded options, passed with --config
    std::vector<std::string> args; // flags for `stampede run`, to go before the script
};

// Prepares the re-run of `run` (its recorded files in `files`, main script first):
//
// Script: the original file when it and every recorded local file are unchanged (same
// SHA-256), so the new run belongs to the same test and its baseline. Otherwise the
// recorded snapshot is written to <workDir>/snapshot-<hash>/ with its relative layout
// and run from there (files recorded with absolute paths are read where they are).
//
// Options: the recorded options are the run's resolved options (all layers merged), but
// --config is the lowest layer and the script's own options would win over it. So every
// recorded option goes into <workDir>/options-<id>.json for --config, and the ones with
// a flag (vus, duration, iterations, stages, tags, summary stats and time unit, user
// agent, TLS and connection reuse switches) are also given as flags, the highest layer.
// Shortcut flags (duration, iterations, stages) are left out when the run had scenarios:
// those came from the script, which is the same code, and a shortcut flag would drop them.
//
// Environment: recorded __ENV variables that are missing from or different in
// `currentEnv` are passed with -e (secrets were never recorded; the current environment
// still provides them).
Result<RerunPlan> prepareRerun(const RunRecord &run, const std::vector<RunInfo::File> &files,
                               const std::filesystem::path &workDir,
                               const std::map<std::string, std::string> &currentEnv);

// The flags above for a set of resolved options (exposed for tests).
std::vector<std::string> optionFlags(const nlohmann::json &options);

} // namespace stampede::storage
