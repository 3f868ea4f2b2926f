// Tests for core/metrics: Registry, TagSet, Sink, MetricsEngine, summary data and text summary.

#include "core/metrics/metricsengine.h"

#include <nlohmann/json.hpp>

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QTest>

#include <cmath>
#include <memory>

using namespace stampede::metrics;
using json = nlohmann::json;
using namespace Qt::StringLiterals;

namespace {

QByteArray qb(const std::string &s) { return QByteArray::fromStdString(s); }

TagSetPtr tags(std::vector<TagSet::Tag> t)
{
    return std::make_shared<const TagSet>(std::move(t));
}

Sample sample(MetricId id, double value, std::vector<TagSet::Tag> t = {})
{
    return Sample{id, value, 0, t.empty() ? TagSetPtr() : tags(std::move(t))};
}

Sample check(const Registry &r, const std::string &group, const std::string &name, bool pass)
{
    return sample(r.builtin().checks, pass ? 1 : 0, {{"group", group}, {"check", name}});
}

TagSet ts(std::vector<TagSet::Tag> t)
{
    return TagSet(std::move(t));
}

std::string md5(const std::string &s)
{
    return QCryptographicHash::hash(QByteArray::fromStdString(s), QCryptographicHash::Md5).toHex().toStdString();
}

QStringList linesOf(const std::string &text)
{
    return QString::fromStdString(text).split(u'\n');
}

// Index of the first line matching `pattern`, or -1.
qsizetype findLine(const QStringList &lines, const QString &pattern)
{
    const QRegularExpression re(pattern);
    Q_ASSERT(re.isValid());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (re.match(lines[i]).hasMatch())
            return i;
    }
    return -1;
}

#define VERIFY_LINE(lines, pattern)                                                                          \
    QVERIFY2(findLine(lines, pattern) >= 0,                                                                  \
             qPrintable(QStringLiteral("no line matches /%1/ in:\n%2").arg(pattern, (lines).join(u'\n'))))

// A typical small run: 10 requests, one failing check in a group, nested groups, sub-metrics.
struct Scenario
{
    Registry registry;
    std::unique_ptr<MetricsEngine> engine;

    Scenario()
    {
        const auto &b = registry.builtin();
        engine = std::make_unique<MetricsEngine>(registry);
        engine->addSubmetric(b.httpReqDuration, ts({{"expected_response", "true"}}));
        SampleBatch batch;
        for (int i = 1; i <= 10; ++i) {
            const bool ok = i != 7;
            const std::vector<TagSet::Tag> reqTags{{"expected_response", ok ? "true" : "false"},
                                                   {"status", ok ? "200" : "500"},
                                                   {"group", ""}};
            batch.push_back(sample(b.httpReqs, 1, reqTags));
            batch.push_back(sample(b.httpReqDuration, double(i), reqTags));
            batch.push_back(sample(b.httpReqFailed, ok ? 0 : 1, reqTags));
            batch.push_back(sample(b.dataReceived, 1200, reqTags));
            batch.push_back(sample(b.iterations, 1));
            batch.push_back(sample(b.iterationDuration, 100.0 * i));
            batch.push_back(check(registry, "", "status is 200", true));
            batch.push_back(check(registry, "::login", "token present", i != 3));
        }
        batch.push_back(sample(b.vus, 1));
        batch.push_back(sample(b.vus, 5));
        batch.push_back(sample(b.vus, 3));
        engine->consume(batch);
        // A second batch: more groups, first seen now.
        engine->consume({check(registry, "::login::mfa", "code accepted", true),
                         check(registry, "::browse", "page has title", true),
                         check(registry, "::login", "token present", true),
                         check(registry, "::login", "cookie set", false)});
    }
};

} // namespace

class TestMetricsEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void metricNames();
    void registryBuiltins();
    void registryCustom();
    void tagSet();
    void sinkCounter();
    void sinkGauge();
    void sinkRate();
    void sinkTrend();
    void sinkMerge();
    void checksTree();
    void submetrics();
    void summaryDataShape();
    void summaryDataValues();
    void textSummaryLayout();
    void textSummaryChecks();
    void textSummaryOptions();
    void textSummaryThresholdMarks();
    void textSummaryColor();
};

