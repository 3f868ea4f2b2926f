// HAR parsing: what Chrome, Firefox, Safari and LI-HAR files become, and errors that name the
// file, the JSON path and the reason (line:column for JSON syntax errors).

#include "core/har/parser.h"
#include "core/har/rules.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace Qt::StringLiterals;
using namespace stampede::har;

namespace {

std::string data(const char *name)
{
    return std::string(STAMPEDE_TEST_DATA_DIR "/har/") + name;
}

std::string errorOf(const std::string &text)
{
    auto r = parseHarText(text, "in.har");
    return r.ok() ? std::string("(parsed)") : r.error().message;
}

} // namespace

class tst_HarParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chrome()
    {
        auto a = parseHarFile(data("chrome-shop.har"));
        QVERIFY2(a.ok(), a.ok() ? "" : a.error().message.c_str());
        QCOMPARE(a->creatorName, std::string("WebInspector"));
        QCOMPARE(a->pages.size(), size_t(2));
        QCOMPARE(a->entries.size(), size_t(10));
        const Entry &login = a->entries[3];
        QCOMPARE(login.request.method, std::string("POST"));
        QCOMPARE(login.resourceType, std::string("fetch"));
        QCOMPARE(login.pageref, std::string("page_1"));
        QVERIFY(login.request.postData.has_value());
        QCOMPARE(login.request.postData->mimeType, std::string("application/json"));
        QVERIFY(login.request.header(":authority") != nullptr);
        QCOMPARE(*login.request.header("Content-Type"), std::string("application/json"));
        QVERIFY(login.response.body.find("\"token\"") != std::string::npos);
        QCOMPARE(login.startedMs, int64_t(1715677927480));
        // The PNG (base64) is not kept; the memory-cache flag is.
        QVERIFY(a->entries[9].response.bodyDropped);
        QVERIFY(a->entries[9].response.body.empty());
        QVERIFY(a->entries[9].fromCache);
        QCOMPARE(a->entries[6].response.status, 302);
        QCOMPARE(*a->entries[6].response.header("location"), std::string("/orders/77812"));
        QCOMPARE(a->entries[6].request.postData->params.size(), size_t(3));
    }

    void firefox()
    {
        auto a = parseHarFile(data("firefox-notes.har"));
        QVERIFY2(a.ok(), a.ok() ? "" : a.error().message.c_str());
        QCOMPARE(a->browserName, std::string("Firefox"));
        QCOMPARE(a->entries.size(), size_t(9));
        // Firefox has no _resourceType: derived from MIME type and Sec-Fetch-Dest.
        QCOMPARE(a->entries[0].resourceType, std::string("document"));
        QCOMPARE(a->entries[1].resourceType, std::string("script"));
        QCOMPARE(a->entries[2].resourceType, std::string("image")); // favicon.ico
        // Offsets in startedDateTime: 11:00+02:00 is 09:00Z.
        QCOMPARE(a->entries[0].startedMs, int64_t(1715677200000));
        const auto &mp = a->entries[6].request.postData;
        QVERIFY(mp && mp->mimeType.rfind("multipart/form-data", 0) == 0);
        QCOMPARE(mp->params[1].fileName, std::string("list.txt"));
        QCOMPARE(a->entries[7].request.method, std::string("DELETE"));
        QCOMPARE(a->entries[7].response.status, 204);
    }

    void safari()
    {
        auto a = parseHarFile(data("safari-news.har"));
        QVERIFY2(a.ok(), a.ok() ? "" : a.error().message.c_str());
        QCOMPARE(a->creatorName, std::string("WebKit Web Inspector"));
        QVERIFY(a->entries[1].fromCache); // _fetchType "Memory Cache"
        QVERIFY(!a->entries[0].fromCache);
        QCOMPARE(a->entries[2].request.queryString.size(), size_t(1));
    }

    void lihar()
    {
        auto a = parseHarFile(data("lihar-api.har"));
        QVERIFY2(a.ok(), a.ok() ? "" : a.error().message.c_str());
        QCOMPARE(a->creatorName, std::string("Load Impact")); // creator as a plain string
        QCOMPARE(a->options["vus"].get<int>(), 2);
        QCOMPARE(a->entries[0].variables.size(), size_t(2));
        QCOMPARE(a->entries[0].variables[0].name, std::string("accessToken"));
        QCOMPARE(a->entries[0].checks.size(), size_t(2));
        QCOMPARE(a->entries[0].checks[0].value, std::string("200")); // a number in the file
        QCOMPARE(a->entries[1].variables[0].attribute, std::string("value"));
        QVERIFY(a->entries[2].request.postData->base64); // data:image/png;base64,...
        QCOMPARE(a->entries[2].request.postData->text.rfind("iVBOR", 0), size_t(0));
        QCOMPARE(a->entries[0].response.status, 0); // no response in LI-HAR
        // LI-HAR entries have no response; the filters keep them.
        const FilterResult f = applyFilters(*a, {});
        QCOMPARE(f.included.size(), size_t(4));
    }

    void bom()
    {
        auto a = parseHarText("\xEF\xBB\xBF{\"log\":{\"version\":\"1.2\",\"entries\":[]}}", "bom.har");
        QVERIFY(a.ok());
        QCOMPARE(a->version, std::string("1.2"));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        const QString entry = u"{\"request\":{\"method\":\"GET\",\"url\":\"https://a.test/\"}}"_s;
        QTest::newRow("not an object") << u"[1,2]"_s << u"in.har: (root): expected an object with a \"log\" member, got an array"_s;
        QTest::newRow("no log") << u"{\"foo\":1}"_s << u"in.har: (root).log: missing (required by HAR 1.2)"_s;
        QTest::newRow("entries not array") << u"{\"log\":{\"entries\":{}}}"_s
                                           << u"in.har: log.entries: expected an array, got an object"_s;
        QTest::newRow("entry not object") << (u"{\"log\":{\"entries\":["_s + entry + u",42]}}"_s)
                                          << u"in.har: log.entries[1]: expected an object, got a number"_s;
        QTest::newRow("url number") << (u"{\"log\":{\"entries\":["_s + entry + u","_s + entry + u","_s + entry +
                                        u",{\"request\":{\"method\":\"GET\",\"url\":5}}]}}"_s)
                                    << u"in.har: log.entries[3].request.url: expected a string, got a number"_s;
        QTest::newRow("no request") << u"{\"log\":{\"entries\":[{\"response\":{}}]}}"_s
                                    << u"in.har: log.entries[0].request: missing (required by HAR 1.2)"_s;
        QTest::newRow("relative url") << u"{\"log\":{\"entries\":[{\"request\":{\"method\":\"GET\",\"url\":\"/x\"}}]}}"_s
                                      << u"in.har: log.entries[0].request.url: not an absolute URL: \"/x\""_s;
        QTest::newRow("header value") << u"{\"log\":{\"entries\":[{\"request\":{\"method\":\"GET\",\"url\":\"http://a/\","
                                         "\"headers\":[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":[]}]}}]}}"_s
                                      << u"in.har: log.entries[0].request.headers[1].value: expected a string or a number, got an array"_s;
        QTest::newRow("status") << u"{\"log\":{\"entries\":[{\"request\":{\"method\":\"GET\",\"url\":\"http://a/\"},"
                                   "\"response\":{\"status\":\"oops\"}}]}}"_s
                                << u"in.har: log.entries[0].response.status: expected a number, got a string"_s;
        QTest::newRow("base64") << u"{\"log\":{\"entries\":[{\"request\":{\"method\":\"GET\",\"url\":\"http://a/\"},"
                                   "\"response\":{\"status\":200,\"content\":{\"mimeType\":\"application/json\","
                                   "\"text\":\"!!\",\"encoding\":\"base64\"}}}]}}"_s
                                << u"in.har: log.entries[0].response.content.text: invalid base64 (content.encoding is \"base64\")"_s;
        QTest::newRow("li variable") << u"{\"log\":{\"entries\":[{\"request\":{\"method\":\"GET\",\"url\":\"http://a/\"},"
                                        "\"variables\":[{\"type\":0,\"name\":\"my-var\",\"expression\":\"a\"}]}]}}"_s
                                     << u"in.har: log.entries[0].variables[0].name: \"my-var\" is not a valid JavaScript identifier"_s;
        QTest::newRow("pages") << u"{\"log\":{\"pages\":[{\"title\":\"x\"}],\"entries\":[]}}"_s
                               << u"in.har: log.pages[0].id: missing (required by HAR 1.2)"_s;
    }

    void errors()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        QCOMPARE(QString::fromStdString(errorOf(text.toStdString())), message);
    }

    void syntaxErrorLineColumn()
    {
        const std::string text = "{\n  \"log\": {\n    \"entries\": [\n      {\"request\": }\n    ]\n  }\n}\n";
        auto r = parseHarText(text, "broken.har");
        QVERIFY(!r.ok());
        QCOMPARE(r.error().line, 4);
        QCOMPARE(r.error().column, 19);
        QVERIFY2(r.error().message.rfind("broken.har:4:19: invalid JSON: syntax error", 0) == 0,
                 r.error().message.c_str());
        QCOMPARE(r.error().file, std::string("broken.har"));

        // The same from a file (streamed).
        QTemporaryDir dir;
        const std::string path = dir.filePath(u"broken.har"_s).toStdString();
        std::ofstream(path) << text;
        auto f = parseHarFile(path);
        QVERIFY(!f.ok());
        QCOMPARE(f.error().line, 4);
        QCOMPARE(f.error().column, 19);
        QVERIFY2(f.error().message.rfind(path + ":4:19: invalid JSON", 0) == 0, f.error().message.c_str());

        // Truncated file.
        auto t = parseHarText("{\"log\": {\"entries\": [", "cut.har");
        QVERIFY(!t.ok());
        QCOMPARE(t.error().line, 1);
        QVERIFY2(t.error().message.find("unexpected end of input") != std::string::npos, t.error().message.c_str());
    }

    void missingFile()
    {
        auto r = parseHarFile("/nonexistent/x.har");
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.rfind("/nonexistent/x.har: cannot read the file", 0) == 0);
    }
};

QTEST_GUILESS_MAIN(tst_HarParser)
#include "tst_harparser.moc"
