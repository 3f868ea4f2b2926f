// The debug event stream end to end: the real CLI (`stampede run --debug-events`) against the
// loopback test server, its records read raw and through the studio's DebugSession.

#include "core/studio/bodybuffer.h"
#include "core/studio/debugsession.h"
#include "tests/support/testserverprocess.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using stampede::studio::BodyBuffer;
using stampede::studio::DebugBody;
using stampede::studio::DebugConsoleLine;
using stampede::studio::DebugRequest;
using stampede::studio::DebugSession;

namespace {

QString scriptPath()
{
    return QStringLiteral(STAMPEDE_TEST_DATA_DIR "/scripts/debug/debug_run.js");
}

// The 1-based line of the script that carries `marker` ("@get").
int lineOf(const QString &marker)
{
    QFile f(scriptPath());
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (int i = 0; i < lines.size(); ++i)
        if (lines[i].trimmed().endsWith(QByteArray("// " + marker.toUtf8())))
            return i + 1;
    return -1;
}

QString header(const stampede::studio::DebugHeaders &headers, const QString &name)
{
    for (const auto &[k, v] : headers)
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}

// How runScript() runs a script, besides one VU, one iteration, the test server as BASE and its
// debug event stream next to the other files of the test.
struct Run
{
    int exitCode = 0;  // what the run must exit with
    bool quiet = true; // --quiet
    QStringList args;  // more arguments, before the script
};

} // namespace

class TestDebugEvents : public QObject
{
    Q_OBJECT

private:
    stampede::test::TestServerProcess m_server;
    QTemporaryDir m_dir;
    QString m_stream;
    QList<QJsonObject> m_records;
    DebugSession m_session;
    static constexpr qint64 kBigBody = 3 * 1024 * 1024; // above the inline limit: a side file

