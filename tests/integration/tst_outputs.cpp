// --out json/csv/live and --summary-export, checked against what the server saw.

#include "tests/support/testserverprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QElapsedTimer>
#include <QLocalServer>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QLocalSocket>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using stampede::test::TestServerProcess;

namespace {

QStringList readLines(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QStringList lines;
    while (!f.atEnd()) {
        const QString l = QString::fromUtf8(f.readLine()).trimmed();
        if (!l.isEmpty())
            lines << l;
    }
    return lines;
}

} // namespace

// A strict InfluxDB 1.x write endpoint: accepts POST /write?db=...&precision=ns with
// line protocol, rejects anything malformed (400), and keeps the parsed points.
class LineProtocolReceiver : public QObject
{
public:
    struct Point
    {
        QString measurement;
        QMap<QString, QString> tags;
        double value = 0;
        qint64 timestamp = 0;
    };

    LineProtocolReceiver() { m_server.listen(QHostAddress::LocalHost, 0); connect(&m_server, &QTcpServer::newConnection, this, [this] { accept(); }); }
    int port() const { return m_server.serverPort(); }
    QList<Point> points;
    QStringList errors;
    QString database;

private:
    // Splits on `sep` outside backslash escapes.
    static QStringList splitEscaped(const QString &s, QChar sep)
    {
        QStringList parts;
        QString cur;
        for (qsizetype i = 0; i < s.size(); ++i) {
            if (s[i] == u'\\' && i + 1 < s.size()) {
                cur += s[i + 1];
                ++i;
            } else if (s[i] == sep) {
                parts << cur;
                cur.clear();
            } else {
                cur += s[i];
            }
        }
        parts << cur;
        return parts;
    }

    bool parseLine(const QString &line)
    {
        // measurement[,tag=value...] value=<float> <int64>
        qsizetype sp1 = -1;
        for (qsizetype i = 0; i < line.size(); ++i) {
            if (line[i] == u'\\') { ++i; continue; }
            if (line[i] == u' ') { sp1 = i; break; }
        }
        if (sp1 <= 0)
            return false;
        const qsizetype sp2 = line.indexOf(u' ', sp1 + 1);
        if (sp2 < 0)
            return false;
        Point p;
        const QStringList head = splitEscaped(line.left(sp1), u',');
        p.measurement = head.first();
        if (p.measurement.isEmpty())
            return false;
        for (qsizetype i = 1; i < head.size(); ++i) {
            const QStringList kv = splitEscaped(head[i], u'=');
            if (kv.size() != 2 || kv[0].isEmpty() || kv[1].isEmpty())
                return false;
            p.tags.insert(kv[0], kv[1]);
        }
        const QString field = line.mid(sp1 + 1, sp2 - sp1 - 1);
        if (!field.startsWith(u"value="_s))
            return false;
        bool ok = false;
        p.value = field.mid(6).toDouble(&ok);
        if (!ok)
            return false;
        p.timestamp = line.mid(sp2 + 1).toLongLong(&ok);
        if (!ok || p.timestamp < 1600000000000000000LL)
            return false;
        points << p;
        return true;
    }

