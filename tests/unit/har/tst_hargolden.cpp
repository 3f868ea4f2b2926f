// Golden files: tests/data/har/<name>.har (+ optional <name>.har.rules.json) -> <name>.golden.js.
// Run with STAMPEDE_UPDATE_GOLDEN=1 to rewrite the goldens after an intended change, then review
// the diff.

#include "core/har/generator.h"
#include "core/har/parser.h"
#include "core/har/rules.h"

#include <QFile>
#include <QTest>

#include <filesystem>

using namespace Qt::StringLiterals;
using namespace stampede::har;

class tst_HarGolden : public QObject
{
    Q_OBJECT

private:
    static std::string data(const std::string &name) { return std::string(STAMPEDE_TEST_DATA_DIR "/har/") + name; }

    static std::string convertFile(const std::string &har, Rules rules)
    {
        auto a = parseHarFile(data(har));
        if (!a)
            return "PARSE ERROR: " + a.error().message;
        auto c = convertArchive(*a, rules);
        if (!c)
            return "CONVERT ERROR: " + c.error().message;
        return c->script;
    }

private Q_SLOTS:
    void golden_data()
    {
        QTest::addColumn<QString>("har");
        QTest::addColumn<QString>("golden");
        QTest::addColumn<bool>("autoCorrelate");
        QTest::addColumn<bool>("thinkTime");
        QTest::newRow("chrome") << u"chrome-shop.har"_s << u"chrome-shop.golden.js"_s << false << false;
        QTest::newRow("chrome-correlated") << u"chrome-shop.har"_s << u"chrome-shop.correlated.golden.js"_s << true << true;
        QTest::newRow("firefox") << u"firefox-notes.har"_s << u"firefox-notes.golden.js"_s << true << false;
        QTest::newRow("safari") << u"safari-news.har"_s << u"safari-news.golden.js"_s << true << true;
        QTest::newRow("lihar") << u"lihar-api.har"_s << u"lihar-api.golden.js"_s << false << false;
        QTest::newRow("rules") << u"rules-shop.har"_s << u"rules-shop.golden.js"_s << false << false;
    }

    void golden()
    {
        QFETCH(QString, har);
        QFETCH(QString, golden);
        QFETCH(bool, autoCorrelate);
        QFETCH(bool, thinkTime);
        Rules rules;
        const std::string rulesFile = rulesPathFor(data(har.toStdString()));
        if (std::filesystem::exists(rulesFile)) {
            auto r = loadRules(rulesFile);
            QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
            rules = *r;
        }
        rules.script.autoCorrelate = rules.script.autoCorrelate || autoCorrelate;
        rules.script.thinkTime = rules.script.thinkTime || thinkTime;
        const std::string script = convertFile(har.toStdString(), rules);
        QVERIFY2(script.rfind("PARSE", 0) != 0 && script.rfind("CONVERT", 0) != 0, script.c_str());

        // Deterministic: a second conversion gives the same bytes.
        QCOMPARE(convertFile(har.toStdString(), rules), script);

        QFile f(QString::fromStdString(data(golden.toStdString())));
        if (qEnvironmentVariableIsSet("STAMPEDE_UPDATE_GOLDEN")) {
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(script.data(), qint64(script.size()));
            f.close();
        }
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(u"missing golden file "_s + f.fileName()));
        const QByteArray expected = f.readAll();
        if (expected != QByteArray::fromStdString(script)) {
            // Show the first differing line.
            const QList<QByteArray> a = expected.split('\n');
            const QList<QByteArray> b = QByteArray::fromStdString(script).split('\n');
            for (qsizetype i = 0; i < std::max(a.size(), b.size()); ++i) {
                const QByteArray x = i < a.size() ? a[i] : QByteArray("<eof>");
                const QByteArray y = i < b.size() ? b[i] : QByteArray("<eof>");
                if (x != y) {
                    QFAIL(qPrintable(u"%1:%2\n  golden: %3\n  actual: %4"_s.arg(golden).arg(i + 1)
                                         .arg(QString::fromUtf8(x), QString::fromUtf8(y))));
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(tst_HarGolden)
#include "tst_hargolden.moc"
