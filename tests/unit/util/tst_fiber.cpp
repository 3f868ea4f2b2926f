// Unit tests for core/util/fiber: fibers on worker threads, their poll() and CondVar, against
// real pipes and real threads.

#include "core/util/fiber.h"

#include <QTest>

#include <atomic>
#include <thread>

#include <fcntl.h>
#include <unistd.h>

using namespace std::chrono_literals;
using stampede::fiber::Clock;
using stampede::fiber::CondVar;
using stampede::fiber::FiberPool;
using stampede::fiber::Handle;

class TestFiber : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void manyFibersSleepConcurrently();
    void pollWakesOnData();
    void pollTimesOut();
    void condVarAcrossThreads();
    void joinFromFiber();
    void deepStack();
    void notOnFiberFallsBack();
    void ioWatchRunsHandlerOnWorker();
};

// 200 fibers on 2 threads each wait 50 ms three times: concurrent, so about 150 ms in all.
void TestFiber::manyFibersSleepConcurrently()
{
    std::atomic<int> done{0};
    std::atomic<int> onFiber{0};
    const auto start = Clock::now();
    {
        FiberPool pool(2);
        std::vector<Handle> handles;
        for (int i = 0; i < 200; ++i) {
            handles.push_back(pool.spawn(i, [&] {
                if (stampede::fiber::onFiber())
                    onFiber.fetch_add(1);
                std::mutex m;
                CondVar cv;
                std::unique_lock lock(m);
                for (int k = 0; k < 3; ++k)
                    cv.wait_until(lock, Clock::now() + 50ms, [] { return false; });
                done.fetch_add(1);
            }));
        }
        for (Handle &h : handles) {
            QVERIFY(h.joinable());
            h.join();
        }
    }
    const auto took = Clock::now() - start;
    QCOMPARE(done.load(), 200);
    QCOMPARE(onFiber.load(), 200);
    QVERIFY2(took >= 150ms, "a timed wait returned early");
    QVERIFY2(took < 5s, "the fibers did not wait concurrently");
}

void TestFiber::pollWakesOnData()
{
    int fds[2];
    QCOMPARE(pipe2(fds, O_NONBLOCK), 0);
    std::atomic<int> polled{-2};
    std::atomic<short> revents{0};
    std::atomic<bool> otherFiberRan{false};
    {
        FiberPool pool(1);
        Handle reader = pool.spawn(0, [&] {
            pollfd p{fds[0], POLLIN, 0};
            polled = stampede::fiber::poll(&p, 1, 5000);
            revents = p.revents;
        });
        // Same worker thread: runs while the reader waits, then writes.
        Handle writer = pool.spawn(0, [&] {
            otherFiberRan = true;
            std::mutex m;
            CondVar cv;
            std::unique_lock lock(m);
            cv.wait_until(lock, Clock::now() + 30ms, [] { return false; });
            QCOMPARE(::write(fds[1], "x", 1), ssize_t(1));
        });
        reader.join();
        writer.join();
    }
    QVERIFY(otherFiberRan.load());
    QCOMPARE(polled.load(), 1);
    QVERIFY(revents.load() & POLLIN);
    ::close(fds[0]);
    ::close(fds[1]);
}

void TestFiber::pollTimesOut()
{
    int fds[2];
    QCOMPARE(pipe2(fds, O_NONBLOCK), 0);
    std::atomic<int> polled{-2};
    Clock::duration took{};
    {
        FiberPool pool(1);
        pool.spawn(0, [&] {
                const auto t0 = Clock::now();
                pollfd p[2] = {{fds[0], POLLIN, 0}, {-1, POLLIN, 0}};
                polled = stampede::fiber::poll(p, 2, 80);
                took = Clock::now() - t0;
            }).join();
    }
    QCOMPARE(polled.load(), 0);
    QVERIFY(took >= 80ms);
    QVERIFY(took < 2s);
    ::close(fds[0]);
    ::close(fds[1]);
}

// A plain thread produces, fibers on two workers consume: no lost wake-ups.
void TestFiber::condVarAcrossThreads()
{
    std::mutex m;
    CondVar cv;
    int available = 0;
    bool closed = false;
    std::atomic<int> consumed{0};
    FiberPool pool(2);
    std::vector<Handle> handles;
    for (int i = 0; i < 50; ++i) {
        handles.push_back(pool.spawn(i, [&] {
            for (;;) {
                std::unique_lock lock(m);
                cv.wait(lock, [&] { return available > 0 || closed; });
                if (available == 0)
                    return;
                --available;
                lock.unlock();
                consumed.fetch_add(1);
            }
        }));
    }
    std::thread producer([&] {
        for (int i = 0; i < 20000; ++i) {
            {
                std::lock_guard lock(m);
                ++available;
            }
            cv.notify_one();
        }
        {
            std::lock_guard lock(m);
            closed = true;
        }
        cv.notify_all();
    });
    producer.join();
    for (Handle &h : handles)
        h.join();
    QCOMPARE(consumed.load(), 20000);
}

