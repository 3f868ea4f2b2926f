// Protocols through the real CLI: redirects, cookies, batch, error codes, timings and wire
// bytes against stampede-testserver; TLS against an nginx with the test's own CA; k6/ws
// against stampede-wsserver.

#include "../support/testserverprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QString dataFile(const QString &name)
{
    return QStringLiteral(STAMPEDE_TEST_DATA_DIR "/protocols/") + name;
}

struct RunResult
{
    int exitCode = -1;
    QByteArray output;
    QJsonObject summary;
    double metric(const QString &name, const QString &field) const
    {
        return summary.value("metrics"_L1).toObject().value(name).toObject().value(field).toDouble(-1);
    }
};

bool run(const QString &script, const QStringList &env, RunResult &out, const QStringList &extraEnv = {})
{
    QTemporaryDir dir;
    const QString summary = dir.filePath(u"summary.json"_s);
    QProcess p;
    QProcessEnvironment pe = QProcessEnvironment::systemEnvironment();
    for (const QString &kv : extraEnv)
        pe.insert(kv.section(u'=', 0, 0), kv.section(u'=', 1));
    p.setProcessEnvironment(pe);
    QStringList args{u"run"_s, u"-q"_s, u"--no-history"_s, u"--summary-export"_s, summary};
    for (const QString &e : env)
        args << u"-e"_s << e;
    args << script;
    p.start(QStringLiteral(STAMPEDE_BIN_DIR "/stampede"), args);
    if (!p.waitForFinished(120000))
        return false;
    out.exitCode = p.exitCode();
    out.output = p.readAllStandardOutput() + p.readAllStandardError();
    QFile f(summary);
    if (f.open(QIODevice::ReadOnly))
        out.summary = QJsonDocument::fromJson(f.readAll()).object();
    return true;
}

bool sh(const QString &cmd)
{
    return QProcess::execute(u"/bin/sh"_s, {u"-c"_s, cmd}) == 0;
}

} // namespace

class TestProtocols : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void httpFeatures();
    void timingsAndWireBytes();
    void timingsWithKnownDelays();
    void tls();
    void tlsUnknownAuthority();
    void tls12CipherSuite();
    void h2c();
    void websocket();
    void websocketsMetrics();

private:
    void expectAllChecksPass(const RunResult &r, int minChecks);

    stampede::test::TestServerProcess m_server;
    QProcess m_ws;
    QString m_wsBase;
    QTemporaryDir m_tlsDir;
    QString m_tlsBase;
    QString m_h2cBase;
    bool m_nginx = false;
};

void TestProtocols::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));

    m_ws.start(QStringLiteral(STAMPEDE_BIN_DIR "/stampede-wsserver"), {u"--port"_s, u"0"_s});
    QVERIFY(m_ws.waitForReadyRead(10000));
    const QString line = QString::fromUtf8(m_ws.readLine()).trimmed();
    QVERIFY2(line.startsWith(u"listening on ws://"_s), qPrintable(line));
    m_wsBase = line.mid(13);

    // A CA and a server certificate for localhost/127.0.0.1, and nginx (ssl + http2) on a free port.
    const QString d = m_tlsDir.path();
    QVERIFY2(sh(uR"(cd '%1' && openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=StampedeTestCA >/dev/null 2>&1 &&
        openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=localhost >/dev/null 2>&1 &&
        printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > ext.cnf &&
        openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile ext.cnf >/dev/null 2>&1)"_s.arg(d)),
             "openssl failed");
    QTcpServer probe, probe2;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    QVERIFY(probe2.listen(QHostAddress::LocalHost, 0));
    const int port = probe.serverPort();
    const int h2cPort = probe2.serverPort();
    probe.close();
    probe2.close();
    QDir().mkpath(d + u"/logs"_s);
    QDir().mkpath(d + u"/www"_s);
    QFile index(d + u"/www/index.html"_s);
    QVERIFY(index.open(QIODevice::WriteOnly));
    index.write("hello tls\n");
    index.close();
    QFile::setPermissions(d, QFile::permissions(d) | QFileDevice::ExeOther | QFileDevice::ReadOther);
    QFile conf(d + u"/nginx.conf"_s);
    QVERIFY(conf.open(QIODevice::WriteOnly));
    conf.write(uR"(worker_processes 1;
daemon on;
pid %1/nginx.pid;
error_log %1/logs/error.log warn;
events { worker_connections 256; }
http {
    access_log off;
    server {
        listen 127.0.0.1:%2 ssl http2;
        ssl_certificate %1/server.pem;
        ssl_certificate_key %1/server.key;
        ssl_protocols TLSv1.2 TLSv1.3;
        root %1/www;
    }
    server {
        listen 127.0.0.1:%3 http2;
        root %1/www;
    }
}
)"_s.arg(d).arg(port).arg(h2cPort).toUtf8());
    conf.close();
    m_nginx = sh(u"/usr/sbin/nginx -p '%1' -c '%1/nginx.conf' 2>&1"_s.arg(d));
    QVERIFY2(m_nginx, "nginx did not start");
    QTest::qWait(300);
    m_tlsBase = u"https://localhost:%1"_s.arg(port);
    m_h2cBase = u"http://127.0.0.1:%1"_s.arg(h2cPort);
}

