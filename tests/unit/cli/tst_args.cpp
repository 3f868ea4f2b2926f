// The k6-style flag parser: long/short forms, =values, repeats and clear errors.

#include "core/cli/args.h"

#include <QTest>

using namespace stampede::cli;

class tst_Args : public QObject
{
    Q_OBJECT

private:
    const std::vector<FlagSpec> m_specs{
        {"vus", 'u', true, false, "N", ""},
        {"env", 'e', true, true, "KEY=VALUE", ""},
        {"quiet", 'q', false, false, "", ""},
    };

private Q_SLOTS:
    void forms()
    {
        auto r = parseArgs({"-u", "5", "--env", "A=1", "-eB=2", "--env=C=3", "-q", "script.js"}, m_specs);
        QVERIFY(r.ok());
        QCOMPARE(r->value("vus"), std::string("5"));
        QCOMPARE(r->all("env").size(), size_t(3));
        QCOMPARE(r->all("env")[1], std::string("B=2"));
        QCOMPARE(r->all("env")[2], std::string("C=3"));
        QVERIFY(r->flag("quiet"));
        QCOMPARE(r->positional, std::vector<std::string>{"script.js"});

        auto compact = parseArgs({"-u10", "--vus=12", "x.js"}, m_specs);
        QCOMPARE(compact->value("vus"), std::string("12")); // the last one wins
        auto negated = parseArgs({"--quiet=false"}, m_specs);
        QVERIFY(!negated->flag("quiet"));
        auto dashdash = parseArgs({"--", "-u"}, m_specs);
        QCOMPARE(dashdash->positional, std::vector<std::string>{"-u"});
    }

    void errors()
    {
        auto unknown = parseArgs({"--vuz", "3"}, m_specs);
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().message, std::string("unknown flag: --vuz"));
        auto missing = parseArgs({"x.js", "--vus"}, m_specs);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().message, std::string("flag needs an argument: --vus"));
        auto badShort = parseArgs({"-z"}, m_specs);
        QVERIFY(!badShort.ok());
        auto badBool = parseArgs({"--quiet=maybe"}, m_specs);
        QVERIFY(!badBool.ok());
    }
};

QTEST_GUILESS_MAIN(tst_Args)
#include "tst_args.moc"
