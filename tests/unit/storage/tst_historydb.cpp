// The history database: migrations, the histogram codec, recording through the output,
// stale runs, baselines, deletion, and what a run snapshot keeps (and drops).

#include "core/storage/histcodec.h"
#include "core/storage/historydb.h"
#include "core/storage/recorder.h"
#include "core/storage/sqlite.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <random>

using namespace Qt::StringLiterals;
using namespace stampede;
using namespace stampede::storage;

namespace {

std::string tempPath(const QTemporaryDir &dir, const char *name)
{
    return dir.filePath(QString::fromUtf8(name)).toStdString();
}

RunInfo sampleInfo(const std::string &test = "/tmp/project/script.js")
{
    RunInfo info;
    info.test = test;
    info.scriptName = "script.js";
    info.scriptHash = "abc123";
    info.options = {{"vus", 2}};
    info.files = {{"script.js", "abc123", "export default function () {}"}};
    return info;
}

// A process id that certainly belongs to no running process.
int64_t deadPid()
{
    QProcess p;
    p.start(u"true"_s, {});
    p.waitForFinished();
    return p.processId() ? p.processId() : 999999;
}

int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

class tst_HistoryDb : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void histogramCodecRoundTrips()
    {
        std::mt19937_64 rng(7);
        std::lognormal_distribution<double> dist(3.0, 0.8);
        metrics::Histogram h;
        for (int i = 0; i < 20000; ++i)
            h.add(dist(rng));
        h.add(0.0, 17);
        h.add(-2.5, 3);
        const auto blob = encodeHistogram(h);
        auto back = decodeHistogram(blob);
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
        QCOMPARE(back->count(), h.count());
        QCOMPARE(back->zeroCount(), h.zeroCount());
        QCOMPARE(back->sum(), h.sum());
        QCOMPARE(back->min(), h.min());
        QCOMPARE(back->max(), h.max());
        for (double p : {1.0, 50.0, 90.0, 95.0, 99.0, 99.9})
            QCOMPARE(back->percentile(p), h.percentile(p));
        QVERIFY2(blob.size() < 3000, std::to_string(blob.size()).c_str()); // compact: ~2 bytes per bucket
        // Empty and corrupt input.
        QCOMPARE(decodeHistogram(encodeHistogram(metrics::Histogram()))->count(), uint64_t(0));
        auto truncated = blob;
        truncated.resize(blob.size() / 2);
        QVERIFY(!decodeHistogram(truncated).ok());
        auto wrongFormat = blob;
        wrongFormat[0] = 99;
        QVERIFY(!decodeHistogram(wrongFormat).ok());
    }

    void createsTheLatestSchema()
    {
        QTemporaryDir dir;
        auto db = HistoryDb::open(tempPath(dir, "sub/dir/history.sqlite"));
        QVERIFY2(db.ok(), db.ok() ? "" : db.error().toString().c_str());
        QCOMPARE(*(*db)->schemaVersion(), HistoryDb::kSchemaVersion);
        QCOMPARE(*(*db)->integrityCheck(), std::string("ok"));
        QCOMPARE(*(*db)->connection().queryInt("SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"),
                 int64_t(1));
    }