void TestMetricsEngine::metricNames()
{
    QVERIFY(isValidMetricName("http_reqs"));
    QVERIFY(isValidMetricName("_private"));
    QVERIFY(isValidMetricName("CamelCase9"));
    QVERIFY(isValidMetricName(std::string(128, 'a')));
    QVERIFY(!isValidMetricName(std::string(129, 'a')));
    QVERIFY(!isValidMetricName(""));
    QVERIFY(!isValidMetricName("1abc"));
    QVERIFY(!isValidMetricName("with-dash"));
    QVERIFY(!isValidMetricName("with space"));
    QVERIFY(!isValidMetricName("dotted.name"));
    QVERIFY(!isValidMetricName("\xC3\xBC" "ber"));
}

void TestMetricsEngine::registryBuiltins()
{
    Registry r;
    struct Expect { const char *name; MetricType type; ValueType value; MetricId id; };
    const auto &b = r.builtin();
    const Expect expected[] = {
        {"vus", MetricType::Gauge, ValueType::Default, b.vus},
        {"vus_max", MetricType::Gauge, ValueType::Default, b.vusMax},
        {"iterations", MetricType::Counter, ValueType::Default, b.iterations},
        {"iteration_duration", MetricType::Trend, ValueType::Time, b.iterationDuration},
        {"dropped_iterations", MetricType::Counter, ValueType::Default, b.droppedIterations},
        {"data_sent", MetricType::Counter, ValueType::Data, b.dataSent},
        {"data_received", MetricType::Counter, ValueType::Data, b.dataReceived},
        {"checks", MetricType::Rate, ValueType::Default, b.checks},
        {"group_duration", MetricType::Trend, ValueType::Time, b.groupDuration},
        {"http_reqs", MetricType::Counter, ValueType::Default, b.httpReqs},
        {"http_req_failed", MetricType::Rate, ValueType::Default, b.httpReqFailed},
        {"http_req_duration", MetricType::Trend, ValueType::Time, b.httpReqDuration},
        {"http_req_blocked", MetricType::Trend, ValueType::Time, b.httpReqBlocked},
        {"http_req_connecting", MetricType::Trend, ValueType::Time, b.httpReqConnecting},
        {"http_req_tls_handshaking", MetricType::Trend, ValueType::Time, b.httpReqTlsHandshaking},
        {"http_req_sending", MetricType::Trend, ValueType::Time, b.httpReqSending},
        {"http_req_waiting", MetricType::Trend, ValueType::Time, b.httpReqWaiting},
        {"http_req_receiving", MetricType::Trend, ValueType::Time, b.httpReqReceiving},
    };
    QCOMPARE(r.all().size(), std::size(expected));
    for (const Expect &e : expected) {
        const auto id = r.find(e.name);
        QVERIFY2(id.has_value(), e.name);
        QCOMPARE(*id, e.id);
        const MetricDesc d = r.desc(*id);
        QCOMPARE(qb(d.name), QByteArray(e.name));
        QCOMPARE(qb(toString(d.type)), QByteArray(toString(e.type)));
        QCOMPARE(qb(toString(d.valueType)), QByteArray(toString(e.value)));
    }
    QCOMPARE(QByteArray(toString(MetricType::Counter)), QByteArray("counter"));
    QCOMPARE(QByteArray(toString(MetricType::Gauge)), QByteArray("gauge"));
    QCOMPARE(QByteArray(toString(MetricType::Rate)), QByteArray("rate"));
    QCOMPARE(QByteArray(toString(MetricType::Trend)), QByteArray("trend"));
    QCOMPARE(QByteArray(toString(ValueType::Time)), QByteArray("time"));
    QCOMPARE(QByteArray(toString(ValueType::Data)), QByteArray("data"));
    QVERIFY(!r.find("no_such_metric").has_value());
}

