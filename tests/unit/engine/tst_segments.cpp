// Execution segments: exact rational arithmetic, and N instances with adjacent
// segments adding up to exactly one full run.

#include "core/engine/executor.h"
#include "core/engine/segment.h"

#include <QTest>

using namespace stampede;
using namespace stampede::engine;
using json = nlohmann::json;
using namespace Qt::StringLiterals;

namespace {

std::vector<ExecutionSegment> partition(const std::vector<std::string> &points)
{
    std::vector<ExecutionSegment> out;
    for (size_t i = 0; i + 1 < points.size(); ++i)
        out.push_back(ExecutionSegment::parse(points[i] + ":" + points[i + 1]).value());
    return out;
}

} // namespace

class tst_Segments : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rationals()
    {
        QCOMPARE(Rational::parse("2/6")->toString(), std::string("1/3"));
        QCOMPARE(Rational::parse("0.25")->toString(), std::string("1/4"));
        QCOMPARE(Rational::parse("75%")->toString(), std::string("3/4"));
        QCOMPARE(Rational::parse("1")->toString(), std::string("1"));
        QCOMPARE(Rational::parse("0")->toString(), std::string("0"));
        QVERIFY(!Rational::parse("4/3").ok());
        QVERIFY(!Rational::parse("1/0").ok());
        QVERIFY(!Rational::parse("abc").ok());
        QVERIFY(!ExecutionSegment::parse("2/3:1/3").ok());
        QCOMPARE(ExecutionSegment::parse("1/2")->toString(), std::string("0:1/2"));
        QCOMPARE(floorMul(10, *Rational::parse("1/3")), int64_t(3));
    }

    void sequenceValidation()
    {
        auto seg = ExecutionSegment::parse("1/3:2/3").value();
        QVERIFY(seg.validateSequence("0,1/3,2/3,1").ok());
        QVERIFY(!seg.validateSequence("0,1/2,1").ok());
        QVERIFY(!seg.validateSequence("0,2/3,1/3,1").ok());
    }

    void countsAddUpExactly_data()
    {
        QTest::addColumn<QStringList>("points");
        QTest::newRow("thirds") << QStringList{u"0"_s, u"1/3"_s, u"2/3"_s, u"1"_s};
        QTest::newRow("uneven") << QStringList{u"0"_s, u"1/7"_s, u"1/2"_s, u"0.9"_s, u"1"_s};
        QTest::newRow("halves") << QStringList{u"0"_s, u"50%"_s, u"100%"_s};
        QTest::newRow("ten") << QStringList{u"0"_s, u"0.1"_s, u"0.2"_s, u"0.3"_s, u"0.4"_s, u"0.5"_s, u"0.6"_s, u"0.7"_s, u"0.8"_s, u"0.9"_s, u"1"_s};
    }

    void countsAddUpExactly()
    {
        QFETCH(QStringList, points);
        std::vector<std::string> p;
        for (const QString &s : points)
            p.push_back(s.toStdString());
        const auto segments = partition(p);
        for (int64_t n : {0, 1, 2, 3, 7, 10, 99, 1000, 123457}) {
            int64_t sum = 0;
            for (const auto &s : segments)
                sum += s.scale(n);
            QCOMPARE(sum, n);
        }
        // Every arrival of the full schedule belongs to exactly one segment.
        for (int64_t i = 0; i < 5000; ++i) {
            int owners = 0;
            for (const auto &s : segments)
                owners += s.ownsArrival(i) ? 1 : 0;
            QCOMPARE(owners, 1);
        }
    }

    void scenariosSplitExactly()
    {
        const json options = {{"scenarios",
                               {{"shared", {{"executor", "shared-iterations"}, {"vus", 10}, {"iterations", 1000}}},
                                {"pervu", {{"executor", "per-vu-iterations"}, {"vus", 7}, {"iterations", 3}}},
                                {"constant", {{"executor", "constant-vus"}, {"vus", 11}, {"duration", "10s"}}},
                                {"ramp",
                                 {{"executor", "ramping-vus"},
                                  {"startVUs", 5},
                                  {"stages", {{{"duration", "10s"}, {"target", 20}}, {{"duration", "5s"}, {"target", 0}}}}}},
                                {"arrivals",
                                 {{"executor", "constant-arrival-rate"},
                                  {"rate", 200},
                                  {"duration", "10s"},
                                  {"preAllocatedVUs", 9},
                                  {"maxVUs", 30}}}}}};
        auto o = Options::fromJson(options).value();
        const auto full = buildScenarios(o).value();
        const auto segments = partition({"0", "1/3", "2/3", "1"});
        std::vector<std::vector<ScenarioConfig>> parts;
        for (const auto &s : segments)
            parts.push_back(buildScenarios(o, s).value());
        for (size_t i = 0; i < full.size(); ++i) {
            int vus = 0, pre = 0, maxVus = 0, rampPeak = 0;
            int64_t iterations = 0, planned = 0;
            for (const auto &p : parts) {
                vus += p[i].vus;
                iterations += p[i].iterations;
                pre += p[i].preAllocatedVus;
                maxVus += p[i].maxVusLimit;
                if (!p[i].stages.empty())
                    rampPeak += p[i].stages.front().target;
                planned += makeExecutor(p[i]).value()->plannedIterations();
            }
            const ScenarioConfig &f = full[i];
            QVERIFY2(vus == f.vus, f.name.c_str());
            if (f.executor == "shared-iterations")
                QCOMPARE(iterations, f.iterations);
            if (f.executor == "per-vu-iterations")
                QCOMPARE(planned, int64_t(f.vus) * f.iterations);
            if (f.executor == "ramping-vus")
                QCOMPARE(rampPeak, f.stages.front().target);
            if (f.executor == "constant-arrival-rate") {
                QCOMPARE(pre, f.preAllocatedVus);
                QCOMPARE(maxVus, f.maxVusLimit);
                QCOMPARE(planned, int64_t(2000));
                QCOMPARE(makeExecutor(f).value()->plannedIterations(), int64_t(2000));
            }
        }
    }

    void rampingTargets()
    {
        ScenarioConfig c;
        c.executor = "ramping-vus";
        c.vus = 0;
        c.stages = {{std::chrono::seconds(10), 10}, {std::chrono::seconds(10), 10}, {std::chrono::seconds(10), 0}};
        QCOMPARE(stagesDuration(c.stages).count(), int64_t(30) * 1000000000);
        QCOMPARE(stageValueAt(c.stages, 0, std::chrono::seconds(5)), 5.0);
        QCOMPARE(stageValueAt(c.stages, 0, std::chrono::seconds(15)), 10.0);
        QCOMPARE(stageValueAt(c.stages, 0, std::chrono::seconds(25)), 5.0);
        auto e = makeExecutor(c).value();
        QCOMPARE(e->maxVus(), 10);
        QCOMPARE(e->maxDuration().count(), int64_t(30) * 1000000000);
        QCOMPARE(e->describe(), std::string("Up to 10 looping VUs for 30s over 3 stages"));
    }
};

QTEST_GUILESS_MAIN(tst_Segments)
#include "tst_segments.moc"
