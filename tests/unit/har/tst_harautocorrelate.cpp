// Offline auto-correlation: what it proposes (with evidence) on real-looking recordings, and what
// it must not propose (short or common values, timestamps, echoes of what the client sent).

#include "core/har/autocorrelate.h"
#include "core/har/generator.h"
#include "core/har/parser.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace stampede::har;

namespace {

Archive load(const char *name)
{
    auto a = parseHarFile(std::string(STAMPEDE_TEST_DATA_DIR "/har/") + name);
    if (!a)
        qFatal("%s", a.error().message.c_str());
    return *a;
}

std::vector<Proposal> propose(const Archive &a)
{
    return proposeCorrelations(a, applyFilters(a, {}).included);
}

const Proposal *byValue(const std::vector<Proposal> &ps, const std::string &v)
{
    for (const Proposal &p : ps)
        if (p.value == v)
            return &p;
    return nullptr;
}

// A tiny archive: entry i has request `urls[i]` (+ optional header) and a JSON response body.
struct Step
{
    std::string url;
    std::string header; // "Name: value" sent by the request
    std::string responseJson;
    std::string setCookie;
};

Archive make(const std::vector<Step> &steps)
{
    Archive a;
    a.source = "mem.har";
    for (size_t i = 0; i < steps.size(); ++i) {
        Entry e;
        e.index = i;
        e.request.method = "GET";
        e.request.url = steps[i].url;
        if (!steps[i].header.empty()) {
            const size_t c = steps[i].header.find(": ");
            e.request.headers.push_back({steps[i].header.substr(0, c), steps[i].header.substr(c + 2)});
        }
        e.response.status = 200;
        e.response.mimeType = "application/json";
        e.response.body = steps[i].responseJson;
        if (!steps[i].setCookie.empty())
            e.response.headers.push_back({"Set-Cookie", steps[i].setCookie});
        e.resourceType = "fetch";
        a.entries.push_back(std::move(e));
    }
    return a;
}

} // namespace

