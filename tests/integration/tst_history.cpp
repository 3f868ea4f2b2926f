// The run history end to end: the real CLI records runs (also when killed mid-run and
// when two runs write at once), and `stampede history` compares, gates and exports them.

#include "core/storage/historydb.h"
#include "tests/support/testserverprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace Qt::StringLiterals;
using stampede::storage::HistoryDb;
using stampede::storage::Verdict;
using stampede::test::TestServerProcess;

namespace {

const QString kStampede = QStringLiteral(STAMPEDE_BIN_DIR "/stampede");

// GET /delay/<DELAY> in a loop with VUS VUs for DUR, checked and named.
constexpr const char *kScript = R"(import http from 'k6/http';
import { check } from 'k6';
import { label } from './lib/label.js';
export const options = {
  vus: Number(__ENV.VUS || 2),
  duration: __ENV.DUR || '3s',
  thresholds: { http_req_duration: ['p(95)<5000'] },
};
export default function () {
  const res = http.get(`${__ENV.TARGET}/delay/${__ENV.DELAY || 10}`, { tags: { name: label('delay') } });
  check(res, { 'status is 200': (r) => r.status === 200 });
}
)";

struct Cli
{
    int exitCode = -1;
    QString out, err;
};

} // namespace

class tst_History : public QObject
{
    Q_OBJECT

private:
    TestServerProcess m_server;
    QTemporaryDir m_dir;
    QString m_script;

    QStringList runArgs(const QString &db, const QString &delay, const QString &duration) const
    {
        return {u"run"_s, u"-q"_s, u"--no-summary"_s, u"--history-db"_s, db, u"-e"_s,
                u"TARGET="_s + m_server.url().toString(QUrl::StripTrailingSlash), u"-e"_s, u"DELAY="_s + delay,
                u"-e"_s, u"DUR="_s + duration, u"-e"_s, u"API_TOKEN=hunter2"_s, m_script};
    }

    Cli cli(const QStringList &args, int timeoutMs = 60000) const
    {
        QProcess p;
        p.start(kStampede, args);
        Cli r;
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished();
            r.err = u"timed out"_s;
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    static std::unique_ptr<HistoryDb> openDb(const QString &path)
    {
        auto db = HistoryDb::open(path.toStdString());
        if (!db) {
            qWarning("%s", db.error().toString().c_str());
            return nullptr;
        }
        return std::move(*db);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir(m_dir.path()).mkpath(u"lib"_s));
        m_script = m_dir.filePath(u"checkout.js"_s);
        QFile s(m_script);
        QVERIFY(s.open(QIODevice::WriteOnly));
        s.write(kScript);
        s.close();
        QFile lib(m_dir.filePath(u"lib/label.js"_s));
        QVERIFY(lib.open(QIODevice::WriteOnly));
        lib.write("export function label(x) { return x; }\n");
    }

    void killedMidRunLeavesAnInterruptedRecord()
    {
        const QString db = m_dir.filePath(u"killed.sqlite"_s);
        QProcess p;
        p.start(kStampede, runArgs(db, u"20"_s, u"60s"_s));
        QVERIFY(p.waitForStarted());
        // Wait until a few seconds are on disk (rows are written ~1.5 s after their second ends).
        int64_t rows = 0;
        QElapsedTimer timer;
        timer.start();
        while (rows < 2 && timer.elapsed() < 20000 && p.state() == QProcess::Running) {
            QTest::qWait(250);
            if (!QFile::exists(db))
                continue;
            auto h = openDb(db);
            QVERIFY(h);
            auto n = h->connection().queryInt("SELECT count(*) FROM seconds");
            rows = n ? *n : 0;
            auto running = h->listRuns({});
            QVERIFY(running.ok());
            if (!running->empty())
                QCOMPARE(running->front().verdict, Verdict::Running); // its process is alive
        }
        QVERIFY2(rows >= 2, qPrintable(QString::fromUtf8(p.readAllStandardError())));
        p.kill(); // SIGKILL: no chance to clean up
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);

