#include "core/storage/historydb.h"

#include "core/storage/histcodec.h"

#include <QDir>
#include <QStandardPaths>
#include <QString>

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <map>

namespace stampede::storage {

using json = nlohmann::json;

namespace {

// Ordered migrations: step i brings the schema from version i to i + 1.
// Never edit a released step; append a new one.
const char *const kMigrations[] = {
    // 0 -> 1: runs, script snapshots, the per-second series with histograms.
    R"(
CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    test TEXT NOT NULL,
    script_name TEXT NOT NULL,
    script_hash TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT 'cli',
    started_at INTEGER NOT NULL,
    ended_at INTEGER,
    status TEXT NOT NULL,
    exit_code INTEGER,
    pid INTEGER,
    host TEXT,
    options TEXT,
    environment TEXT,
    summary TEXT,
    thresholds TEXT,
    checks TEXT
);
CREATE TABLE run_files (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY (run_id, path)
);
CREATE TABLE seconds (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    t INTEGER NOT NULL,
    vus REAL NOT NULL,
    vus_max REAL NOT NULL,
    iterations INTEGER NOT NULL,
    requests INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    checks_passed INTEGER NOT NULL,
    checks_failed INTEGER NOT NULL,
    data_sent REAL NOT NULL,
    data_received REAL NOT NULL,
    duration BLOB NOT NULL,
    PRIMARY KEY (run_id, t)
) WITHOUT ROWID;
CREATE TABLE endpoint_seconds (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    method TEXT NOT NULL,
    name TEXT NOT NULL,
    t INTEGER NOT NULL,
    requests INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    duration BLOB NOT NULL,
    PRIMARY KEY (run_id, method, name, t)
) WITHOUT ROWID;
)",
    // 1 -> 2: pinned baselines (one per test) and an index for listing by test and date.
    R"(
ALTER TABLE runs ADD COLUMN baseline INTEGER NOT NULL DEFAULT 0;
CREATE INDEX runs_by_test ON runs (test, started_at);
CREATE INDEX runs_by_start ON runs (started_at);
CREATE UNIQUE INDEX runs_one_baseline_per_test ON runs (test) WHERE baseline = 1;
)",
};
static_assert(std::size(kMigrations) == HistoryDb::kSchemaVersion);

std::string hostName()
{
    char buf[256] = {};
    if (gethostname(buf, sizeof buf - 1) != 0)
        return {};
    return buf;
}

bool processAlive(int64_t pid)
{
    if (pid <= 0)
        return false;
    if (pid == int64_t(getpid()))
        return true;
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
}

json parseJson(const std::string &text, json fallback)
{
    if (text.empty())
        return fallback;
    json j = json::parse(text, nullptr, false);
    return j.is_discarded() ? fallback : j;
}

constexpr const char *kRunColumns =
    "id, test, script_name, script_hash, source, host, started_at, ended_at, status, exit_code, baseline, pid, "
    "options, environment, summary, thresholds, checks";

RunRecord readRun(const sql::Statement &st)
{
    RunRecord r;
    r.id = st.columnInt(0);
    r.test = st.columnText(1);
    r.scriptName = st.columnText(2);
    r.scriptHash = st.columnText(3);
    r.source = st.columnText(4);
    r.host = st.columnText(5);
    r.startedMs = st.columnInt(6);
    r.endedMs = st.columnIsNull(7) ? 0 : st.columnInt(7);
    r.verdict = verdictFromString(st.columnText(8)).value_or(Verdict::Error);
    r.exitCode = st.columnIsNull(9) ? -1 : int(st.columnInt(9));
    r.baseline = st.columnInt(10) != 0;
    r.pid = st.columnInt(11);
    r.options = parseJson(st.columnText(12), json::object());
    r.environment = parseJson(st.columnText(13), json::object());
    r.summary = parseJson(st.columnText(14), json::object());
    r.thresholds = parseJson(st.columnText(15), json::object());
    r.checks = parseJson(st.columnText(16), json::array());
    return r;
}

} // namespace

