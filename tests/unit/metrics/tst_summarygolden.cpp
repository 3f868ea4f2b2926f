// The end-of-test summary, byte for byte against golden files: k6's layout with groups,
// failing checks, thresholds, sub-metrics, trend stats and time units.

#include "core/metrics/metricsengine.h"

#include <nlohmann/json.hpp>

#include <QFile>
#include <QTest>

using namespace stampede::metrics;
using json = nlohmann::json;

namespace {

TagSetPtr tags(std::vector<TagSet::Tag> t)
{
    return std::make_shared<const TagSet>(std::move(t));
}

// A fixed run: 10 requests (2 failing with 500), checks in the root and a nested group, a custom trend.
json fixedSummary(const std::vector<std::string> &trendStats, const std::string &timeUnit)
{
    Registry reg;
    const auto &b = reg.builtin();
    const MetricId custom = reg.add("my_latency", MetricType::Trend, ValueType::Time).value();
    MetricsEngine engine(reg);
    engine.addSubmetric(b.httpReqDuration, TagSet(std::vector<TagSet::Tag>{{"expected_response", "true"}}));
    auto thresholds = parseThresholds(json{{"http_req_duration", {"p(95)<200", "avg<1"}},
                                           {"checks", {"rate>0.5"}},
                                           {"http_req_duration{status:200}", {"max<1000"}}},
                                      reg);
    engine.setThresholds(thresholds.value());
    SampleBatch batch;
    for (int i = 0; i < 10; ++i) {
        const bool ok = i < 8;
        auto t = tags({{"status", ok ? "200" : "500"}, {"expected_response", ok ? "true" : "false"},
                       {"scenario", "default"}, {"group", ""}});
        batch.push_back({b.httpReqs, 1, 0, t});
        batch.push_back({b.httpReqDuration, 10.0 + i * 5, 0, t});
        batch.push_back({b.httpReqFailed, ok ? 0.0 : 1.0, 0, t});
        batch.push_back({b.dataReceived, 1234, 0, tags({})});
        batch.push_back({b.dataSent, 100, 0, tags({})});
        batch.push_back({b.iterations, 1, 0, tags({})});
        batch.push_back({b.iterationDuration, 1000.0 + i, 0, tags({})});
        batch.push_back({b.checks, ok ? 1.0 : 0.0, 0, tags({{"check", "status is 200"}, {"group", ""}})});
        batch.push_back({b.checks, 1.0, 0, tags({{"check", "body ok"}, {"group", "::api::users"}})});
        batch.push_back({custom, 0.5 * i, 0, tags({})});
    }
    batch.push_back({b.vus, 2, 0, tags({})});
    batch.push_back({b.vusMax, 2, 0, tags({})});
    engine.consume(batch);
    engine.evaluateThresholds(std::chrono::seconds(2));
    SummaryOptions opts;
    if (!trendStats.empty())
        opts.trendStats = trendStats;
    opts.timeUnit = timeUnit;
    return engine.summaryData(opts, 2000.0, false, false);
}

void compareWithGolden(const std::string &text, const QString &name)
{
    const QString path = QStringLiteral(STAMPEDE_TEST_DATA_DIR "/summary/") + name;
    if (qEnvironmentVariableIsSet("STAMPEDE_UPDATE_GOLDEN")) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(text));
        return;
    }
    QFile f(path);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
    const QByteArray golden = f.readAll();
    QVERIFY2(golden == QByteArray::fromStdString(text),
             qPrintable(QStringLiteral("summary differs from %1:\n%2").arg(path, QString::fromStdString(text))));
}

} // namespace

class tst_SummaryGolden : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultLayout() { compareWithGolden(renderTextSummary(fixedSummary({}, ""), false), QStringLiteral("default.txt")); }

    void customTrendStatsAndTimeUnit()
    {
        compareWithGolden(renderTextSummary(fixedSummary({"min", "p(99)", "p(99.9)", "count"}, "ms"), false),
                          QStringLiteral("trendstats-ms.txt"));
    }

    void colorsOnlyWhenAsked()
    {
        const std::string plain = renderTextSummary(fixedSummary({}, ""), false);
        const std::string colored = renderTextSummary(fixedSummary({}, ""), true);
        QVERIFY(plain.find("\x1b[") == std::string::npos);
        QVERIFY(colored.find("\x1b[") != std::string::npos);
    }

    void exportShape()
    {
        const json e = summaryExport(fixedSummary({}, ""));
        QCOMPARE(e["metrics"]["http_reqs"]["count"].get<double>(), 10.0);
        QCOMPARE(e["metrics"]["checks"]["passes"].get<int>(), 18);
        QCOMPARE(e["metrics"]["checks"]["fails"].get<int>(), 2);
        QCOMPARE(e["metrics"]["http_req_duration"]["thresholds"]["avg<1"].get<bool>(), true); // failed
        QCOMPARE(e["metrics"]["http_req_duration"]["thresholds"]["p(95)<200"].get<bool>(), false);
        QCOMPARE(e["root_group"]["groups"]["api"]["groups"]["users"]["checks"]["body ok"]["passes"].get<int>(), 10);
    }
};

QTEST_GUILESS_MAIN(tst_SummaryGolden)
#include "tst_summarygolden.moc"
