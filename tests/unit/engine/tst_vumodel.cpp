// Unit tests for Runner::vuWorkers(): which VUs run as fibers, and the environment overrides.

#include "core/engine/runner.h"

#include <QTest>

#include <thread>

using stampede::engine::Runner;

class TestVuModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        qunsetenv("STAMPEDE_VU_MODE");
        qunsetenv("STAMPEDE_VU_WORKERS");
    }
    void cleanup() { init(); }

    void fibersUpTo32PerCore()
    {
        const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
        QCOMPARE(Runner::vuWorkers(1), 1); // one VU: one worker
        QCOMPARE(Runner::vuWorkers(cores), cores);
        QCOMPARE(Runner::vuWorkers(Runner::kMaxFibersPerWorker * cores), cores);
        QCOMPARE(Runner::vuWorkers(Runner::kMaxFibersPerWorker * cores + 1), 0); // threads
        QCOMPARE(Runner::vuWorkers(10000), 0);
    }

    void environmentOverrides()
    {
        qputenv("STAMPEDE_VU_MODE", "threads");
        QCOMPARE(Runner::vuWorkers(4), 0);
        qputenv("STAMPEDE_VU_MODE", "fibers");
        QVERIFY(Runner::vuWorkers(10000) > 0); // fibers even for many VUs
        qputenv("STAMPEDE_VU_WORKERS", "3");
        QCOMPARE(Runner::vuWorkers(50), 3);
        QCOMPARE(Runner::vuWorkers(2), 2); // never more workers than VUs
        qunsetenv("STAMPEDE_VU_MODE");
        qputenv("STAMPEDE_VU_WORKERS", "1");
        QCOMPARE(Runner::vuWorkers(32), 1);
        QCOMPARE(Runner::vuWorkers(33), 0); // 33 fibers on one worker: too many, threads
    }
};

QTEST_GUILESS_MAIN(TestVuModel)
#include "tst_vumodel.moc"