const char *toString(Verdict v)
{
    switch (v) {
    case Verdict::Running: return "running";
    case Verdict::Passed: return "passed";
    case Verdict::ThresholdsFailed: return "thresholds failed";
    case Verdict::Aborted: return "aborted";
    case Verdict::Interrupted: return "interrupted";
    case Verdict::Error: return "error";
    }
    return "error";
}

std::optional<Verdict> verdictFromString(std::string_view text)
{
    std::string t(text);
    std::replace(t.begin(), t.end(), '_', ' ');
    std::replace(t.begin(), t.end(), '-', ' ');
    for (Verdict v : {Verdict::Running, Verdict::Passed, Verdict::ThresholdsFailed, Verdict::Aborted,
                      Verdict::Interrupted, Verdict::Error}) {
        if (t == toString(v))
            return v;
    }
    if (t == "failed")
        return Verdict::ThresholdsFailed;
    return std::nullopt;
}

Verdict verdictForExitCode(int exitCode)
{
    switch (exitCode) {
    case 0: return Verdict::Passed;
    case 99: return Verdict::ThresholdsFailed;
    case 105: return Verdict::Interrupted;
    case 103:                   // stopped through the REST API
    case 108:                   // test.abort()
    case 110: return Verdict::Aborted; // marked as failed
    default: return Verdict::Error;
    }
}

bool isSecretName(std::string_view name)
{
    std::string upper(name);
    for (char &c : upper)
        c = char(std::toupper(static_cast<unsigned char>(c)));
    for (const char *word : {"TOKEN", "SECRET", "PASSWORD", "KEY", "AUTH", "COOKIE"}) {
        if (upper.find(word) != std::string::npos)
            return true;
    }
    return false;
}

std::string HistoryDb::defaultPath()
{
    if (const char *env = std::getenv("STAMPEDE_HISTORY_DB"); env && *env)
        return env;
    // GenericDataLocation + "stampede" is AppDataLocation for an application named
    // "stampede", and works in the CLI, which has no QCoreApplication.
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (base.isEmpty())
        base = QDir::homePath() + QLatin1String("/.local/share");
    return QString(base + QLatin1String("/stampede/history.sqlite")).toStdString();
}

