// k6 compatibility scripts (tests/data/compat) run through the real `stampede` CLI.
//
// To add a script: drop it in tests/data/compat and add one line to a table below.
//  - kPassingScripts: the script's checks must all pass; give the number of passes.
//  - kFailingScripts: the script throws; give the exit code, the file:line:column the
//    CLI must report and a piece of the error message.

#include "tests/support/testserverprocess.h"

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
    {"module_imports.js", 4},
    {"module_cycle.js", 1},
    {"module_require.js", 3},
    {"open_files.js", 3},
    {"lifecycle.js", 12},
    {"scenarios_exec.js", 6},
    {"globals_vu_iter.js", 18},
    {"check_and_group.js", 7},
    {"sleep_and_timers.js", 4},
    {"random_seed.js", 3},
    {"metrics_custom.js", 4},
    {"shared_array.js", 16},
    {"execution_info.js", 20},
    {"http_verbs.js", 8},
    {"http_params.js", 4},
    {"http_response.js", 13},
    {"http_response_fields.js", 14},
    {"http_errors.js", 4},
    {"http_expected_statuses.js", 1},
    {"http_redirects.js", 2},
    {"options_export.js", 8},
    {"http_extras.js", 9},
    {"http_async.js", 16},
    {"http_async_vu.js", 14},
    {"http_json_selectors.js", 11},
    {"http_compression.js", 11},
    {"http_digest_auth.js", 3},
    {"websockets_events.js", 19},
    {"websockets_params.js", 7},
    {"websockets_compression.js", 7},
    {"stack_depth.js", 24},
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
    {"error_open_in_vu_code.js", 0, "error_open_in_vu_code.js:2:3", "open() can only be called in the init context"},
    {"error_fail.js", 0, "error_fail.js:3:3", "Error: custom failure"},
    {"error_abort.js", 108, "error_abort.js:4:31", "test aborted: stop right here"},
    {"error_throw_in_group.js", 0, "error_throw_in_group.js:4:10", "TypeError: Cannot read properties of null"},
    {"error_metric_in_vu_code.js", 0, "error_metric_in_vu_code.js:3:3", "metrics must be created in the init context"},
    {"error_unknown_module.js", 107, "error_unknown_module.js:1:15", "unknown module \"k6/nonexistent\""},
    {"error_syntax.js", 107, "error_syntax.js:2:14", "SyntaxError: Unexpected token ';'"},
    {"error_dynamic_import.js", 0, "error_dynamic_import.js:2:3", "dynamic import(\"./lib/math.js\") is not supported"},
    {"error_shared_array_not_array.js", 107, "error_shared_array_not_array.js:2:11",
     "the function given to SharedArray \"bad\" must return an array"},
    {"error_websockets_handler.js", 0, "error_websockets_handler.js:5:27", "Error: handler failed on boom"},
};

struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

// The loopback server the http_* scripts talk to (as __ENV.TARGET).
stampede::test::TestServerProcess *g_server = nullptr;
// The WebSocket echo servers for the websockets_* scripts (as __ENV.WS_TARGET and, with
// permessage-deflate, __ENV.WS_DEFLATE_TARGET).
QString g_wsTarget;
QString g_wsDeflateTarget;

CliResult runScript(const QString &file)
{
    QProcess p;
    QStringList args{u"run"_s, u"--quiet"_s};
    if (g_server)
        args << u"-e"_s << u"TARGET="_s + g_server->url().toString(QUrl::StripTrailingSlash);
    if (!g_wsTarget.isEmpty())
        args << u"-e"_s << u"WS_TARGET="_s + g_wsTarget << u"-e"_s << u"WS_DEFLATE_TARGET="_s + g_wsDeflateTarget;
    p.start(QStringLiteral(STAMPEDE_BIN_DIR "/stampede"), args << QStringLiteral(STAMPEDE_TEST_DATA_DIR "/compat/") + file);
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
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        g_server = &m_server;
        m_ws.start(QStringLiteral(STAMPEDE_BIN_DIR "/stampede-wsserver"), {u"--port"_s, u"0"_s});
        QVERIFY(m_ws.waitForReadyRead(10000));
        const QString line = QString::fromUtf8(m_ws.readLine()).trimmed();
        QVERIFY2(line.startsWith(u"listening on ws://"_s), qPrintable(line));
        g_wsTarget = line.mid(13);
        QTRY_VERIFY_WITH_TIMEOUT(m_ws.canReadLine() || m_ws.waitForReadyRead(100), 10000);
        const QString deflateLine = QString::fromUtf8(m_ws.readLine()).trimmed();
        QVERIFY2(deflateLine.startsWith(u"deflate echo on ws://"_s), qPrintable(deflateLine));
        g_wsDeflateTarget = deflateLine.mid(16);
    }
    void cleanupTestCase()
    {
        g_server = nullptr;
        g_wsTarget.clear();
        g_wsDeflateTarget.clear();
        if (m_ws.state() != QProcess::NotRunning) {
            m_ws.terminate();
            m_ws.waitForFinished(5000);
        }
    }

    void atLeastFortyScripts()
    {
        QVERIFY(std::size(kPassingScripts) + std::size(kFailingScripts) >= 40);
    }

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

private:
    stampede::test::TestServerProcess m_server;
    QProcess m_ws;
};

QTEST_GUILESS_MAIN(tst_Compat)
#include "tst_compat.moc"
