// HAR replay: a recorded shop session (tests/data/har/replay-shop.har.in) is converted with
// `stampede convert --auto-correlate` and run with `stampede run` against a loopback server that
// hands out fresh tokens per session (CSRF token in HTML, bearer token and user id in JSON, an
// XSRF cookie the app copies into a header, a cart id, a redirect Location). Requests that send
// the recorded (stale) values get 403/404. With correlation every check passes; without it, the
// same recording fails its checks.

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {

// A small HTTP/1.1 server with keep-alive: just enough for the shop.
class ShopServer : public QObject
{
public:
    ShopServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, this, [this, s] { onData(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }
    int forbidden = 0;
    int handled = 0;

private:
    struct Reply
    {
        int status = 200;
        QByteArray type = "application/json";
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
    };

    static QByteArray fresh(int n, const char *alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
    {
        QByteArray out;
        const int len = int(qstrlen(alphabet));
        for (int i = 0; i < n; ++i)
            out.append(alphabet[QRandomGenerator::global()->bounded(len)]);
        return out;
    }

    void onData(QTcpSocket *s)
    {
        QByteArray &buf = m_buffers[s];
        buf += s->readAll();
        for (;;) {
            const qsizetype end = buf.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = buf.left(end).split('\n');
            QMap<QByteArray, QByteArray> headers;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray l = lines[i].trimmed();
                const qsizetype c = l.indexOf(':');
                if (c > 0)
                    headers[l.left(c).trimmed().toLower()] = l.mid(c + 1).trimmed();
            }
            const qsizetype length = headers.value("content-length", "0").toLongLong();
            if (buf.size() < end + 4 + length)
                return;
            const QList<QByteArray> requestLine = lines[0].trimmed().split(' ');
            const QByteArray body = buf.mid(end + 4, length);
            buf.remove(0, end + 4 + length);
            const Reply r = handle(requestLine.value(0), requestLine.value(1), headers, body);
            ++handled;
            if (r.status == 403 || r.status == 404)
                ++forbidden;
            QByteArray out = "HTTP/1.1 " + QByteArray::number(r.status) + (r.status < 400 ? " OK" : " Error") + "\r\n";
            out += "Content-Type: " + r.type + "\r\nContent-Length: " + QByteArray::number(r.body.size()) + "\r\n";
            for (const auto &[k, v] : r.headers)
                out += k + ": " + v + "\r\n";
            out += "\r\n" + r.body;
            s->write(out);
        }
    }

    bool authorized(const QMap<QByteArray, QByteArray> &h, QByteArray *uid = nullptr) const
    {
        const QByteArray auth = h.value("authorization");
        if (!auth.startsWith("Bearer "))
            return false;
        const auto it = m_tokens.find(auth.mid(7));
        if (it == m_tokens.end())
            return false;
        if (uid)
            *uid = *it;
        return true;
    }

    Reply handle(const QByteArray &method, const QByteArray &target, const QMap<QByteArray, QByteArray> &h,
                 const QByteArray &body)
    {
        Reply r;
        const QByteArray path = target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?'));
        if (method == "GET" && path == "/login") {
            const QByteArray csrf = fresh(16), xsrf = fresh(16);
            m_csrf.insert(csrf);
            m_xsrf.insert(xsrf);
            r.type = "text/html; charset=utf-8";
            r.body = "<!doctype html>\n<html><head><title>Sign in</title></head><body><form method=\"post\">\n"
                     "<input type=\"hidden\" name=\"csrf_token\" value=\"" + csrf + "\">\n</form></body></html>";
            r.headers.append({"Set-Cookie", "XSRF-TOKEN=" + xsrf + "; Path=/; SameSite=Lax"});
            return r;
        }
        if (method == "POST" && path == "/api/login") {
            const QJsonObject in = QJsonDocument::fromJson(body).object();
            if (!m_csrf.contains(in.value(u"csrf"_s).toString().toUtf8())) {
                r.status = 403;
                r.body = R"({"error":"bad csrf"})";
                return r;
            }
            const QByteArray token = fresh(20) + "." + fresh(12);
            const QByteArray uid = QByteArray::number(QRandomGenerator::global()->bounded(50000, 99999));
            m_tokens[token] = uid;
            r.body = R"({"token":")" + token + R"(","expiresIn":3600,"user":{"id":)" + uid +
                     R"(,"name":"Alice","admin":false},"issuedAt":"2024-05-14T09:12:07Z"})";
            return r;
        }
        QByteArray uid;
        if (method == "GET" && path.startsWith("/api/users/") && path.endsWith("/cart")) {
            if (!authorized(h, &uid) || path != "/api/users/" + uid + "/cart") {
                r.status = 403;
                return r;
            }
            const QByteArray cart = "crt_" + fresh(10, "0123456789abcdef");
            m_carts.insert(cart);
            r.body = R"({"cartId":")" + cart + R"(","items":[],"currency":"EUR"})";
            return r;
        }
        if (method == "POST" && path.startsWith("/api/cart/") && path.endsWith("/items")) {
            const QByteArray cart = path.mid(10, path.size() - 10 - 6);
            if (!authorized(h) || !m_xsrf.contains(h.value("x-xsrf-token")) || !m_carts.contains(cart)) {
                r.status = 403;
                return r;
            }
            r.status = 201;
            r.body = R"({"ok":true,"count":1})";
            return r;
        }
        if (method == "POST" && path == "/checkout") {
            const QUrlQuery form(QString::fromUtf8(body));
            if (!m_carts.contains(form.queryItemValue(u"cart"_s).toUtf8()) ||
                !m_csrf.contains(form.queryItemValue(u"csrf_token"_s).toUtf8())) {
                r.status = 403;
                return r;
            }
            const QByteArray order = QByteArray::number(QRandomGenerator::global()->bounded(100000, 999999));
            m_orders.insert(order);
            r.status = 302;
            r.type = "text/plain";
            r.headers.append({"Location", "/orders/" + order});
            return r;
        }
        if (method == "GET" && path.startsWith("/orders/")) {
            if (!m_orders.contains(path.mid(8))) {
                r.status = 404;
                return r;
            }
            r.type = "text/html";
            r.body = "<html><body><h1>Thank you!</h1></body></html>";
            return r;
        }
        r.status = 404;
        return r;
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QSet<QByteArray> m_csrf, m_xsrf, m_carts, m_orders;
    QHash<QByteArray, QByteArray> m_tokens; // token -> user id
};

struct Run
{
    int exitCode = -1;
    QString out, err;
};

// Runs the CLI while the event loop keeps serving the in-process server.
Run cli(const QStringList &args, const QString &dir)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral(STAMPEDE_BIN_DIR "/stampede"), args);
    Run r;
    if (!p.waitForStarted(10000))
        return r;
    QDeadlineTimer deadline(120000);
    while (p.state() != QProcess::NotRunning && !deadline.hasExpired())
        QTest::qWait(20);
    if (p.state() != QProcess::NotRunning) {
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

// "checks.........: 66.66% ✓ 4 ✗ 2" -> {passed, failed}
QPair<int, int> checks(const QString &summary)
{
    const QRegularExpression re(u"checks\\.+: [0-9.]+% +✓ (\\d+) +✗ (\\d+)"_s);
    const auto m = re.match(summary);
    return m.hasMatch() ? QPair<int, int>{m.captured(1).toInt(), m.captured(2).toInt()} : QPair<int, int>{-1, -1};
}

} // namespace

class tst_HarReplay : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ShopServer m_server;
    QString m_har;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_server.listen());
        QFile in(QStringLiteral(STAMPEDE_TEST_DATA_DIR "/har/replay-shop.har.in"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray text = in.readAll();
        text.replace("{{PORT}}", QByteArray::number(m_server.port()));
        m_har = m_dir.filePath(u"recording.har"_s);
        QFile out(m_har);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
    }

    void correlatedReplayPasses()
    {
        const Run conv = cli({u"convert"_s, m_har, u"--auto-correlate"_s, u"--vus"_s, u"1"_s, u"--iterations"_s, u"1"_s,
                              u"-O"_s, u"correlated.js"_s},
                             m_dir.path());
        QVERIFY2(conv.exitCode == 0, qPrintable(conv.err));
        QVERIFY2(conv.err.contains(u"6 of 10 requests kept"_s), qPrintable(conv.err));
        for (const QString &name : {u"csrfToken"_s, u"token"_s, u"userId"_s, u"cartId"_s, u"xsrfToken"_s, u"location"_s})
            QVERIFY2(conv.err.contains(u"correlate "_s + name + u":"_s), qPrintable(name + u"\n"_s + conv.err));

        m_server.forbidden = 0;
        const Run run = cli({u"run"_s, u"-q"_s, u"correlated.js"_s}, m_dir.path());
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
        const auto [passed, failed] = checks(run.out);
        QCOMPARE(failed, 0);
        QCOMPARE(passed, 6);
        QVERIFY(run.out.contains(u"100.00%"_s));
        QCOMPARE(m_server.forbidden, 0);
    }

    void uncorrelatedReplayFails()
    {
        const Run conv = cli({u"convert"_s, m_har, u"--vus"_s, u"1"_s, u"--iterations"_s, u"1"_s, u"-O"_s, u"plain.js"_s},
                             m_dir.path());
        QVERIFY2(conv.exitCode == 0, qPrintable(conv.err));
        m_server.forbidden = 0;
        const Run run = cli({u"run"_s, u"-q"_s, u"plain.js"_s}, m_dir.path());
        const auto [passed, failed] = checks(run.out);
        QVERIFY2(failed >= 4, qPrintable(run.out + run.err)); // everything after GET /login fails
        QCOMPARE(passed + failed, 6);
        QVERIFY(m_server.forbidden >= 4);
    }

    void rulesAreRepeatable()
    {
        // --save-rules writes the proposals beside the HAR; a plain re-import then correlates too.
        const Run save = cli({u"convert"_s, m_har, u"--auto-correlate"_s, u"--save-rules"_s, u"-O"_s, u"a.js"_s}, m_dir.path());
        QVERIFY2(save.exitCode == 0, qPrintable(save.err));
        QVERIFY(QFile::exists(m_har + u".rules.json"_s));
        const Run again = cli({u"convert"_s, m_har, u"-O"_s, u"b.js"_s}, m_dir.path());
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY(again.err.contains(u"using rules from"_s));
        QFile a(m_dir.filePath(u"a.js"_s)), b(m_dir.filePath(u"b.js"_s));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(b.readAll(), a.readAll());
        QFile::remove(m_har + u".rules.json"_s);
    }

    void badInput()
    {
        QFile f(m_dir.filePath(u"bad.har"_s));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"log\": {\"entries\": [{\"request\": {\"method\": \"GET\", \"url\": 7}}]}}");
        f.close();
        const Run r = cli({u"convert"_s, f.fileName()}, m_dir.path());
        QCOMPARE(r.exitCode, 255);
        QVERIFY2(r.err.contains(u"bad.har: log.entries[0].request.url: expected a string, got a number"_s), qPrintable(r.err));
        const Run missing = cli({u"convert"_s}, m_dir.path());
        QCOMPARE(missing.exitCode, 255);
    }
};

QTEST_GUILESS_MAIN(tst_HarReplay)
#include "tst_harreplay.moc"
