// What the studio's HAR import wizard shows: per-request marks (filters, which rules apply),
// proposals against the user's rules, and the preview with accepted proposals.

#include "core/har/importpreview.h"
#include "core/har/parser.h"
#include "core/har/rules.h"

#include <QTest>

#include <algorithm>

using namespace stampede::har;

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

bool hasHit(const EntryMarks &m, RuleHit::Kind kind, RuleHit::Role role, const std::string &name)
{
    return std::any_of(m.hits.begin(), m.hits.end(),
                       [&](const RuleHit &h) { return h.kind == kind && h.role == role && h.name == name; });
}

bool has(const std::string &hay, const std::string &needle)
{
    return hay.find(needle) != std::string::npos;
}

} // namespace

class tst_HarImportPreview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void responseSizeIsKept()
    {
        const Archive a = load("chrome-shop.har");
        QCOMPARE(a.entries[0].response.size, int64_t(424));
        QCOMPARE(a.entries[2].response.size, int64_t(0));
        const char *oddText = "{\"log\": {\"entries\": [{\"request\": {\"method\": \"GET\", \"url\": \"https://a.test/\"},"
                              " \"response\": {\"status\": 200, \"content\": {\"size\": \"12\", \"mimeType\": \"text/plain\"}}}]}}";
        auto odd = parseHarText(oddText, "odd.har");
        QVERIFY2(odd, odd ? "" : odd.error().message.c_str());
        QCOMPARE(odd->entries[0].response.size, int64_t(-1));
    }

    void marksFollowFilters()
    {
        const Archive a = load("chrome-shop.har");
        const FilterResult f = applyFilters(a, {});
        const auto marks = annotateEntries(a, {}, f);
        QCOMPARE(marks.size(), size_t(10));
        QVERIFY(marks[0].included);
        QVERIFY(marks[0].skipReason.empty());
        QVERIFY(!marks[1].included);
        QCOMPARE(marks[1].skipReason, std::string("static asset (stylesheet)"));
        QVERIFY(!marks[8].included);
        QVERIFY(marks[0].hits.empty());
    }

    void marksFollowRules()
    {
        const Archive a = load("rules-shop.har");
        auto rules = loadRules(data("rules-shop.har.rules.json"));
        QVERIFY2(rules, rules ? "" : rules.error().message.c_str());
        const FilterResult f = applyFilters(a, rules->filters);
        const auto marks = annotateEntries(a, *rules, f);
        using K = RuleHit::Kind;
        using R = RuleHit::Role;
        // The login page gives the CSRF token, the login call sends it and gives the auth token.
        QVERIFY(hasHit(marks[0], K::Correlation, R::Extracts, "csrfToken"));
        QVERIFY(!hasHit(marks[0], K::Correlation, R::Uses, "csrfToken"));
        QVERIFY(hasHit(marks[3], K::Correlation, R::Uses, "csrfToken"));
        QVERIFY(hasHit(marks[3], K::Correlation, R::Extracts, "authToken"));
        QVERIFY(hasHit(marks[3], K::Parameter, R::Uses, "username"));
        QVERIFY(hasHit(marks[3], K::CustomCode, R::Runs, "*/api/login"));
        // userId replaces in the URL only: the cart request sends it in its path.
        QVERIFY(hasHit(marks[4], K::Correlation, R::Uses, "userId"));
        QVERIFY(hasHit(marks[5], K::Verification, R::Checks, "*/api/cart/*/items"));
        QVERIFY(hasHit(marks[7], K::Verification, R::Checks, "*/orders/*"));
        // Blocked by "*/img/*": no marks, the reason instead.
        QVERIFY(!marks[9].included);
        QVERIFY(marks[9].hits.empty());
        QCOMPARE(marks[9].skipReason, std::string("blocked by */img/*"));
    }

    void proposalsLeaveUserRulesOut()
    {
        const Archive a = load("chrome-shop.har");
        const FilterResult f = applyFilters(a, {});
        const auto all = proposalsForRules(a, {}, f.included);
        QVERIFY(!all.empty());
        Rules rules;
        rules.correlations.push_back(all.front().rule);
        const auto rest = proposalsForRules(a, rules, f.included);
        QCOMPARE(rest.size(), all.size() - 1);
        for (const Proposal &p : rest)
            QVERIFY(p.value != all.front().value);
    }

    void acceptedProposalsChangeTheScript()
    {
        const Archive a = load("chrome-shop.har");
        const ImportPreview plain = buildImportPreview(a, {}, {});
        QVERIFY(plain.ok);
        QVERIFY(!plain.proposals.empty());
        QVERIFY(plain.effectiveRules.correlations.empty());
        const Proposal &p = plain.proposals.front();
        QVERIFY(!has(plain.script, "let " + p.rule.name) && !has(plain.script, p.rule.name + " ="));

        const ImportPreview accepted = buildImportPreview(a, {}, {p.value});
        QVERIFY(accepted.ok);
        QCOMPARE(accepted.proposals.size(), plain.proposals.size()); // still listed, now checked
        QCOMPARE(accepted.effectiveRules.correlations.size(), size_t(1));
        QCOMPARE(accepted.effectiveRules.correlations.front().name, p.rule.name);
        QVERIFY(accepted.script != plain.script);
        QVERIFY2(has(accepted.script, p.rule.name), accepted.script.c_str());
        QVERIFY(hasHit(accepted.marks[p.sourceEntry], RuleHit::Kind::Correlation, RuleHit::Role::Extracts, p.rule.name));
        QVERIFY(!p.usedIn.empty());
        QVERIFY(hasHit(accepted.marks[p.usedIn.front()], RuleHit::Kind::Correlation, RuleHit::Role::Uses, p.rule.name));
    }

    void generatorErrorsAreReported()
    {
        const Archive a = load("chrome-shop.har");
        Rules rules;
        Parameter p;
        p.name = "same";
        p.key = "x";
        rules.parameters = {p, p};
        const ImportPreview out = buildImportPreview(a, rules, {});
        QVERIFY(!out.ok);
        QVERIFY2(has(out.error, "used twice"), out.error.c_str());
        QCOMPARE(out.marks.size(), a.entries.size());
    }
};

QTEST_APPLESS_MAIN(tst_HarImportPreview)
#include "tst_harimportpreview.moc"
