#pragma once

// Fibers: many VUs per OS thread.
//
// A thread per VU blocks and wakes once per request; at tens of thousands of requests per
// second the context switches cost more than the requests. A FiberPool runs VUs as fibers
// (each with its own stack) on a few worker threads, each with an epoll loop, so a worker
// thread sleeps only when none of its VUs can run, as wrk's event loops do.
//
// Code that waits does so through fiber::poll() and fiber::CondVar. Called on a fiber they
// suspend only that fiber; anywhere else they are ::poll() and std::condition_variable, so
// the same code serves both models.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include <poll.h>

#include <thread>

namespace stampede::fiber {

using Clock = std::chrono::steady_clock;

struct Fiber;
class Worker;

// True when the calling code runs on a fiber.
bool onFiber();

// The calling fiber's stack (lowest address and size), or the thread's when not on a fiber.
bool currentStack(void *&low, size_t &size);

// Like ::poll(). On a fiber, the other fibers of the thread run until an fd is ready or the
// timeout (ms, -1 none) passes.
int poll(struct pollfd *fds, nfds_t nfds, int timeoutMs);

// Lets the other fibers of the thread run once, then continues. Not on a fiber: nothing.
void yield();
// yield() if the calling fiber has run for a whole kTimeSlice since it was last resumed (an
// overrun handler's request may be served late, or several times). Returns whether it yielded.
bool yieldIfOverdue();

// Fibers are not pre-empted: one that runs for long without waiting (JavaScript in a loop)
// holds up every other fiber of its thread. A FiberPool's watchdog calls the calling fiber's
// overrun handler, from another thread, when the fiber has run for more than kTimeSlice since
// it was last resumed, and again every kTimeSlice while it runs on; the handler should make the
// fiber call yieldIfOverdue() soon (V8: an interrupt request). Set and cleared on the fiber itself; null clears. Not on a fiber: nothing.
constexpr auto kTimeSlice = std::chrono::milliseconds(5);
void setOverrunHandler(std::function<void()> handler);

// Sleeps the calling fiber (or thread) until `until`.
void sleepUntil(Clock::time_point until);
inline void sleepFor(Clock::duration d)
{
    sleepUntil(Clock::now() + d);
}

// A condition variable for std::mutex that suspends the calling fiber instead of its thread.
// Same contract as std::condition_variable (spurious wake-ups included).
class CondVar
{
public:
    CondVar();
    ~CondVar();
    CondVar(const CondVar &) = delete;
    CondVar &operator=(const CondVar &) = delete;

    void notify_one();
    void notify_all();

    void wait(std::unique_lock<std::mutex> &lock);
    std::cv_status wait_until(std::unique_lock<std::mutex> &lock, Clock::time_point until);

    template <class Pred>
    void wait(std::unique_lock<std::mutex> &lock, Pred pred)
    {
        while (!pred())
            wait(lock);
    }
    template <class Duration, class Pred>
    bool wait_until(std::unique_lock<std::mutex> &lock, std::chrono::time_point<Clock, Duration> deadline, Pred pred)
    {
        const auto until = std::chrono::ceil<Clock::duration>(deadline);
        while (!pred()) {
            if (wait_until(lock, until) == std::cv_status::timeout)
                return pred();
        }
        return true;
    }
    template <class Rep, class Period, class Pred>
    bool wait_for(std::unique_lock<std::mutex> &lock, std::chrono::duration<Rep, Period> d, Pred pred)
    {
        return wait_until(lock, Clock::now() + std::chrono::duration_cast<Clock::duration>(d), std::move(pred));
    }

private:
    struct Waiter;
    std::condition_variable m_threads;
    std::mutex m_fibersMutex;
    Waiter *m_fibers = nullptr; // intrusive list of waiting fibers
};

// Sockets a fiber's worker watches for it, with a handler that runs on the worker itself (outside
// any fiber) as soon as one is ready: an event-driven library (libcurl's socket API) moves its
// transfers forward there, and wakes the fiber with notify() only when it has something for it.
// Registrations stay in the worker's epoll while a socket is idle, so a keep-alive request costs
// no epoll_ctl. Made and used on one fiber; notify() from anywhere.
class IoWatch
{
public:
    using Handler = std::function<void(int fd, short revents)>;
    explicit IoWatch(Handler handler); // on a fiber
    ~IoWatch();
    IoWatch(const IoWatch &) = delete;
    IoWatch &operator=(const IoWatch &) = delete;

    // What the handler wants to hear about fd (POLLIN/POLLOUT); 0: nothing for now.
    void set(int fd, short events);
    // fd is about to be closed.
    void forget(int fd);
    // Parks the fiber until notify() (since the last wait) or `until`; false on timeout.
    bool wait(Clock::time_point until);
    void notify();

    struct Entry;

private:
    void onEvent(Entry &e, uint32_t events);
    friend class Worker;

    Handler m_handler;
    Fiber *m_fiber = nullptr;
    std::vector<std::unique_ptr<Entry>> m_entries;
};

// A started fiber; join() waits for it (from a thread or another fiber).
class Handle
{
public:
    Handle() = default;
    bool joinable() const { return bool(m_state); }
    void join();

    struct State; // shared with the fiber

private:
    friend class FiberPool;
    std::shared_ptr<State> m_state;
};

// Worker threads, each running any number of fibers. Thread-safe.
class FiberPool
{
public:
    // stackBytes: each fiber's stack (reserved, committed as it is touched).
    explicit FiberPool(int threads, size_t stackBytes = 2u << 20);
    ~FiberPool(); // waits for every fiber, then ends the threads
    FiberPool(const FiberPool &) = delete;
    FiberPool &operator=(const FiberPool &) = delete;

    int threads() const;
    // Runs fn on a new fiber of worker `worker % threads()`. fn must not throw. The handle is
    // not joinable when the fiber could not be made (no address space for its stack).
    Handle spawn(int worker, std::function<void()> fn);

private:
    void watch();

    std::vector<std::unique_ptr<Worker>> m_workers;
    std::mutex m_watchMutex;
    std::condition_variable m_watchCv;
    bool m_stopWatch = false;
    std::thread m_watchdog; // calls overrun handlers (setOverrunHandler)
};

} // namespace stampede::fiber