void TestMetricsEngine::registryCustom()
{
    Registry r;
    const size_t before = r.all().size();
    const auto id = r.add("login_time", MetricType::Trend, ValueType::Time);
    QVERIFY(id.ok());
    QCOMPARE(r.all().size(), before + 1);
    QCOMPARE(qb(r.desc(*id).name), QByteArray("login_time"));

    // Same name and type: the same metric.
    const auto again = r.add("login_time", MetricType::Trend);
    QVERIFY(again.ok());
    QCOMPARE(*again, *id);
    QCOMPARE(r.all().size(), before + 1);

    // Another type: an error naming the metric and both types.
    const auto clash = r.add("login_time", MetricType::Counter);
    QVERIFY(!clash.ok());
    QVERIFY2(clash.error().message.find("login_time") != std::string::npos, clash.error().message.c_str());
    QVERIFY2(clash.error().message.find("trend") != std::string::npos, clash.error().message.c_str());
    QVERIFY2(clash.error().message.find("counter") != std::string::npos, clash.error().message.c_str());

    // Built-ins cannot be redefined either.
    QVERIFY(!r.add("http_reqs", MetricType::Trend).ok());
    QCOMPARE(*r.add("http_reqs", MetricType::Counter), r.builtin().httpReqs);

    for (const char *bad : {"", "1st", "my-metric", "my metric", "a.b"}) {
        const auto res = r.add(bad, MetricType::Counter);
        QVERIFY2(!res.ok(), bad);
        QVERIFY2(res.error().message.find(std::string("\"") + bad + "\"") != std::string::npos,
                 res.error().message.c_str());
    }
    QCOMPARE(r.all().size(), before + 1);
}

void TestMetricsEngine::tagSet()
{
    const TagSet t({{"b", "2"}, {"a", "1"}, {"c", "3"}, {"a", "override"}});
    QCOMPARE(t.tags().size(), size_t(3));
    QCOMPARE(qb(t.tags()[0].first), QByteArray("a"));
    QCOMPARE(qb(*t.find("a")), QByteArray("override")); // later duplicates win
    QCOMPARE(qb(*t.find("c")), QByteArray("3"));
    QVERIFY(t.find("d") == nullptr);
    QVERIFY(t.contains(ts({{"b", "2"}})));
    QVERIFY(t.contains(TagSet()));
    QVERIFY(!t.contains(ts({{"b", "3"}})));
    QVERIFY(!t.contains(ts({{"b", "2"}, {"z", "1"}})));
    QCOMPARE(qb(t.toSelector()), QByteArray("{a:override, b:2, c:3}"));
    QVERIFY(ts({{"x", "1"}, {"y", "2"}}) == ts({{"y", "2"}, {"x", "1"}}));
}

void TestMetricsEngine::sinkCounter()
{
    Sink s(MetricType::Counter);
    for (double v : {1.0, 2.0, 3.0})
        s.add(v);
    QCOMPARE(*s.aggregate("count", 2.0), 6.0);
    QCOMPARE(*s.aggregate("rate", 2.0), 3.0);
    QCOMPARE(*s.aggregate("rate", 0.0), 0.0);
    QVERIFY(!s.aggregate("avg", 2.0).has_value());
    QVERIFY(!s.aggregate("p(95)", 2.0).has_value());
}

void TestMetricsEngine::sinkGauge()
{
    Sink s(MetricType::Gauge);
    for (double v : {5.0, 1.0, 9.0, 3.0})
        s.add(v);
    QCOMPARE(*s.aggregate("value", 1), 3.0); // the last value
    QCOMPARE(*s.aggregate("min", 1), 1.0);
    QCOMPARE(*s.aggregate("max", 1), 9.0);
    QVERIFY(!s.aggregate("count", 1).has_value());
}

void TestMetricsEngine::sinkRate()
{
    Sink s(MetricType::Rate);
    for (double v : {1.0, 0.0, 1.0, 1.0, 0.0, 2.5})
        s.add(v); // any non-zero value counts as true
    QCOMPARE(*s.aggregate("rate", 1), 4.0 / 6.0);
    QCOMPARE(*s.aggregate("passes", 1), 4.0);
    QCOMPARE(*s.aggregate("fails", 1), 2.0);
    Sink empty(MetricType::Rate);
    QCOMPARE(*empty.aggregate("rate", 1), 0.0);
}

void TestMetricsEngine::sinkTrend()
{
    Sink s(MetricType::Trend);
    for (int i = 100; i >= 1; --i)
        s.add(double(i));
    const double tol = Histogram::kRelativeError;
    QCOMPARE(*s.aggregate("avg", 1), 50.5);
    QCOMPARE(*s.aggregate("min", 1), 1.0);
    QCOMPARE(*s.aggregate("max", 1), 100.0);
    QCOMPARE(*s.aggregate("count", 1), 100.0);
    // Exact values from k6's definition: med = 50.5, p(95) = 95.05, p(90) = 90.1, p(99.9) = 99.901.
    QVERIFY(std::fabs(*s.aggregate("med", 1) - 50.5) <= 50.5 * tol);
    QVERIFY(std::fabs(*s.aggregate("p(95)", 1) - 95.05) <= 95.05 * tol);
    QVERIFY(std::fabs(*s.aggregate("p(90)", 1) - 90.1) <= 90.1 * tol);
    QVERIFY(std::fabs(*s.aggregate("p(99.9)", 1) - 99.901) <= 99.901 * tol);
    QCOMPARE(*s.aggregate("p(0)", 1), 1.0);
    QCOMPARE(*s.aggregate("p(100)", 1), 100.0);
    for (const char *bad : {"p(101)", "p(-1)", "p(abc)", "p()", "p(95", "rate", "value", "p(9 5)"})
        QVERIFY2(!s.aggregate(bad, 1).has_value(), bad);
}