class tst_HarAutoCorrelate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chrome()
    {
        const auto ps = propose(load("chrome-shop.har"));
        QCOMPARE(ps.size(), size_t(6));
        const Proposal *csrf = byValue(ps, "c5Rf9XkQ2mZpL7vT");
        QVERIFY(csrf);
        QCOMPARE(csrf->kind, std::string("HTML hidden input csrf_token"));
        QCOMPARE(csrf->sourceEntry, size_t(0));
        QCOMPARE(csrf->usedIn, (std::vector<size_t>{3, 6}));
        QCOMPARE(csrf->rule.name, std::string("csrfToken"));
        QCOMPARE(csrf->places, (std::vector<std::string>{"body"}));
        const Proposal *token = byValue(ps, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0ODIxMyJ9.Qk3pZ8vN2xL1");
        QVERIFY(token);
        QCOMPARE(token->rule.extract.path, std::string("token"));
        QCOMPARE(token->usedIn, (std::vector<size_t>{4, 5}));
        QCOMPARE(token->places, (std::vector<std::string>{"header authorization"}));
        QCOMPARE(token->rule.evidence,
                 std::string("log.entries[3] (POST /api/login) returned it in JSON token; sent by log.entries[4], "
                             "log.entries[5] (header authorization)"));
        const Proposal *uid = byValue(ps, "48213");
        QVERIFY(uid);
        QCOMPARE(uid->rule.name, std::string("userId"));
        QCOMPARE(uid->places, (std::vector<std::string>{"url"}));
        QVERIFY(byValue(ps, "crt_9f8e7d6c5b"));
        const Proposal *loc = byValue(ps, "/orders/77812");
        QVERIFY(loc);
        QCOMPARE(loc->kind, std::string("Location header"));
        // Set-Cookie value that the app copies into a header (the jar would only send it as a cookie).
        const Proposal *xsrf = byValue(ps, "aB3dE5fG7hJ9kL0m");
        QVERIFY(xsrf);
        QCOMPARE(xsrf->kind, std::string("Set-Cookie XSRF-TOKEN"));
        QCOMPARE(xsrf->places, (std::vector<std::string>{"header x-xsrf-token"}));
        // Not proposed: what the client sent itself, names, short numbers, timestamps.
        QVERIFY(!byValue(ps, "alice"));
        QVERIFY(!byValue(ps, "Alice"));
        QVERIFY(!byValue(ps, "3600"));
        QVERIFY(!byValue(ps, "2024-05-14T09:12:07Z"));
    }

    void firefoxAndSafari()
    {
        const auto ff = propose(load("firefox-notes.har"));
        QVERIFY(byValue(ff, "Qm9vbGVhbkNzcmYxMjM0")); // x-csrf-token response header
        QVERIFY(byValue(ff, "S3ss10nXyZ42abcD"));
        QVERIFY(byValue(ff, "5512"));
        QVERIFY(!byValue(ff, "ffsid123456789")); // sent only as a cookie: the jar's job
        QVERIFY(!byValue(ff, "1715677206"));     // a timestamp
        const auto sa = propose(load("safari-news.har"));
        QVERIFY(byValue(sa, "cur_8KxP2mQ9wZ"));
        QVERIFY(byValue(sa, "Ts0k3nX5rfVal9"));
        const Proposal *id = byValue(sa, "90210");
        QVERIFY(id);
        QCOMPARE(id->rule.extract.path, std::string("items.0.id"));
        QCOMPARE(id->usedIn, (std::vector<size_t>{4, 5}));
        QVERIFY(!byValue(sa, "1715680800"));
    }

    void falsePositives()
    {
        // Short and common values, booleans, timestamps: never proposed even when a later request has them.
        auto a = make({
            {"https://a.test/api/start", "", R"({"page": 1, "ok": true, "mode": "fast", "ts": 1715677206, "at": "2024-05-14T09:00:00Z", "n": 42})", ""},
            {"https://a.test/api/list?page=1&ok=true&mode=fast&ts=1715677206&n=42&at=2024-05-14T09:00:00Z", "", "{}", ""},
        });
        QVERIFY(propose(a).empty());
        // An echo: the client sent the value before the server returned it.
        auto echo = make({
            {"https://a.test/api/hello?name=Zx81Spectrum", "", R"({"greeting": "Zx81Spectrum"})", ""},
            {"https://a.test/api/again?name=Zx81Spectrum", "", "{}", ""},
        });
        QVERIFY(propose(echo).empty());
        // A value used nowhere later.
        auto unused = make({{"https://a.test/api/a", "", R"({"token": "T0kenNeverUsed99"})", ""},
                            {"https://a.test/api/b", "", "{}", ""}});
        QVERIFY(propose(unused).empty());
        // Numbers only match whole tokens: 4821 is not inside 148213.
        auto partial = make({{"https://a.test/api/a", "", R"({"id": 4821})", ""},
                             {"https://a.test/api/items/148213", "", "{}", ""}});
        QVERIFY(propose(partial).empty());
        // Set-Cookie values travelling only in the Cookie header.
        auto cookie = make({{"https://a.test/api/a", "", "{}", "sid=Q1w2E3r4T5y6; Path=/"},
                            {"https://a.test/api/b", "Cookie: sid=Q1w2E3r4T5y6", "{}", ""}});
        QVERIFY(propose(cookie).empty());
        auto header = make({{"https://a.test/api/a", "", "{}", "sid=Q1w2E3r4T5y6; Path=/"},
                            {"https://a.test/api/b", "X-Sid: Q1w2E3r4T5y6", "{}", ""}});
        QCOMPARE(propose(header).size(), size_t(1));
    }

    void positives()
    {
        auto a = make({
            {"https://a.test/api/login", "", R"({"data": {"accessToken": "abc.DEF.123xyz"}, "orders": [{"orderId": 99812}]})", ""},
            {"https://a.test/api/orders/99812", "Authorization: Bearer abc.DEF.123xyz", "{}", ""},
        });
        const auto ps = propose(a);
        QCOMPARE(ps.size(), size_t(2));
        QCOMPARE(ps[0].rule.name, std::string("accessToken"));
        QCOMPARE(ps[0].rule.extract.path, std::string("data.accessToken"));
        QCOMPARE(ps[1].rule.name, std::string("orderId"));
        QCOMPARE(ps[1].rule.extract.path, std::string("orders.0.orderId"));
        // Names already taken by user rules get a suffix; values already covered are skipped.
        const auto named = proposeCorrelations(a, {0, 1}, {"99812"}, {"accessToken"});
        QCOMPARE(named.size(), size_t(1));
        QCOMPARE(named[0].rule.name, std::string("accessToken2"));
    }

    void appliedToScript()
    {
        Rules r;
        r.script.autoCorrelate = true;
        auto c = convertArchive(load("firefox-notes.har"), r);
        QVERIFY(c.ok());
        QVERIFY(c->script.find("\"X-CSRF-Token\": xCsrfToken,") != std::string::npos);
        QVERIFY(c->script.find("http.del(`https://notes.test/api/notes/${id}`") != std::string::npos);
        QVERIFY(c->script.find("Qm9vbGVhbkNzcmYxMjM0") == std::string::npos);
        r.script.autoCorrelate = false;
        auto plain = convertArchive(load("firefox-notes.har"), r);
        QVERIFY(plain->script.find("\"X-CSRF-Token\": \"Qm9vbGVhbkNzcmYxMjM0\",") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(tst_HarAutoCorrelate)
#include "tst_harautocorrelate.moc"
