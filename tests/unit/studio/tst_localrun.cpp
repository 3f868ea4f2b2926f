// The UI-free pieces behind the studio's local runs: the test server controller (with the
// real stampede-testserver), the script inspection for live scaling, the example copies, the
// REST client's error handling, and the test server's demo application.
#include "core/studio/examples.h"
#include "core/studio/restcontrolclient.h"
#include "core/studio/scriptinspector.h"
#include "core/studio/testservercontroller.h"
#include "core/testserver/demoapp.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using stampede::studio::TestServerController;
using stampede::testserver::DemoApp;

namespace {
QJsonObject jsonOf(const DemoApp::Response &r)
{
    return QJsonDocument::fromJson(r.body).object();
}
QByteArray headerOf(const DemoApp::Response &r, const QByteArray &name)
{
    for (const auto &[k, v] : r.headers)
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}
} // namespace

class tst_LocalRun : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void testServerStartsOnAFreePortAndStops()
    {
        TestServerController server;
        server.setServerPath(QStringLiteral(STAMPEDE_BIN_DIR "/stampede-testserver"));
        QSignalSpy started(&server, &TestServerController::started);
        QSignalSpy stopped(&server, &TestServerController::stopped);
        QVERIFY(server.start());
        QCOMPARE(server.state(), TestServerController::State::Starting);
        QVERIFY(!server.start()); // one at a time
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 10000);
        QVERIFY(server.isRunning());
        QCOMPARE(server.url().host(), u"127.0.0.1"_s);
        QVERIFY(server.url().port() > 0);
        QVERIFY(!server.baseUrl().endsWith(u'/'));

        QNetworkAccessManager nam;
        QNetworkReply *reply = nam.get(QNetworkRequest(QUrl(server.baseUrl() + u"/app/products"_s)));
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 5000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY(reply->readAll().contains("<title>Products</title>"));
        delete reply;

        server.stop();
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, 5000);
        QCOMPARE(stopped.first().first().toBool(), false);
        QCOMPARE(server.state(), TestServerController::State::Stopped);
        QVERIFY(server.url().isEmpty());
    }

    void testServerThatDiesIsReported()
    {
        TestServerController server;
        server.setServerPath(QStringLiteral(STAMPEDE_BIN_DIR "/stampede-testserver"));
        QSignalSpy stopped(&server, &TestServerController::stopped);
        QVERIFY(server.start());
        QTRY_VERIFY_WITH_TIMEOUT(server.isRunning(), 10000);
        QVERIFY(::kill(pid_t(server.processId()), SIGKILL) == 0);
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, 5000);
        QCOMPARE(stopped.first().first().toBool(), true);
        QVERIFY2(server.errorString().contains(u"crashed"_s), qPrintable(server.errorString()));
    }

    void missingOrBrokenServerBinaryFailsClearly()
    {
        TestServerController server;
        server.setServerPath(u"/nonexistent/stampede-testserver"_s);
        QSignalSpy failed(&server, &TestServerController::failed);
        QVERIFY(!server.start());
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.first().first().toString().contains(u"/nonexistent/stampede-testserver"_s));
        QVERIFY(failed.first().first().toString().contains(u"does not exist"_s));

        // A program that exits at once without announcing an address.
        QTemporaryDir dir;
        const QString fake = dir.filePath(u"fake-server"_s);
        QFile f(fake);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("#!/bin/sh\necho 'cannot bind' >&2\nexit 3\n");
        f.close();
        QVERIFY(f.setPermissions(f.permissions() | QFileDevice::ExeOwner));
        server.setServerPath(fake);
        QVERIFY(server.start());
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 2, 5000);
        const QString message = failed.last().first().toString();
        QVERIFY2(message.contains(u"code 3"_s) && message.contains(u"cannot bind"_s), qPrintable(message));
        QCOMPARE(server.state(), TestServerController::State::Stopped);
    }

    void inspectionFindsExternallyControlledScenarios()
    {
        const auto info = stampede::studio::ScriptInspector::parse(R"({"scenarios":{
            "a":{"executor":"externally-controlled","vus":2,"maxVUs":10,"duration":"1m"},
            "b":{"executor":"constant-vus","vus":3,"duration":"1m"}}})");
        QVERIFY(info.ok);
        QCOMPARE(info.externallyControlled, QStringList{u"a"_s});
        QCOMPARE(info.maxVus, qint64(10));
        const auto plain = stampede::studio::ScriptInspector::parse(R"({"vus":5,"duration":"10s"})");
        QVERIFY(plain.ok);
        QVERIFY(plain.externallyControlled.isEmpty());
        QVERIFY(!stampede::studio::ScriptInspector::parse("not json").ok);
    }

    void inspectionRunsTheRealEngine()
    {
        QTemporaryDir dir;
        const QString script = dir.filePath(u"ext.js"_s);
        QFile f(script);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("export const options = { scenarios: { ctl: { executor: 'externally-controlled', vus: 1, maxVUs: 7,"
                " duration: '1m' } } };\nexport default function () {}\n");
        f.close();
        stampede::studio::ScriptInspector inspector;
        inspector.setEnginePath(QStringLiteral(STAMPEDE_BIN_DIR "/stampede"));
        QSignalSpy done(&inspector, &stampede::studio::ScriptInspector::inspected);
        inspector.inspect(script, {u"--out"_s, u"json=x.json"_s, u"--address"_s, u"127.0.0.1:1"_s});
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 20000);
        const auto info = done.first().first().value<stampede::studio::ScriptControlInfo>();
        QVERIFY2(info.ok, qPrintable(info.error));
        QCOMPARE(info.externallyControlled, QStringList{u"ctl"_s});
        QCOMPARE(info.maxVus, qint64(7));
    }

    void restClientReportsAnEngineThatIsGone()
    {
        // Nothing listens: before the first answer that is "still starting" and silent...
        const quint16 port = stampede::studio::RestControlClient::findFreePort();
        QVERIFY(port > 0);
        stampede::studio::RestControlClient client;
        client.setBaseUrl(QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
        QSignalSpy errors(&client, &stampede::studio::RestControlClient::errorOccurred);
        client.refresh();
        QTest::qWait(500);
        QCOMPARE(errors.size(), 0);
        QVERIFY(!client.status().valid);
        // ...but a PATCH that cannot be delivered is an error the user sees.
        client.setPaused(true);
        QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, 5000);
        QVERIFY2(errors.first().first().toString().startsWith(u"Pausing the run failed"_s),
                 qPrintable(errors.first().first().toString()));
        client.setBaseUrl({});
        client.setVus(3);
        QCOMPARE(errors.size(), 2);
    }

    void examplesAreCopiedOnceAndKept()
    {
        QTemporaryDir dir;
        QTemporaryDir sourceDir;
        const QString source = sourceDir.filePath(u"demo.js"_s);
        QFile f(source);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("// demo\n");
        f.close();
        bool reused = true;
        const QString copy = stampede::studio::copyExample(source, dir.filePath(u"ex"_s), &reused);
        QCOMPARE(copy, dir.filePath(u"ex/demo.js"_s));
        QVERIFY(!reused);
        QFile c(copy);
        QVERIFY(c.open(QIODevice::ReadWrite));
        QCOMPARE(c.readAll(), QByteArray("// demo\n"));
        c.write("// edited\n");
        c.close();
        QCOMPARE(stampede::studio::copyExample(source, dir.filePath(u"ex"_s), &reused), copy);
        QVERIFY(reused);
        QVERIFY(c.open(QIODevice::ReadOnly));
        QVERIFY(c.readAll().contains("edited"));
        QString error;
        QVERIFY(stampede::studio::copyExample(u"/nonexistent/x.js"_s, dir.path(), nullptr, &error).isEmpty());
        QVERIFY2(error.contains(u"x.js"_s), qPrintable(error));
    }

    void demoLoginNeedsTokenAndCredentials()
    {
        DemoApp app;
        const auto form = app.handle({"GET", "/app/login", {}, {}, {}});
        QVERIFY(form && form->status == 200);
        const QByteArray html = form->body;
        const qsizetype at = html.indexOf("name=\"csrf\" value=\"");
        QVERIFY(at > 0);
        const qsizetype start = at + qsizetype(strlen("name=\"csrf\" value=\""));
        const QByteArray token = html.mid(start, html.indexOf('"', start) - start);
        QVERIFY(!token.isEmpty());
        const DemoApp::HeaderList formType{{"Content-Type", "application/x-www-form-urlencoded"}};
        QCOMPARE(app.handle({"POST", "/app/login", {}, formType, "csrf=" + token + "&user=alice&password=nope"})->status, 401);
        // The token is single-use.
        QCOMPARE(app.handle({"POST", "/app/login", {}, formType, "csrf=" + token + "&user=alice&password=wonderland"})->status,
                 403);
        QCOMPARE(app.handle({"POST", "/app/login", {}, formType, "user=alice&password=wonderland"})->status, 403);
        const auto again = app.handle({"GET", "/app/login", {}, {}, {}});
        const qsizetype at2 = again->body.indexOf("name=\"csrf\" value=\"") + qsizetype(strlen("name=\"csrf\" value=\""));
        const QByteArray token2 = again->body.mid(at2, again->body.indexOf('"', at2) - at2);
        const auto ok = app.handle({"POST", "/app/login", {}, formType, "csrf=" + token2 + "&user=alice&password=wonderland"});
        QCOMPARE(ok->status, 303);
        QCOMPARE(headerOf(*ok, "Location"), QByteArray("/app/profile"));
        const QByteArray cookie = headerOf(*ok, "Set-Cookie");
        QVERIFY(cookie.startsWith("session="));
        const QByteArray session = cookie.left(cookie.indexOf(';'));
        QCOMPARE(app.handle({"GET", "/app/profile", {}, {}, {}})->status, 401);
        const auto profile = app.handle({"GET", "/app/profile", {}, {{"Cookie", "a=b; " + session}}, {}});
        QCOMPARE(profile->status, 200);
        QCOMPARE(jsonOf(*profile).value(u"user"_s).toString(), u"alice"_s);
        QVERIFY(jsonOf(*app.handle({"POST", "/app/logout", {}, {{"Cookie", session}}, {}})).value(u"signedOut"_s).toBool());
        QCOMPARE(app.handle({"GET", "/app/profile", {}, {{"Cookie", session}}, {}})->status, 401);
        QVERIFY(!app.handle({"GET", "/nothing", {}, {}, {}}));
    }

    void demoItemsCrudAndBadInput()
    {
        DemoApp app;
        const auto created = app.handle({"POST", "/api/items", {}, {}, R"({"name":"anvil","price":10})"});
        QCOMPARE(created->status, 201);
        const int id = jsonOf(*created).value(u"id"_s).toInt();
        QVERIFY(id > 0);
        QCOMPARE(headerOf(*created, "Location"), "/api/items/" + QByteArray::number(id));
        const QByteArray path = "/api/items/" + QByteArray::number(id);
        QCOMPARE(jsonOf(*app.handle({"GET", path, {}, {}, {}})).value(u"name"_s).toString(), u"anvil"_s);
        QCOMPARE(jsonOf(*app.handle({"PATCH", path, {}, {}, R"({"price":12})"})).value(u"price"_s).toInt(), 12);
        QCOMPARE(QJsonDocument::fromJson(app.handle({"GET", "/api/items", {}, {}, {}})->body).array().size(), 1);
        QCOMPARE(app.handle({"DELETE", path, {}, {}, {}})->status, 204);
        QCOMPARE(app.handle({"GET", path, {}, {}, {}})->status, 404);
        QCOMPARE(app.handle({"POST", "/api/items", {}, {}, "{broken"})->status, 400);
        QCOMPARE(app.handle({"POST", "/api/items", {}, {}, R"({"name":""})"})->status, 400);
        QCOMPARE(app.handle({"GET", "/api/items/abc", {}, {}, {}})->status, 404);
    }

    void demoUploadParsesMultipart()
    {
        DemoApp app;
        const QByteArray body = "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nreport\r\n"
                                "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
                                "Content-Type: text/csv\r\n\r\n1,2\r\n3,4\r\n--XyZ--\r\n";
        const auto r = app.handle({"POST", "/upload", {}, {{"Content-Type", "multipart/form-data; boundary=XyZ"}}, body});
        QCOMPARE(r->status, 200);
        const QJsonObject o = jsonOf(*r);
        QCOMPARE(o.value(u"fields"_s).toObject().value(u"title"_s).toString(), u"report"_s);
        const QJsonObject file = o.value(u"files"_s).toArray().at(0).toObject();
        QCOMPARE(file.value(u"filename"_s).toString(), u"a.csv"_s);
        QCOMPARE(file.value(u"contentType"_s).toString(), u"text/csv"_s);
        QCOMPARE(file.value(u"size"_s).toInt(), 8);
        QCOMPARE(app.handle({"POST", "/upload", {}, {{"Content-Type", "text/plain"}}, "x"})->status, 400);
        QCOMPARE(app.handle({"POST", "/upload", {}, {{"Content-Type", "multipart/form-data; boundary=Q"}}, "--Q\r\nbroken"})
                     ->status,
                 400);
    }
};

QTEST_GUILESS_MAIN(tst_LocalRun)
#include "tst_localrun.moc"