    // Writes `source` as <name>.js into the test's directory; its path, or empty if it could not.
    QString writeScript(const QString &name, const QByteArray &source)
    {
        const QString path = m_dir.filePath(name + u".js"_s);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(source) != source.size())
            return {};
        return path;
    }

    // Where the stream of a run of `script` goes: <its name>.ndjson in the test's directory.
    QString streamOf(const QString &script) const
    {
        return m_dir.filePath(QFileInfo(script).completeBaseName() + u".ndjson"_s);
    }

    // Runs `script` with `stampede run --debug-events` and reads its stream into `session`.
    // Returns what went wrong (a timeout, another exit code, a stream that cannot be read), or nothing.
    QString runScript(const QString &script, DebugSession &session, const Run &run = {})
    {
        if (script.isEmpty())
            return u"the script could not be written"_s;
        const QString stream = streamOf(script);
        QStringList args{u"run"_s, u"--vus"_s, u"1"_s, u"--iterations"_s, u"1"_s, u"--no-history"_s};
        if (run.quiet)
            args << u"--quiet"_s;
        args << u"--debug-events"_s << stream << u"-e"_s
             << u"BASE="_s + m_server.url().toString(QUrl::StripTrailingSlash);
        args << run.args << script;
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral(STAMPEDE_BIN_DIR "/stampede"), args);
        if (!p.waitForFinished(120000))
            return u"%1 did not finish within 2 minutes"_s.arg(QFileInfo(script).fileName());
        if (p.exitCode() != run.exitCode)
            return u"%1 exited with %2, not %3:\n%4"_s.arg(QFileInfo(script).fileName())
                .arg(p.exitCode())
                .arg(run.exitCode)
                .arg(QString::fromUtf8(p.readAll()));
        if (!session.readFile(stream))
            return u"cannot read the debug event stream "_s + stream;
        if (!session.errors().isEmpty())
            return session.errors().join(u'\n');
        return {};
    }

    // writeScript() and runScript() in one.
    QString runSource(const QString &name, const QByteArray &source, DebugSession &session, const Run &run = {})
    {
        return runScript(writeScript(name, source), session, run);
    }

    const DebugRequest *requestTo(const QString &pathSuffix, const QString &stage = u"default"_s)
    {
        for (const DebugRequest &r : m_session.requests())
            if (r.url.endsWith(pathSuffix) && r.stage == stage)
                return &r;
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        QVERIFY(m_dir.isValid());
        const QString failed =
            runScript(scriptPath(), m_session, {.args = {u"-e"_s, u"BYTES="_s + QString::number(kBigBody)}});
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        m_stream = streamOf(scriptPath());
        QFile f(m_stream);
        QVERIFY(f.open(QIODevice::ReadOnly));
        for (const QByteArray &line : f.readAll().split('\n')) {
            if (line.isEmpty())
                continue;
            QJsonParseError err;
            const QJsonDocument doc = QJsonDocument::fromJson(line, &err);
            QVERIFY2(doc.isObject(), qPrintable(err.errorString() + u": "_s + QString::fromUtf8(line.left(200))));
            m_records.append(doc.object());
        }
    }

    void streamFraming()
    {
        QVERIFY(m_records.size() > 10);
        QCOMPARE(m_records.first().value("type"_L1).toString(), u"start"_s);
        QCOMPARE(m_records.last().value("type"_L1).toString(), u"end"_s);
        QCOMPARE(QFileInfo(m_records.first().value("script"_L1).toString()).fileName(), u"debug_run.js"_s);
        QVERIFY(m_session.hasStarted());
        QVERIFY(m_session.hasEnded());
    }

    void getRequest()
    {
        const DebugRequest *r = requestTo(u"/json"_s);
        QVERIFY(r);
        QCOMPARE(r->method, u"GET"_s);
        QCOMPARE(r->status, 200);
        QCOMPARE(r->statusText, u"200 OK"_s);
        QCOMPARE(r->proto, u"HTTP/1.1"_s);
        QCOMPARE(r->vu, 1);
        QCOMPARE(r->iteration, 0);
        QCOMPARE(header(r->responseHeaders, u"Content-Type"_s), u"application/json"_s);
        // The request headers as sent, not just the script's.
        QVERIFY(header(r->requestHeaders, u"User-Agent"_s).startsWith(u"Stampede/"_s));
        QVERIFY(!header(r->requestHeaders, u"Host"_s).isEmpty());
        QVERIFY(r->responseBody.isInline());
        QCOMPARE(r->responseBody.data, QByteArray(R"({"name":"stampede","items":[1,2,3],"nested":{"ok":true}})"));
        QCOMPARE(r->responseBody.size, r->responseBody.data.size());
        QVERIFY(r->timings.duration > 0);
        QVERIFY(r->timings.waiting > 0);
        QVERIFY(r->startUnixNs > 0);
        QCOMPARE(r->remoteIp, u"127.0.0.1"_s);
        QCOMPARE(QFileInfo(r->location.file).fileName(), u"debug_run.js"_s);
        QCOMPARE(r->location.line, lineOf(u"@get"_s));
        QVERIFY(r->location.column > 0);
        QVERIFY(!r->failed());
    }

    void setupAndTeardownAreMarked()
    {
        const DebugRequest *s = requestTo(u"/json"_s, u"setup"_s);
        QVERIFY(s);
        QCOMPARE(s->location.line, lineOf(u"@setup"_s));
        // setup() runs with the run's HTTP options: its request head is captured too.
        QVERIFY(header(s->requestHeaders, u"User-Agent"_s).startsWith(u"Stampede/"_s));
        const DebugRequest *t = requestTo(u"/status/204"_s, u"teardown"_s);
        QVERIFY(t);
        QCOMPARE(t->status, 204);
        QCOMPARE(t->location.line, lineOf(u"@teardown"_s));
        // In order: setup first, teardown last.
        QCOMPARE(m_session.requests().front().stage, u"setup"_s);
        QCOMPARE(m_session.requests().back().stage, u"teardown"_s);
    }

    void postWithBody()
    {
        const DebugRequest *r = requestTo(u"/echo"_s);
        QVERIFY(r);
        QCOMPARE(r->method, u"POST"_s);
        QCOMPARE(r->requestBody.data, QByteArray(R"({"hello":"world"})"));
        QCOMPARE(header(r->requestHeaders, u"Content-Type"_s), u"application/json"_s);
        QCOMPARE(r->responseBody.data, QByteArray(R"({"hello":"world"})"));
        QCOMPARE(r->location.line, lineOf(u"@post"_s));
    }

    void redirectChain()
    {
        // /redirect/2 -> /redirect/1 -> /: three records, one chain, all made by one line.
        QList<const DebugRequest *> chain;
        for (const DebugRequest &r : m_session.requests())
            if (r.group == u"::redirects"_s)
                chain.append(&r);
        QCOMPARE(chain.size(), 3);
        QVERIFY(chain[0]->url.endsWith(u"/redirect/2"_s));
        QVERIFY(chain[1]->url.endsWith(u"/redirect/1"_s));
        QCOMPARE(QUrl(chain[2]->url).path(), u"/"_s);
        QCOMPARE(chain[0]->status, 302);
        QCOMPARE(chain[1]->status, 302);
        QCOMPARE(chain[2]->status, 200);
        QCOMPARE(header(chain[0]->responseHeaders, u"Location"_s), u"/redirect/1"_s);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(chain[i]->hop, i);
            QCOMPARE(chain[i]->firstId, chain[0]->id);
            QCOMPARE(chain[i]->location.line, lineOf(u"@redirect"_s));
        }
        // The group records too.
        bool entered = false;
        for (const auto &g : m_session.groups())
            entered = entered || (g.enter && g.name == u"redirects"_s);
        QVERIFY(entered);
    }

    void notFound()
    {
        const DebugRequest *r = requestTo(u"/nope"_s);
        QVERIFY(r);
        QCOMPARE(r->status, 404);
        QVERIFY(r->failed());
        QCOMPARE(r->responseBody.data, QByteArray("not found\n"));
        QCOMPARE(r->location.line, lineOf(u"@404"_s));
    }

    void checksTiedToTheirRequest()
    {
        const DebugRequest *get = requestTo(u"/json"_s);
        QVERIFY(get);
        QCOMPARE(get->checks.size(), 2);
        const auto &c0 = m_session.checks()[size_t(get->checks[0])];
        const auto &c1 = m_session.checks()[size_t(get->checks[1])];
        QCOMPARE(c0.name, u"status is 200"_s);
        QVERIFY(c0.ok);
        QCOMPARE(c1.name, u"has three items"_s);
        QVERIFY(c1.ok);
        QCOMPARE(c0.location.line, lineOf(u"@check"_s));

        const DebugRequest *missing = requestTo(u"/nope"_s);
        QVERIFY(missing);
        QCOMPARE(missing->checks.size(), 2);
        QVERIFY(m_session.checks()[size_t(missing->checks[0])].ok);
        QVERIFY(!m_session.checks()[size_t(missing->checks[1])].ok);
        QCOMPARE(m_session.checks()[size_t(missing->checks[1])].location.line, lineOf(u"@check404"_s));

        // A check on a plain value belongs to the VU's latest request (the /bytes one).
        const DebugRequest *bytes = requestTo(u"/bytes/"_s + QString::number(kBigBody));
        QVERIFY(bytes);
        QCOMPARE(bytes->checks.size(), 1);
        QCOMPARE(m_session.checks()[size_t(bytes->checks[0])].name, u"body has bytes"_s);
        QCOMPARE(m_session.checks()[size_t(bytes->checks[0])].location.line, lineOf(u"@checkvalue"_s));
    }

    void cookies()
    {
        const DebugRequest *set = requestTo(u"/cookies/set?session=abc123"_s);
        QVERIFY(set);
        QCOMPARE(set->cookiesReceived.size(), 1);
        QCOMPARE(set->cookiesReceived[0].name, u"session"_s);
        QCOMPARE(set->cookiesReceived[0].value, u"abc123"_s);
        QCOMPARE(set->cookiesReceived[0].path, u"/"_s);
        QVERIFY(set->cookiesReceived[0].httpOnly);
        // The next request sends the jar's cookie and the one from params.
        const DebugRequest *sent = requestTo(u"/headers"_s);
        QVERIFY(sent);
        QStringList names;
        for (const auto &c : sent->cookiesSent)
            names << c.name + u'=' + c.value;
        names.sort();
        QCOMPARE(names, (QStringList{u"extra=x1"_s, u"session=abc123"_s}));
    }

    void largeBinaryBodyGoesToASideFile()
    {
        const DebugRequest *r = requestTo(u"/bytes/"_s + QString::number(kBigBody));
        QVERIFY(r);
        QCOMPARE(r->responseBody.size, kBigBody);
        QVERIFY(!r->responseBody.isInline());
        QVERIFY(!r->responseBody.truncated);
        QCOMPARE(r->responseBody.stored, kBigBody);
        QCOMPARE(QFileInfo(r->responseBody.file).size(), kBigBody);
        BodyBuffer buffer(r->responseBody);
        QVERIFY2(buffer.errorString().isEmpty(), qPrintable(buffer.errorString()));
        QCOMPARE(buffer.size(), kBigBody);
        QCOMPARE(QByteArray(buffer.data(), 5), QByteArray("abcde"));
        QCOMPARE(buffer.detectKind(r->responseHeader(u"Content-Type"_s)), BodyBuffer::Kind::Binary);
        QCOMPARE(buffer.hexRowCount(), kBigBody / 16);
        QCOMPARE(buffer.hexRow(0), u"00000000  61 62 63 64 65 66 67 68  69 6a 6b 6c 6d 6e 6f 70  abcdefghijklmnop"_s);
        QCOMPARE(buffer.hexRow(1).left(8), u"00000010"_s);
    }

    void consoleLines()
    {
        QList<const DebugConsoleLine *> console;
        for (const DebugConsoleLine &l : m_session.console())
            if (l.source == u"console"_s)
                console.append(&l);
        QCOMPARE(console.size(), 2);
        QCOMPARE(console[0]->text, u"starting iteration"_s);
        QCOMPARE(console[0]->level, DebugConsoleLine::Level::Info);
        QCOMPARE(console[0]->location.line, lineOf(u"@log"_s));
        QCOMPARE(console[0]->stage, u"default"_s);
        QCOMPARE(console[1]->text, u"done 42"_s);
        QCOMPARE(console[1]->level, DebugConsoleLine::Level::Warning);
        QCOMPARE(console[1]->location.line, lineOf(u"@warn"_s));
    }

    void incrementalFeedMatchesWholeFile()
    {
        // The studio reads the stream while it grows: any split into chunks gives the same session.
        QFile f(m_stream);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray all = f.readAll();
        DebugSession s;
        for (qsizetype i = 0; i < all.size(); i += 777)
            s.feed(all.mid(i, 777));
        QCOMPARE(s.requests().size(), m_session.requests().size());
        QCOMPARE(s.checks().size(), m_session.checks().size());
        QCOMPARE(s.console().size(), m_session.console().size());
        QVERIFY(s.errors().isEmpty());
    }

    void badLinesAreReported()
    {
        DebugSession s;
        s.feed("{\"type\":\"start\",\"script\":\"/x.js\"}\nnot json\n{\"type\":\"console\",\"text\":\"hi\"}\n");
        QCOMPARE(s.console().size(), size_t(1));
        QCOMPARE(s.errors().size(), 1);
        QVERIFY2(s.errors().first().startsWith(u"debug stream line 2:"_s), qPrintable(s.errors().first()));
    }

    void flagIsDocumented()
    {
        for (const QStringList &args : {QStringList{u"help"_s, u"run"_s}, QStringList{u"run"_s, u"--help"_s}}) {
            QProcess p;
            p.start(QStringLiteral(STAMPEDE_BIN_DIR "/stampede"), args);
            QVERIFY(p.waitForFinished(30000));
            QCOMPARE(p.exitCode(), 0);
            QVERIFY(p.readAllStandardOutput().contains("--debug-events FILE"));
        }
    }

    void errorsCarryTheirLine()
    {
        // An exception in the iteration and a syntax error: console error records at the offending line.
        struct Case { QByteArray source; int line; QString stage; QString source_; int exit; QString text; };
        const Case cases[] = {
            {"import http from 'k6/http';\nexport default function () {\n  http.get(__ENV.BASE + '/json');\n"
             "  const x = null;\n  x.boom();\n}\n",
             5, u"default"_s, u"stacktrace"_s, 0, u"TypeError"_s},
            {"export default function () {\n  let = ;\n}\n", 2, u"init"_s, u"runtime"_s, 107, u"SyntaxError"_s},
        };
        int n = 0;
        for (const Case &c : cases) {
            const QString script = writeScript(u"error%1"_s.arg(n++), c.source);
            DebugSession s;
            const QString failed = runScript(script, s, {.exitCode = c.exit});
            QVERIFY2(failed.isEmpty(), qPrintable(failed));
            QVERIFY(s.hasEnded());
            const DebugConsoleLine *error = nullptr;
            for (const DebugConsoleLine &l : s.console())
                if (l.level == DebugConsoleLine::Level::Error)
                    error = &l;
            QVERIFY(error);
            QVERIFY2(error->text.contains(c.text), qPrintable(error->text));
            QCOMPARE(error->source, c.source_);
            QCOMPARE(error->stage, c.stage);
            QCOMPARE(error->location.file, QFileInfo(script).absoluteFilePath());
            QCOMPARE(error->location.line, c.line);
        }
    }

    void batchAndAsyncRequests()
    {
        // http.batch() and http.asyncRequest(): each request's record points at the call that made it,
        // and a check on one of the responses is tied to that response's request.
        const QByteArray script =
            "import http from 'k6/http';\n"
            "import { check } from 'k6';\n"
            "export default async function () {\n"
            "  const [a, b] = http.batch([`${__ENV.BASE}/status/201`, `${__ENV.BASE}/status/202`]);\n"
            "  check(a, { 'a is 201': (r) => r.status === 201 });\n"
            "  const c = await http.asyncRequest('GET', `${__ENV.BASE}/status/203`);\n"
            "  check(b, { 'b is 202': (r) => r.status === 202 });\n"
            "  check(c, { 'c is 203': (r) => r.status === 203 });\n"
            "}\n";
        DebugSession s;
        const QString failed = runSource(u"batch"_s, script, s);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        QCOMPARE(s.requests().size(), size_t(3));
        QHash<int, const DebugRequest *> byStatus;
        for (const DebugRequest &r : s.requests())
            byStatus.insert(r.status, &r);
        QVERIFY(byStatus.contains(201) && byStatus.contains(202) && byStatus.contains(203));
        QCOMPARE(byStatus[201]->location.line, 4);
        QCOMPARE(byStatus[202]->location.line, 4);
        QCOMPARE(byStatus[203]->location.line, 6);
        for (int status : {201, 202, 203}) {
            const DebugRequest *r = byStatus[status];
            QCOMPARE(r->checks.size(), 1);
            QVERIFY(s.checks()[size_t(r->checks[0])].ok);
            QCOMPARE(s.checks()[size_t(r->checks[0])].name, u"%1 is %2"_s.arg(QChar(u'a' + status - 201)).arg(status));
        }
    }

    void hugeBodyIsTruncatedAndSaysSo()
    {
        // Bodies are kept up to 64 MiB; the record keeps the full size and says it was cut.
        constexpr qint64 huge = 70ll * 1024 * 1024;
        const QByteArray get = "import http from 'k6/http';\nexport default function () {\n"
                               "  http.get(`${__ENV.BASE}/bytes/" + QByteArray::number(huge) + "`";
        DebugSession s;
        QString failed = runSource(u"huge"_s, get + ", { responseType: 'none' });\n}\n", s);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        QCOMPARE(s.requests().size(), size_t(1));
        const DebugRequest &r = s.requests().front();
        QCOMPARE(r.status, 200);
        QCOMPARE(r.bytesReceived > huge, true);
        // responseType 'none' keeps no body, not even for the debugger; the size says so.
        QCOMPARE(r.responseBody.size, 0);
        QVERIFY(r.responseDiscarded);

        // With the body kept, the side file holds the first 64 MiB.
        DebugSession t;
        failed = runSource(u"huge"_s, get + ");\n}\n", t);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        QCOMPARE(t.requests().size(), size_t(1));
        const DebugBody &b = t.requests().front().responseBody;
        QCOMPARE(b.size, huge);
        QVERIFY(b.truncated);
        QCOMPARE(b.stored, 64ll * 1024 * 1024);
        QCOMPARE(QFileInfo(b.file).size(), 64ll * 1024 * 1024);
        QFile::remove(b.file);
    }

    void engineErrorsReachTheStream()
    {
        // Not a script line but the engine's: a scenario script has no default function for --iterations.
        const QByteArray script =
            "export const options = { scenarios: { a: { executor: 'per-vu-iterations', exec: 'browse' } } };\n"
            "export function browse() {}\n";
        DebugSession s;
        const QString failed = runSource(u"scenarios"_s, script, s, {.exitCode = 104, .quiet = false});
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        QCOMPARE(s.console().size(), size_t(1)); // once, not once per log path
        QCOMPARE(s.console()[0].level, DebugConsoleLine::Level::Error);
        QVERIFY2(s.console()[0].text.contains(u"no default function"_s), qPrintable(s.console()[0].text));
    }

    void unwritableStreamIsAClearError()
    {
        QProcess p;
        p.start(QStringLiteral(STAMPEDE_BIN_DIR "/stampede"),
                {u"run"_s, u"--debug-events"_s, u"/nonexistent-dir/x.ndjson"_s, scriptPath()});
        QVERIFY(p.waitForFinished(30000));
        QVERIFY(p.exitCode() != 0);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("/nonexistent-dir/x.ndjson") && err.contains("debug event stream"), err.constData());
    }
};

QTEST_GUILESS_MAIN(TestDebugEvents)
#include "tst_debugevents.moc"