void TestMetricsEngine::sinkMerge()
{
    Sink a(MetricType::Trend), b(MetricType::Trend), all(MetricType::Trend);
    for (int i = 0; i < 50; ++i) {
        a.add(i);
        all.add(i);
    }
    for (int i = 50; i < 120; ++i) {
        b.add(i * 2.0);
        all.add(i * 2.0);
    }
    a.merge(b);
    QCOMPARE(a.count(), all.count());
    QCOMPARE(a.min(), all.min());
    QCOMPARE(a.max(), all.max());
    for (const char *agg : {"avg", "med", "p(95)", "min", "max"})
        QCOMPARE(*a.aggregate(agg, 1), *all.aggregate(agg, 1));

    Sink ra(MetricType::Rate), rb(MetricType::Rate);
    ra.add(1);
    rb.add(0);
    rb.add(1);
    ra.merge(rb);
    QCOMPARE(*ra.aggregate("passes", 1), 2.0);
    QCOMPARE(*ra.aggregate("fails", 1), 1.0);

    Sink empty(MetricType::Counter), c(MetricType::Counter);
    c.add(4);
    empty.merge(c);
    QCOMPARE(*empty.aggregate("count", 1), 4.0);
}

void TestMetricsEngine::checksTree()
{
    Scenario s;
    const GroupNode &root = s.engine->rootGroup();
    QCOMPARE(qb(root.name), QByteArray());
    QCOMPARE(qb(root.path), QByteArray());
    QCOMPARE(root.checks.size(), size_t(1));
    QCOMPARE(qb(root.checks[0].name), QByteArray("status is 200"));
    QCOMPARE(root.checks[0].passes, uint64_t(10));
    QCOMPARE(root.checks[0].fails, uint64_t(0));

    // Groups in first-seen order: login (first batch), then browse.
    QCOMPARE(root.groups.size(), size_t(2));
    const GroupNode &login = *root.groups[0];
    QCOMPARE(qb(login.name), QByteArray("login"));
    QCOMPARE(qb(login.path), QByteArray("::login"));
    QCOMPARE(qb(root.groups[1]->name), QByteArray("browse"));
    QCOMPARE(qb(root.groups[1]->path), QByteArray("::browse"));

    // Checks in first-seen order, counts accumulated across batches.
    QCOMPARE(login.checks.size(), size_t(2));
    QCOMPARE(qb(login.checks[0].name), QByteArray("token present"));
    QCOMPARE(login.checks[0].passes, uint64_t(10));
    QCOMPARE(login.checks[0].fails, uint64_t(1));
    QCOMPARE(qb(login.checks[1].name), QByteArray("cookie set"));
    QCOMPARE(login.checks[1].fails, uint64_t(1));

    QCOMPARE(login.groups.size(), size_t(1));
    QCOMPARE(qb(login.groups[0]->name), QByteArray("mfa"));
    QCOMPARE(qb(login.groups[0]->path), QByteArray("::login::mfa"));
    QCOMPARE(login.groups[0]->checks.size(), size_t(1));

    // The checks rate metric counts every check sample.
    const Sink *checks = s.engine->sink(s.registry.builtin().checks);
    QVERIFY(checks);
    QCOMPARE(checks->count(), uint64_t(24));
    QCOMPARE(checks->trues(), uint64_t(22));

    // Check samples without a "check" tag still count for the metric but not the tree.
    s.engine->consume({sample(s.registry.builtin().checks, 1)});
    QCOMPARE(s.engine->sink(s.registry.builtin().checks)->count(), uint64_t(25));
    QCOMPARE(s.engine->rootGroup().checks.size(), size_t(1));
}