    void upgradesFromVersion1()
    {
        QTemporaryDir dir;
        const std::string path = tempPath(dir, "history.sqlite");
        int64_t id = 0;
        {
            auto v1 = HistoryDb::open(path, 1);
            QVERIFY(v1.ok());
            QCOMPARE(*(*v1)->schemaVersion(), 1);
            // Version 1 has no baseline column.
            QVERIFY(!(*v1)->connection().exec("UPDATE runs SET baseline = 1").ok());
            auto r = (*v1)->beginRun(sampleInfo(), nowMs());
            QVERIFY(r.ok());
            id = *r;
            SecondWrite w;
            w.row.t = 0;
            w.row.requests = 5;
            w.row.duration.add(12.5, 5);
            w.endpoints.push_back({"GET", "home", 5, 1, w.row.duration});
            QVERIFY((*v1)->writeSecond(id, w).ok());
            RunOutcome o;
            o.endedMs = nowMs();
            QVERIFY((*v1)->finishRun(id, o).ok());
        }
        auto v2 = HistoryDb::open(path);
        QVERIFY2(v2.ok(), v2.ok() ? "" : v2.error().toString().c_str());
        HistoryDb &db = **v2;
        QCOMPARE(*db.schemaVersion(), 2);
        // The old run survived, with its series, and can now be starred.
        auto run = db.run(id);
        QVERIFY(run.ok());
        QCOMPARE(run->verdict, Verdict::Passed);
        QVERIFY(!run->baseline);
        QCOMPARE(db.seconds(id)->size(), size_t(1));
        QCOMPARE(db.endpoints(id)->front().failed, uint64_t(1));
        QVERIFY(db.setBaseline(id, true).ok());
        QCOMPARE(db.baselineOf(run->test)->value_or(0), id);
        QCOMPARE(*db.integrityCheck(), std::string("ok"));
        // A newer schema than this build knows is refused, not misread.
        QVERIFY(db.connection().exec("PRAGMA user_version = 99").ok());
        auto newer = HistoryDb::open(path);
        QVERIFY(!newer.ok());
        QVERIFY(newer.error().message.find("newer") != std::string::npos);
    }

    void recordsThroughTheOutput()
    {
        QTemporaryDir dir;
        const std::string path = tempPath(dir, "history.sqlite");
        metrics::Registry registry;
        const auto &b = registry.builtin();
        output::OutputContext ctx;
        ctx.registry = &registry;
        auto rec = HistoryRecorder::create(ctx, path, sampleInfo());
        QVERIFY(rec.ok());
        HistoryRecorder &r = **rec;
        QVERIFY(r.start().ok());
        const int64_t t0 = nowMs() * 1000000;
        auto tags = [](const char *name, const char *method) {
            return std::make_shared<const metrics::TagSet>(
                std::vector<metrics::TagSet::Tag>{{"name", name}, {"method", method}});
        };
        const auto home = tags("home", "GET"), login = tags("login", "POST");
        auto batch = std::make_shared<metrics::SampleBatch>();
        // Second 0: 3 home requests (one failed), second 2: 2 logins; VUs only in second 0.
        batch->push_back({b.vus, 4, t0, nullptr});
        batch->push_back({b.vusMax, 4, t0, nullptr});
        for (double d : {10.0, 20.0, 30.0}) {
            batch->push_back({b.httpReqs, 1, t0 + 100000000, home});
            batch->push_back({b.httpReqDuration, d, t0 + 100000000, home});
            batch->push_back({b.httpReqFailed, d == 30.0 ? 1.0 : 0.0, t0 + 100000000, home});
        }
        batch->push_back({b.checks, 1, t0 + 200000000, nullptr});
        batch->push_back({b.checks, 0, t0 + 200000000, nullptr});
        batch->push_back({b.iterations, 1, t0 + 300000000, nullptr});
        batch->push_back({b.dataReceived, 1000, t0 + 300000000, nullptr});
        for (double d : {100.0, 200.0}) {
            batch->push_back({b.httpReqs, 1, t0 + 2500000000, login});
            batch->push_back({b.httpReqDuration, d, t0 + 2500000000, login});
        }
        r.addSamples(batch);
        QVERIFY(r.stop().ok());
        const nlohmann::json summary = {
            {"metrics", {{"http_req_duration", {{"thresholds", {{"p(95)<100", {{"ok", false}}}}}}}}},
            {"root_group",
             {{"name", ""}, {"path", ""}, {"groups", nlohmann::json::array()},
              {"checks", {{{"name", "ok"}, {"path", "::ok"}, {"passes", 1}, {"fails", 1}}}}}}};
        QVERIFY(r.finish(99, summary).ok());

        auto db = HistoryDb::open(path);
        QVERIFY(db.ok());
        auto run = (*db)->run(r.runId());
        QVERIFY(run.ok());
        QCOMPARE(run->verdict, Verdict::ThresholdsFailed);
        QCOMPARE(run->exitCode, 99);
        QCOMPARE(run->thresholds["http_req_duration"]["p(95)<100"].get<bool>(), false);
        QCOMPARE(run->checks.size(), size_t(1));
        QCOMPARE(run->checks[0]["fails"].get<int>(), 1);
        auto secs = (*db)->seconds(r.runId());
        QVERIFY(secs.ok());
        QCOMPARE(secs->size(), size_t(3)); // 0, 1 (empty, VUs carried over) and 2
        QCOMPARE((*secs)[0].requests, uint64_t(3));
        QCOMPARE((*secs)[0].failed, uint64_t(1));
        QCOMPARE((*secs)[0].checksPassed, uint64_t(1));
        QCOMPARE((*secs)[0].checksFailed, uint64_t(1));
        QCOMPARE((*secs)[0].duration.count(), uint64_t(3));
        QCOMPARE((*secs)[0].duration.mean(), 20.0);
        QCOMPARE((*secs)[1].requests, uint64_t(0));
        QCOMPARE((*secs)[1].vus, 4.0);
        QCOMPARE((*secs)[2].requests, uint64_t(2));
        QCOMPARE((*secs)[2].duration.max(), 200.0);
        auto eps = (*db)->endpoints(r.runId());
        QVERIFY(eps.ok());
        QCOMPARE(eps->size(), size_t(2));
        QCOMPARE(eps->at(0).name, std::string("home"));
        QCOMPARE(eps->at(0).failed, uint64_t(1));
        QCOMPARE(eps->at(1).method, std::string("POST"));
        QCOMPARE(eps->at(1).duration.percentile(100), 200.0);
        QCOMPARE((*db)->files(r.runId())->front().content, std::string("export default function () {}"));
    }