void TestProtocols::cleanupTestCase()
{
    if (m_nginx)
        sh(u"kill $(cat '%1/nginx.pid')"_s.arg(m_tlsDir.path()));
    if (m_ws.state() != QProcess::NotRunning) {
        m_ws.terminate();
        m_ws.waitForFinished(5000);
    }
}

void TestProtocols::expectAllChecksPass(const RunResult &r, int minChecks)
{
    const double passes = r.metric(u"checks"_s, u"passes"_s);
    const double fails = r.metric(u"checks"_s, u"fails"_s);
    QVERIFY2(r.exitCode == 0, r.output.constData());
    QVERIFY2(fails == 0, r.output.constData());
    QVERIFY2(passes >= minChecks, r.output.constData());
}

void TestProtocols::httpFeatures()
{
    RunResult r;
    QVERIFY(run(dataFile(u"http_features.js"_s), {u"BASE="_s + m_server.url().toString(QUrl::StripTrailingSlash)}, r));
    expectAllChecksPass(r, 2 * 16);
}

void TestProtocols::timingsAndWireBytes()
{
    QTemporaryDir dir;
    const QString script = dir.filePath(u"t.js"_s);
    QFile f(script);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"(import http from 'k6/http';
import { check } from 'k6';
export default function () {
    const B = __ENV.BASE;
    const r = http.get(`${B}/delay/200`);
    const t = r.timings;
    check(t, {
        'waiting ~ 200 ms': (x) => x.waiting >= 195 && x.waiting < 320,
        'duration = sending + waiting + receiving': (x) => Math.abs(x.duration - (x.sending + x.waiting + x.receiving)) < 1e-6,
        'connecting measured on a new connection': (x) => x.connecting > 0 && x.connecting < 100,
    });
    const again = http.get(`${B}/`);
    check(again.timings, { 'reused connection: no connecting': (x) => x.connecting === 0 });
    const big = http.get(`${B}/bytes/200000`);
    check(big, { 'receiving counted': (x) => x.timings.receiving >= 0 && x.body.length === 200000 });
}
)");
    f.close();
    RunResult r;
    QVERIFY(run(script, {u"BASE="_s + m_server.url().toString(QUrl::StripTrailingSlash)}, r));
    expectAllChecksPass(r, 5);
    // Wire bytes: three responses (~200 kB of body + heads) and three small requests.
    const double received = r.metric(u"data_received"_s, u"count"_s);
    const double sent = r.metric(u"data_sent"_s, u"count"_s);
    QVERIFY2(received >= 200000 && received < 201500, qPrintable(QString::number(received)));
    QVERIFY2(sent > 150 && sent < 1500, qPrintable(QString::number(sent)));
    const double waitingMax = r.metric(u"http_req_waiting"_s, u"max"_s);
    QVERIFY2(waitingMax >= 195 && waitingMax < 320, qPrintable(QString::number(waitingMax)));
}

void TestProtocols::timingsWithKnownDelays()
{
    RunResult r;
    QVERIFY(run(dataFile(u"timings_delays.js"_s), {u"BASE="_s + m_server.url().toString(QUrl::StripTrailingSlash)}, r));
    expectAllChecksPass(r, 18);
    // The same phases in the run's trends (summary export, milliseconds).
    QVERIFY2(r.metric(u"http_req_sending"_s, u"max"_s) >= 380, r.output.constData());
    QVERIFY2(r.metric(u"http_req_waiting"_s, u"max"_s) >= 245, r.output.constData());
    QVERIFY2(r.metric(u"http_req_receiving"_s, u"max"_s) >= 295, r.output.constData());
    QVERIFY2(r.metric(u"http_req_connecting"_s, u"max"_s) > 0, r.output.constData());
    QCOMPARE(r.metric(u"http_req_connecting"_s, u"min"_s), 0.0);
    // data_sent carries the 8 MiB body.
    QVERIFY(r.metric(u"data_sent"_s, u"count"_s) >= 8 * 1024 * 1024);
}

void TestProtocols::tls()
{
    RunResult r;
    QVERIFY(run(dataFile(u"tls.js"_s), {u"TLS_BASE="_s + m_tlsBase}, r, {u"SSL_CERT_FILE="_s + m_tlsDir.filePath(u"ca.pem"_s)}));
    expectAllChecksPass(r, 5);
    QVERIFY(r.metric(u"http_req_tls_handshaking"_s, u"max"_s) > 0);
    // TLS records counted: more than the 10-byte body plus HTTP/2 frames.
    QVERIFY(r.metric(u"data_received"_s, u"count"_s) > 1000);
}

