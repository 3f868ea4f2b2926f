#pragma once

#include "core/metrics/histogram.h"
#include "core/storage/sqlite.h"
#include "core/util/error.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stampede::storage {

// How a run ended. "running" is only ever seen while the recording process lives;
// a run whose process died without finishing is marked interrupted on the next open.
enum class Verdict { Running, Passed, ThresholdsFailed, Aborted, Interrupted, Error };
const char *toString(Verdict v); // "running", "passed", "thresholds failed", ...
std::optional<Verdict> verdictFromString(std::string_view text); // also accepts "thresholds_failed"
Verdict verdictForExitCode(int exitCode);

// What is known about a run when it starts.
struct RunInfo
{
    std::string test;       // the test's identity: the script's absolute path
    std::string scriptName; // the script's file name, for display
    std::string scriptHash; // SHA-256 of the main script
    std::string source = "cli";
    nlohmann::json options = nlohmann::json::object();     // the resolved options
    nlohmann::json environment = nlohmann::json::object(); // __ENV minus secrets
    struct File
    {
        std::string path; // relative to the main script's directory ("script.js", "lib/util.js")
        std::string sha256;
        std::string content;
    };
    std::vector<File> files; // the main script first, then the local files it imports
};

struct RunRecord
{
    int64_t id = 0;
    std::string test, scriptName, scriptHash, source, host;
    int64_t startedMs = 0; // Unix time
    int64_t endedMs = 0;   // 0 = unknown
    Verdict verdict = Verdict::Running;
    int exitCode = -1;     // -1 = unknown (interrupted without an exit)
    bool baseline = false;
    int64_t pid = 0;
    nlohmann::json options, environment, summary, thresholds, checks;
    double durationSeconds() const { return endedMs > startedMs ? double(endedMs - startedMs) / 1000.0 : 0.0; }
};

// One second of a run (t = whole seconds since the start).
struct SecondRow
{
    int64_t t = 0;
    double vus = 0, vusMax = 0;
    uint64_t iterations = 0, requests = 0, failed = 0, checksPassed = 0, checksFailed = 0;
    double dataSent = 0, dataReceived = 0;
    metrics::Histogram duration; // http_req_duration, ms
};

struct EndpointStats
{
    std::string method, name;
    uint64_t requests = 0, failed = 0;
    metrics::Histogram duration;
};

struct SecondWrite
{
    SecondRow row;
    std::vector<EndpointStats> endpoints; // this second's figures per method and name
};

struct RunOutcome
{
    int64_t endedMs = 0;
    int exitCode = 0;
    Verdict verdict = Verdict::Passed;
    nlohmann::json summary = nlohmann::json::object();
    nlohmann::json thresholds = nlohmann::json::object(); // {"metric{sel}": {"expr": ok}}
    nlohmann::json checks = nlohmann::json::array();      // [{"path","name","passes","fails"}]
};

struct RunFilter
{
    std::string test; // matches the script name exactly or any part of the path
    std::optional<int64_t> sinceMs, untilMs;
    std::optional<Verdict> verdict;
    int limit = 0; // 0 = all
};

// The local run history: an SQLite file in WAL mode (several processes may record
// at once), with ordered schema migrations tracked in PRAGMA user_version.
class HistoryDb
{
public:
    static constexpr int kSchemaVersion = 2;

    // --history-db, else $STAMPEDE_HISTORY_DB, else <XDG data dir>/stampede/history.sqlite.
    static std::string defaultPath();

    // Opens or creates the database, migrates it to `targetVersion` (tests use older
    // versions) and marks runs left "running" by dead processes as interrupted.
    static Result<std::unique_ptr<HistoryDb>> open(const std::string &path, int targetVersion = kSchemaVersion);

    const std::string &path() const { return m_db.path(); }
    Result<int> schemaVersion();
    Result<std::string> integrityCheck(); // "ok" when healthy

    // Recording.
    Result<int64_t> beginRun(const RunInfo &info, int64_t startedMs);
    Status writeSecond(int64_t runId, const SecondWrite &second); // one transaction
    Status finishRun(int64_t runId, const RunOutcome &outcome);
    Result<int> markStaleRuns();

    // Queries.
    Result<std::vector<RunRecord>> listRuns(const RunFilter &filter);
    Result<RunRecord> run(int64_t id);
    Result<std::optional<int64_t>> baselineOf(const std::string &test);
    Status setBaseline(int64_t id, bool on); // at most one baseline per test
    Status deleteRun(int64_t id);
    Result<std::vector<SecondRow>> seconds(int64_t id);
    // Per method and name over the whole run (merged from the per-second rows).
    Result<std::vector<EndpointStats>> endpoints(int64_t id);
    Result<std::vector<RunInfo::File>> files(int64_t id);

    sql::Connection &connection() { return m_db; }

private:
    explicit HistoryDb(sql::Connection db) : m_db(std::move(db)) {}
    Status migrate(int targetVersion);

    sql::Connection m_db;
};

// Whether an environment variable's name looks like a secret
// (TOKEN, SECRET, PASSWORD, KEY, AUTH or COOKIE anywhere, any case).
bool isSecretName(std::string_view name);

} // namespace stampede::storage