    void accept()
    {
        while (QTcpSocket *sock = m_server.nextPendingConnection()) {
            auto *buffer = new QByteArray;
            connect(sock, &QTcpSocket::readyRead, this, [this, sock, buffer] {
                *buffer += sock->readAll();
                const qsizetype headerEnd = buffer->indexOf("\r\n\r\n");
                if (headerEnd < 0)
                    return;
                const QByteArray head = buffer->left(headerEnd).toLower();
                const qsizetype cl = head.indexOf("content-length:");
                const int length = cl < 0 ? 0 : head.mid(cl + 15, head.indexOf('\r', cl) - cl - 15).trimmed().toInt();
                if (buffer->size() < headerEnd + 4 + length)
                    return;
                const QByteArray requestLine = buffer->left(buffer->indexOf("\r\n"));
                const QString body = QString::fromUtf8(buffer->mid(headerEnd + 4, length));
                buffer->remove(0, headerEnd + 4 + length);
                bool good = requestLine.startsWith("POST /write?") && requestLine.contains("precision=ns");
                const QRegularExpression db(u"db=([^& ]+)"_s);
                database = db.match(QString::fromUtf8(requestLine)).captured(1);
                for (const QString &line : body.split(u'\n', Qt::SkipEmptyParts)) {
                    if (!parseLine(line)) {
                        good = false;
                        errors << line;
                    }
                }
                sock->write(good ? "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n"
                                 : "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
            });
            connect(sock, &QTcpSocket::disconnected, this, [sock, buffer] {
                delete buffer;
                sock->deleteLater();
            });
        }
    }

    QTcpServer m_server;
};

class tst_Outputs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_server.start(), qPrintable(m_server.errorString())); }

    void filesMatchWhatTheServerSaw()
    {
        QTemporaryDir dir;
        QVERIFY(m_server.resetStats());
        const QString json = dir.filePath(u"out.json"_s), csv = dir.filePath(u"out.csv"_s),
                      live = dir.filePath(u"live.ndjson"_s), summary = dir.filePath(u"summary.json"_s);
        QProcess p;
        p.start(QStringLiteral(STAMPEDE_BIN_DIR "/stampede"),
                {u"run"_s, u"-q"_s, u"--out"_s, u"json="_s + json, u"-o"_s, u"csv="_s + csv, u"--out"_s,
                 u"live="_s + live, u"--summary-export"_s, summary, u"-e"_s,
                 u"TARGET="_s + m_server.url().toString(QUrl::StripTrailingSlash),
                 QStringLiteral(STAMPEDE_TEST_DATA_DIR "/scripts/outputs.js")});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(out.contains(u"output: json ("_s), qPrintable(out));
        const int served = m_server.stats().value(u"requests"_s).toInt();
        QVERIFY(served > 10);

        // JSON: one Metric line per metric, one Point per sample; http_reqs points == requests served.
        int reqPoints = 0, metricLines = 0, checkPoints = 0;
        QSet<QString> announced;
        for (const QString &l : readLines(json)) {
            const QJsonObject o = QJsonDocument::fromJson(l.toUtf8()).object();
            QVERIFY2(!o.isEmpty(), qPrintable(l));
            const QString metric = o.value(u"metric"_s).toString();
            if (o.value(u"type"_s) == u"Metric"_s) {
                ++metricLines;
                QVERIFY2(!announced.contains(metric), "each metric is announced once");
                announced.insert(metric);
                if (metric == u"http_req_duration"_s)
                    QCOMPARE(o[u"data"_s][u"thresholds"_s].toArray().first().toString(), u"p(95)<10000"_s);
                continue;
            }
            QCOMPARE(o.value(u"type"_s).toString(), u"Point"_s);
            QVERIFY2(announced.contains(metric), "a Metric line comes before its first Point");
            const QJsonObject data = o[u"data"_s].toObject();
            QVERIFY(data[u"time"_s].toString().endsWith(u'Z'));
            if (metric == u"http_reqs"_s) {
                ++reqPoints;
                const QJsonObject tags = data[u"tags"_s].toObject();
                QVERIFY(tags.contains(u"status"_s) && tags.contains(u"method"_s) && tags.contains(u"url"_s));
            }
            if (metric == u"checks"_s) {
                ++checkPoints;
                QCOMPARE(data[u"tags"_s][u"group"_s].toString(), u"::front"_s);
            }
        }
        QCOMPARE(reqPoints, served);
        QVERIFY(metricLines >= 10);
        QCOMPARE(checkPoints * 2, served);

        // CSV: k6's header, one row per sample.
        const QStringList rows = readLines(csv);
        QVERIFY(rows.size() > 1);
        QVERIFY(rows.first().startsWith(u"metric_name,timestamp,metric_value,check,error,error_code,expected_response,group,method,name"_s));
        QCOMPARE(rows.filter(QRegularExpression(u"^http_reqs,"_s)).size(), served);
        QVERIFY(rows.filter(QRegularExpression(u"^http_reqs,.*,missing,"_s)).size() * 2 == served);

        // Live stream: about one snapshot per second, the last one final with the totals.
        const QStringList snaps = readLines(live);
        QVERIFY2(snaps.size() >= 2 && snaps.size() <= 5, qPrintable(QString::number(snaps.size())));
        const QJsonObject last = QJsonDocument::fromJson(snaps.last().toUtf8()).object();
        QVERIFY(last[u"final"_s].toBool());
        QCOMPARE(last[u"http"_s][u"total"_s].toInt(), served);
        QCOMPARE(last[u"checks"_s].toArray().first()[u"passes"_s].toInt() * 2, served);
        bool sawMissing = false;
        for (const auto &e : last[u"endpoints"_s].toArray()) {
            if (e[u"name"_s] == u"missing"_s) {
                sawMissing = true;
                QCOMPARE(e[u"errors"_s].toInt() * 2, served);
            }
        }
        QVERIFY(sawMissing);
        QVERIFY(last[u"thresholds"_s][u"http_req_duration"_s][u"p(95)<10000"_s].toBool());

        // Summary export: k6's legacy shape.
        QFile sf(summary);
        QVERIFY(sf.open(QIODevice::ReadOnly));
        const QJsonObject s = QJsonDocument::fromJson(sf.readAll()).object();
        QCOMPARE(s[u"metrics"_s][u"http_reqs"_s][u"count"_s].toInt(), served);
        QCOMPARE(s[u"metrics"_s][u"http_req_duration"_s][u"thresholds"_s][u"p(95)<10000"_s].toBool(), false);
        QCOMPARE(s[u"root_group"_s][u"groups"_s][u"front"_s][u"checks"_s][u"is 200"_s][u"fails"_s].toInt(), 0);
    }

    void liveStreamOverLocalSocket()
    {
        QTemporaryDir dir;
        QLocalServer server;
        const QString path = dir.filePath(u"live.sock"_s);
        QVERIFY(server.listen(path));
        QProcess p;
        p.start(QStringLiteral(STAMPEDE_BIN_DIR "/stampede"),
                {u"run"_s, u"-q"_s, u"--out"_s, u"live=unix:"_s + path, u"-e"_s,
                 u"TARGET="_s + m_server.url().toString(QUrl::StripTrailingSlash),
                 QStringLiteral(STAMPEDE_TEST_DATA_DIR "/scripts/outputs.js")});
        QVERIFY(server.waitForNewConnection(15000));
        QLocalSocket *sock = server.nextPendingConnection();
        QByteArray received;
        QElapsedTimer t;
        t.start();
        while (sock->state() == QLocalSocket::ConnectedState && t.elapsed() < 30000) {
            if (sock->waitForReadyRead(200))
                received += sock->readAll();
        }
        received += sock->readAll();
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        const QList<QByteArray> lines = received.trimmed().split('\n');
        QVERIFY2(lines.size() >= 2, received.constData());
        const QJsonObject first = QJsonDocument::fromJson(lines.first()).object();
        QCOMPARE(first[u"type"_s].toString(), u"snapshot"_s);
        QVERIFY(first[u"http"_s][u"rate"_s].toDouble() > 0);
        QVERIFY(first[u"vus"_s].toDouble() == 2);
        QVERIFY(QJsonDocument::fromJson(lines.last()).object()[u"final"_s].toBool());
    }

    void influxDbLineProtocol()
    {
        LineProtocolReceiver influx;
        QVERIFY(m_server.resetStats());
        QProcess p;
        p.start(QStringLiteral(STAMPEDE_BIN_DIR "/stampede"),
                {u"run"_s, u"-q"_s, u"--out"_s, u"influxdb=http://127.0.0.1:"_s + QString::number(influx.port()) + u"/loadtests"_s,
                 u"-e"_s, u"TARGET="_s + m_server.url().toString(QUrl::StripTrailingSlash),
                 QStringLiteral(STAMPEDE_TEST_DATA_DIR "/scripts/outputs.js")});
        QElapsedTimer t;
        t.start();
        while (p.state() != QProcess::NotRunning && t.elapsed() < 60000)
            QTest::qWait(50); // the receiver runs on this thread's event loop
        QCOMPARE(p.exitCode(), 0);
        QVERIFY2(influx.errors.isEmpty(), qPrintable(influx.errors.join(u'\n')));
        QCOMPARE(influx.database, u"loadtests"_s);
        const int served = m_server.stats().value(u"requests"_s).toInt();
        int reqs = 0;
        bool sawEscapedUrl = false;
        for (const auto &pt : influx.points) {
            if (pt.measurement == u"http_reqs"_s) {
                ++reqs;
                QVERIFY(pt.tags.contains(u"status"_s) && pt.tags.contains(u"method"_s));
                sawEscapedUrl |= pt.tags.value(u"url"_s).startsWith(u"http://127.0.0.1:"_s);
            }
        }
        QCOMPARE(reqs, served);
        QVERIFY(sawEscapedUrl);
    }

    void influxDbDownIsReportedAndTheRunGoesOn()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close(); // nothing listens there now
        QProcess p;
        p.start(QStringLiteral(STAMPEDE_BIN_DIR "/stampede"),
                {u"run"_s, u"-q"_s, u"--out"_s, u"influxdb=http://127.0.0.1:"_s + QString::number(port) + u"/k6"_s,
                 u"-e"_s, u"TARGET="_s + m_server.url().toString(QUrl::StripTrailingSlash),
                 QStringLiteral(STAMPEDE_TEST_DATA_DIR "/scripts/outputs.js")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0); // the test itself succeeded
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(u"InfluxDB output: cannot write"_s), qPrintable(err));
    }

    void badOutputIsInvalidConfig()
    {
        QProcess p;
        p.start(QStringLiteral(STAMPEDE_BIN_DIR "/stampede"),
                {u"run"_s, u"--out"_s, u"nosuchoutput=x"_s, QStringLiteral(STAMPEDE_TEST_DATA_DIR "/scripts/outputs.js")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 104);
        QVERIFY(p.readAllStandardError().contains("unknown output \"nosuchoutput\""));
    }

private:
    TestServerProcess m_server;
};

QTEST_GUILESS_MAIN(tst_Outputs)
#include "tst_outputs.moc"