void TestMetricsEngine::submetrics()
{
    Registry r;
    MetricsEngine e(r);
    const auto &b = r.builtin();
    e.addSubmetric(b.httpReqDuration, ts({{"expected_response", "true"}}));
    e.addSubmetric(b.httpReqDuration, ts({{"status", "200"}, {"method", "GET"}}));
    e.addSubmetric(b.httpReqs, ts({{"status", "404"}}));
    e.consume({
        sample(b.httpReqDuration, 10, {{"expected_response", "true"}, {"status", "200"}, {"method", "GET"}}),
        sample(b.httpReqDuration, 20, {{"expected_response", "true"}, {"status", "200"}, {"method", "POST"}}),
        sample(b.httpReqDuration, 500, {{"expected_response", "false"}, {"status", "500"}, {"method", "GET"}}),
        sample(b.httpReqDuration, 7), // no tags at all
        sample(b.httpReqs, 1, {{"status", "404"}}),
        sample(b.httpReqs, 1, {{"status", "200"}}),
        sample(b.iterations, 1, {{"status", "404"}}), // same tags, other metric
    });
    const json data = e.summaryData(SummaryOptions{}, 1000, false, false);
    const json &m = data["metrics"];
    QVERIFY(m.contains("http_req_duration{expected_response:true}"));
    const json &expected = m["http_req_duration{expected_response:true}"];
    QCOMPARE(qb(expected["type"]), QByteArray("trend"));
    QCOMPARE(qb(expected["contains"]), QByteArray("time"));
    QCOMPARE(expected["values"]["min"].get<double>(), 10.0);
    QCOMPARE(expected["values"]["max"].get<double>(), 20.0);
    QCOMPARE(expected["values"]["avg"].get<double>(), 15.0);

    // Multi-tag selectors need every tag.
    QVERIFY(m.contains("http_req_duration{method:GET,status:200}"));
    const json &get200 = m["http_req_duration{method:GET,status:200}"]["values"];
    QCOMPARE(get200["min"].get<double>(), 10.0);
    QCOMPARE(get200["max"].get<double>(), 10.0);

    QCOMPARE(m["http_reqs{status:404}"]["values"]["count"].get<double>(), 1.0);
    QCOMPARE(qb(m["http_reqs{status:404}"]["type"]), QByteArray("counter"));
    // The parent sees everything.
    QCOMPARE(m["http_req_duration"]["values"]["max"].get<double>(), 500.0);
    QCOMPARE(m["http_req_duration"]["values"]["min"].get<double>(), 7.0);
    QCOMPARE(m["http_reqs"]["values"]["count"].get<double>(), 2.0);
}

