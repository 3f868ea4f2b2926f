// Executors, execution segments and thresholds, end to end through the CLI.

#include "tests/support/testserverprocess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <csignal>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using stampede::test::TestServerProcess;

namespace {

struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

QString script(const char *name)
{
    return QStringLiteral(STAMPEDE_TEST_DATA_DIR "/scripts/") + QLatin1String(name);
}

std::unique_ptr<QProcess> startCli(const QStringList &args)
{
    auto p = std::make_unique<QProcess>();
    p->start(QStringLiteral(STAMPEDE_BIN_DIR "/stampede"), args);
    return p;
}

CliResult finish(QProcess &p)
{
    CliResult r;
    if (!p.waitForFinished(120000)) {
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

CliResult runCli(const QStringList &args)
{
    auto p = startCli(args);
    return finish(*p);
}

// The first number of a summary metric line: "2000" for "iterations....: 2000  199.9/s".
double metricCount(const QString &summary, const QString &metric)
{
    const QRegularExpression re(u"^\\s+[✓✗ ]?\\s*"_s + QRegularExpression::escape(metric) + u"\\.+: ([0-9.]+)"_s,
                                QRegularExpression::MultilineOption);
    const auto m = re.match(summary);
    return m.hasMatch() ? m.captured(1).toDouble() : -1;
}

QString metricLine(const QString &summary, const QString &metric)
{
    const QRegularExpression re(u"^\\s+[✓✗ ]?\\s*"_s + QRegularExpression::escape(metric) + u"\\.+: (.*)$"_s,
                                QRegularExpression::MultilineOption);
    return re.match(summary).captured(1);
}

} // namespace

class tst_Executors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_server.start(), qPrintable(m_server.errorString())); }

    void constantArrivalRateIsAccurate()
    {
        QVERIFY(m_server.resetStats());
        QElapsedTimer t;
        t.start();
        const CliResult r = runCli({u"run"_s, u"-q"_s, u"-e"_s, u"TARGET="_s + m_server.url().toString(QUrl::StripTrailingSlash),
                                    script("arrival_rate.js")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // 200/s for 10 s: 2,000 iterations within 1 %.
        const double iterations = metricCount(r.out, u"iterations"_s);
        QVERIFY2(iterations >= 1980 && iterations <= 2020, qPrintable(r.out));
        QVERIFY2(std::abs(m_server.stats().value(u"requests"_s).toInt() - 2000) <= 20, qPrintable(r.out));
        // Every scheduled arrival either ran or was counted as dropped.
        const double dropped = std::max(0.0, metricCount(r.out, u"dropped_iterations"_s));
        QCOMPARE(iterations + dropped, 2000.0);
        QVERIFY(t.elapsed() < 30000);
    }

    void droppedIterationsWhenNoVuIsFree()
    {
        const CliResult r = runCli({u"run"_s, u"-q"_s, script("dropped.js")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // 2 VUs busy 0.5 s each can take 8 of the 100 arrivals; the rest are dropped.
        const double done = metricCount(r.out, u"iterations"_s);
        const double dropped = metricCount(r.out, u"dropped_iterations"_s);
        QVERIFY2(done >= 6 && done <= 10, qPrintable(r.out));
        QVERIFY2(std::abs(done + dropped - 100) <= 1, qPrintable(r.out));
    }

    void rampingVusFollowsStages()
    {
        const CliResult r = runCli({u"run"_s, u"-q"_s, script("ramping.js")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"Up to 8 looping VUs for 3s over 3 stages"_s), qPrintable(r.out));
        QVERIFY2(metricLine(r.out, u"vus"_s).contains(u"max=8"_s), qPrintable(r.out));
        QVERIFY2(metricLine(r.out, u"vus_max"_s).startsWith(u"8 "_s), qPrintable(r.out));
        // About 16.5 VU-seconds (1 -> 8, 8, 8 -> 0) of 50 ms iterations, at most 330;
        // allow slack below for a loaded machine.
        const double iterations = metricCount(r.out, u"iterations"_s);
        QVERIFY2(iterations > 100 && iterations <= 345, qPrintable(r.out));
    }

    void segmentsAddUpToOneFullRun()
    {
        QVERIFY(m_server.resetStats());
        const QString target = u"TARGET="_s + m_server.url().toString(QUrl::StripTrailingSlash);
        const QStringList parts{u"0:1/3"_s, u"1/3:2/3"_s, u"2/3:1"_s};
        std::vector<std::unique_ptr<QProcess>> procs;
        for (const QString &seg : parts) {
            procs.push_back(startCli({u"run"_s, u"-q"_s, u"-e"_s, target, u"--execution-segment"_s, seg,
                                      u"--execution-segment-sequence"_s, u"0,1/3,2/3,1"_s, script("segments.js")}));
        }
        double shared = 0, total = 0;
        for (auto &p : procs) {
            const CliResult r = finish(*p);
            QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
            total += metricCount(r.out, u"iterations"_s);
            shared += metricCount(r.out, u"http_reqs"_s);
        }
        // 60 shared iterations + 100 arrivals (50/s for 2 s), split across three instances.
        QCOMPARE(total, 160.0);
        QCOMPARE(shared, 160.0);
        QCOMPARE(m_server.stats().value(u"requests"_s).toInt(), 160);
    }

    void segmentNotInSequenceIsInvalid()
    {
        const CliResult r = runCli({u"run"_s, u"--execution-segment"_s, u"0:1/2"_s,
                                    u"--execution-segment-sequence"_s, u"0,1/3,1"_s, script("segments.js")});
        QCOMPARE(r.exitCode, 104);
        QVERIFY2(r.err.contains(u"not one of the segments"_s), qPrintable(r.err));
    }

    void thresholdsPass()
    {
        const CliResult r = runCli({u"run"_s, u"-q"_s, u"-e"_s, u"TARGET="_s + m_server.url().toString(QUrl::StripTrailingSlash),
                                    script("thresholds.js")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains(u"✓ http_req_duration"_s), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"✓ { status:200 }"_s), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"✓ checks"_s), qPrintable(r.out));
    }

    void thresholdsFailExit99AfterSummary()
    {
        const CliResult r = runCli({u"run"_s, u"-q"_s, u"-e"_s, u"TARGET="_s + m_server.url().toString(QUrl::StripTrailingSlash),
                                    u"-e"_s, u"AVG_LIMIT=0.000001"_s, script("thresholds.js")});
        QCOMPARE(r.exitCode, 99);
        QVERIFY2(r.out.contains(u"✗ http_req_duration"_s), qPrintable(r.out));
        QVERIFY2(r.err.contains(u"thresholds on metrics 'http_req_duration' have been crossed"_s), qPrintable(r.err));
        QVERIFY2(metricCount(r.out, u"iterations"_s) == 20, qPrintable(r.out)); // the test ran to the end
    }

    void thresholdAbortOnFailStopsEarly()
    {
        QElapsedTimer t;
        t.start();
        const CliResult r = runCli({u"run"_s, u"-q"_s, u"-e"_s, u"TARGET="_s + m_server.url().toString(QUrl::StripTrailingSlash),
                                    script("threshold_abort.js")});
        QCOMPARE(r.exitCode, 99);
        QVERIFY2(t.elapsed() < 15000, "abortOnFail should stop a 30 s test within seconds");
        QVERIFY2(r.err.contains(u"test aborted"_s), qPrintable(r.err));
        QVERIFY2(r.out.contains(u"✗ http_req_failed"_s), qPrintable(r.out));
    }

    void invalidThresholdExits104()
    {
        const CliResult r = runCli({u"run"_s, script("bad_threshold.js")});
        QCOMPARE(r.exitCode, 104);
        QVERIFY2(r.err.contains(u"http_req_duration"_s) && r.err.contains(u"p(95) <<< 200"_s), qPrintable(r.err));
    }

    void noThresholdsFlagSkipsThem()
    {
        const CliResult r = runCli({u"run"_s, u"-q"_s, u"--no-thresholds"_s, script("bad_threshold.js")});
        QCOMPARE(r.exitCode, 0);
    }

    void stuckVuIsInterruptedAtGracefulStop()
    {
        // Each VU spins forever in its second iteration; the run still ends at duration + gracefulStop.
        QElapsedTimer t;
        t.start();
        const CliResult r = runCli({u"run"_s, u"-q"_s, script("stuck_vu.js")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(t.elapsed() < 10000, "a VU stuck in a loop must be terminated at gracefulStop");
        QCOMPARE(metricCount(r.out, u"iterations"_s), 2.0);
    }

    void spinningVuDoesNotStopItsWorker()
    {
        // Two fiber VUs on one worker: the one that never waits is interrupted every time slice
        // so the other keeps running (without that it would complete nothing for 1.5 s).
        qputenv("STAMPEDE_VU_WORKERS", "1");
        const CliResult r = runCli({u"run"_s, u"-q"_s, u"--no-history"_s, script("spinning_vu.js")});
        qunsetenv("STAMPEDE_VU_WORKERS");
        QCOMPARE(r.exitCode, 0);
        const double during = metricCount(r.out, u"during_spin"_s);
        QVERIFY2(during >= 10, qPrintable(u"iterations of the other VU during the spin: "_s + QString::number(during)
                                          + u"\n"_s + r.out + r.err));
    }

    void sigintStopsGracefullyWithSummary()
    {
        auto p = startCli({u"run"_s, script("long_running.js")});
        QVERIFY(p->waitForStarted());
        QTest::qWait(1500);
        QElapsedTimer t;
        t.start();
        ::kill(pid_t(p->processId()), SIGINT);
        const CliResult r = finish(*p);
        QCOMPARE(r.exitCode, 105);
        QVERIFY2(t.elapsed() < 10000, "SIGINT must stop the test promptly");
        QVERIFY2(r.out.contains(u"iterations"_s), qPrintable(r.out)); // the summary is still printed
        QVERIFY(metricCount(r.out, u"iterations"_s) > 5);
    }

    void rpsLimitsRequestsAcrossVus()
    {
        QVERIFY(m_server.resetStats());
        const CliResult r = runCli({u"run"_s, u"-q"_s, u"--rps"_s, u"40"_s, u"-e"_s,
                                    u"TARGET="_s + m_server.url().toString(QUrl::StripTrailingSlash),
                                    script("run_options.js")});
        QCOMPARE(r.exitCode, 0);
        const int served = m_server.stats().value(u"requests"_s).toInt();
        QVERIFY2(served >= 60 && served <= 90, qPrintable(QString::number(served))); // 40/s for 2 s
    }

    void minIterationDurationPacesVus()
    {
        const CliResult r = runCli({u"run"_s, u"-q"_s, u"--min-iteration-duration"_s, u"500ms"_s, u"-e"_s,
                                    u"TARGET="_s + m_server.url().toString(QUrl::StripTrailingSlash),
                                    script("run_options.js")});
        QCOMPARE(r.exitCode, 0);
        // 5 VUs, one iteration per 500 ms each, for 2 s: at most 20 (+ the ones in flight at the end).
        const double iterations = metricCount(r.out, u"iterations"_s);
        QVERIFY2(iterations >= 15 && iterations <= 25, qPrintable(r.out));
    }

    void systemTagsFilterSampleTags()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath(u"out.json"_s);
        const CliResult r = runCli({u"run"_s, u"-q"_s, u"--system-tags"_s, u"status,method"_s, u"--out"_s,
                                    u"json="_s + json, u"-e"_s,
                                    u"TARGET="_s + m_server.url().toString(QUrl::StripTrailingSlash),
                                    script("run_options.js")});
        QCOMPARE(r.exitCode, 0);
        QFile f(json);
        QVERIFY(f.open(QIODevice::ReadOnly));
        int points = 0;
        while (!f.atEnd()) {
            const QByteArray line = f.readLine();
            if (!line.contains("\"http_reqs\",\"type\":\"Point\""))
                continue;
            ++points;
            QVERIFY2(line.contains("\"tags\":{\"method\":\"GET\",\"status\":\"200\"}"), line.constData());
        }
        QVERIFY(points > 0);
    }

    void throwOptionMakesFailedRequestsThrow()
    {
        const CliResult quiet = runCli({u"run"_s, u"-q"_s, script("throw_option.js")});
        QCOMPARE(quiet.exitCode, 0);
        QVERIFY(!quiet.err.contains(u"ERRO"_s));
        const CliResult loud = runCli({u"run"_s, u"-q"_s, u"-w"_s, script("throw_option.js")});
        QCOMPARE(loud.exitCode, 0); // an exception in an iteration ends that iteration only
        QVERIFY2(loud.err.contains(u"throw_option.js:3:"_s) && loud.err.contains(u"connection refused"_s),
                 qPrintable(loud.err));
    }

    void setupAndTeardownTimeouts()
    {
        const CliResult setup = runCli({u"run"_s, u"-q"_s, script("setup_timeout.js")});
        QCOMPARE(setup.exitCode, 100);
        QVERIFY2(setup.err.contains(u"setup() execution timed out after 1s"_s), qPrintable(setup.err));
        const CliResult teardown = runCli({u"run"_s, u"-q"_s, script("teardown_timeout.js")});
        QCOMPARE(teardown.exitCode, 101);
        QVERIFY2(teardown.err.contains(u"teardown() execution timed out after 500ms"_s), qPrintable(teardown.err));
    }

private:
    TestServerProcess m_server;
};

QTEST_GUILESS_MAIN(tst_Executors)
#include "tst_executors.moc"
