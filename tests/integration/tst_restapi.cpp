// k6's REST control API: --paused, resume as k6-operator's starter does, live scaling
// of an externally-controlled scenario, metrics/groups/setup, and stop (exit 103).

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

int freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

// One blocking HTTP/1.1 request; returns (status, JSON body).
std::pair<int, QJsonObject> request(int port, const QByteArray &method, const QByteArray &path,
                                    const QByteArray &body = {})
{
    QTcpSocket sock;
    sock.connectToHost(QHostAddress::LocalHost, quint16(port));
    if (!sock.waitForConnected(2000))
        return {0, {}};
    sock.write(method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
               + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    QByteArray data;
    while (sock.state() == QAbstractSocket::ConnectedState && sock.waitForReadyRead(3000))
        data += sock.readAll();
    data += sock.readAll();
    const int status = data.mid(9, 3).toInt();
    const QByteArray json = data.mid(data.indexOf("\r\n\r\n") + 4);
    return {status, QJsonDocument::fromJson(json).object()};
}

QJsonObject attributes(const QJsonObject &doc)
{
    return doc[u"data"_s][u"attributes"_s].toObject();
}

bool waitFor(const std::function<bool()> &cond, int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) {
        if (cond())
            return true;
        QTest::qWait(50);
    }
    return cond();
}

} // namespace

class tst_RestApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pausedResumeScaleStop()
    {
        const int port = freePort();
        QProcess p;
        p.start(QStringLiteral(STAMPEDE_BIN_DIR "/stampede"),
                {u"run"_s, u"-q"_s, u"--paused"_s, u"--address"_s, u"127.0.0.1:"_s + QString::number(port),
                 QStringLiteral(STAMPEDE_TEST_DATA_DIR "/scripts/externally_controlled.js")});
        QVERIFY(p.waitForStarted());
        QVERIFY2(waitFor([&] { return request(port, "GET", "/v1/status").first == 200; }, 10000),
                 "the REST API did not come up");

        // Paused: nothing runs yet.
        auto [code, st] = request(port, "GET", "/v1/status");
        QCOMPARE(code, 200);
        QCOMPARE(st[u"data"_s][u"type"_s].toString(), u"status"_s);
        QVERIFY(attributes(st)[u"paused"_s].toBool());
        QVERIFY(!attributes(st)[u"running"_s].toBool());
        QCOMPARE(attributes(st)[u"vus-max"_s].toInt(), 5);
        QTest::qWait(300);
        QVERIFY(request(port, "GET", "/v1/metrics/iterations").first == 404 ||
                request(port, "GET", "/v1/metrics/iterations").second[u"data"_s][u"attributes"_s][u"sample"_s]
                        [u"count"_s].toInt() == 0);

        // k6-operator's starter resumes with exactly this body.
        auto resumed = request(port, "PATCH", "/v1/status", R"({"data":{"type":"status","id":"default","attributes":{"paused":false}}})");
        QCOMPARE(resumed.first, 200);
        QVERIFY(!attributes(resumed.second)[u"paused"_s].toBool());
        QVERIFY(waitFor([&] { return attributes(request(port, "GET", "/v1/status").second)[u"running"_s].toBool(); }, 5000));

        // Scale up live.
        auto scaled = request(port, "PATCH", "/v1/status", R"({"data":{"attributes":{"vus":4}}})");
        QCOMPARE(scaled.first, 200);
        QVERIFY(waitFor([&] { return attributes(request(port, "GET", "/v1/status").second)[u"vus"_s].toInt() == 4; }, 3000));
        auto tooMany = request(port, "PATCH", "/v1/status", R"({"data":{"attributes":{"vus":50}}})");
        QCOMPARE(tooMany.first, 400);
        QVERIFY(tooMany.second[u"errors"_s].toArray().first()[u"detail"_s].toString().contains(u"vus-max"_s));

        // Metrics and groups, JSON:API shaped.
        QVERIFY(waitFor([&] {
            return request(port, "GET", "/v1/metrics/iterations").second[u"data"_s][u"attributes"_s][u"sample"_s]
                       [u"count"_s].toDouble() > 0;
        }, 5000));
        auto metrics = request(port, "GET", "/v1/metrics");
        QCOMPARE(metrics.first, 200);
        bool sawChecks = false;
        for (const auto &m : metrics.second[u"data"_s].toArray())
            sawChecks |= m[u"id"_s] == u"checks"_s && m[u"type"_s] == u"metrics"_s;
        QVERIFY(sawChecks);
        auto groups = request(port, "GET", "/v1/groups");
        QCOMPARE(groups.first, 200);
        QVERIFY(groups.second[u"data"_s].toArray().size() >= 2); // root and "g"
        auto setup = request(port, "GET", "/v1/setup");
        QCOMPARE(setup.first, 200);
        QCOMPARE(setup.second[u"data"_s][u"attributes"_s][u"data"_s][u"v"_s].toInt(), 1);
        QCOMPARE(request(port, "GET", "/v1/nothing").first, 404);

        // The vus metric (sampled every second) follows the scaling.
        QVERIFY(waitFor([&] {
            return request(port, "GET", "/v1/metrics/vus").second[u"data"_s][u"attributes"_s][u"sample"_s]
                       [u"max"_s].toDouble() == 4;
        }, 5000));

        // Stop through the API: exit 103 after the summary.
        auto stopped = request(port, "PATCH", "/v1/status", R"({"data":{"attributes":{"stopped":true}}})");
        QCOMPARE(stopped.first, 200);
        QVERIFY(p.waitForFinished(15000));
        QCOMPARE(p.exitCode(), 103);
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(QRegularExpression(u"vus\\.+: \\d+ +min=1 +max=4"_s).match(out).hasMatch(), qPrintable(out));
    }

    void pausedWithoutAddressIsRefused()
    {
        QProcess p;
        p.start(QStringLiteral(STAMPEDE_BIN_DIR "/stampede"),
                {u"run"_s, u"--paused"_s, QStringLiteral(STAMPEDE_TEST_DATA_DIR "/scripts/externally_controlled.js")});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 104);
    }

    void busyAddressExits106()
    {
        QTcpServer blocker;
        QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
        QProcess p;
        p.start(QStringLiteral(STAMPEDE_BIN_DIR "/stampede"),
                {u"run"_s, u"-a"_s, u"127.0.0.1:"_s + QString::number(blocker.serverPort()),
                 QStringLiteral(STAMPEDE_TEST_DATA_DIR "/scripts/externally_controlled.js")});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 106);
    }
};

QTEST_GUILESS_MAIN(tst_RestApi)
#include "tst_restapi.moc"