void TestMetricsEngine::summaryDataShape()
{
    Scenario s;
    SummaryOptions opts;
    const json data = s.engine->summaryData(opts, 2000, true, false);

    for (const char *key : {"root_group", "options", "state", "metrics"})
        QVERIFY2(data.contains(key), key);

    const json &root = data["root_group"];
    QCOMPARE(qb(root["name"]), QByteArray());
    QCOMPARE(qb(root["path"]), QByteArray());
    QCOMPARE(qb(root["id"]), QByteArray("d41d8cd98f00b204e9800998ecf8427e")); // md5("")
    QVERIFY(root["groups"].is_array());
    QVERIFY(root["checks"].is_array());
    QCOMPARE(root["checks"].size(), size_t(1));
    const json &c = root["checks"][0];
    QCOMPARE(qb(c["name"]), QByteArray("status is 200"));
    QCOMPARE(qb(c["path"]), QByteArray("::status is 200"));
    QCOMPARE(qb(c["id"]), qb(md5("::status is 200")));
    QCOMPARE(c["passes"].get<uint64_t>(), uint64_t(10));
    QCOMPARE(c["fails"].get<uint64_t>(), uint64_t(0));

    const json &login = root["groups"][0];
    QCOMPARE(qb(login["name"]), QByteArray("login"));
    QCOMPARE(qb(login["path"]), QByteArray("::login"));
    QCOMPARE(qb(login["id"]), qb(md5("::login")));
    QCOMPARE(qb(login["checks"][0]["path"]), QByteArray("::login::token present"));
    QCOMPARE(qb(login["groups"][0]["path"]), QByteArray("::login::mfa"));
    QCOMPARE(qb(login["groups"][0]["checks"][0]["id"]), qb(md5("::login::mfa::code accepted")));
    QVERIFY(login["groups"][0]["groups"].is_array());
    QVERIFY(login["groups"][0]["groups"].empty());

    const json &options = data["options"];
    QVERIFY(options["summaryTrendStats"] == json({"avg", "min", "med", "max", "p(90)", "p(95)"}));
    QCOMPARE(qb(options["summaryTimeUnit"]), QByteArray());
    QCOMPARE(options["noColor"].get<bool>(), false);

    const json &state = data["state"];
    QCOMPARE(state["isStdOutTTY"].get<bool>(), true);
    QCOMPARE(state["isStdErrTTY"].get<bool>(), false);
    QCOMPARE(state["testRunDurationMs"].get<double>(), 2000.0);

    const json &metrics = data["metrics"];
    for (auto it = metrics.begin(); it != metrics.end(); ++it) {
        const json &m = it.value();
        QVERIFY2(m.contains("type") && m.contains("contains") && m.contains("values"), it.key().c_str());
        QVERIFY2(m["values"].is_object(), it.key().c_str());
    }
    // Only metrics that received samples are reported.
    QVERIFY(!metrics.contains("http_req_blocked"));
    QVERIFY(!metrics.contains("data_sent"));
    QCOMPARE(qb(metrics["checks"]["type"]), QByteArray("rate"));
    QCOMPARE(qb(metrics["checks"]["contains"]), QByteArray("default"));
    QCOMPARE(qb(metrics["data_received"]["contains"]), QByteArray("data"));
    QCOMPARE(qb(metrics["vus"]["type"]), QByteArray("gauge"));
    QCOMPARE(qb(metrics["iteration_duration"]["contains"]), QByteArray("time"));
    // Trend values are exactly the configured stats.
    json keys = json::array();
    for (auto it = metrics["http_req_duration"]["values"].begin(); it != metrics["http_req_duration"]["values"].end(); ++it)
        keys.push_back(it.key());
    QCOMPARE(keys.size(), size_t(6));
    for (const char *k : {"avg", "min", "med", "max", "p(90)", "p(95)"})
        QVERIFY2(metrics["http_req_duration"]["values"].contains(k), k);
}

void TestMetricsEngine::summaryDataValues()
{
    Scenario s;
    const json m = s.engine->summaryData(SummaryOptions{}, 2000, false, false)["metrics"];
    QCOMPARE(m["http_reqs"]["values"]["count"].get<double>(), 10.0);
    QCOMPARE(m["http_reqs"]["values"]["rate"].get<double>(), 5.0);
    QCOMPARE(m["data_received"]["values"]["count"].get<double>(), 12000.0);
    QCOMPARE(m["data_received"]["values"]["rate"].get<double>(), 6000.0);
    QCOMPARE(m["vus"]["values"]["value"].get<double>(), 3.0);
    QCOMPARE(m["vus"]["values"]["min"].get<double>(), 1.0);
    QCOMPARE(m["vus"]["values"]["max"].get<double>(), 5.0);
    QCOMPARE(m["http_req_failed"]["values"]["rate"].get<double>(), 0.1);
    QCOMPARE(m["http_req_failed"]["values"]["passes"].get<uint64_t>(), uint64_t(1));
    QCOMPARE(m["http_req_failed"]["values"]["fails"].get<uint64_t>(), uint64_t(9));
    QCOMPARE(m["checks"]["values"]["passes"].get<uint64_t>(), uint64_t(22));
    QCOMPARE(m["checks"]["values"]["fails"].get<uint64_t>(), uint64_t(2));
    const json &d = m["http_req_duration"]["values"];
    QCOMPARE(d["avg"].get<double>(), 5.5);
    QCOMPARE(d["min"].get<double>(), 1.0);
    QCOMPARE(d["max"].get<double>(), 10.0);
    QVERIFY(std::fabs(d["med"].get<double>() - 5.5) <= 5.5 * Histogram::kRelativeError);
    QVERIFY(std::fabs(d["p(95)"].get<double>() - 9.55) <= 9.55 * Histogram::kRelativeError);
    // The sub-metric excludes request 7 (expected_response:false).
    const json &sub = m["http_req_duration{expected_response:true}"]["values"];
    QCOMPARE(sub["avg"].get<double>(), 48.0 / 9.0);
    QCOMPARE(sub["max"].get<double>(), 10.0);
}