        auto h = openDb(db);
        QVERIFY(h);
        QCOMPARE(*h->integrityCheck(), std::string("ok"));
        auto runs = h->listRuns({});
        QVERIFY(runs.ok());
        QCOMPARE(runs->size(), size_t(1));
        const auto &run = runs->front();
        QCOMPARE(run.verdict, Verdict::Interrupted);
        QCOMPARE(run.exitCode, -1);
        QVERIFY(run.endedMs > run.startedMs);
        auto secs = h->seconds(run.id);
        QVERIFY(secs.ok());
        QVERIFY(secs->size() >= 2);
        uint64_t requests = 0;
        for (size_t i = 0; i < secs->size(); ++i) {
            QCOMPARE((*secs)[i].t, int64_t(i)); // contiguous, no torn rows
            requests += (*secs)[i].requests;
            QCOMPARE((*secs)[i].duration.count(), (*secs)[i].requests);
        }
        QVERIFY(requests > 10);
        QCOMPARE(h->endpoints(run.id)->front().name, std::string("delay"));
        // The snapshot is there too, and the secret is not.
        QCOMPARE(h->files(run.id)->size(), size_t(2));
        QVERIFY(run.environment.contains("DELAY"));
        QVERIFY(!run.environment.contains("API_TOKEN"));
    }

    void twoConcurrentWritersAreBothRecorded()
    {
        const QString db = m_dir.filePath(u"concurrent.sqlite"_s);
        QProcess a, b;
        a.start(kStampede, runArgs(db, u"5"_s, u"3s"_s));
        b.start(kStampede, runArgs(db, u"5"_s, u"3s"_s));
        QVERIFY(a.waitForFinished(60000));
        QVERIFY(b.waitForFinished(60000));
        const QString errA = QString::fromUtf8(a.readAllStandardError()), errB = QString::fromUtf8(b.readAllStandardError());
        QVERIFY2(a.exitCode() == 0, qPrintable(errA));
        QVERIFY2(b.exitCode() == 0, qPrintable(errB));
        QVERIFY2(!errA.contains(u"history"_s) && !errB.contains(u"history"_s), qPrintable(errA + errB));
        auto h = openDb(db);
        QVERIFY(h);
        QCOMPARE(*h->integrityCheck(), std::string("ok"));
        auto runs = h->listRuns({});
        QVERIFY(runs.ok());
        QCOMPARE(runs->size(), size_t(2));
        for (const auto &r : *runs) {
            QCOMPARE(r.verdict, Verdict::Passed);
            QCOMPARE(r.exitCode, 0);
            auto secs = h->seconds(r.id);
            QVERIFY(secs->size() >= 3);
            uint64_t requests = 0;
            for (const auto &s : *secs)
                requests += s.requests;
            // The recorded series adds up to the summary's count.
            QCOMPARE(double(requests), r.summary["metrics"]["http_reqs"]["values"]["count"].get<double>());
            QCOMPARE(r.checks.size(), size_t(1));
            QVERIFY(r.thresholds["http_req_duration"]["p(95)<5000"].get<bool>());
        }
    }

    void compareGatesOnTheTolerance()
    {
        const QString db = m_dir.filePath(u"compare.sqlite"_s);
        QCOMPARE(cli(runArgs(db, u"10"_s, u"3s"_s)).exitCode, 0);
        QCOMPARE(cli(runArgs(db, u"40"_s, u"3s"_s)).exitCode, 0);
        const QStringList h{u"history"_s, u"--history-db"_s, db};

        Cli list = cli(h + QStringList{u"list"_s, u"--json"_s, u"--test"_s, u"checkout.js"_s, u"--verdict"_s, u"passed"_s});
        QCOMPARE(list.exitCode, 0);
        const QJsonArray runs = QJsonDocument::fromJson(list.out.toUtf8()).array();
        QCOMPARE(runs.size(), 2);
        const QString fast = QString::number(runs[1][u"id"_s].toInt()), slow = QString::number(runs[0][u"id"_s].toInt());
        QCOMPARE(cli(h + QStringList{u"list"_s, u"--json"_s, u"--verdict"_s, u"interrupted"_s}).out.trimmed(), u"[]"_s);
        QCOMPARE(cli(h + QStringList{u"list"_s, u"--json"_s, u"--since"_s, u"2999-01-01"_s}).out.trimmed(), u"[]"_s);

        // 10 ms -> 40 ms: a regression at 10 %, exit 1, and the judgement says so.
        Cli worse = cli(h + QStringList{u"compare"_s, fast, slow, u"--tolerance"_s, u"10"_s});
        QVERIFY2(worse.exitCode == 1, qPrintable(worse.out + worse.err));
        QVERIFY2(worse.out.contains(u"REGRESSION"_s) && worse.out.contains(u"significant"_s), qPrintable(worse.out));
        // Within a huge tolerance it passes; faster is fine; a run against itself too.
        QCOMPARE(cli(h + QStringList{u"compare"_s, fast, slow, u"--tolerance"_s, u"10000%"_s}).exitCode, 0);
        QCOMPARE(cli(h + QStringList{u"compare"_s, slow, fast}).exitCode, 0);
        QCOMPARE(cli(h + QStringList{u"compare"_s, fast, fast}).exitCode, 0);
        // JSON, for CI.
        Cli json = cli(h + QStringList{u"compare"_s, fast, slow, u"--json"_s});
        QCOMPARE(json.exitCode, 1);
        const QJsonObject cmp = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QVERIFY(cmp[u"regression"_s].toBool());
        QVERIFY(cmp[u"overall"_s].toArray().size() == 6);

        // Against a pinned baseline.
        QCOMPARE(cli(h + QStringList{u"compare"_s, slow, u"--baseline"_s}).exitCode, 255); // none pinned yet
        QCOMPARE(cli(h + QStringList{u"baseline"_s, fast}).exitCode, 0);
        QCOMPARE(cli(h + QStringList{u"compare"_s, slow, u"--baseline"_s}).exitCode, 1);
        QCOMPARE(cli(h + QStringList{u"compare"_s, fast, u"--baseline"_s}).exitCode, 255); // itself
        QVERIFY(cli(h + QStringList{u"list"_s}).out.contains(u"*"_s));

        // Errors are not regressions.
        QCOMPARE(cli(h + QStringList{u"compare"_s, fast, u"999"_s}).exitCode, 255);
        QCOMPARE(cli(h + QStringList{u"compare"_s, fast, slow, u"--tolerance"_s, u"abc"_s}).exitCode, 255);

        // Exports: a self-contained HTML comparison with charts, CSV and JSON of a run.
        const QString html = m_dir.filePath(u"cmp.html"_s);
        QCOMPARE(cli(h + QStringList{u"export"_s, fast, slow, u"-o"_s, html}).exitCode, 0);
        QFile f(html);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString page = QString::fromUtf8(f.readAll());
        QVERIFY(page.startsWith(u"<!DOCTYPE html>"_s));
        QVERIFY2(!page.contains(u"http://"_s) && !page.contains(u"https://"_s), "self-contained");
        QVERIFY(!page.contains(u"<script"_s));
        QVERIFY(page.count(u"<svg"_s) >= 4);
        QVERIFY(page.count(u"<polyline"_s) >= 8);
        QVERIFY(page.contains(u"class=\"regression\""_s));

        Cli csv = cli(h + QStringList{u"export"_s, fast, u"--format"_s, u"csv"_s});
        QCOMPARE(csv.exitCode, 0);
        QVERIFY(csv.out.startsWith(u"t,vus,"_s));
        QVERIFY(csv.out.count(u'\n') >= 4);
        Cli runJson = cli(h + QStringList{u"export"_s, slow, u"-f"_s, u"json"_s});
        const QJsonObject run = QJsonDocument::fromJson(runJson.out.toUtf8()).object();
        QCOMPARE(run[u"verdict"_s].toString(), u"passed"_s);
        QVERIFY(run[u"totals"_s][u"duration"_s][u"p95"_s].toDouble() >= 40);
        QVERIFY(!run[u"environment"_s].toObject().contains(u"API_TOKEN"_s));

        // Delete.
        QCOMPARE(cli(h + QStringList{u"delete"_s, slow}).exitCode, 0);
        QCOMPARE(cli(h + QStringList{u"show"_s, slow}).exitCode, 255);
        QCOMPARE(QJsonDocument::fromJson(cli(h + QStringList{u"list"_s, u"--json"_s}).out.toUtf8()).array().size(), 1);
    }

    void historyLocationAndOptOut()
    {
        const QString db = m_dir.filePath(u"env.sqlite"_s);
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"STAMPEDE_HISTORY_DB"_s, db);
        p.setProcessEnvironment(env);
        QStringList args = runArgs(u"unused"_s, u"1"_s, u"1s"_s);
        args.removeAt(args.indexOf(u"--history-db"_s) + 1);
        args.removeAt(args.indexOf(u"--history-db"_s));
        p.start(kStampede, args);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(openDb(db)->listRuns({})->size(), size_t(1));
        p.start(kStampede, QStringList{u"run"_s, u"--no-history"_s} + args.mid(1));
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(openDb(db)->listRuns({})->size(), size_t(1));
    }
};

QTEST_GUILESS_MAIN(tst_History)
#include "tst_history.moc"