void TestFiber::joinFromFiber()
{
    FiberPool pool(2);
    std::atomic<int> order{0};
    int childAt = -1, parentAt = -1;
    pool.spawn(0, [&] {
            Handle child = pool.spawn(1, [&] {
                std::mutex m;
                CondVar cv;
                std::unique_lock lock(m);
                cv.wait_until(lock, Clock::now() + 20ms, [] { return false; });
                childAt = order.fetch_add(1);
            });
            child.join();
            parentAt = order.fetch_add(1);
        }).join();
    QCOMPARE(childAt, 0);
    QCOMPARE(parentAt, 1);
}

namespace {
int recurse(int depth, volatile char *sink)
{
    char buf[1024];
    buf[0] = char(depth);
    sink[0] = buf[0];
    return depth == 0 ? 0 : 1 + recurse(depth - 1, buf);
}
} // namespace

// 1 MiB of frames on a 2 MiB fiber stack, and the stack bounds are the fiber's.
void TestFiber::deepStack()
{
    FiberPool pool(1);
    int depth = 0;
    void *low = nullptr;
    size_t size = 0;
    void *local = nullptr;
    pool.spawn(0, [&] {
            char c = 0;
            depth = recurse(1000, &c);
            stampede::fiber::currentStack(low, size);
            local = &c;
        }).join();
    QCOMPARE(depth, 1000);
    QVERIFY(size >= (2u << 20));
    QVERIFY(local > low && local < static_cast<char *>(low) + size);
}

void TestFiber::notOnFiberFallsBack()
{
    QVERIFY(!stampede::fiber::onFiber());
    int fds[2];
    QCOMPARE(pipe2(fds, O_NONBLOCK), 0);
    QCOMPARE(::write(fds[1], "x", 1), ssize_t(1));
    pollfd p{fds[0], POLLIN, 0};
    QCOMPARE(stampede::fiber::poll(&p, 1, 1000), 1);
    std::mutex m;
    CondVar cv;
    std::unique_lock lock(m);
    QCOMPARE(cv.wait_until(lock, Clock::now() + 10ms), std::cv_status::timeout);
    ::close(fds[0]);
    ::close(fds[1]);
}

// The handler runs as soon as the fd is ready, while the fiber is parked; notify() wakes it. A
// socket nobody wants any more (events 0) does not call the handler, even with data waiting.
void TestFiber::ioWatchRunsHandlerOnWorker()
{
    int fds[2];
    QCOMPARE(pipe2(fds, O_NONBLOCK), 0);
    std::atomic<int> calls{0};
    std::atomic<bool> handlerOnFiber{true};
    std::atomic<bool> wokenByData{false}, timedOutWhenUnwanted{false}, wokenByNotify{false};
    std::atomic<bool> parked{false};
    std::atomic<stampede::fiber::IoWatch *> shared{nullptr};
    {
        FiberPool pool(1);
        Handle reader = pool.spawn(0, [&] {
            std::unique_ptr<stampede::fiber::IoWatch> watch;
            watch = std::make_unique<stampede::fiber::IoWatch>([&](int fd, short revents) {
                handlerOnFiber = stampede::fiber::onFiber();
                if (revents & POLLIN) {
                    char buf[16];
                    while (::read(fd, buf, sizeof buf) > 0) {
                    }
                    calls.fetch_add(1);
                    watch->notify();
                }
            });
            watch->set(fds[0], POLLIN);
            wokenByData = watch->wait(Clock::now() + 5s) && calls.load() == 1;
            watch->set(fds[0], 0);
            QCOMPARE(::write(fds[1], "y", 1), ssize_t(1)); // data nobody asked for
            timedOutWhenUnwanted = !watch->wait(Clock::now() + 100ms) && calls.load() == 1;
            shared = watch.get();
            parked = true;
            wokenByNotify = watch->wait(Clock::now() + 5s);
            watch->forget(fds[0]);
        });
        // Same worker: writes while the reader is parked.
        Handle writer = pool.spawn(0, [&] { QCOMPARE(::write(fds[1], "x", 1), ssize_t(1)); });
        writer.join();
        while (!parked.load())
            std::this_thread::sleep_for(5ms);
        std::this_thread::sleep_for(20ms);
        const auto notified = Clock::now();
        shared.load()->notify(); // from a thread that is not a fiber
        reader.join();
        QVERIFY2(Clock::now() - notified < 2s, "notify() did not wake the parked fiber");
    }
    QVERIFY(wokenByData.load());
    QVERIFY(!handlerOnFiber.load());
    QVERIFY(timedOutWhenUnwanted.load());
    QVERIFY(wokenByNotify.load());
    ::close(fds[0]);
    ::close(fds[1]);
}

QTEST_GUILESS_MAIN(TestFiber)
#include "tst_fiber.moc"
