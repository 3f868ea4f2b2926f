#include "core/storage/recorder.h"

#include <QByteArray>
#include <QCryptographicHash>

#include <chrono>
#include <fstream>
#include <cctype>
#include <optional>
#include <set>
#include <sstream>

namespace stampede::storage {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string sha256Hex(const std::string &data)
{
    const QByteArray hash = QCryptographicHash::hash(QByteArrayView(data.data(), qsizetype(data.size())),
                                                     QCryptographicHash::Sha256);
    return hash.toHex().toStdString();
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

bool isLocalSpecifier(const std::string &s)
{
    return s.rfind("./", 0) == 0 || s.rfind("../", 0) == 0 || s.rfind("/", 0) == 0 || s.rfind("file://", 0) == 0;
}

void collectChecks(const json &group, json &out)
{
    if (!group.is_object())
        return;
    for (const json &c : group.value("checks", json::array()))
        out.push_back({{"path", c.value("path", "")}, {"name", c.value("name", "")},
                       {"passes", c.value("passes", 0)}, {"fails", c.value("fails", 0)}});
    for (const json &g : group.value("groups", json::array()))
        collectChecks(g, out);
}

} // namespace

std::vector<std::string> importSpecifiers(std::string_view source)
{
    // Comments could hide or fake imports: blank them out first (strings are kept).
    std::string text(source);
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"' || c == '\'' || c == '`') {
            for (++i; i < text.size() && text[i] != c; ++i) {
                if (text[i] == '\\')
                    ++i;
            }
        } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
            while (i < text.size() && text[i] != '\n')
                text[i++] = ' ';
        } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
            const size_t end = text.find("*/", i + 2);
            const size_t stop = end == std::string::npos ? text.size() : end + 2;
            for (; i < stop; ++i) {
                if (text[i] != '\n')
                    text[i] = ' ';
            }
            --i;
        }
    }
    auto isIdent = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '$'; };
    auto skipSpace = [&](size_t j) {
        while (j < text.size() && std::isspace(static_cast<unsigned char>(text[j])))
            ++j;
        return j;
    };
    // A string literal at j, if there is one.
    auto literal = [&](size_t j) -> std::optional<std::string> {
        if (j >= text.size() || (text[j] != '"' && text[j] != '\''))
            return std::nullopt;
        const size_t end = text.find(text[j], j + 1);
        if (end == std::string::npos || text.find('\n', j) < end)
            return std::nullopt;
        return text.substr(j + 1, end - j - 1);
    };
    std::vector<std::string> out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '"' || text[i] == '\'' || text[i] == '`') {
            // Skip other string literals: an import inside a string is no import.
            const char quote = text[i];
            for (++i; i < text.size() && text[i] != quote; ++i) {
                if (text[i] == '\\')
                    ++i;
            }
            continue;
        }
        if (!std::isalpha(static_cast<unsigned char>(text[i])) || (i > 0 && (isIdent(text[i - 1]) || text[i - 1] == '.')))
            continue;
        size_t e = i;
        while (e < text.size() && isIdent(text[e]))
            ++e;
        const std::string_view word(text.data() + i, e - i);
        const size_t j = skipSpace(e);
        std::optional<std::string> spec;
        if (word == "require" || word == "open" || word == "import") {
            if (j < text.size() && text[j] == '(')
                spec = literal(skipSpace(j + 1));
        }
        if (!spec && word == "import")
            spec = literal(j);
        if (!spec && (word == "import" || word == "export")) {
            // import x from '...', import {a, b} from '...', export * from '...'
            for (size_t k = j; k < text.size() && k < j + 4000; ++k) {
                const char ch = text[k];
                if (ch == ';' || ch == '"' || ch == '\'' || ch == '`' || ch == '(' || ch == '=')
                    break;
                if (text.compare(k, 4, "from") == 0 && !isIdent(text[k - 1]) &&
                    (k + 4 >= text.size() || !isIdent(text[k + 4]))) {
                    spec = literal(skipSpace(k + 4));
                    break;
                }
            }
        }
        if (spec) {
            out.push_back(*spec);
            // Continue after the specifier's closing quote.
            const size_t at = text.find(*spec, e);
            i = at == std::string::npos ? e - 1 : at + spec->size();
            continue;
        }
        i = e - 1;
    }
    return out;
}