void TestProtocols::tlsUnknownAuthority()
{
    RunResult r;
    // The system CA store (SSL_CERT_FILE unset) does not know the test's CA.
    QVERIFY(run(dataFile(u"tls_untrusted.js"_s), {u"TLS_BASE="_s + m_tlsBase}, r, {u"SSL_CERT_FILE="_s}));
    expectAllChecksPass(r, 1);
}

void TestProtocols::tls12CipherSuite()
{
    RunResult r;
    QVERIFY(run(dataFile(u"tls12.js"_s), {u"TLS_BASE="_s + m_tlsBase}, r));
    expectAllChecksPass(r, 2);
}

void TestProtocols::h2c()
{
    const QString base = u"BASE="_s + m_server.url().toString(QUrl::StripTrailingSlash);
    RunResult r;
    QVERIFY(run(dataFile(u"h2c.js"_s), {u"H2C_BASE="_s + m_h2cBase, base}, r));
    expectAllChecksPass(r, 5);
    // The same through the environment variable.
    RunResult env;
    QVERIFY(run(dataFile(u"h2c.js"_s), {u"H2C_BASE="_s + m_h2cBase, base, u"H2C_FROM_ENV=1"_s}, env, {u"K6_H2C=true"_s}));
    expectAllChecksPass(env, 5);
    // Without it, HTTP/1.1 to an HTTP/2-only port fails: the switch is what made the difference.
    RunResult off;
    QVERIFY(run(dataFile(u"h2c.js"_s), {u"H2C_BASE="_s + m_h2cBase, base, u"H2C_FROM_ENV=1"_s}, off, {u"K6_H2C=false"_s}));
    QVERIFY2(off.metric(u"checks"_s, u"fails"_s) >= 3, off.output.constData());
}

void TestProtocols::websocket()
{
    RunResult r;
    QVERIFY(run(dataFile(u"ws_echo.js"_s), {u"WS_BASE="_s + m_wsBase}, r));
    expectAllChecksPass(r, 7);
    QCOMPARE(r.metric(u"ws_sessions"_s, u"count"_s), 2.0);
    QVERIFY(r.metric(u"ws_msgs_sent"_s, u"count"_s) >= 5);
    QVERIFY(r.metric(u"ws_msgs_received"_s, u"count"_s) >= 6);
    QVERIFY(r.metric(u"ws_ping"_s, u"avg"_s) > 0);
    QVERIFY(r.metric(u"ws_connecting"_s, u"avg"_s) > 0);
    QVERIFY(r.metric(u"ws_session_duration"_s, u"avg"_s) > 0);
}

void TestProtocols::websocketsMetrics()
{
    RunResult r;
    QVERIFY(run(dataFile(u"websockets_metrics.js"_s), {u"WS_BASE="_s + m_wsBase}, r));
    expectAllChecksPass(r, 1); // exit code 0: the thresholds on the tagged sub-metrics held too
    QCOMPARE(r.metric(u"ws_sessions"_s, u"count"_s), 2.0);
    QCOMPARE(r.metric(u"ws_msgs_sent"_s, u"count"_s), 5.0);
    QCOMPARE(r.metric(u"ws_msgs_received"_s, u"count"_s), 5.0);
    QVERIFY(r.metric(u"ws_ping"_s, u"avg"_s) > 0);
    QVERIFY(r.metric(u"ws_connecting"_s, u"avg"_s) > 0);
    // The held session lasted at least its 300 ms timer; the quick one far less.
    QVERIFY2(r.metric(u"ws_session_duration"_s, u"max"_s) >= 300, r.output.constData());
    QVERIFY2(r.metric(u"ws_session_duration"_s, u"min"_s) < 300, r.output.constData());
    QVERIFY(r.metric(u"data_sent"_s, u"count"_s) > 0);
    QVERIFY(r.metric(u"data_received"_s, u"count"_s) > 0);
    // The iteration waited for the held socket to close.
    QVERIFY2(r.metric(u"iteration_duration"_s, u"min"_s) >= 300, r.output.constData());
    // The tagged thresholds were evaluated (and held: exit code 0 above).
    const QJsonObject metrics = r.summary.value("metrics"_L1).toObject();
    QVERIFY(metrics.contains(u"ws_msgs_received{url:"_s + m_wsBase + u"}"_s));
    QVERIFY(metrics.contains(u"ws_sessions{kind:held}"_s));
}

QTEST_GUILESS_MAIN(TestProtocols)
#include "tst_protocols.moc"