void TestMetricsEngine::textSummaryLayout()
{
    Scenario s;
    const std::string text = renderTextSummary(s.engine->summaryData(SummaryOptions{}, 2000, false, false), false);
    const QStringList lines = linesOf(text);

    VERIFY_LINE(lines, u"^     checks\\.+: 91\\.66% ✓ 22 +✗ 2$"_s);
    VERIFY_LINE(lines, u"^     http_reqs\\.+: 10 +5/s$"_s);
    VERIFY_LINE(lines, u"^     data_received\\.+: 12 kB +6\\.0 kB/s$"_s);
    VERIFY_LINE(lines, u"^     iterations\\.+: 10 +5/s$"_s);
    VERIFY_LINE(lines, u"^     vus\\.+: 3 +min=1 +max=5$"_s);
    VERIFY_LINE(lines, u"^     http_req_failed\\.+: 10\\.00% +✓ 1 +✗ 9$"_s);
    VERIFY_LINE(lines, u"^     http_req_duration\\.+: avg=5\\.5ms +min=1ms +med=\\S+ms +max=10ms +p\\(90\\)=\\S+ms +p\\(95\\)=\\S+ms$"_s);
    VERIFY_LINE(lines, u"^       \\{ expected_response:true \\}\\.+: avg=5\\.33ms +min=1ms +med=\\S+ +max=10ms +p\\(90\\)=\\S+ +p\\(95\\)=\\S+$"_s);
    VERIFY_LINE(lines, u"^     iteration_duration\\.+: avg=550ms +min=100ms +med=\\S+ +max=1s +p\\(90\\)=\\S+ +p\\(95\\)=\\S+$"_s);

    // Sorted by name, each sub-metric right after its parent.
    const QStringList order{u"checks"_s, u"data_received"_s, u"http_req_duration"_s, u"\\{ expected_response:true \\}"_s,
                            u"http_req_failed"_s, u"http_reqs"_s, u"iteration_duration"_s, u"iterations"_s, u"vus"_s};
    qsizetype previous = -1;
    for (const QString &name : order) {
        const qsizetype at = findLine(lines, u"^ +"_s + name + u"\\.+: "_s);
        QVERIFY2(at > previous, qPrintable(name + u" out of order:\n"_s + lines.join(u'\n')));
        previous = at;
    }

    // All metric lines align their colons, and the longest name gets three dots.
    qsizetype colon = -1;
    int metricLines = 0;
    for (const QString &l : lines) {
        const qsizetype c = l.indexOf(u".: "_s);
        if (c < 0)
            continue;
        ++metricLines;
        if (colon < 0)
            colon = c;
        QVERIFY2(c == colon, qPrintable(u"misaligned: "_s + l));
    }
    QCOMPARE(metricLines, 9);
    VERIFY_LINE(lines, u"^       \\{ expected_response:true \\}\\.\\.\\.: "_s);

    // The trend columns are padded to a common width, so "min=" lines up too.
    const qsizetype minCol1 = lines[findLine(lines, u"http_req_duration\\."_s)].indexOf(u"min="_s);
    const qsizetype minCol2 = lines[findLine(lines, u"iteration_duration\\."_s)].indexOf(u"min="_s);
    QCOMPARE(minCol1, minCol2);

    // No colour codes when colour is off, and no trailing blanks.
    QVERIFY(text.find('\x1b') == std::string::npos);
    for (const QString &l : lines)
        QVERIFY2(!l.endsWith(u' '), qPrintable(u"trailing blank: '"_s + l + u"'"_s));
}

void TestMetricsEngine::textSummaryChecks()
{
    Scenario s;
    const QStringList lines =
        linesOf(renderTextSummary(s.engine->summaryData(SummaryOptions{}, 2000, false, false), false));

    const qsizetype rootCheck = findLine(lines, u"^     ✓ status is 200$"_s);
    QVERIFY2(rootCheck >= 0, qPrintable(lines.join(u'\n')));
    QVERIFY(lines[rootCheck + 1].isEmpty());

    const qsizetype login = findLine(lines, u"^     █ login$"_s);
    QVERIFY2(login > rootCheck, qPrintable(lines.join(u'\n')));
    QVERIFY(lines[login + 1].isEmpty());
    QCOMPARE(lines[login + 2], u"       ✗ token present"_s);
    QCOMPARE(lines[login + 3], u"        ↳  90% — ✓ 10 / ✗ 1"_s);
    QCOMPARE(lines[login + 4], u"       ✗ cookie set"_s);
    QCOMPARE(lines[login + 5], u"        ↳  0% — ✓ 0 / ✗ 1"_s);
    QVERIFY(lines[login + 6].isEmpty());
    QCOMPARE(lines[login + 7], u"       █ mfa"_s);
    QVERIFY(lines[login + 8].isEmpty());
    QCOMPARE(lines[login + 9], u"         ✓ code accepted"_s);
    QVERIFY(lines[login + 10].isEmpty());
    QCOMPARE(lines[login + 11], u"     █ browse"_s);
    QVERIFY(lines[login + 12].isEmpty());
    QCOMPARE(lines[login + 13], u"       ✓ page has title"_s);
    // The metrics follow the checks.
    QVERIFY(findLine(lines, u"^     checks\\.+"_s) > login + 13);
}

