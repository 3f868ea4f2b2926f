#include "core/studio/exitcodes.h"
#include "core/studio/runcontroller.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using stampede::studio::OutputLine;
using stampede::studio::OutputLines;
using stampede::studio::RunController;
using stampede::studio::RunResult;

namespace {

// Collects everything a RunController emits.
struct Recorder
{
    explicit Recorder(RunController *rc)
        : outputSpy(rc, &RunController::outputReceived)
        , finishedSpy(rc, &RunController::finished)
        , stateSpy(rc, &RunController::stateChanged)
    {
    }

    OutputLines lines() const
    {
        OutputLines all;
        for (const QList<QVariant> &args : outputSpy)
            all += args.at(0).value<OutputLines>();
        return all;
    }
    QStringList texts(OutputLine::Channel channel) const
    {
        QStringList out;
        for (const OutputLine &l : lines())
            if (l.channel == channel)
                out.append(l.text);
        return out;
    }
    bool waitFinished(int ms) { return finishedSpy.count() > 0 || finishedSpy.wait(ms); }
    RunResult result() const { return finishedSpy.at(0).at(0).value<RunResult>(); }

    QSignalSpy outputSpy;
    QSignalSpy finishedSpy;
    QSignalSpy stateSpy;
};

QString writeScript(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
        return {};
    f.close();
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup);
    return path;
}

} // namespace

