// Options: k6's precedence, shortcut mapping to scenarios, validation messages.

#include "core/engine/executor.h"
#include "core/engine/options.h"

#include <QTest>

using namespace stampede;
using namespace stampede::engine;
using json = nlohmann::json;

class tst_Options : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void precedence()
    {
        OptionLayers l;
        l.config = {{"vus", 1}, {"userAgent", "from-config"}, {"tags", {{"a", "config"}}}};
        l.script = {{"vus", 2}, {"iterations", 10}};
        l.env = {{"vus", 3}};
        l.cli = {{"vus", 4}};
        const json m = consolidate(l);
        QCOMPARE(m["vus"].get<int>(), 4);
        QCOMPARE(m["iterations"].get<int>(), 10);
        QCOMPARE(m["userAgent"].get<std::string>(), std::string("from-config"));
        l.cli = json::object();
        QCOMPARE(consolidate(l)["vus"].get<int>(), 3);
        l.env = json::object();
        QCOMPARE(consolidate(l)["vus"].get<int>(), 2);
    }

    void higherShortcutReplacesLowerScenarios()
    {
        OptionLayers l;
        l.script = {{"iterations", 10},
                    {"scenarios", {{"s", {{"executor", "constant-vus"}, {"vus", 1}, {"duration", "1s"}}}}}};
        l.cli = {{"duration", "5s"}};
        const json m = consolidate(l);
        QVERIFY(!m.contains("scenarios"));
        QVERIFY(!m.contains("iterations"));
        QCOMPARE(m["duration"].get<std::string>(), std::string("5s"));
        // vus alone does not replace the lower layer's execution plan.
        l.cli = {{"vus", 3}};
        QVERIFY(consolidate(l).contains("scenarios"));
    }

    void environmentVariables()
    {
        auto env = optionsFromEnvironment({{"K6_VUS", "5"}, {"K6_DURATION", "1m30s"},
                                           {"K6_INSECURE_SKIP_TLS_VERIFY", "true"}, {"PATH", "/bin"}});
        QVERIFY(env.ok());
        QCOMPARE((*env)["vus"].get<int>(), 5);
        QCOMPARE((*env)["duration"].get<std::string>(), std::string("1m30s"));
        QCOMPARE((*env)["insecureSkipTLSVerify"].get<bool>(), true);
        QVERIFY(!env->contains("PATH"));

        auto bad = optionsFromEnvironment({{"K6_VUS", "five"}});
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.find("K6_VUS") != std::string::npos);

        auto more = optionsFromEnvironment({{"K6_RPS", "12.5"}, {"K6_THROW", "1"}, {"K6_MIN_ITERATION_DURATION", "2s"},
                                            {"K6_SYSTEM_TAGS", "status,method"}, {"K6_BATCH_PER_HOST", "3"},
                                            {"K6_SETUP_TIMEOUT", "30s"}, {"K6_HTTP_DEBUG", "full"}});
        QVERIFY(more.ok());
        QCOMPARE((*more)["rps"].get<double>(), 12.5);
        QCOMPARE((*more)["throw"].get<bool>(), true);
        QCOMPARE((*more)["minIterationDuration"].get<std::string>(), std::string("2s"));
        QCOMPARE((*more)["systemTags"].size(), size_t(2));
        QCOMPARE((*more)["batchPerHost"].get<int>(), 3);
        QCOMPARE((*more)["setupTimeout"].get<std::string>(), std::string("30s"));
        QCOMPARE((*more)["httpDebug"].get<std::string>(), std::string("full"));
        QVERIFY(!optionsFromEnvironment({{"K6_SETUP_TIMEOUT", "soon"}}).ok());
        // Stampede's h2c switch (no k6 equivalent) reads like the other boolean variables.
        auto h2c = optionsFromEnvironment({{"K6_H2C", "true"}});
        QVERIFY(h2c.ok());
        QCOMPARE((*h2c)["h2c"].get<bool>(), true);
        auto badH2c = optionsFromEnvironment({{"K6_H2C", "sometimes"}});
        QVERIFY(!badH2c.ok());
        QVERIFY(badH2c.error().message.find("K6_H2C") != std::string::npos);

        auto stages = optionsFromEnvironment({{"K6_STAGES", "30s:10,1m:20"}});
        QVERIFY(stages.ok());
        QCOMPARE((*stages)["stages"].size(), size_t(2));
        QCOMPARE((*stages)["stages"][1]["target"].get<int>(), 20);
    }

    void parsesAndValidates()
    {
        auto o = Options::fromJson({{"vus", 10}, {"duration", "1m30s"}, {"summaryTrendStats", {"avg", "p(99.9)"}}});
        QVERIFY(o.ok());
        QCOMPARE(*o->vus, 10);
        QCOMPARE(o->duration->count(), int64_t(90) * 1000000000);
        QCOMPARE(o->summaryTrendStats.size(), size_t(2));

        auto numericDuration = Options::fromJson({{"duration", 1500}}); // JSON numbers are milliseconds
        QVERIFY(numericDuration.ok());
        QCOMPARE(numericDuration->duration->count(), int64_t(1500) * 1000000);

        struct Case { json input; const char *mustMention; };
        const Case bad[] = {
            {{{"vus", -1}}, "vus"},
            {{{"vus", "ten"}}, "vus"},
            {{{"duration", "10 parsecs"}}, "duration"},
            {{{"iterations", 1.5}}, "iterations"},
            {{{"stages", {{{"duration", "10s"}, {"target", -3}}}}}, "stages[0].target"},
            {{{"summaryTrendStats", {"avg", "p(101)"}}}, "p(101)"},
            {{{"summaryTimeUnit", "weeks"}}, "summaryTimeUnit"},
            {{{"insecureSkipTLSVerify", "yes"}}, "insecureSkipTLSVerify"},
        };
        for (const Case &c : bad) {
            auto r = Options::fromJson(c.input);
            QVERIFY2(!r.ok(), c.input.dump().c_str());
            QVERIFY2(r.error().message.find(c.mustMention) != std::string::npos, r.error().message.c_str());
        }
    }

    void shortcutsMapAsK6()
    {
        auto scenariosFor = [](const json &j) {
            auto o = Options::fromJson(j);
            return buildScenarios(o.value());
        };
        auto none = scenariosFor(json::object());
        QVERIFY(none.ok());
        QCOMPARE(none->front().executor, std::string("shared-iterations"));
        QCOMPARE(none->front().vus, 1);
        QCOMPARE(none->front().iterations, int64_t(1));

        auto its = scenariosFor({{"vus", 2}, {"iterations", 10}});
        QCOMPARE(its->front().executor, std::string("shared-iterations"));
        QCOMPARE(its->front().iterations, int64_t(10));
        QCOMPARE(its->front().vus, 2);

        auto dur = scenariosFor({{"vus", 5}, {"duration", "30s"}});
        QCOMPARE(dur->front().executor, std::string("constant-vus"));
        QCOMPARE(dur->front().duration.count(), int64_t(30) * 1000000000);

        auto tooFew = scenariosFor({{"vus", 5}, {"iterations", 2}});
        QVERIFY(!tooFew.ok());
    }

    void explicitScenarios()
    {
        auto o = Options::fromJson({{"scenarios",
                                     {{"api", {{"executor", "per-vu-iterations"}, {"vus", 3}, {"iterations", 4},
                                               {"exec", "api"}, {"startTime", "2s"}, {"tags", {{"kind", "api"}}}}},
                                      {"web", {{"executor", "constant-vus"}, {"vus", 2}, {"duration", "10s"}}}}}});
        QVERIFY(o.ok());
        auto s = buildScenarios(*o);
        QVERIFY2(s.ok(), s.ok() ? "" : s.error().message.c_str());
        QCOMPARE(s->size(), size_t(2));
        const ScenarioConfig &api = (*s)[0];
        QCOMPARE(api.name, std::string("api"));
        QCOMPARE(api.exec, std::string("api"));
        QCOMPARE(api.startTime.count(), int64_t(2) * 1000000000);
        QCOMPARE(api.tags.at("kind"), std::string("api"));
        auto ex = makeExecutor(api);
        QVERIFY(ex.ok());
        QCOMPARE((*ex)->plannedIterations(), int64_t(12));
        QCOMPARE((*ex)->describe(), std::string("4 iterations for each of 3 VUs"));

        auto unknown = Options::fromJson({{"scenarios", {{"x", {{"executor", "warp-drive"}}}}}});
        auto r = buildScenarios(*unknown);
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.find("warp-drive") != std::string::npos);
        QVERIFY(r.error().message.find("\"x\"") != std::string::npos);
    }

    void executorsHandOutIterations()
    {
        ScenarioConfig c;
        c.executor = "shared-iterations";
        c.vus = 2;
        c.iterations = 5;
        auto shared = makeExecutor(c).value();
        shared->start(Clock::now(), {});
        int granted = 0;
        for (int i = 0; i < 20; ++i)
            granted += shared->acquireIteration(i % 2) ? 1 : 0;
        QCOMPARE(granted, 5);
        QVERIFY(!shared->acquireIteration(0));

        c.executor = "per-vu-iterations";
        auto perVu = makeExecutor(c).value();
        perVu->start(Clock::now(), {});
        int vu0 = 0, vu1 = 0;
        for (int i = 0; i < 10; ++i) {
            vu0 += perVu->acquireIteration(0);
            if (i < 3)
                vu1 += perVu->acquireIteration(1);
        }
        QCOMPARE(vu0, 5);
        QCOMPARE(vu1, 3);
        // maxDuration bounds iteration-based executors too.
        auto late = makeExecutor(c).value();
        late->start(Clock::now() - c.maxDuration, {});
        QVERIFY(!late->acquireIteration(1));

        c.executor = "constant-vus";
        c.duration = std::chrono::seconds(10);
        auto constant = makeExecutor(c).value();
        constant->start(Clock::now() - std::chrono::seconds(9), {});
        QVERIFY(constant->acquireIteration(0));
        auto over = makeExecutor(c).value();
        over->start(Clock::now() - std::chrono::seconds(10), {});
        QVERIFY(!over->acquireIteration(0));
    }

    void stageParsing()
    {
        auto s = parseStage("1m30s:20");
        QVERIFY(s.ok());
        QCOMPARE(s->target, 20);
        QCOMPARE(s->duration.count(), int64_t(90) * 1000000000);
        QVERIFY(!parseStage("30s").ok());
        QVERIFY(!parseStage("30s:x").ok());
        QVERIFY(!parseStage("zz:3").ok());
    }
};

QTEST_GUILESS_MAIN(tst_Options)
#include "tst_options.moc"