void TestMetricsEngine::textSummaryOptions()
{
    Registry r;
    MetricsEngine e(r);
    const auto &b = r.builtin();
    SampleBatch batch;
    for (double v : {1.5, 2.5, 3.5, 4.5})
        batch.push_back(sample(b.httpReqDuration, v));
    batch.push_back(sample(b.iterations, 3));
    e.consume(batch);

    SummaryOptions opts;
    opts.trendStats = {"avg", "count", "p(99)"};
    opts.timeUnit = "ms";
    const json data = e.summaryData(opts, 1500, false, false);
    QCOMPARE(data["options"]["summaryTimeUnit"].get<std::string>(), std::string("ms"));
    const QStringList lines = linesOf(renderTextSummary(data, false));
    VERIFY_LINE(lines, u"^     http_req_duration\\.+: avg=3\\.00ms count=4 +p\\(99\\)=4\\.\\d\\dms$"_s);
    VERIFY_LINE(lines, u"^     iterations\\.+: 3 +2/s$"_s);
    // No checks: the summary starts with the metrics.
    QVERIFY2(lines.first().startsWith(u"     http_req_duration"_s), qPrintable(lines.join(u'\n')));

    // Humanized fractional counter rates keep up to six decimals.
    const json data2 = e.summaryData(SummaryOptions{}, 7000, false, false);
    VERIFY_LINE(linesOf(renderTextSummary(data2, false)), u"^     iterations\\.+: 3 +0\\.428571/s$"_s);
}

void TestMetricsEngine::textSummaryThresholdMarks()
{
    Scenario s;
    json data = s.engine->summaryData(SummaryOptions{}, 2000, false, false);
    data["metrics"]["http_req_duration"]["thresholds"] = {{"p(95)<500", {{"ok", true}}}};
    data["metrics"]["http_req_failed"]["thresholds"] = {{"rate<0.01", {{"ok", false}}}, {"rate<0.5", {{"ok", true}}}};
    const QStringList lines = linesOf(renderTextSummary(data, false));
    VERIFY_LINE(lines, u"^   ✓ http_req_duration\\.+: avg="_s);
    VERIFY_LINE(lines, u"^   ✗ http_req_failed\\.+: 10\\.00%"_s);
    VERIFY_LINE(lines, u"^     http_reqs\\.+: 10"_s);
}

void TestMetricsEngine::textSummaryColor()
{
    Scenario s;
    json data = s.engine->summaryData(SummaryOptions{}, 2000, true, true);
    data["metrics"]["http_req_failed"]["thresholds"] = {{"rate<0.01", {{"ok", false}}}};
    const std::string text = renderTextSummary(data, true);
    QVERIFY(text.find("\x1b[32m     \xE2\x9C\x93 status is 200\x1b[0m") != std::string::npos);
    QVERIFY(text.find("\x1b[31m       \xE2\x9C\x97 token present\n") != std::string::npos);
    QVERIFY(text.find("\x1b[31m\xE2\x9C\x97\x1b[0m http_req_failed") != std::string::npos);
    QVERIFY(text.find("\x1b[36m10\x1b[0m") != std::string::npos);
    // Stripping the colour codes gives the plain rendering.
    QString stripped = QString::fromStdString(text);
    stripped.remove(QRegularExpression(u"\x1b\\[[0-9;]*m"_s));
    QCOMPARE(stripped, QString::fromStdString(renderTextSummary(data, false)));
}

QTEST_APPLESS_MAIN(TestMetricsEngine)
#include "tst_metricsengine.moc"