Result<std::unique_ptr<HistoryDb>> HistoryDb::open(const std::string &path, int targetVersion)
{
    if (targetVersion < 1 || targetVersion > kSchemaVersion)
        return Error{"unsupported schema version " + std::to_string(targetVersion), path};
    std::error_code ec;
    const std::filesystem::path p(path);
    if (p.has_parent_path())
        std::filesystem::create_directories(p.parent_path(), ec);
    auto conn = sql::Connection::open(path);
    if (!conn)
        return conn.error();
    std::unique_ptr<HistoryDb> db(new HistoryDb(std::move(*conn)));
    // WAL: readers never block the writer and two recording processes interleave their
    // short per-second transactions; synchronous=NORMAL is durable across process crashes.
    {
        auto mode = db->m_db.prepare("PRAGMA journal_mode=WAL");
        if (!mode)
            return mode.error();
        if (auto r = mode->step(); !r)
            return r.error();
    }
    if (Status s = db->m_db.exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"); !s)
        return s.error();
    if (Status s = db->migrate(targetVersion); !s)
        return s.error();
    if (auto stale = db->markStaleRuns(); !stale)
        return stale.error();
    return db;
}

Status HistoryDb::migrate(int targetVersion)
{
    auto current = m_db.queryInt("PRAGMA user_version");
    if (!current)
        return current.error();
    if (*current >= targetVersion) {
        if (*current > kSchemaVersion)
            return Error{"the history database has schema version " + std::to_string(*current) +
                             ", newer than this Stampede understands (" + std::to_string(kSchemaVersion) + ")",
                         path()};
        return {};
    }
    // Another process may be migrating at the same moment: re-read inside the write lock.
    sql::Transaction tx(m_db);
    if (Status s = tx.begin(); !s)
        return s;
    auto version = m_db.queryInt("PRAGMA user_version");
    if (!version)
        return version.error();
    for (int v = int(*version); v < targetVersion; ++v) {
        if (Status s = m_db.exec(kMigrations[v]); !s)
            return Error{"migration to schema version " + std::to_string(v + 1) + " failed: " + s.error().message,
                         path()};
        if (Status s = m_db.exec("PRAGMA user_version = " + std::to_string(v + 1)); !s)
            return s;
    }
    return tx.commit();
}

Result<int> HistoryDb::schemaVersion()
{
    auto v = m_db.queryInt("PRAGMA user_version");
    if (!v)
        return v.error();
    return int(*v);
}

Result<std::string> HistoryDb::integrityCheck()
{
    auto st = m_db.prepare("PRAGMA integrity_check");
    if (!st)
        return st.error();
    std::string out;
    if (Status s = st->forEachRow([&](const sql::Statement &row) -> Status {
            out += (out.empty() ? "" : "\n") + row.columnText(0);
            return {};
        });
        !s)
        return s.error();
    return out;
}

Result<int64_t> HistoryDb::beginRun(const RunInfo &info, int64_t startedMs)
{
    sql::Transaction tx(m_db);
    if (Status s = tx.begin(); !s)
        return s.error();
    auto ins = m_db.prepare("INSERT INTO runs (test, script_name, script_hash, source, started_at, status, pid, host, "
                            "options, environment) VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?, ?)");
    if (!ins)
        return ins.error();
    ins->bind(1, info.test).bind(2, info.scriptName).bind(3, info.scriptHash).bind(4, info.source);
    ins->bind(5, startedMs).bind(6, int64_t(getpid())).bind(7, hostName());
    ins->bind(8, info.options.dump()).bind(9, info.environment.dump());
    if (Status s = ins->run(); !s)
        return s.error();
    const int64_t id = m_db.lastInsertId();
    auto file = m_db.prepare("INSERT OR REPLACE INTO run_files (run_id, path, sha256, content) VALUES (?, ?, ?, ?)");
    if (!file)
        return file.error();
    for (const auto &f : info.files) {
        file->reset();
        file->bind(1, id).bind(2, f.path).bind(3, f.sha256);
        file->bindBlob(4, std::vector<uint8_t>(f.content.begin(), f.content.end()));
        if (Status s = file->run(); !s)
            return s.error();
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    return id;
}

Status HistoryDb::writeSecond(int64_t runId, const SecondWrite &second)
{
    sql::Transaction tx(m_db);
    if (Status s = tx.begin(); !s)
        return s;
    auto row = m_db.prepare("INSERT OR REPLACE INTO seconds (run_id, t, vus, vus_max, iterations, requests, failed, "
                            "checks_passed, checks_failed, data_sent, data_received, duration) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!row)
        return row.error();
    const SecondRow &r = second.row;
    row->bind(1, runId).bind(2, r.t).bind(3, r.vus).bind(4, r.vusMax).bind(5, int64_t(r.iterations));
    row->bind(6, int64_t(r.requests)).bind(7, int64_t(r.failed)).bind(8, int64_t(r.checksPassed));
    row->bind(9, int64_t(r.checksFailed)).bind(10, r.dataSent).bind(11, r.dataReceived);
    row->bindBlob(12, encodeHistogram(r.duration));
    if (Status s = row->run(); !s)
        return s;
    if (!second.endpoints.empty()) {
        auto ep = m_db.prepare("INSERT OR REPLACE INTO endpoint_seconds (run_id, method, name, t, requests, failed, "
                               "duration) VALUES (?, ?, ?, ?, ?, ?, ?)");
        if (!ep)
            return ep.error();
        for (const EndpointStats &e : second.endpoints) {
            ep->reset();
            ep->bind(1, runId).bind(2, e.method).bind(3, e.name).bind(4, r.t);
            ep->bind(5, int64_t(e.requests)).bind(6, int64_t(e.failed)).bindBlob(7, encodeHistogram(e.duration));
            if (Status s = ep->run(); !s)
                return s;
        }
    }
    // The end time advances with the data, so an interrupted run still shows how long it ran.
    auto upd = m_db.prepare("UPDATE runs SET ended_at = started_at + ? WHERE id = ? AND status = 'running'");
    if (!upd)
        return upd.error();
    upd->bind(1, (r.t + 1) * 1000).bind(2, runId);
    if (Status s = upd->run(); !s)
        return s;
    return tx.commit();
}

Status HistoryDb::finishRun(int64_t runId, const RunOutcome &o)
{
    auto st = m_db.prepare("UPDATE runs SET ended_at = ?, exit_code = ?, status = ?, summary = ?, thresholds = ?, "
                           "checks = ? WHERE id = ?");
    if (!st)
        return st.error();
    st->bind(1, o.endedMs).bind(2, o.exitCode).bind(3, toString(o.verdict)).bind(4, o.summary.dump());
    st->bind(5, o.thresholds.dump()).bind(6, o.checks.dump()).bind(7, runId);
    return st->run();
}

Result<int> HistoryDb::markStaleRuns()
{
    auto st = m_db.prepare("SELECT id, pid, host FROM runs WHERE status = 'running'");
    if (!st)
        return st.error();
    std::vector<int64_t> stale;
    const std::string host = hostName();
    if (Status s = st->forEachRow([&](const sql::Statement &row) -> Status {
            // Only this machine's processes can be checked; a run recorded elsewhere is left alone.
            if (row.columnText(2) == host && !processAlive(row.columnInt(1)))
                stale.push_back(row.columnInt(0));
            return {};
        });
        !s)
        return s.error();
    st->reset();
    if (stale.empty())
        return 0;
    auto upd = m_db.prepare("UPDATE runs SET status = 'interrupted' WHERE id = ? AND status = 'running'");
    if (!upd)
        return upd.error();
    int n = 0;
    for (int64_t id : stale) {
        upd->reset();
        upd->bind(1, id);
        if (Status s = upd->run(); !s)
            return s.error();
        n += m_db.changes();
    }
    return n;
}

Result<std::vector<RunRecord>> HistoryDb::listRuns(const RunFilter &f)
{
    std::string q = std::string("SELECT ") + kRunColumns + " FROM runs WHERE 1 = 1";
    if (!f.test.empty())
        q += " AND (script_name = ?1 OR instr(test, ?1) > 0)";
    if (f.sinceMs)
        q += " AND started_at >= ?2";
    if (f.untilMs)
        q += " AND started_at < ?3";
    if (f.verdict)
        q += " AND status = ?4";
    q += " ORDER BY started_at DESC, id DESC";
    if (f.limit > 0)
        q += " LIMIT " + std::to_string(f.limit);
    auto st = m_db.prepare(q);
    if (!st)
        return st.error();
    if (!f.test.empty())
        st->bind(1, f.test);
    if (f.sinceMs)
        st->bind(2, *f.sinceMs);
    if (f.untilMs)
        st->bind(3, *f.untilMs);
    if (f.verdict)
        st->bind(4, toString(*f.verdict));
    std::vector<RunRecord> out;
    if (Status s = st->forEachRow([&](const sql::Statement &row) -> Status {
            out.push_back(readRun(row));
            return {};
        });
        !s)
        return s.error();
    return out;
}

Result<RunRecord> HistoryDb::run(int64_t id)
{
    auto st = m_db.prepare(std::string("SELECT ") + kRunColumns + " FROM runs WHERE id = ?");
    if (!st)
        return st.error();
    st->bind(1, id);
    auto row = st->step();
    if (!row)
        return row.error();
    if (!*row)
        return Error{"no run #" + std::to_string(id) + " in the history", path()};
    return readRun(*st);
}

Result<std::optional<int64_t>> HistoryDb::baselineOf(const std::string &test)
{
    auto st = m_db.prepare("SELECT id FROM runs WHERE test = ? AND baseline = 1");
    if (!st)
        return st.error();
    st->bind(1, test);
    auto row = st->step();
    if (!row)
        return row.error();
    return *row ? std::optional<int64_t>(st->columnInt(0)) : std::nullopt;
}

Status HistoryDb::setBaseline(int64_t id, bool on)
{
    auto r = run(id);
    if (!r)
        return r.error();
    sql::Transaction tx(m_db);
    if (Status s = tx.begin(); !s)
        return s;
    auto clear = m_db.prepare("UPDATE runs SET baseline = 0 WHERE test = ?");
    if (!clear)
        return clear.error();
    clear->bind(1, r->test);
    if (on) {
        if (Status s = clear->run(); !s)
            return s;
    }
    auto set = m_db.prepare("UPDATE runs SET baseline = ? WHERE id = ?");
    if (!set)
        return set.error();
    set->bind(1, int64_t(on ? 1 : 0)).bind(2, id);
    if (Status s = set->run(); !s)
        return s;
    return tx.commit();
}

Status HistoryDb::deleteRun(int64_t id)
{
    sql::Transaction tx(m_db);
    if (Status s = tx.begin(); !s)
        return s;
    for (const char *q : {"DELETE FROM endpoint_seconds WHERE run_id = ?", "DELETE FROM seconds WHERE run_id = ?",
                          "DELETE FROM run_files WHERE run_id = ?", "DELETE FROM runs WHERE id = ?"}) {
        auto st = m_db.prepare(q);
        if (!st)
            return st.error();
        st->bind(1, id);
        if (Status s = st->run(); !s)
            return s;
    }
    if (m_db.changes() == 0)
        return Error{"no run #" + std::to_string(id) + " in the history", path()};
    return tx.commit();
}

Result<std::vector<SecondRow>> HistoryDb::seconds(int64_t id)
{
    auto st = m_db.prepare("SELECT t, vus, vus_max, iterations, requests, failed, checks_passed, checks_failed, "
                           "data_sent, data_received, duration FROM seconds WHERE run_id = ? ORDER BY t");
    if (!st)
        return st.error();
    st->bind(1, id);
    std::vector<SecondRow> out;
    if (Status s = st->forEachRow([&](const sql::Statement &row) -> Status {
            SecondRow r;
            r.t = row.columnInt(0);
            r.vus = row.columnDouble(1);
            r.vusMax = row.columnDouble(2);
            r.iterations = uint64_t(row.columnInt(3));
            r.requests = uint64_t(row.columnInt(4));
            r.failed = uint64_t(row.columnInt(5));
            r.checksPassed = uint64_t(row.columnInt(6));
            r.checksFailed = uint64_t(row.columnInt(7));
            r.dataSent = row.columnDouble(8);
            r.dataReceived = row.columnDouble(9);
            auto h = decodeHistogram(row.columnBlob(10));
            if (!h)
                return Error{"run #" + std::to_string(id) + ", second " + std::to_string(r.t) + ": " + h.error().message,
                             path()};
            r.duration = std::move(*h);
            out.push_back(std::move(r));
            return {};
        });
        !s)
        return s.error();
    return out;
}

Result<std::vector<EndpointStats>> HistoryDb::endpoints(int64_t id)
{
    auto st = m_db.prepare("SELECT method, name, requests, failed, duration FROM endpoint_seconds WHERE run_id = ? "
                           "ORDER BY method, name, t");
    if (!st)
        return st.error();
    st->bind(1, id);
    std::map<std::pair<std::string, std::string>, EndpointStats> merged;
    if (Status s = st->forEachRow([&](const sql::Statement &row) -> Status {
            const std::string method = row.columnText(0), name = row.columnText(1);
            EndpointStats &e = merged[{method, name}];
            e.method = method;
            e.name = name;
            e.requests += uint64_t(row.columnInt(2));
            e.failed += uint64_t(row.columnInt(3));
            auto h = decodeHistogram(row.columnBlob(4));
            if (!h)
                return Error{"run #" + std::to_string(id) + ", " + name + ": " + h.error().message, path()};
            e.duration.merge(*h);
            return {};
        });
        !s)
        return s.error();
    std::vector<EndpointStats> out;
    for (auto &[key, e] : merged)
        out.push_back(std::move(e));
    return out;
}

Result<std::vector<RunInfo::File>> HistoryDb::files(int64_t id)
{
    auto st = m_db.prepare("SELECT path, sha256, content FROM run_files WHERE run_id = ? ORDER BY rowid");
    if (!st)
        return st.error();
    st->bind(1, id);
    std::vector<RunInfo::File> out;
    if (Status s = st->forEachRow([&](const sql::Statement &row) -> Status {
            const auto blob = row.columnBlob(2);
            out.push_back({row.columnText(0), row.columnText(1), std::string(blob.begin(), blob.end())});
            return {};
        });
        !s)
        return s.error();
    return out;
}

} // namespace stampede::storage