    void staleRunsBecomeInterrupted()
    {
        QTemporaryDir dir;
        const std::string path = tempPath(dir, "history.sqlite");
        int64_t dead = 0, alive = 0;
        {
            auto db = HistoryDb::open(path);
            QVERIFY(db.ok());
            dead = *(*db)->beginRun(sampleInfo(), nowMs());
            alive = *(*db)->beginRun(sampleInfo(), nowMs());
            auto st = (*db)->connection().prepare("UPDATE runs SET pid = ? WHERE id = ?");
            QVERIFY(st.ok());
            st->bind(1, deadPid()).bind(2, dead);
            QVERIFY(st->run().ok());
        }
        auto db = HistoryDb::open(path);
        QVERIFY(db.ok());
        QCOMPARE((*db)->run(dead)->verdict, Verdict::Interrupted);
        QCOMPARE((*db)->run(alive)->verdict, Verdict::Running); // this process is alive
        RunFilter f;
        f.verdict = Verdict::Interrupted;
        QCOMPARE((*db)->listRuns(f)->size(), size_t(1));
    }

    void baselinesAndDeletion()
    {
        QTemporaryDir dir;
        auto db = HistoryDb::open(tempPath(dir, "history.sqlite"));
        QVERIFY(db.ok());
        HistoryDb &h = **db;
        const int64_t a = *h.beginRun(sampleInfo("/p/a.js"), 1000), b = *h.beginRun(sampleInfo("/p/a.js"), 2000),
                      c = *h.beginRun(sampleInfo("/p/c.js"), 3000);
        QVERIFY(h.setBaseline(a, true).ok());
        QVERIFY(h.setBaseline(c, true).ok());
        QVERIFY(h.setBaseline(b, true).ok()); // moves the star of a.js from a to b
        QCOMPARE(h.baselineOf("/p/a.js")->value_or(0), b);
        QCOMPARE(h.baselineOf("/p/c.js")->value_or(0), c);
        QVERIFY(!h.run(a)->baseline);
        QVERIFY(h.setBaseline(b, false).ok());
        QVERIFY(!h.baselineOf("/p/a.js")->has_value());
        // The database refuses two baselines for one test even without the API.
        QVERIFY(h.connection().exec("UPDATE runs SET baseline = 1 WHERE test = '/p/a.js'").ok() == false);

        // Filters: by test, date and verdict.
        RunFilter f;
        f.test = "a.js";
        QCOMPARE(h.listRuns(f)->size(), size_t(2));
        f.sinceMs = 1500;
        QCOMPARE(h.listRuns(f)->size(), size_t(1));
        f = {};
        f.untilMs = 2500;
        QCOMPARE(h.listRuns(f)->size(), size_t(2));
        f = {};
        f.verdict = Verdict::Passed;
        QCOMPARE(h.listRuns(f)->size(), size_t(0));

        SecondWrite w;
        w.row.requests = 1;
        w.row.duration.add(1);
        w.endpoints.push_back({"GET", "x", 1, 0, w.row.duration});
        QVERIFY(h.writeSecond(a, w).ok());
        QVERIFY(h.deleteRun(a).ok());
        QVERIFY(!h.run(a).ok());
        QCOMPARE(*h.connection().queryInt("SELECT count(*) FROM seconds"), int64_t(0));
        QCOMPARE(*h.connection().queryInt("SELECT count(*) FROM endpoint_seconds"), int64_t(0));
        QCOMPARE(*h.connection().queryInt("SELECT count(*) FROM run_files WHERE run_id = " + std::to_string(a)),
                 int64_t(0));
        QVERIFY(!h.deleteRun(a).ok());
    }

