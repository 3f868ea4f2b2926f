// ScriptChecker against the real CLI (`stampede inspect --json`): syntax errors with
// line and column, errors in imported modules, invalid options placed on their key,
// init code that never ends (killed), and the temporary copy cleaned up.
#include "core/studio/scriptchecker.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using stampede::studio::CheckResult;
using stampede::studio::Diagnostic;
using stampede::studio::ScriptChecker;

namespace {

QString engine()
{
    return QStringLiteral(STAMPEDE_BIN_DIR) + u"/stampede"_s;
}

void writeFile(const QString &path, const QString &text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text.toUtf8());
}

CheckResult runCheck(ScriptChecker &checker, const QString &path, const QString &text, int waitMs = 30000)
{
    QSignalSpy spy(&checker, &ScriptChecker::finished);
    checker.check(path, text);
    if (spy.isEmpty())
        spy.wait(waitMs);
    if (spy.isEmpty())
        return {CheckResult::Outcome::Crashed, path, {}, u"no answer within the test's time"_s};
    return spy.takeFirst().at(0).value<CheckResult>();
}

QString describe(const CheckResult &r)
{
    QStringList parts{r.summary};
    for (const Diagnostic &d : r.diagnostics)
        parts.append(u"%1:%2:%3: %4"_s.arg(d.file).arg(d.line).arg(d.column).arg(d.message));
    return parts.join(u"\n"_s);
}

} // namespace