class TestRunController : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultEngineIsNextToTheExecutable()
    {
        RunController rc;
        QCOMPARE(rc.enginePath(), QCoreApplication::applicationDirPath() + u"/stampede"_s);
        QCOMPARE(rc.state(), RunController::State::Idle);
    }

    void streamsLinesAndReportsExitCode99()
    {
        RunController rc;
        Recorder rec(&rc);
        QVERIFY(rc.startProcess(u"/bin/sh"_s, {u"-c"_s, u"echo out; echo err >&2; exit 99"_s}));
        QCOMPARE(rc.state(), RunController::State::Running);
        QVERIFY(rec.waitFinished(10000));

        QCOMPARE(rec.texts(OutputLine::Channel::Stdout), QStringList{u"out"_s});
        QCOMPARE(rec.texts(OutputLine::Channel::Stderr), QStringList{u"err"_s});
        const RunResult result = rec.result();
        QCOMPARE(result.outcome, RunResult::Outcome::Exited);
        QCOMPARE(result.exitCode, 99);
        QCOMPARE(result.explanation, stampede::studio::explainExitCode(99));
        QVERIFY2(result.explanation.contains(u"Thresholds failed"_s), qPrintable(result.explanation));
        QCOMPARE(rc.state(), RunController::State::Idle);
        // Running, then Idle: nothing else.
        QCOMPARE(rec.stateSpy.count(), 2);
        QCOMPARE(rec.stateSpy.at(0).at(0).value<RunController::State>(), RunController::State::Running);
        QCOMPARE(rec.stateSpy.at(1).at(0).value<RunController::State>(), RunController::State::Idle);
    }

    void startRunsEngineWithRunAndScriptInScriptDirectory()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString engine = writeScript(dir, u"fake-stampede"_s,
                                           "#!/bin/sh\necho \"args:$*\"\necho \"cwd:$(pwd)\"\nexit 0\n");
        QVERIFY(!engine.isEmpty());
        QVERIFY(QDir(dir.path()).mkpath(u"scripts"_s));
        const QString script = writeScript(dir, u"scripts/test.js"_s, "export default function () {}\n");

        RunController rc;
        rc.setEnginePath(engine);
        Recorder rec(&rc);
        QSignalSpy startedSpy(&rc, &RunController::started);
        QVERIFY(rc.start(script));
        QCOMPARE(startedSpy.count(), 1);
        QVERIFY(startedSpy.at(0).at(0).toString().contains(u"fake-stampede run "_s));
        QVERIFY(rec.waitFinished(10000));

        const QStringList out = rec.texts(OutputLine::Channel::Stdout);
        QCOMPARE(out.size(), 2);
        QCOMPARE(out.at(0), u"args:run "_s + QFileInfo(script).absoluteFilePath());
        QCOMPARE(QFileInfo(out.at(1).mid(4)).canonicalFilePath(), QFileInfo(dir.filePath(u"scripts"_s)).canonicalFilePath());
        QCOMPARE(rec.result().exitCode, 0);
        QVERIFY(rec.result().explanation.contains(u"successfully"_s));
    }

    void batchesOutputInsteadOfOneSignalPerLine()
    {
        RunController rc;
        Recorder rec(&rc);
        QVERIFY(rc.startProcess(u"/bin/sh"_s,
                                {u"-c"_s, u"i=0; while [ $i -lt 5000 ]; do echo line$i; i=$((i+1)); done; printf tail"_s}));
        QVERIFY(rec.waitFinished(20000));
        const QStringList out = rec.texts(OutputLine::Channel::Stdout);
        QCOMPARE(out.size(), 5001);
        for (int i = 0; i < 5000; ++i)
            QCOMPARE(out.at(i), u"line"_s + QString::number(i));
        QCOMPARE(out.last(), u"tail"_s); // last line without a newline is not lost
        QVERIFY2(rec.outputSpy.count() < 200, qPrintable(QString::number(rec.outputSpy.count())));
    }

    void decodesUtf8AndStripsColours()
    {
        RunController rc;
        Recorder rec(&rc);
        QVERIFY(rc.startProcess(u"/bin/sh"_s, {u"-c"_s, u"printf '\\033[32m✓ grün\\033[0m\\r\\n'"_s}));
        QVERIFY(rec.waitFinished(10000));
        QCOMPARE(rec.texts(OutputLine::Channel::Stdout), QStringList{u"✓ grün"_s});
    }

    void stopEndsLongRunningChild()
    {
        RunController rc;
        Recorder rec(&rc);
        QVERIFY(rc.startProcess(u"sleep"_s, {u"30"_s}));
        QTest::qWait(200);
        QCOMPARE(rc.state(), RunController::State::Running);
        QElapsedTimer timer;
        timer.start();
        rc.stop();
        QCOMPARE(rc.state(), RunController::State::Stopping);
        QVERIFY(rec.waitFinished(5000));
        QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(rec.result().outcome, RunResult::Outcome::Stopped);
        QCOMPARE(rc.state(), RunController::State::Idle);
    }

    void stopKillsChildThatIgnoresTerm()
    {
        RunController rc;
        rc.setStopGracePeriodMs(500);
        Recorder rec(&rc);
        QVERIFY(rc.startProcess(u"/bin/sh"_s,
                                {u"-c"_s, u"trap '' TERM; echo ready; while true; do sleep 0.1; done"_s}));
        QTRY_VERIFY_WITH_TIMEOUT(rec.texts(OutputLine::Channel::Stdout).contains(u"ready"_s), 5000);
        QElapsedTimer timer;
        timer.start();
        rc.stop();
        QVERIFY(rec.waitFinished(5000));
        QVERIFY(timer.elapsed() >= 400);
        QVERIFY(timer.elapsed() < 4000);
        QCOMPARE(rec.result().outcome, RunResult::Outcome::Killed);
        QVERIFY(!rec.result().explanation.isEmpty());
    }

    void missingEngineFailsToStartWithItsPath()
    {
        QTemporaryDir dir;
        const QString script = writeScript(dir, u"a.js"_s, "export default function () {}\n");
        RunController rc;
        rc.setEnginePath(u"/nonexistent/bin/stampede"_s);
        Recorder rec(&rc);
        QVERIFY(!rc.start(script));
        QVERIFY(rec.waitFinished(5000));
        QCOMPARE(rec.result().outcome, RunResult::Outcome::FailedToStart);
        QVERIFY2(rec.result().explanation.contains(u"/nonexistent/bin/stampede"_s), qPrintable(rec.result().explanation));
        QCOMPARE(rc.state(), RunController::State::Idle);
        // And it can run again afterwards.
        QVERIFY(rc.startProcess(u"/bin/sh"_s, {u"-c"_s, u"exit 0"_s}));
        QTRY_COMPARE_WITH_TIMEOUT(rc.state(), RunController::State::Idle, 5000);
    }

    void emptyScriptPathIsRejected()
    {
        RunController rc;
        Recorder rec(&rc);
        QVERIFY(!rc.start(QString()));
        QCOMPARE(rec.finishedSpy.count(), 1);
        QCOMPARE(rec.result().outcome, RunResult::Outcome::FailedToStart);
    }

    void secondStartWhileRunningIsRefused()
    {
        RunController rc;
        Recorder rec(&rc);
        QVERIFY(rc.startProcess(u"sleep"_s, {u"30"_s}));
        QTest::ignoreMessage(QtWarningMsg, "RunController: a run is already in progress");
        QVERIFY(!rc.startProcess(u"/bin/sh"_s, {u"-c"_s, u"exit 0"_s}));
        rc.stop();
        QVERIFY(rec.waitFinished(5000));
    }

    void crashIsReported()
    {
        RunController rc;
        Recorder rec(&rc);
        QVERIFY(rc.startProcess(u"/bin/sh"_s, {u"-c"_s, u"kill -KILL $$"_s}));
        QVERIFY(rec.waitFinished(5000));
        QCOMPARE(rec.result().outcome, RunResult::Outcome::Crashed);
    }

    // With the real `stampede` CLI (built next to the tests, or named by
    // STAMPEDE_TEST_ENGINE): the studio sees k6's exit codes.
    void realEngine_data()
    {
        QTest::addColumn<QByteArray>("script"); // empty = a file that does not exist
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("outputContains");
        QTest::newRow("ok") << QByteArray("export const options = { iterations: 1 };\n"
                                          "export default function () { console.log('hello from the vu'); }\n")
                            << 0 << u"hello from the vu"_s;
        QTest::newRow("init exception") << QByteArray("throw new Error('init boom');\nexport default function () {}\n")
                                        << 107 << u"init boom"_s;
        QTest::newRow("missing file") << QByteArray() << 255 << u"missing.js"_s;
    }
    void realEngine()
    {
        QFETCH(QByteArray, script);
        QFETCH(int, exitCode);
        QFETCH(QString, outputContains);
        QString engine = qEnvironmentVariable("STAMPEDE_TEST_ENGINE");
        if (engine.isEmpty())
            engine = QStringLiteral(STAMPEDE_BIN_DIR "/stampede");
        if (!QFileInfo(engine).isExecutable())
            QSKIP("the stampede CLI is not built");
        QTemporaryDir dir;
        const QString path = script.isEmpty() ? dir.filePath(u"missing.js"_s) : writeScript(dir, u"t.js"_s, script);
        RunController rc;
        rc.setEnginePath(engine);
        Recorder rec(&rc);
        QVERIFY(rc.start(path));
        QVERIFY(rec.waitFinished(60000));
        const RunResult result = rec.result();
        QCOMPARE(result.exitCode, exitCode);
        QCOMPARE(result.explanation, stampede::studio::explainExitCode(exitCode));
        QStringList all;
        for (const OutputLine &l : rec.lines())
            all.append(l.text);
        QVERIFY2(all.join(u'\n').contains(outputContains), qPrintable(all.join(u'\n')));
        for (const QString &line : all)
            QVERIFY2(!line.contains(QChar(0x1b)), "escape sequences reached the output pane");
    }

    void realEngineStopsOnRequest()
    {
        QString engine = qEnvironmentVariable("STAMPEDE_TEST_ENGINE");
        if (engine.isEmpty())
            engine = QStringLiteral(STAMPEDE_BIN_DIR "/stampede");
        if (!QFileInfo(engine).isExecutable())
            QSKIP("the stampede CLI is not built");
        QTemporaryDir dir;
        const QString path = writeScript(dir, u"long.js"_s,
                                         "import { sleep } from 'k6';\n"
                                         "export const options = { vus: 1, duration: '60s' };\n"
                                         "export default function () { sleep(0.1); }\n");
        RunController rc;
        rc.setEnginePath(engine);
        Recorder rec(&rc);
        QVERIFY(rc.start(path));
        QTest::qWait(1500);
        QCOMPARE(rc.state(), RunController::State::Running);
        QElapsedTimer timer;
        timer.start();
        rc.stop();
        QVERIFY(rec.waitFinished(10000));
        QVERIFY(timer.elapsed() < 6000);
        // k6 semantics: a graceful stop on SIGTERM exits with 105.
        QCOMPARE(rec.result().outcome, RunResult::Outcome::Exited);
        QCOMPARE(rec.result().exitCode, 105);
        QVERIFY(rec.result().explanation.contains(u"Stopped by the user"_s));
    }

    void destructorDoesNotLeaveChildBehind()
    {
        qint64 pid = 0;
        {
            RunController rc;
            QVERIFY(rc.startProcess(u"sleep"_s, {u"30"_s}));
            QTest::qWait(100);
            pid = rc.processId();
            QVERIFY(pid > 0);
            QVERIFY(QFileInfo::exists(u"/proc/"_s + QString::number(pid)));
        }
        QVERIFY(!QFileInfo::exists(u"/proc/"_s + QString::number(pid)));
    }
};

QTEST_GUILESS_MAIN(TestRunController)
#include "tst_runcontroller.moc"