    void secretsAreDropped()
    {
        for (const char *secret : {"API_TOKEN", "my_secret", "PASSWORD", "aws_access_key_id", "AUTHORIZATION",
                                   "Cookie_Jar", "GITHUB_AUTH"})
            QVERIFY2(isSecretName(secret), secret);
        for (const char *plain : {"TARGET", "BASE_URL", "VUS", "HOME"})
            QVERIFY2(!isSecretName(plain), plain);
    }

    void importSpecifiersFromSource()
    {
        const std::string src = R"(import http from 'k6/http';
import { a, b } from "./lib/a.js";
import * as c from './c.js'
import './side-effect.js';
export { x } from '../shared/x.js';
export * from "./all.js";
// import { no } from './commented.js';
/* import './block.js'; */
const d = open('./data.json');
const e = await import('./dynamic.js');
const f = require("./req.js");
const notAnImport = "import x from './inside-string.js'";
export default function () {}
)";
        const auto specs = importSpecifiers(src);
        const std::vector<std::string> want{"k6/http", "./lib/a.js", "./c.js",      "./side-effect.js", "../shared/x.js",
                                            "./all.js", "./data.json", "./dynamic.js", "./req.js"};
        std::string got;
        for (const auto &s : specs)
            got += s + " ";
        QVERIFY2(specs == want, got.c_str());
    }

    void snapshotsTheScriptAndItsLocalImports()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(u"lib"_s));
        auto write = [&](const QString &name, const QByteArray &text) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        };
        write(u"main.js"_s, "import http from 'k6/http';\nimport { u } from './lib/util.js';\n"
                            "import x from 'https://jslib.k6.io/x.js';\nconst users = open('./users.csv');\n"
                            "export default function () {}\n");
        write(u"lib/util.js"_s, "import { h } from './helper.js';\nexport const u = 1;\n");
        write(u"lib/helper.js"_s, "import { u } from './util.js';\nexport const h = 2;\n"); // a cycle
        write(u"users.csv"_s, "name\nann\n");
        write(u"unused.js"_s, "export const nope = 1;\n");
        auto info = describeRun(dir.filePath(u"main.js"_s).toStdString(), {{"vus", 3}},
                                {{"TARGET", "http://127.0.0.1"}, {"API_TOKEN", "hunter2"}, {"db_password", "x"}});
        QVERIFY2(info.ok(), info.ok() ? "" : info.error().toString().c_str());
        std::vector<std::string> paths;
        for (const auto &f : info->files)
            paths.push_back(f.path);
        const std::vector<std::string> want{"main.js", "lib/util.js", "users.csv", "lib/helper.js"};
        std::string got;
        for (const auto &p : paths)
            got += p + " ";
        QVERIFY2(paths == want, got.c_str());
        QCOMPARE(info->scriptName, std::string("main.js"));
        QCOMPARE(info->scriptHash.size(), size_t(64));
        QCOMPARE(info->scriptHash, info->files.front().sha256);
        QCOMPARE(info->options["vus"].get<int>(), 3);
        QVERIFY(info->environment.contains("TARGET"));
        QVERIFY(!info->environment.contains("API_TOKEN"));
        QVERIFY(!info->environment.contains("db_password"));
    }

    void writingASecondIsCheap()
    {
        // A realistic second: ~2000 requests over 10 endpoints, latencies spread over 3 decades.
        QTemporaryDir dir;
        auto db = HistoryDb::open(tempPath(dir, "history.sqlite"));
        QVERIFY(db.ok());
        const int64_t id = *(*db)->beginRun(sampleInfo(), nowMs());
        std::mt19937_64 rng(11);
        std::lognormal_distribution<double> dist(3.5, 1.0);
        constexpr int kSeconds = 120;
        std::vector<SecondWrite> rows(kSeconds);
        for (int t = 0; t < kSeconds; ++t) {
            SecondWrite &w = rows[size_t(t)];
            w.row.t = t;
            for (int e = 0; e < 10; ++e) {
                EndpointStats ep{"GET", "endpoint-" + std::to_string(e), 0, 0, {}};
                for (int i = 0; i < 200; ++i)
                    ep.duration.add(dist(rng));
                ep.requests = 200;
                w.row.duration.merge(ep.duration);
                w.row.requests += 200;
                w.endpoints.push_back(std::move(ep));
            }
        }
        const auto start = std::chrono::steady_clock::now();
        for (const SecondWrite &w : rows)
            QVERIFY((*db)->writeSecond(id, w).ok());
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        const auto pages = (*db)->connection().queryInt("PRAGMA page_count");
        const auto pageSize = (*db)->connection().queryInt("PRAGMA page_size");
        qInfo("writeSecond (1 second row + 10 endpoint rows, 2000 requests): %.2f ms each; database %.1f kB per minute",
              ms / kSeconds, double(*pages * *pageSize) / 1024.0 / (kSeconds / 60.0));
        QVERIFY2(ms / kSeconds < 50, std::to_string(ms / kSeconds).c_str());
        auto secs = (*db)->seconds(id);
        QCOMPARE(secs->size(), size_t(kSeconds));
        QCOMPARE(secs->back().duration.percentile(95), rows.back().row.duration.percentile(95));
    }

    void verdictsFromExitCodes()
    {
        QCOMPARE(verdictForExitCode(0), Verdict::Passed);
        QCOMPARE(verdictForExitCode(99), Verdict::ThresholdsFailed);
        QCOMPARE(verdictForExitCode(105), Verdict::Interrupted);
        QCOMPARE(verdictForExitCode(108), Verdict::Aborted);
        QCOMPARE(verdictForExitCode(107), Verdict::Error);
        QCOMPARE(verdictFromString("thresholds-failed").value_or(Verdict::Error), Verdict::ThresholdsFailed);
        QVERIFY(!verdictFromString("bogus").has_value());
    }
};

QTEST_GUILESS_MAIN(tst_HistoryDb)
#include "tst_historydb.moc"
