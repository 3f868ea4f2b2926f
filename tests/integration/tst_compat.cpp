// k6 compatibility scripts (tests/data/compat) run through the real `stampede` CLI.
//
// To add a script: drop it in tests/data/compat and add one line to a table below.
//  - kPassingScripts: the script's checks must all pass; give the number of passes.
//  - kFailingScripts: the script throws; give the exit code, the file:line:column the
//    CLI must report and a piece of the error message.

#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct PassingScript
{
    const char *file;
    int passes; // expected "✓ N" on the summary's checks line
};

const PassingScript kPassingScripts[] = {
    {"crypto_hashes.js", 22},
    {"crypto_hmac.js", 16},
    {"crypto_hasher.js", 11},
    {"encoding_b64.js", 21},
    {"html_parse.js", 34},
    {"html_selection.js", 50},
    {"html_element.js", 26},
    {"html_forms.js", 15},
};

struct FailingScript
{
    const char *file;
    int exitCode;
    const char *location; // "file.js:line:column" as the CLI logs it
    const char *message;  // part of the error message
};

const FailingScript kFailingScripts[] = {
    {"error_crypto_unknown_algorithm.js", 0, "error_crypto_unknown_algorithm.js:6:12",
     "invalid hash algorithm \"sha3-256\""},
    {"error_crypto_bad_encoding_init.js", 107, "error_crypto_bad_encoding_init.js:4:16",
     "TypeError: invalid output encoding \"utf-9\""},
    {"error_encoding_bad_base64.js", 0, "error_encoding_bad_base64.js:6:5", "illegal base64 data at input byte 3"},
    {"error_html_bad_selector.js", 0, "error_html_bad_selector.js:6:32", "invalid CSS selector \"a[href\""},
};

struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

CliResult runScript(const QString &file)
{
    QProcess p;
    p.start(QStringLiteral(STAMPEDE_BIN_DIR "/stampede"),
            {u"run"_s, u"--quiet"_s, QStringLiteral(STAMPEDE_TEST_DATA_DIR "/compat/") + file});
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

// The value column of the summary's checks line, e.g. "100.00% ✓ 22 ✗ 0".
QString checksLine(const QString &summary)
{
    static const QRegularExpression re(u"^\\s+checks\\.+: (.+)$"_s, QRegularExpression::MultilineOption);
    const auto m = re.match(summary);
    return m.hasMatch() ? m.captured(1).trimmed() : QString();
}

} // namespace

class tst_Compat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passing_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("passes");
        for (const PassingScript &s : kPassingScripts)
            QTest::newRow(s.file) << QString::fromUtf8(s.file) << s.passes;
    }

    void passing()
    {
        QFETCH(QString, file);
        QFETCH(int, passes);
        const CliResult r = runScript(file);
        const QString log = r.err + r.out;
        QVERIFY2(r.exitCode == 0, qPrintable(log));
        QVERIFY2(!r.err.contains(u"ERRO"_s), qPrintable(log));
        const QString checks = checksLine(r.out);
        const QRegularExpression expected(u"^100\\.00% +✓ "_s + QString::number(passes) + u" +✗ 0$"_s);
        QVERIFY2(expected.match(checks).hasMatch(), qPrintable(u"checks line: \""_s + checks + u"\"\n"_s + log));
    }

    void failing_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("location");
        QTest::addColumn<QString>("message");
        for (const FailingScript &s : kFailingScripts)
            QTest::newRow(s.file) << QString::fromUtf8(s.file) << s.exitCode << QString::fromUtf8(s.location)
                                  << QString::fromUtf8(s.message);
    }

    void failing()
    {
        QFETCH(QString, file);
        QFETCH(int, exitCode);
        QFETCH(QString, location);
        QFETCH(QString, message);
        const CliResult r = runScript(file);
        const QString log = r.err + r.out;
        QVERIFY2(r.exitCode == exitCode, qPrintable(u"exit code "_s + QString::number(r.exitCode) + u"\n"_s + log));
        // "ERRO[0000] /abs/path/file.js:6:12: Error: ..." on one line.
        const QRegularExpression line(u"ERRO.*/"_s + QRegularExpression::escape(location) + u": .*"_s +
                                      QRegularExpression::escape(message));
        QVERIFY2(line.match(log).hasMatch(), qPrintable(log));
    }
};

QTEST_GUILESS_MAIN(tst_Compat)
#include "tst_compat.moc"
