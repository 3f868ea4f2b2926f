// End-to-end tests of the `stampede` CLI against a real HTTP server on loopback.

#include "tests/support/testserverprocess.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using stampede::test::TestServerProcess;

namespace {

struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

CliResult runCli(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(STAMPEDE_BIN_DIR "/stampede"), args);
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

QString script(const char *name)
{
    return QStringLiteral(STAMPEDE_TEST_DATA_DIR "/scripts/") + QLatin1String(name);
}

// The value column of a summary metric line, e.g. "10" for "http_reqs....: 10  99.5/s".
QString summaryValue(const QString &summary, const QString &metric)
{
    const QRegularExpression re(u"^\\s+[✓✗ ]?\\s*"_s + QRegularExpression::escape(metric) + u"\\.+: (.+)$"_s,
                                QRegularExpression::MultilineOption);
    const auto m = re.match(summary);
    return m.hasMatch() ? m.captured(1).trimmed() : QString();
}

} // namespace

class tst_Cli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    }

    void helloRunsTenIterations()
    {
        QVERIFY(m_server.resetStats());
        const CliResult r = runCli({u"run"_s, u"--quiet"_s, u"-e"_s, u"TARGET="_s + m_server.url().toString(),
                                    QStringLiteral(STAMPEDE_SOURCE_DIR "/resources/examples/hello.js")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(summaryValue(r.out, u"iterations"_s).startsWith(u"10 "_s), qPrintable(r.out));
        QVERIFY2(summaryValue(r.out, u"http_reqs"_s).startsWith(u"10 "_s), qPrintable(r.out));
        QVERIFY2(QRegularExpression(u"^100\\.00% +✓ 10 +✗ 0$"_s).match(summaryValue(r.out, u"checks"_s)).hasMatch(),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(u"✓ status is 200"_s), qPrintable(r.out));
        QVERIFY2(summaryValue(r.out, u"http_req_duration"_s).contains(u"p(95)="_s), qPrintable(r.out));
        QVERIFY2(summaryValue(r.out, u"vus"_s).startsWith(u"2 "_s), qPrintable(r.out));
        // What really reached the server.
        QCOMPARE(m_server.stats().value(u"requests"_s).toInt(), 10);
    }

    void failingChecksAreCounted()
    {
        // The server answers 404: the check fails on every iteration, the test still exits 0.
        const CliResult r = runCli({u"run"_s, u"-q"_s, u"-e"_s, u"TARGET="_s + m_server.url(u"/status/404"_s).toString(),
                                    QStringLiteral(STAMPEDE_SOURCE_DIR "/resources/examples/hello.js")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(QRegularExpression(u"^0\\.00% +✓ 0 +✗ 10$"_s).match(summaryValue(r.out, u"checks"_s)).hasMatch(),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(u"✗ status is 200"_s), qPrintable(r.out));
        QVERIFY2(summaryValue(r.out, u"http_req_failed"_s).startsWith(u"100.00%"_s), qPrintable(r.out));
    }

    void syntaxErrorExits107WithLocation()
    {
        const CliResult r = runCli({u"run"_s, script("syntax_error.js")});
        QCOMPARE(r.exitCode, 107);
        QVERIFY2(r.err.contains(u"syntax_error.js:3:11"_s), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"SyntaxError"_s), qPrintable(r.err));
    }

    void initExceptionExits107WithLocation()
    {
        const CliResult r = runCli({u"run"_s, script("init_exception.js")});
        QCOMPARE(r.exitCode, 107);
        QVERIFY2(r.err.contains(u"init_exception.js:1:"_s), qPrintable(r.err));
    }

    void missingImportNamesTheImport()
    {
        const CliResult r = runCli({u"run"_s, script("missing_import.js")});
        QCOMPARE(r.exitCode, 107);
        QVERIFY2(r.err.contains(u"missing_import.js:1:"_s), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"does-not-exist.js"_s), qPrintable(r.err));
    }

    void iterationExceptionIsLoggedAndTestGoesOn()
    {
        const CliResult r = runCli({u"run"_s, u"-q"_s, script("exception.js")});
        QCOMPARE(r.exitCode, 0);
        // Every iteration throws; each is logged with the throw site and the stack.
        QCOMPARE(r.err.count(u"Error: boom in iteration"_s), 3);
        QVERIFY2(r.err.contains(u"exception.js:5:"_s), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"at explode"_s), qPrintable(r.err));
        QVERIFY2(summaryValue(r.out, u"iterations"_s).startsWith(u"3 "_s), qPrintable(r.out));
    }

    void eachVuHasItsOwnGlobals()
    {
        const CliResult r = runCli({u"run"_s, u"-q"_s, script("vu_globals.js")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(QRegularExpression(u"^100\\.00% +✓ 60 +✗ 0$"_s).match(summaryValue(r.out, u"checks"_s)).hasMatch(),
                 qPrintable(r.out));
        QVERIFY2(summaryValue(r.out, u"per_vu_iterations"_s).startsWith(u"30 "_s), qPrintable(r.out));
    }

    void setupDataIsCopiedToVusAndTeardown()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"TARGET"_s, m_server.url().toString(QUrl::StripTrailingSlash));
        const CliResult r = runCli({u"run"_s, u"-q"_s, script("setup_teardown.js")}, env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(QRegularExpression(u"^100\\.00% +✓ 8 +✗ 0$"_s).match(summaryValue(r.out, u"checks"_s)).hasMatch(),
                 qPrintable(r.out));
        QVERIFY2(r.err.contains(u"teardown saw 1,2,3"_s), qPrintable(r.err));
    }

    void cliFlagsOverrideScriptOptions()
    {
        QVERIFY(m_server.resetStats());
        const CliResult r = runCli({u"run"_s, u"-q"_s, u"--vus"_s, u"3"_s, u"-i"_s, u"6"_s, u"-e"_s,
                                    u"TARGET="_s + m_server.url().toString(),
                                    QStringLiteral(STAMPEDE_SOURCE_DIR "/resources/examples/hello.js")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(summaryValue(r.out, u"iterations"_s).startsWith(u"6 "_s), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"6 iterations shared among 3 VUs"_s), qPrintable(r.out));
        QCOMPARE(m_server.stats().value(u"requests"_s).toInt(), 6);
    }

    void durationRunsConstantVus()
    {
        const CliResult r = runCli({u"run"_s, u"-q"_s, u"-u"_s, u"2"_s, u"-d"_s, u"1s"_s, u"-e"_s,
                                    u"TARGET="_s + m_server.url(u"/delay/50"_s).toString(),
                                    QStringLiteral(STAMPEDE_SOURCE_DIR "/resources/examples/hello.js")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(u"2 looping VUs for 1s"_s), qPrintable(r.out));
        // 2 VUs x ~1 s / ~50 ms per request: far more than one iteration each, bounded by the duration.
        const int iterations = summaryValue(r.out, u"iterations"_s).section(u' ', 0, 0).toInt();
        QVERIFY2(iterations >= 10 && iterations <= 60, qPrintable(r.out));
    }

    void missingFileIsOneLineError()
    {
        const CliResult r = runCli({u"run"_s, u"/nonexistent/script.js"_s});
        QVERIFY(r.exitCode != 0);
        QCOMPARE(r.err.trimmed().count(u'\n'), 0);
        QVERIFY2(r.err.contains(u"/nonexistent/script.js"_s), qPrintable(r.err));
    }

    void badFlagIsOneLineError()
    {
        const CliResult r = runCli({u"run"_s, u"--no-such-flag"_s, script("exception.js")});
        QVERIFY(r.exitCode != 0);
        QCOMPARE(r.err.trimmed().count(u'\n'), 0);
        QVERIFY2(r.err.contains(u"--no-such-flag"_s), qPrintable(r.err));
    }

    void invalidOptionExits104()
    {
        const CliResult r = runCli({u"run"_s, u"--vus"_s, u"5"_s, u"--iterations"_s, u"2"_s, script("exception.js")});
        QCOMPARE(r.exitCode, 104);
        QVERIFY2(r.err.contains(u"iterations (2) can't be less than the number of VUs (5)"_s), qPrintable(r.err));
    }

    void configFileIsTheLowestLayer()
    {
        QTemporaryDir dir;
        QDir().mkpath(dir.filePath(u"stampede"_s));
        QFile cfg(dir.filePath(u"stampede/config.json"_s));
        QVERIFY(cfg.open(QIODevice::WriteOnly));
        cfg.write(R"({"vus": 3, "iterations": 6, "userAgent": "from-config"})");
        cfg.close();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"XDG_CONFIG_HOME"_s, dir.path());
        // The user's config file is read by default; the script's options (vus 2, iterations 10) win over it.
        const CliResult r = runCli({u"run"_s, u"-q"_s, u"-e"_s, u"TARGET="_s + m_server.url().toString(),
                                    QStringLiteral(STAMPEDE_SOURCE_DIR "/resources/examples/hello.js")}, env);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(u"10 iterations shared among 2 VUs"_s), qPrintable(r.out));
        // A script without options takes them from the config file.
        const CliResult c = runCli({u"run"_s, u"-q"_s, script("exception.js"), u"--no-summary"_s}, env);
        // The script sets iterations: 3; vus comes from the config file.
        QVERIFY2(c.out.contains(u"3 iterations shared among 3 VUs"_s), qPrintable(c.out));
        QFile bad(dir.filePath(u"bad.json"_s));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\n  \"vus\": 3,\n");
        bad.close();
        const CliResult b = runCli({u"run"_s, u"-c"_s, bad.fileName(), script("exception.js")});
        QCOMPARE(b.exitCode, 104);
        QVERIFY2(b.err.contains(u"bad.json:3:"_s) && b.err.contains(u"invalid JSON"_s), qPrintable(b.err));
    }

    void k6EnvironmentVariables()
    {
        QTemporaryDir dir;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"K6_VUS"_s, u"3"_s);
        env.insert(u"K6_ITERATIONS"_s, u"9"_s);
        env.insert(u"K6_NO_SUMMARY"_s, u"true"_s);
        env.insert(u"K6_OUT"_s, u"json="_s + dir.filePath(u"out.json"_s));
        env.insert(u"TARGET"_s, m_server.url().toString());
        QVERIFY(m_server.resetStats());
        // The environment beats the script's options (vus 2, iterations 10).
        const CliResult r = runCli({u"run"_s, u"-q"_s, QStringLiteral(STAMPEDE_SOURCE_DIR "/resources/examples/hello.js")}, env);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(u"9 iterations shared among 3 VUs"_s), qPrintable(r.out));
        QVERIFY2(!r.out.contains(u"http_reqs"_s), "K6_NO_SUMMARY must suppress the summary");
        QVERIFY(QFile::exists(dir.filePath(u"out.json"_s)));
        QCOMPARE(m_server.stats().value(u"requests"_s).toInt(), 9);
        // The command line beats the environment.
        const CliResult c = runCli({u"run"_s, u"-q"_s, u"-u"_s, u"1"_s, u"-i"_s, u"2"_s,
                                    QStringLiteral(STAMPEDE_SOURCE_DIR "/resources/examples/hello.js")}, env);
        QVERIFY2(c.out.contains(u"2 iterations shared among 1 VU"_s), qPrintable(c.out));
    }

    void inspectPrintsResolvedOptions()
    {
        const CliResult r = runCli({u"inspect"_s, u"--vus"_s, u"7"_s,
                                    QStringLiteral(STAMPEDE_SOURCE_DIR "/resources/examples/hello.js")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(u"\"vus\": 7"_s), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"\"iterations\": 10"_s), qPrintable(r.out));
    }

private:
    TestServerProcess m_server;
};

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