class TestScriptChecker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(engine()), qPrintable(engine()));
    }

    void inspectJsonKeepsTheDefaultOutput()
    {
        // Without --json, inspect still prints the k6-style error and exit code.
        QTemporaryDir dir;
        writeFile(dir.filePath(u"bad.js"_s), u"export default function () {\n  let x = ;\n}\n"_s);
        QProcess p;
        p.start(engine(), {u"inspect"_s, dir.filePath(u"bad.js"_s)});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 107);
        QVERIFY(p.readAllStandardOutput().isEmpty());
        QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains(u"bad.js:2:11: SyntaxError"_s));

        // A syntax error in an imported module: a clean script error at the module's line (V8 used to abort here).
        writeFile(dir.filePath(u"lib.js"_s), u"export function helper() {\n  return 1 +;\n}\n"_s);
        writeFile(dir.filePath(u"main.js"_s), u"import { helper } from './lib.js';\nexport default function () { helper(); }\n"_s);
        for (const QString &command : {u"inspect"_s, u"run"_s}) {
            QProcess run;
            const QStringList args = command == u"run"_s
                                         ? QStringList{command, u"--no-history"_s, dir.filePath(u"main.js"_s)}
                                         : QStringList{command, dir.filePath(u"main.js"_s)};
            run.start(engine(), args);
            QVERIFY(run.waitForFinished(30000));
            const QString err = QString::fromUtf8(run.readAllStandardError());
            QCOMPARE(run.exitStatus(), QProcess::NormalExit);
            QVERIFY2(run.exitCode() == 107, qPrintable(command + u": "_s + err));
            QVERIFY2(err.contains(u"lib.js:2:13: SyntaxError"_s), qPrintable(err));
        }
    }

    void syntaxErrorHasLineAndColumnOfTheEditorText()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"script.js"_s);
        // On disk the script is fine; the editor text (what is checked) is not.
        writeFile(path, u"export default function () {}\n"_s);
        ScriptChecker checker;
        checker.setEnginePath(engine());
        const QString text = u"import http from 'k6/http';\n\nexport const options = { vus: 2 };\n"
                             u"export default function () {\n  http.get('http://127.0.0.1/');\n  let x = ;\n}\n"_s;
        const CheckResult r = runCheck(checker, path, text);
        QCOMPARE(r.outcome, CheckResult::Outcome::Problems);
        QCOMPARE(r.diagnostics.size(), 1);
        const Diagnostic &d = r.diagnostics.first();
        QCOMPARE(d.file, path);
        QCOMPARE(d.line, 6);
        QCOMPARE(d.column, 11);
        QVERIFY2(d.message.contains(u"SyntaxError"_s), qPrintable(d.message));
        // The temporary copy beside the script is gone.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"script.js"_s});
    }

    void errorsInImportedModulesPointThere()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"main.js"_s);
        const QString lib = dir.filePath(u"lib.js"_s);
        writeFile(lib, u"export function helper() {\n  return 1 +;\n}\n"_s);
        ScriptChecker checker;
        checker.setEnginePath(engine());
        const QString text = u"import { helper } from './lib.js';\nexport default function () { helper(); }\n"_s;
        CheckResult r = runCheck(checker, path, text);
        QCOMPARE(r.outcome, CheckResult::Outcome::Problems);
        QVERIFY2(r.diagnostics.size() == 1, qPrintable(describe(r)));
        QCOMPARE(r.diagnostics.first().file, lib);
        QCOMPARE(r.diagnostics.first().line, 2);
        QVERIFY2(r.diagnostics.first().message.contains(u"SyntaxError"_s), qPrintable(describe(r)));

        // A module that is not there: the import statement in the script is marked.
        r = runCheck(checker, path, u"// deps\nimport x from './missing.js';\nexport default function () {}\n"_s);
        QCOMPARE(r.outcome, CheckResult::Outcome::Problems);
        QVERIFY2(r.diagnostics.size() == 1, qPrintable(describe(r)));
        QCOMPARE(r.diagnostics.first().file, path);
        QCOMPARE(r.diagnostics.first().line, 2);
        QCOMPARE(r.diagnostics.first().column, 15);
        QVERIFY2(r.diagnostics.first().message.contains(u"missing.js"_s), qPrintable(describe(r)));
    }

    void invalidOptionsAreMarkedOnTheirKey()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"opts.js"_s);
        ScriptChecker checker;
        checker.setEnginePath(engine());
        const QString text = u"export const options = {\n  vus: 2,\n  // how long\n  duration: 'abc',\n};\n"
                             u"export default function () {}\n"_s;
        const CheckResult r = runCheck(checker, path, text);
        QCOMPARE(r.outcome, CheckResult::Outcome::Problems);
        QVERIFY2(r.diagnostics.size() == 1, qPrintable(describe(r)));
        QCOMPARE(r.diagnostics.first().file, path);
        QVERIFY2(r.diagnostics.first().message.contains(u"invalid option \"duration\""_s), qPrintable(describe(r)));
        QCOMPARE(r.diagnostics.first().line, 4);
        QCOMPARE(r.diagnostics.first().column, 3);
    }

    void anEndlessInitLoopIsKilled()
    {
        QTemporaryDir dir;
        ScriptChecker checker;
        checker.setEnginePath(engine());
        checker.setTimeoutMs(1500);
        QElapsedTimer clock;
        clock.start();
        const CheckResult r =
            runCheck(checker, dir.filePath(u"loop.js"_s), u"let i = 0;\nwhile (true) { i++; }\nexport default function () {}\n"_s);
        QCOMPARE(r.outcome, CheckResult::Outcome::TimedOut);
        QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(r.diagnostics.size(), 1);
        QVERIFY(r.summary.contains(u"2 second"_s));
        QVERIFY(!checker.isBusy());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
    }

    void aGoodScriptHasNoProblems()
    {
        QTemporaryDir dir;
        ScriptChecker checker;
        checker.setEnginePath(engine());
        const CheckResult r = runCheck(checker, dir.filePath(u"ok.js"_s),
                                       u"export const options = { vus: 1, duration: '1s' };\nexport default function () {}\n"_s);
        QCOMPARE(r.outcome, CheckResult::Outcome::Ok);
        QVERIFY(r.diagnostics.isEmpty());
        // Untitled: checked in the temporary folder; problems carry no file.
        const CheckResult untitled = runCheck(checker, QString(), u"throw new Error('boom');\n"_s);
        QCOMPARE(untitled.outcome, CheckResult::Outcome::Problems);
        QVERIFY2(untitled.diagnostics.size() == 1, qPrintable(describe(untitled)));
        QCOMPARE(untitled.diagnostics.first().file, QString());
        QCOMPARE(untitled.diagnostics.first().line, 1);
        QVERIFY(untitled.diagnostics.first().message.contains(u"boom"_s));
    }

    void aMissingEngineIsReported()
    {
        ScriptChecker checker;
        checker.setEnginePath(u"/nonexistent/stampede"_s);
        const CheckResult r = runCheck(checker, QString(), u"export default function () {}\n"_s);
        QCOMPARE(r.outcome, CheckResult::Outcome::FailedToStart);
        QVERIFY(r.summary.contains(u"/nonexistent/stampede"_s));
    }
};

QTEST_GUILESS_MAIN(TestScriptChecker)
#include "tst_scriptchecker.moc"
