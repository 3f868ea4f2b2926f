// Re-running a recorded run (original vs snapshot, options as flags and --config) and the
// headline figures and chart series of a recorded run.
#include "core/storage/rerun.h"
#include "core/storage/runfigures.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace stampede::storage;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

std::string sha(const std::string &s)
{
    return QCryptographicHash::hash(QByteArray::fromStdString(s), QCryptographicHash::Sha256).toHex().toStdString();
}

void write(const fs::path &p, const std::string &text)
{
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

std::string read(const fs::path &p)
{
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

bool hasPair(const std::vector<std::string> &args, const std::string &flag, const std::string &value)
{
    for (size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == flag && args[i + 1] == value)
            return true;
    return false;
}

} // namespace

class TestRerun : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void flagsCarryTheRecordedOptions()
    {
        const json o = {{"vus", 7},
                        {"duration", "12s"},
                        {"tags", {{"team", "shop"}}},
                        {"summaryTrendStats", {"avg", "p(95)"}},
                        {"insecureSkipTLSVerify", true},
                        {"noConnectionReuse", false},
                        {"thresholds", {{"http_req_duration", {"p(95)<500"}}}}};
        const auto args = optionFlags(o);
        QVERIFY(hasPair(args, "--vus", "7"));
        QVERIFY(hasPair(args, "--duration", "12s"));
        QVERIFY(hasPair(args, "--tag", "team=shop"));
        QVERIFY(hasPair(args, "--summary-trend-stats", "avg,p(95)"));
        QVERIFY(std::count(args.begin(), args.end(), "--insecure-skip-tls-verify") == 1);
        QVERIFY(std::count(args.begin(), args.end(), "--no-connection-reuse") == 0);

        const json staged = {{"stages", {{{"duration", "5s"}, {"target", 3}}, {{"duration", 2000}, {"target", 0}}}}};
        const auto s = optionFlags(staged);
        QVERIFY(hasPair(s, "--stage", "5s:3"));
        QVERIFY(hasPair(s, "--stage", "2000ms:0"));
    }

    void scenariosSuppressShortcutFlags()
    {
        const json o = {{"duration", "10s"}, {"iterations", 5}, {"scenarios", {{"a", {{"executor", "shared-iterations"}}}}}};
        const auto args = optionFlags(o);
        QVERIFY(std::find(args.begin(), args.end(), "--duration") == args.end());
        QVERIFY(std::find(args.begin(), args.end(), "--iterations") == args.end());
    }

    void unchangedOriginalIsRunInPlace()
    {
        QTemporaryDir dir;
        const fs::path root = fs::path(dir.path().toStdString()) / "proj";
        const std::string main = "import { f } from './lib/util.js';\nexport default function () { f(); }\n";
        const std::string lib = "export function f() {}\n";
        write(root / "script.js", main);
        write(root / "lib/util.js", lib);
        RunRecord r;
        r.id = 4;
        r.test = (root / "script.js").string();
        r.scriptHash = sha(main);
        r.options = {{"vus", 2}, {"iterations", 3}};
        r.environment = {{"TARGET", "http://a"}, {"SAME", "1"}, {"PWD", "/x"}};
        const std::vector<RunInfo::File> files{{"script.js", sha(main), main}, {"lib/util.js", sha(lib), lib}};
        const fs::path work = fs::path(dir.path().toStdString()) / "work";
        auto plan = prepareRerun(r, files, work, {{"SAME", "1"}});
        QVERIFY2(plan, plan ? "" : plan.error().toString().c_str());
        QCOMPARE(plan->script, r.test);
        QVERIFY(!plan->fromSnapshot);
        QVERIFY(plan->note.empty());
        QVERIFY(hasPair(plan->args, "--config", plan->configPath));
        QVERIFY(json::parse(read(plan->configPath)) == r.options);
        QVERIFY(hasPair(plan->args, "--vus", "2"));
        QVERIFY(hasPair(plan->args, "--iterations", "3"));
        QVERIFY(hasPair(plan->args, "--env", "TARGET=http://a"));
        QVERIFY(!hasPair(plan->args, "--env", "SAME=1"));
        QVERIFY(!hasPair(plan->args, "--env", "PWD=/x"));
    }

    void changedImportRunsTheSnapshot()
    {
        QTemporaryDir dir;
        const fs::path root = fs::path(dir.path().toStdString()) / "proj";
        const std::string main = "import { f } from './lib/util.js';\nexport default function () { f(); }\n";
        const std::string lib = "export function f() {}\n";
        write(root / "script.js", main);
        write(root / "lib/util.js", "export function f() { throw 1; }\n"); // edited since the run
        RunRecord r;
        r.id = 9;
        r.test = (root / "script.js").string();
        r.scriptHash = sha(main);
        const std::vector<RunInfo::File> files{{"script.js", sha(main), main}, {"lib/util.js", sha(lib), lib}};
        const fs::path work = fs::path(dir.path().toStdString()) / "work";
        auto plan = prepareRerun(r, files, work, {});
        QVERIFY2(plan, plan ? "" : plan.error().toString().c_str());
        QVERIFY(plan->fromSnapshot);
        QVERIFY(!plan->note.empty());
        QVERIFY(plan->script != r.test);
        QCOMPARE(read(plan->script), main);
        QCOMPARE(read(fs::path(plan->script).parent_path() / "lib/util.js"), lib);

        // A snapshot file may not escape its directory.
        const std::vector<RunInfo::File> evil{{"script.js", sha(main), main}, {"../../evil.js", sha(lib), lib}};
        fs::remove(root / "script.js");
        QVERIFY(!prepareRerun(r, evil, work, {}));
        // Without a snapshot and without the original there is nothing to run.
        QVERIFY(!prepareRerun(r, {}, work, {}));
    }

    void figuresFromTheSummary()
    {
        RunRecord r;
        r.summary = {{"metrics",
                      {{"http_reqs", {{"values", {{"count", 120}, {"rate", 12.0}}}}},
                       {"http_req_duration", {{"values", {{"p(95)", 41.5}}}}},
                       {"http_req_failed", {{"values", {{"rate", 0.25}}}}},
                       {"vus_max", {{"values", {{"value", 5}, {"max", 5}}}}}}}};
        const RunFigures f = runFigures(r);
        QCOMPARE(f.requests.value_or(-1), 120.0);
        QCOMPARE(f.p95.value_or(-1), 41.5);
        QCOMPARE(f.errorRate.value_or(-1), 0.25);
        QCOMPARE(f.vusMax.value_or(-1), 5.0);
        QVERIFY(!runFigures(RunRecord{}).requests);
    }

    void improvementsMirrorRegressions()
    {
        Delta p95{"p95", 100, 70, -0.3, false, std::nullopt};
        QVERIFY(isImprovement(p95, 0.1));
        p95.judgement = Judgement{"p95", 100, 70, -0.3, -0.4, 0.05, false, 1000};
        QVERIFY(!isImprovement(p95, 0.1)); // not significant
        Delta slower{"p95", 100, 130, 0.3, true, std::nullopt};
        QVERIFY(!isImprovement(slower, 0.1));
        Delta err{"error rate", 0.05, 0.01, -0.8, false, std::nullopt};
        QVERIFY(isImprovement(err, 0.1));
        Delta tinyErr{"error rate", 0.005, 0.0, -1.0, false, std::nullopt};
        QVERIFY(!isImprovement(tinyErr, 0.1));
        Delta rps{"rps", 100, 150, 0.5, false, std::nullopt};
        QVERIFY(isImprovement(rps, 0.1));
        Delta lowerRps{"rps", 100, 50, -0.5, true, std::nullopt};
        QVERIFY(!isImprovement(lowerRps, 0.1));
    }

    void seriesPerSecond()
    {
        RunData d;
        for (int t = 0; t < 3; ++t) {
            SecondRow s;
            s.t = t;
            s.vus = t + 1;
            s.requests = t == 1 ? 0 : 10;
            s.failed = t == 2 ? 5 : 0;
            for (uint64_t i = 0; i < s.requests; ++i)
                s.duration.add(100.0 * (t + 1));
            d.seconds.push_back(std::move(s));
        }
        const auto rps = runSeries(d, SeriesKind::RequestRate);
        QCOMPARE(rps.size(), size_t(3));
        QCOMPARE(rps[2].second, 10.0);
        const auto p95 = runSeries(d, SeriesKind::P95);
        QCOMPARE(p95.size(), size_t(2)); // the second without requests has no latency
        QVERIFY(std::abs(p95[1].second - 300.0) < 300.0 * 0.02);
        QCOMPARE(runSeries(d, SeriesKind::ErrorRate)[2].second, 50.0);
        QCOMPARE(runSeries(d, SeriesKind::Vus)[1].second, 2.0);

        RunRecord a, b, c;
        a.test = "/x.js";
        b.test = "/y.js";
        c.test = "/x.js";
        QCOMPARE(distinctTests({a, b, c}), (std::vector<std::string>{"/x.js", "/y.js"}));
    }
};

QTEST_GUILESS_MAIN(TestRerun)
#include "tst_rerun.moc"