Result<RunInfo> describeRun(const fs::path &script, const json &options, const std::map<std::string, std::string> &environment)
{
    std::error_code ec;
    fs::path main = fs::weakly_canonical(fs::absolute(script, ec), ec);
    if (ec)
        main = fs::absolute(script);
    auto content = readFile(main);
    if (!content)
        return Error{"cannot read the script", main.string()};
    RunInfo info;
    info.test = main.string();
    info.scriptName = main.filename().string();
    info.scriptHash = sha256Hex(*content);
    info.options = options.is_object() ? options : json::object();
    for (const auto &[k, v] : environment) {
        if (!isSecretName(k))
            info.environment[k] = v;
    }
    const fs::path root = main.parent_path();
    constexpr size_t kMaxFiles = 200, kMaxBytes = 20u << 20;
    size_t total = 0;
    std::set<fs::path> seen{main};
    std::vector<std::pair<fs::path, std::string>> queue{{main, *content}};
    for (size_t i = 0; i < queue.size() && info.files.size() < kMaxFiles; ++i) {
        const fs::path path = queue[i].first; // copies: the queue grows below
        const std::string text = queue[i].second;
        const fs::path rel = path.lexically_relative(root);
        info.files.push_back({rel.empty() || rel.native().rfind("..", 0) == 0 ? path.string() : rel.string(),
                              sha256Hex(text), text});
        total += text.size();
        const std::string ext = path.extension().string();
        if (ext != ".js" && ext != ".mjs" && ext != ".cjs" && ext != ".ts")
            continue; // data files (open()) are kept but not parsed
        for (std::string spec : importSpecifiers(text)) {
            if (!isLocalSpecifier(spec))
                continue;
            if (spec.rfind("file://", 0) == 0)
                spec = spec.substr(7);
            fs::path dep = spec.front() == '/' ? fs::path(spec) : path.parent_path() / spec;
            dep = fs::weakly_canonical(dep, ec);
            if (ec || seen.count(dep) || !fs::is_regular_file(dep, ec))
                continue;
            seen.insert(dep);
            auto depText = readFile(dep);
            if (!depText || total + depText->size() > kMaxBytes)
                continue;
            queue.push_back({dep, std::move(*depText)});
        }
    }
    return info;
}

Result<std::unique_ptr<HistoryRecorder>> HistoryRecorder::create(output::OutputContext ctx, const std::string &dbPath,
                                                                 RunInfo info)
{
    auto db = HistoryDb::open(dbPath);
    if (!db)
        return db.error();
    return std::unique_ptr<HistoryRecorder>(new HistoryRecorder(std::move(ctx), std::move(*db), std::move(info)));
}

HistoryRecorder::HistoryRecorder(output::OutputContext ctx, std::unique_ptr<HistoryDb> db, RunInfo info)
    : ThreadedOutput(std::move(ctx)), m_db(std::move(db)), m_path(m_db->path()), m_info(std::move(info))
{
}

HistoryRecorder::~HistoryRecorder() = default;

Status HistoryRecorder::open()
{
    m_startNs = nowNs();
    auto id = m_db->beginRun(m_info, m_startNs / 1000000);
    if (!id) {
        // The history must never stop a test: warn and run without it.
        m_failed = true;
        if (m_ctx.warn)
            m_ctx.warn("the run is not recorded in the history: " + id.error().toString());
        return {};
    }
    m_runId = *id;
    m_info.files.clear(); // stored; no need to keep the copies
    return {};
}

void HistoryRecorder::setThresholdStates(const json &states)
{
    std::lock_guard lock(m_thresholdMutex);
    m_thresholds = states;
}

HistoryRecorder::Second &HistoryRecorder::secondFor(int64_t timeUnixNs)
{
    int64_t t = timeUnixNs > m_startNs ? (timeUnixNs - m_startNs) / 1000000000 : 0;
    if (t < m_nextSecond)
        t = m_nextSecond; // late for a second already written: count it in the first open one
    auto it = m_open.find(t);
    if (it == m_open.end()) {
        it = m_open.emplace(t, Second{}).first;
        it->second.row.t = t;
    }
    return it->second;
}

