// Rules: filters (allow/block, static, third party, cache), the rules file format and its errors,
// and what correlation, parameterization, verification and custom code do to the script.

#include "core/har/generator.h"
#include "core/har/parser.h"
#include "core/har/rules.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace Qt::StringLiterals;
using namespace stampede::har;
using json = nlohmann::json;

namespace {

std::string data(const char *name)
{
    return std::string(STAMPEDE_TEST_DATA_DIR "/har/") + name;
}

Archive load(const char *name)
{
    auto a = parseHarFile(data(name));
    if (!a)
        qFatal("%s", a.error().message.c_str());
    return *a;
}

bool has(const std::string &hay, const std::string &needle)
{
    return hay.find(needle) != std::string::npos;
}

} // namespace

class tst_HarRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void patterns()
    {
        QVERIFY(urlMatches("*/api/*", "https://a.test/api/x"));
        QVERIFY(urlMatches("/api/login", "https://a.test/api/login"));   // path without scheme
        QVERIFY(!urlMatches("/api/login", "https://a.test/api/login2"));
        QVERIFY(urlMatches("/\\.png$/", "https://a.test/x.png"));
        QVERIFY(!urlMatches("/\\.png$/", "https://a.test/x.png?v=1"));
        QVERIFY(urlMatches("https://a.test/?", "https://a.test/x"));
        QVERIFY(hostMatches("*.example.com", "example.com"));
        QVERIFY(hostMatches("*.example.com", "cdn.EXAMPLE.com"));
        QVERIFY(!hostMatches("*.example.com", "badexample.com"));
        QVERIFY(hostMatches("Shop.test", "shop.test"));
    }

    void defaultFilters()
    {
        const Archive a = load("chrome-shop.har");
        const FilterResult f = applyFilters(a, {});
        QCOMPARE(f.included, (std::vector<size_t>{0, 3, 4, 5, 6, 7}));
        QCOMPARE(f.allowedHosts, std::vector<std::string>{"shop.test"});
        std::map<size_t, std::string> why;
        for (const auto &s : f.skipped)
            why[s.entry] = s.reason;
        QCOMPARE(why[1], std::string("static asset (stylesheet)"));
        QCOMPARE(why[2], std::string("third-party host: fonts.gstatic.com"));
        QCOMPARE(why[8], std::string("third-party host: www.google-analytics.com"));
        QCOMPARE(why[9], std::string("static asset (image)"));
    }

    void includeAndBlock()
    {
        const Archive a = load("chrome-shop.har");
        Filters f;
        f.includeStatic = true;
        f.includeThirdParty = true;
        f.includeCached = true;
        QCOMPARE(applyFilters(a, f).included.size(), size_t(10));
        f.blockUrls = {"*google-analytics*", "/\\.(png|css)$/"};
        QCOMPARE(applyFilters(a, f).included, (std::vector<size_t>{0, 2, 3, 4, 5, 6, 7}));
        // An explicit allow-list replaces the first-party host.
        Filters only;
        only.allowHosts = {"*.gstatic.com"};
        only.includeStatic = true;
        QCOMPARE(applyFilters(a, only).included, (std::vector<size_t>{2}));
        // Cached entries (Safari "Memory Cache") are left out unless asked for.
        const Archive s = load("safari-news.har");
        Filters cached;
        cached.includeStatic = true;
        const auto without = applyFilters(s, cached).included;
        QVERIFY(std::find(without.begin(), without.end(), size_t(1)) == without.end());
        cached.includeCached = true;
        const auto inc = applyFilters(s, cached).included;
        QVERIFY(std::find(inc.begin(), inc.end(), size_t(1)) != inc.end());
    }

    void fileRoundTrip()
    {
        auto r = loadRules(data("rules-shop.har.rules.json"));
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(r->correlations.size(), size_t(6));
        QCOMPARE(r->parameters.size(), size_t(5));
        QCOMPARE(r->correlations[2].entry.value_or(99), size_t(3));
        QVERIFY(r->correlations[2].inUrl && !r->correlations[2].inHeaders && !r->correlations[2].inBody);
        QTemporaryDir dir;
        const std::string path = dir.filePath(u"x.har.rules.json"_s).toStdString();
        QVERIFY(saveRules(*r, path).ok());
        auto again = loadRules(path);
        QVERIFY(again.ok());
        QCOMPARE(rulesToJson(*again).dump(), rulesToJson(*r).dump());
    }

    void fileErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("extract type") << u"{\"correlations\":[{\"name\":\"a\",\"extract\":{\"type\":\"xpath\"}}]}"_s
                                      << u"r.json: correlations[0].extract.type: unknown extractor type \"xpath\" (json, regex, header, beginEnd)"_s;
        QTest::newRow("bad regex") << u"{\"correlations\":[{\"name\":\"a\",\"extract\":{\"type\":\"regex\",\"pattern\":\"(\"}}]}"_s
                                   << u"r.json: correlations[0].extract.pattern: invalid regular expression: missing closing parenthesis"_s;
        QTest::newRow("name") << u"{\"correlations\":[{\"name\":\"a-b\",\"extract\":{\"type\":\"header\",\"name\":\"X\"}}]}"_s
                              << u"r.json: correlations[0].name: \"a-b\" is not a valid JavaScript identifier"_s;
        QTest::newRow("match") << u"{\"parameters\":[{\"name\":\"a\",\"match\":{\"cookie\":\"x\"},\"source\":{\"value\":\"1\"}}]}"_s
                               << u"r.json: parameters[0].match.cookie: unknown match kind"_s;
        QTest::newRow("verification") << u"{\"verifications\":[{\"url\":\"*\"}]}"_s
                                      << u"r.json: verifications[0]: needs \"status\" or \"bodyContains\""_s;
        QTest::newRow("type") << u"{\"filters\":{\"includeStatic\":\"yes\"}}"_s
                              << u"r.json: filters.includeStatic: expected true or false"_s;
    }

    void fileErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        auto r = rulesFromJson(json::parse(text.toStdString()), "r.json");
        QVERIFY(!r.ok());
        QCOMPARE(QString::fromStdString(r.error().message), message);
    }

    void syntaxError()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(u"bad.json"_s).toStdString();
        std::ofstream(path) << "{\n  \"filters\": {,\n}";
        auto r = loadRules(path);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().line, 2);
        QCOMPARE(r.error().column, 15);
    }

    void correlationParameterizationVerification()
    {
        auto rules = loadRules(data("rules-shop.har.rules.json"));
        QVERIFY(rules.ok());
        auto c = convertArchive(load("rules-shop.har"), *rules);
        QVERIFY(c.ok());
        const std::string &s = c->script;
        // Correlation: each extractor type, and replacement where asked.
        QVERIFY(has(s, "csrfToken = (res.body.match(/name=\"csrf_token\" value=\"([^\"]+)\"/) || [])[1];"));
        QVERIFY(has(s, "authToken = res.json(\"token\");"));
        QVERIFY(has(s, "userId = res.json(\"user.id\");"));
        QVERIFY(has(s, "cartId = (res.body.match(/\"cartId\": \"([\\s\\S]*?)\"/) || [])[1];"));
        QVERIFY(has(s, "xsrf = (String(res.headers[\"Set-Cookie\"] || \"\").match(/XSRF-TOKEN=([^;]+)/) || [])[1];"));
        QVERIFY(has(s, "orderPath = res.headers[\"Location\"];"));
        QVERIFY(has(s, "http.get(`https://shop.test/api/users/${userId}/cart`"));
        QVERIFY(has(s, "authorization: `Bearer ${authToken}`"));
        QVERIFY(has(s, "http.post(`https://shop.test/api/cart/${cartId}/items`"));
        QVERIFY(has(s, "\"x-xsrf-token\": xsrf,"));
        QVERIFY(has(s, "http.get(`https://shop.test${orderPath}`"));
        QVERIFY(has(s, "csrf_token: csrfToken,"));
        // Parameterization: data files through SharedArray, fields, headers, literals.
        QVERIFY(has(s, "import { SharedArray } from \"k6/data\";"));
        QVERIFY(has(s, "const users = new SharedArray(\"users.csv\", function () {\n  return parseCsv(open(\"users.csv\"));"));
        QVERIFY(has(s, "const products = new SharedArray(\"products.json\", function () {\n  return JSON.parse(open(\"products.json\"));"));
        QVERIFY(has(s, "const usersRow = users[(__VU - 1) % users.length];"));
        QVERIFY(has(s, "const productsRow = products[__ITER % products.length];"));
        QVERIFY(has(s, "JSON.stringify({ username: username, password: password, csrf: csrfToken })"));
        QVERIFY(has(s, "JSON.stringify({ sku: sku, qty: 1 })"));
        QVERIFY(has(s, "note: note,"));
        QVERIFY(has(s, "\"accept-language\": language,"));
        QVERIFY(has(s, "function parseCsv(text) {"));
        QVERIFY(!has(s, "alice"));
        // Verification and custom code.
        QVERIFY(has(s, "\"body contains Thank you\": (r) => String(r.body).includes(\"Thank you\"),"));
        QVERIFY(has(s, "check(res, { \"status is 201\": (r) => r.status === 201 });"));
        QVERIFY(has(s, "// about to pay\n    console.log(`checking out ${cartId}`);\n    res = http.post(\"https://shop.test/checkout\""));
        QVERIFY(has(s, "userId = res.json(\"user.id\");\n    if (!authToken) {\n      throw new Error(\"login failed\");\n    }"));
        // The image is blocked by the rules' blockUrls, the font host is allowed but static.
        QCOMPARE(c->filter.included.size(), size_t(6));
    }

    void headersCleaned()
    {
        auto c = convertArchive(load("chrome-shop.har"), {});
        QVERIFY(c.ok());
        const std::string &s = c->script;
        for (const char *h : {":authority", ":method", ":path", ":scheme", "content-length", "accept-encoding", "cookie:",
                              "\"cookie\"", "host:"})
            QVERIFY2(!has(s, h), h);
        QVERIFY(has(s, "\"content-type\": \"application/json\""));
        // A recorded redirect is replayed hop by hop.
        QVERIFY(has(s, "redirects: 0,"));
        QVERIFY(has(s, "\"status is 302\""));
    }

    void thinkTime()
    {
        Rules r;
        r.script.thinkTime = true;
        r.script.maxThinkTimeS = 3;
        auto c = convertArchive(load("chrome-shop.har"), r);
        QVERIFY(c.ok());
        QVERIFY(has(c->script, "sleep(3);"));   // 4.3 s capped
        QVERIFY(has(c->script, "sleep(2.3);"));
        QVERIFY(has(c->script, "import { check, group, sleep } from \"k6\";"));
        r.script.thinkTime = false;
        auto none = convertArchive(load("chrome-shop.har"), r);
        QVERIFY(!has(none->script, "sleep("));
    }

    void loadProfile()
    {
        Rules r;
        r.script.vus = 3;
        r.script.duration = "45s";
        auto c = convertArchive(load("lihar-api.har"), r);
        QVERIFY(c.ok());
        QVERIFY(has(c->script, "export const options = {\n  vus: 3,\n  duration: \"45s\",\n  thresholds:"));
        auto d = convertArchive(load("chrome-shop.har"), {});
        QVERIFY(has(d->script, "  stages: [\n    { duration: \"30s\", target: 5 },"));
        Rules once;
        once.script.vus = 1;
        once.script.iterations = 1;
        auto e = convertArchive(load("chrome-shop.har"), once);
        QVERIFY(e.ok());
        QVERIFY(has(e->script, "export const options = {\n  vus: 1,\n  iterations: 1,\n};"));
    }
};

QTEST_GUILESS_MAIN(tst_HarRules)
#include "tst_harrules.moc"
