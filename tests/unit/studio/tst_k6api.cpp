// The k6 API description behind completion (resources/k6api/k6api.json) and the completion rules.
#include "core/studio/k6api.h"

#include <QTest>

using namespace Qt::StringLiterals;
using stampede::studio::K6Api;

namespace {
QStringList names(const QList<K6Api::Entry> &entries)
{
    QStringList out;
    for (const auto &e : entries)
        out.append(e.name);
    return out;
}

K6Api::Completions completeAtEnd(const K6Api &api, const QString &script)
{
    return api.complete(script, int(script.size()));
}
} // namespace

class TestK6Api : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_api.load(QStringLiteral(STAMPEDE_SOURCE_DIR "/resources/k6api/k6api.json")));
        QVERIFY(m_api.source().startsWith(u"@types/k6 "_s));
        qInfo("k6 API: %s, %d names declared, %d offered by completion", qPrintable(m_api.source()),
              m_api.declaredNameCount(), m_api.offeredNameCount());
    }

    void modulesAndExports()
    {
        const QStringList modules = m_api.moduleNames();
        for (const QString &m : {u"k6"_s, u"k6/http"_s, u"k6/metrics"_s, u"k6/crypto"_s, u"k6/encoding"_s,
                                 u"k6/execution"_s, u"k6/html"_s, u"k6/data"_s, u"k6/ws"_s})
            QVERIFY2(modules.contains(m), qPrintable(m));
        const QStringList http = names(m_api.valueExports(u"k6/http"_s));
        for (const QString &n : {u"get"_s, u"post"_s, u"del"_s, u"batch"_s, u"request"_s, u"cookieJar"_s})
            QVERIFY2(http.contains(n), qPrintable(n));
        QVERIFY(!http.contains(u"Params"_s)); // an interface: no value to complete
        QVERIFY(names(m_api.exports(u"k6/http"_s)).contains(u"Params"_s));
        QVERIFY(names(m_api.optionKeys()).contains(u"thresholds"_s));
        QVERIFY(names(m_api.optionKeys()).contains(u"batch"_s)); // the first member of Options
        QVERIFY(names(m_api.globals()).contains(u"__ENV"_s));
        QVERIFY(m_api.offeredNameCount() > 300);
    }

    void httpDotOffersGet()
    {
        const QString script = u"import http from 'k6/http';\nexport default function () {\n  http."_s;
        const auto c = completeAtEnd(m_api, script);
        QCOMPARE(c.prefix, QString());
        QVERIFY(names(c.items).contains(u"get"_s));
        const auto get = std::find_if(c.items.cbegin(), c.items.cend(), [](const auto &e) { return e.name == u"get"_s; });
        QCOMPARE(get->kind, u"function"_s);
        QVERIFY(get->signature.contains(u"url"_s));
        QVERIFY(!get->doc.isEmpty());
        // A prefix filters.
        const auto p = completeAtEnd(m_api, script + u"po"_s);
        QCOMPARE(p.prefix, u"po"_s);
        QCOMPARE(names(p.items), QStringList{u"post"_s});
    }

    void aliasesFollowImports()
    {
        const QString script = u"import req from 'k6/http';\nimport exec from 'k6/execution';\nreq.g"_s;
        QCOMPARE(names(completeAtEnd(m_api, script).items), QStringList{u"get"_s});
        QVERIFY(names(completeAtEnd(m_api, script + u"et(x);\nexec.scenario."_s).items).contains(u"name"_s));
        QVERIFY(importBindingsWork());
        // Unknown objects offer nothing.
        QVERIFY(completeAtEnd(m_api, u"foo."_s).items.isEmpty());
    }

    void moduleNamesInImports()
    {
        const auto c = completeAtEnd(m_api, u"import http from 'k6/ht"_s);
        QCOMPARE(c.prefix, u"k6/ht"_s);
        QCOMPARE(names(c.items), (QStringList{u"k6/html"_s, u"k6/http"_s}));
    }

    void optionKeysInsideOptions()
    {
        const QString script = u"export const options = {\n  vus: 2,\n  thr"_s;
        QCOMPARE(names(completeAtEnd(m_api, script).items), (QStringList{u"thresholds"_s, u"throw"_s}));
        // Not inside a nested object.
        QVERIFY(!names(completeAtEnd(m_api, u"export const options = {\n  thresholds: { thr"_s).items)
                     .contains(u"thresholds"_s));
    }

    void importedNamesAndGlobals()
    {
        const QString script = u"import { check, sleep } from 'k6';\nche"_s;
        QCOMPARE(names(completeAtEnd(m_api, script).items), QStringList{u"check"_s});
        QVERIFY(names(completeAtEnd(m_api, u"__E"_s).items).contains(u"__ENV"_s));
    }

private:
    bool importBindingsWork()
    {
        const auto b = K6Api::importBindings(u"import http from \"k6/http\";\nimport { check as c, sleep } from 'k6';\n"
                                             u"import * as enc from 'k6/encoding';"_s);
        return b.value(u"http"_s) == u"k6/http"_s && b.value(u"c"_s) == u"k6#check"_s &&
               b.value(u"sleep"_s) == u"k6#sleep"_s && b.value(u"enc"_s) == u"k6/encoding"_s;
    }

    K6Api m_api;
};

QTEST_GUILESS_MAIN(TestK6Api)
#include "tst_k6api.moc"