void HistoryRecorder::write(const metrics::SampleBatch &batch)
{
    const auto &b = m_ctx.registry->builtin();
    static const std::string empty;
    for (const metrics::Sample &s : batch) {
        Second &sec = secondFor(s.timeUnixNs);
        SecondRow &r = sec.row;
        auto endpoint = [&]() -> EndpointStats * {
            const std::string *name = s.tags ? s.tags->find("name") : nullptr;
            const std::string *method = s.tags ? s.tags->find("method") : nullptr;
            std::pair<std::string, std::string> key{method ? *method : empty, name ? *name : empty};
            if (!m_knownEndpoints.count(key)) {
                if (m_knownEndpoints.size() >= kMaxEndpoints)
                    key = {"", "(other)"};
                m_knownEndpoints[key] = true;
            }
            EndpointStats &e = sec.endpoints[key];
            e.method = key.first;
            e.name = key.second;
            return &e;
        };
        if (s.metric == b.vus) {
            m_vus = s.value;
            r.vus = std::max(r.vus, s.value);
            sec.sawVus = true;
        } else if (s.metric == b.vusMax) {
            m_vusMax = s.value;
            r.vusMax = std::max(r.vusMax, s.value);
        } else if (s.metric == b.iterations) {
            ++r.iterations;
        } else if (s.metric == b.httpReqs) {
            ++r.requests;
            ++endpoint()->requests;
        } else if (s.metric == b.httpReqFailed) {
            if (s.value != 0) {
                ++r.failed;
                ++endpoint()->failed;
            }
        } else if (s.metric == b.httpReqDuration) {
            r.duration.add(s.value);
            endpoint()->duration.add(s.value);
        } else if (s.metric == b.dataSent) {
            r.dataSent += s.value;
        } else if (s.metric == b.dataReceived) {
            r.dataReceived += s.value;
        } else if (s.metric == b.checks) {
            ++(s.value != 0 ? r.checksPassed : r.checksFailed);
        }
    }
}

void HistoryRecorder::tick()
{
    const int64_t elapsedMs = (nowNs() - m_startNs) / 1000000;
    // Second t covers [t, t+1) s; write it once the grace period after its end has passed.
    const int64_t ready = (elapsedMs - kGraceMs) / 1000 - 1;
    if (ready >= m_nextSecond)
        flushUpTo(ready);
}

void HistoryRecorder::flushUpTo(int64_t lastSecond)
{
    for (int64_t t = m_nextSecond; t <= lastSecond; ++t) {
        Second sec;
        if (auto it = m_open.find(t); it != m_open.end()) {
            sec = std::move(it->second);
            m_open.erase(it);
        }
        sec.row.t = t;
        // Gauges carry over seconds without a sample.
        if (!sec.sawVus)
            sec.row.vus = m_vus;
        sec.row.vusMax = std::max(sec.row.vusMax, m_vusMax);
        SecondWrite w{std::move(sec.row), {}};
        for (auto &[key, e] : sec.endpoints)
            w.endpoints.push_back(std::move(e));
        m_nextSecond = t + 1;
        if (m_failed)
            continue;
        if (Status s = m_db->writeSecond(m_runId, w); !s) {
            m_failed = true;
            if (m_ctx.warn)
                m_ctx.warn("the run history stopped recording: " + s.error().toString());
        }
    }
}

Status HistoryRecorder::close()
{
    const int64_t last = m_open.empty() ? m_nextSecond - 1 : m_open.rbegin()->first;
    flushUpTo(last);
    return {};
}

Status HistoryRecorder::finish(int exitCode, const json &summaryData)
{
    if (m_runId == 0)
        return Error{"the run was not recorded", m_path};
    RunOutcome o;
    o.endedMs = nowNs() / 1000000;
    o.exitCode = exitCode;
    o.verdict = verdictForExitCode(exitCode);
    o.summary = summaryData.is_object() ? summaryData : json::object();
    {
        std::lock_guard lock(m_thresholdMutex);
        o.thresholds = m_thresholds;
    }
    // The final verdicts are in the summary data (metrics.<name>.thresholds.<expr>.ok).
    if (o.summary.contains("metrics") && o.summary["metrics"].is_object()) {
        for (auto it = o.summary["metrics"].begin(); it != o.summary["metrics"].end(); ++it) {
            if (!it->is_object() || !it->contains("thresholds"))
                continue;
            for (auto th = (*it)["thresholds"].begin(); th != (*it)["thresholds"].end(); ++th)
                o.thresholds[it.key()][th.key()] = th->value("ok", false);
        }
    }
    collectChecks(o.summary.value("root_group", json::object()), o.checks);
    return m_db->finishRun(m_runId, o);
}

} // namespace stampede::storage
