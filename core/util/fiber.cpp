#include "core/util/fiber.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <deque>
#include <map>
#include <thread>
#include <vector>

#include <pthread.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <unistd.h>

#if !defined(__x86_64__)
#include <ucontext.h>
#endif

namespace stampede::fiber {

// ---------------------------------------------------------------- context switch

#if defined(__x86_64__)
// System V x86-64: pushes the callee-saved registers, MXCSR and the x87 control word on the
// current stack, stores the stack pointer in *from, switches to `to` and pops the same frame
// there. A new fiber's stack is laid out as if it had called this function (makeContext()).
extern "C" void stampede_fiber_switch(void **from, void *to);
asm(R"(
    .text
    .globl stampede_fiber_switch
    .type stampede_fiber_switch,@function
    .p2align 4
stampede_fiber_switch:
    .cfi_startproc
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    subq $8, %rsp
    stmxcsr (%rsp)
    fnstcw 4(%rsp)
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    ldmxcsr (%rsp)
    fldcw 4(%rsp)
    addq $8, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret
    .cfi_endproc
    .size stampede_fiber_switch,.-stampede_fiber_switch
)");
#endif

namespace {

enum FiberState : int { Ready, Running, Parked, Finished };

} // namespace

struct Handle::State
{
    std::mutex mutex;
    CondVar cv;
    bool done = false;
};

struct Fiber
{
    Worker *worker = nullptr;
    void *stack = nullptr; // mapping, guard page first
    size_t mapped = 0;
    std::function<void()> fn;
    std::shared_ptr<Handle::State> handle;
    std::atomic<int> state{Ready};
    std::atomic<bool> permit{false};
    bool timedOut = false;
    bool hasTimer = false;
    std::function<void()> overrun; // setOverrunHandler(); guarded by the worker's m_currentMutex
    std::multimap<Clock::time_point, Fiber *>::iterator timer;
#if defined(__x86_64__)
    void *sp = nullptr;
#else
    ucontext_t context;
#endif
};

namespace {

thread_local Worker *tls_worker = nullptr;

// What an epoll event's data.ptr points at.
struct EpollSource
{
    enum Kind : uint8_t { Poll, Watch } kind;
};

// One fd of a fiber's poll(), registered with its worker's epoll.
struct PollSlot : EpollSource
{
    PollSlot() : EpollSource{Poll} {}
    PollSlot(Fiber *f) : EpollSource{Poll}, fiber(f) {}
    Fiber *fiber = nullptr;
    uint32_t events = 0; // what epoll reported
};

size_t pageSize()
{
    static const size_t size = size_t(sysconf(_SC_PAGESIZE));
    return size;
}

} // namespace

class Worker
{
public:
    explicit Worker(size_t stackBytes) : m_stackBytes(stackBytes)
    {
        m_epoll = epoll_create1(EPOLL_CLOEXEC);
        m_event = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.ptr = nullptr; // the wake-up eventfd
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_event, &ev);
        m_thread = std::thread([this] { loop(); });
    }

    ~Worker()
    {
        m_stopping.store(true);
        wake();
        m_thread.join();
        ::close(m_event);
        ::close(m_epoll);
    }

    Fiber *current() const { return m_current; }
    int epollFd() const { return m_epoll; }

    void submit(Fiber *f)
    {
        if (tls_worker == this) {
            m_ready.push_back(f);
            return;
        }
        {
            std::lock_guard lock(m_inboxMutex);
            m_inbox.push_back(f);
        }
        if (m_sleeping.load())
            wake();
    }

    Fiber *create(std::function<void()> fn, std::shared_ptr<Handle::State> handle)
    {
        auto f = std::make_unique<Fiber>();
        const size_t page = pageSize();
        f->mapped = ((m_stackBytes + page - 1) / page) * page + page;
        f->stack = mmap(nullptr, f->mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK,
                        -1, 0);
        if (f->stack == MAP_FAILED)
            return nullptr;
        mprotect(f->stack, page, PROT_NONE); // overflow faults instead of corrupting the next mapping
        f->worker = this;
        f->fn = std::move(fn);
        f->handle = std::move(handle);
        makeContext(*f);
        return f.release();
    }

    // Suspends the running fiber until unpark() or `until`. Returns false on timeout.
    bool park(Fiber *f, const Clock::time_point *until)
    {
        f->timedOut = false;
        f->state.store(Parked);
        if (f->permit.exchange(false)) {
            int expected = Parked;
            if (f->state.compare_exchange_strong(expected, Running))
                return true;
            // Someone made us ready already: switch out and get resumed from the queue.
        }
        if (until) {
            f->timer = m_timers.emplace(*until, f);
            f->hasTimer = true;
        }
        switchOut(f);
        // Whatever made us ready set the permit too: it is used up now (an unpark that came
        // after that is covered by the caller checking its condition again).
        f->permit.store(false);
        if (f->hasTimer) {
            m_timers.erase(f->timer);
            f->hasTimer = false;
        }
        return !f->timedOut;
    }

    void finish(Fiber *f)
    {
        f->state.store(Finished);
        switchOut(f);
    }

    // Back of the ready queue, then switch out.
    void yield(Fiber *f)
    {
        f->state.store(Ready);
        m_ready.push_back(f);
        switchOut(f);
        f->permit.store(false);
    }

    void setOverrun(Fiber *f, std::function<void()> handler)
    {
        std::lock_guard lock(m_currentMutex);
        f->overrun = std::move(handler);
    }

    // Watchdog thread: the running fiber's overrun handler when it has run longer than kTimeSlice,
    // again every kTimeSlice while it goes on (V8 can postpone an interrupt, e.g. during a GC or
    // a compilation, and asking once per resume was seen to leave a busy VU running for 200 ms).
    void checkOverrun(Clock::time_point now)
    {
        std::lock_guard lock(m_currentMutex);
        if (!m_current || now - m_resumedAt < kTimeSlice || !m_current->overrun)
            return;
        if (m_lastOverrun > m_resumedAt && now - m_lastOverrun < kTimeSlice)
            return;
        m_lastOverrun = now;
        m_current->overrun();
    }

    // On the fiber: has it run for a whole time slice since it was resumed?
    bool overdue()
    {
        std::lock_guard lock(m_currentMutex);
        return Clock::now() - m_resumedAt >= kTimeSlice;
    }

private:
    static void entry()
    {
        Worker *w = tls_worker;
        Fiber *f = w->m_current;
        try {
            f->fn();
        } catch (...) {
            // fn must not throw; never let an exception cross the fiber's first frame.
        }
        f->fn = nullptr;
        {
            std::lock_guard lock(f->handle->mutex);
            f->handle->done = true;
        }
        f->handle->cv.notify_all();
        w->finish(f);
    }

    void makeContext(Fiber &f)
    {
        const uintptr_t top = (reinterpret_cast<uintptr_t>(f.stack) + f.mapped) & ~uintptr_t(15);
#if defined(__x86_64__)
        auto *sp = reinterpret_cast<uint64_t *>(top);
        *--sp = 0;                                       // entry()'s return address: none
        *--sp = reinterpret_cast<uint64_t>(&Worker::entry); // where the first switch returns to
        for (int i = 0; i < 6; ++i)
            *--sp = 0;                                   // rbp rbx r12 r13 r14 r15
        uint32_t mxcsr = 0;
        uint16_t fpucw = 0;
        asm volatile("stmxcsr %0" : "=m"(mxcsr));
        asm volatile("fnstcw %0" : "=m"(fpucw));
        *--sp = uint64_t(mxcsr) | (uint64_t(fpucw) << 32);
        f.sp = sp;
#else
        getcontext(&f.context);
        f.context.uc_stack.ss_sp = static_cast<char *>(f.stack) + pageSize();
        f.context.uc_stack.ss_size = f.mapped - pageSize();
        f.context.uc_link = nullptr;
        makecontext(&f.context, &Worker::entry, 0);
#endif
    }

    void switchOut(Fiber *f)
    {
#if defined(__x86_64__)
        stampede_fiber_switch(&f->sp, m_schedulerSp);
#else
        swapcontext(&f->context, &m_schedulerContext);
#endif
    }

    void resume(Fiber *f)
    {
        f->state.store(Running);
        {
            std::lock_guard lock(m_currentMutex);
            m_current = f;
            m_resumedAt = Clock::now();
        }
#if defined(__x86_64__)
        stampede_fiber_switch(&m_schedulerSp, f->sp);
#else
        swapcontext(&m_schedulerContext, &f->context);
#endif
        {
            std::lock_guard lock(m_currentMutex);
            m_current = nullptr;
        }
        if (f->state.load() == Finished) {
            munmap(f->stack, f->mapped);
            delete f;
            m_live.fetch_sub(1);
        }
    }

    void wake()
    {
        const uint64_t one = 1;
        [[maybe_unused]] ssize_t n = ::write(m_event, &one, sizeof one);
    }

    void takeInbox()
    {
        std::lock_guard lock(m_inboxMutex);
        for (Fiber *f : m_inbox)
            m_ready.push_back(f);
        m_inbox.clear();
    }

    void fireTimers()
    {
        if (m_timers.empty())
            return;
        const auto now = Clock::now();
        while (!m_timers.empty() && m_timers.begin()->first <= now) {
            Fiber *f = m_timers.begin()->second;
            m_timers.erase(m_timers.begin());
            f->hasTimer = false;
            int expected = Parked;
            if (f->state.compare_exchange_strong(expected, Ready)) {
                f->timedOut = true;
                m_ready.push_back(f);
            }
        }
    }

    bool inboxEmpty()
    {
        std::lock_guard lock(m_inboxMutex);
        return m_inbox.empty();
    }

    // Waits for the network, a timer or a submit(); never when a fiber is ready.
    int waitForEvents(epoll_event *events, int max)
    {
        if (!m_ready.empty())
            return epoll_wait(m_epoll, events, max, 0);
        m_sleeping.store(true);
        int n = 0;
        if (inboxEmpty() && !(m_live.load() == 0 && m_stopping.load())) {
            if (m_timers.empty()) {
                n = epoll_wait(m_epoll, events, max, -1);
            } else {
                const auto left = m_timers.begin()->first - Clock::now();
                const int64_t ns = std::max<int64_t>(0, std::chrono::duration_cast<std::chrono::nanoseconds>(left).count());
                const timespec ts{time_t(ns / 1000000000), long(ns % 1000000000)};
                n = epoll_pwait2(m_epoll, events, max, &ts, nullptr);
                if (n < 0 && errno == ENOSYS) // kernels before 5.11: millisecond resolution
                    n = epoll_wait(m_epoll, events, max, int((ns + 999999) / 1000000));
            }
        }
        m_sleeping.store(false);
        return n;
    }

    void loop()
    {
        tls_worker = this;
        epoll_event events[256];
        for (;;) {
            takeInbox();
            fireTimers();
            if (m_ready.empty() && m_live.load() == 0 && m_stopping.load() && inboxEmpty())
                break;
            dispatch(events, waitForEvents(events, 256));
            fireTimers();
            // One round: every fiber ready now runs once. The network is looked at again after
            // the round, and within it at least every kNetworkCheck: a response that arrives
            // while the other fibers run is read then (IoWatch handlers), so its timings do not
            // include the rest of the round.
            auto lastCheck = Clock::now();
            for (size_t k = m_ready.size(); k > 0; --k) {
                Fiber *f = m_ready.front();
                m_ready.pop_front();
                resume(f);
                if (k > 1) {
                    const auto now = Clock::now();
                    if (now - lastCheck >= kNetworkCheck) {
                        lastCheck = now;
                        dispatch(events, epoll_wait(m_epoll, events, 256, 0));
                    }
                }
            }
        }
        tls_worker = nullptr;
    }

    void dispatch(epoll_event *events, int n)
    {
        for (int i = 0; i < n; ++i) {
            if (!events[i].data.ptr) {
                uint64_t count;
                [[maybe_unused]] ssize_t r = ::read(m_event, &count, sizeof count);
                continue;
            }
            auto *source = static_cast<EpollSource *>(events[i].data.ptr);
            if (source->kind == EpollSource::Poll)
                onPollEvent(static_cast<PollSlot *>(source), events[i].events);
            else
                onWatchEvent(source, events[i].events);
        }
    }

    static constexpr auto kNetworkCheck = std::chrono::microseconds(50);

    void onPollEvent(PollSlot *slot, uint32_t events);
    void onWatchEvent(EpollSource *source, uint32_t events);

    friend class FiberPool;

    size_t m_stackBytes;
    int m_epoll = -1;
    int m_event = -1;
    std::thread m_thread;
    Fiber *m_current = nullptr;   // written under m_currentMutex (read by the watchdog)
    std::mutex m_currentMutex;
    Clock::time_point m_resumedAt;
    Clock::time_point m_lastOverrun; // when the watchdog last called the running fiber's handler
#if defined(__x86_64__)
    void *m_schedulerSp = nullptr;
#else
    ucontext_t m_schedulerContext;
#endif
    std::deque<Fiber *> m_ready; // worker thread only
    std::multimap<Clock::time_point, Fiber *> m_timers;
    std::atomic<int> m_live{0}; // fibers spawned here and not finished
    std::mutex m_inboxMutex;
    std::vector<Fiber *> m_inbox;
    std::atomic<bool> m_sleeping{false};
    std::atomic<bool> m_stopping{false};
};

namespace {

// Makes a parked fiber ready (from any thread); a fiber not parked yet keeps the permit
// and its next park() returns at once.
void unpark(Fiber *f)
{
    f->permit.store(true);
    int expected = Parked;
    if (f->state.compare_exchange_strong(expected, Ready))
        f->worker->submit(f);
}

Fiber *currentFiber()
{
    return tls_worker ? tls_worker->current() : nullptr;
}

uint32_t toEpoll(short events)
{
    uint32_t e = 0;
    if (events & POLLIN)
        e |= EPOLLIN;
    if (events & POLLPRI)
        e |= EPOLLPRI;
    if (events & POLLOUT)
        e |= EPOLLOUT;
    return e;
}

short fromEpoll(uint32_t events)
{
    short e = 0;
    if (events & EPOLLIN)
        e |= POLLIN;
    if (events & EPOLLPRI)
        e |= POLLPRI;
    if (events & EPOLLOUT)
        e |= POLLOUT;
    if (events & EPOLLERR)
        e |= POLLERR;
    if (events & EPOLLHUP)
        e |= POLLHUP;
    return e;
}

} // namespace

void Worker::onPollEvent(PollSlot *slot, uint32_t events)
{
    slot->events |= events;
    unpark(slot->fiber);
}

// ---------------------------------------------------------------- IoWatch

struct IoWatch::Entry : EpollSource
{
    Entry() : EpollSource{Watch} {}
    IoWatch *owner = nullptr;
    int fd = -1;               // -1: free
    short wanted = 0;          // what the handler wants now
    uint32_t registered = 0;   // what the epoll has (0 with inEpoll: nothing)
    bool inEpoll = false;
};

void Worker::onWatchEvent(EpollSource *source, uint32_t events)
{
    auto *e = static_cast<IoWatch::Entry *>(source);
    e->owner->onEvent(*e, events);
}

IoWatch::IoWatch(Handler handler) : m_handler(std::move(handler)), m_fiber(currentFiber())
{
}

IoWatch::~IoWatch()
{
    if (!m_fiber)
        return;
    for (auto &e : m_entries) {
        if (e->inEpoll)
            epoll_ctl(m_fiber->worker->epollFd(), EPOLL_CTL_DEL, e->fd, nullptr);
    }
}

void IoWatch::set(int fd, short events)
{
    if (!m_fiber)
        return;
    Entry *entry = nullptr;
    Entry *free = nullptr;
    for (auto &e : m_entries) {
        if (e->fd == fd) {
            entry = e.get();
            break;
        }
        if (e->fd < 0 && !free)
            free = e.get();
    }
    if (!entry) {
        if (events == 0)
            return;
        if (!free) {
            m_entries.push_back(std::make_unique<Entry>());
            free = m_entries.back().get();
        }
        entry = free;
        entry->owner = this;
        entry->fd = fd;
        entry->inEpoll = false;
        entry->registered = 0;
    }
    entry->wanted = events;
    // Lazy: a socket that goes idle stays registered for what it had; epoll_ctl only when the
    // handler wants something the registration lacks.
    const uint32_t want = (events & POLLIN ? EPOLLIN : 0u) | (events & POLLOUT ? EPOLLOUT : 0u);
    if (want == 0 || (entry->inEpoll && (entry->registered & want) == want && (entry->registered & ~want) == 0))
        return;
    epoll_event ev{};
    ev.events = want;
    ev.data.ptr = static_cast<EpollSource *>(entry);
    const int epfd = m_fiber->worker->epollFd();
    if (entry->inEpoll) {
        if (epoll_ctl(epfd, EPOLL_CTL_MOD, fd, &ev) != 0 && errno == ENOENT)
            epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
    } else if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) != 0 && errno == EEXIST) {
        epoll_ctl(epfd, EPOLL_CTL_MOD, fd, &ev);
    }
    entry->inEpoll = true;
    entry->registered = want;
}

void IoWatch::forget(int fd)
{
    for (auto &e : m_entries) {
        if (e->fd != fd)
            continue;
        if (e->inEpoll && m_fiber)
            epoll_ctl(m_fiber->worker->epollFd(), EPOLL_CTL_DEL, fd, nullptr);
        e->fd = -1;
        e->inEpoll = false;
        e->wanted = 0;
        e->registered = 0;
        return;
    }
}

void IoWatch::onEvent(Entry &e, uint32_t events)
{
    const short wanted = e.wanted;
    const short revents = fromEpoll(events);
    if (!(revents & (wanted | POLLERR | POLLHUP)) || wanted == 0) {
        // Idle socket (the peer closed it, or data nobody asked for yet): stop hearing about it
        // until the handler wants it again, or the level-triggered event would spin the worker.
        epoll_ctl(m_fiber->worker->epollFd(), EPOLL_CTL_DEL, e.fd, nullptr);
        e.inEpoll = false;
        e.registered = 0;
        if (wanted == 0)
            return;
    }
    m_handler(e.fd, short(revents & (wanted | POLLERR | POLLHUP)));
}

bool IoWatch::wait(Clock::time_point until)
{
    Fiber *f = currentFiber();
    if (!f || f != m_fiber)
        return false;
    return f->worker->park(f, until == Clock::time_point::max() ? nullptr : &until);
}

void IoWatch::notify()
{
    if (m_fiber)
        unpark(m_fiber);
}

bool onFiber()
{
    return currentFiber() != nullptr;
}

bool currentStack(void *&low, size_t &size)
{
    if (Fiber *f = currentFiber()) {
        low = static_cast<char *>(f->stack) + pageSize();
        size = f->mapped - pageSize();
        return true;
    }
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) != 0)
        return false;
    const bool ok = pthread_attr_getstack(&attr, &low, &size) == 0 && low;
    pthread_attr_destroy(&attr);
    return ok;
}

int poll(struct pollfd *fds, nfds_t nfds, int timeoutMs)
{
    Fiber *f = currentFiber();
    if (!f || timeoutMs == 0)
        return ::poll(fds, nfds, timeoutMs);
    Worker &w = *f->worker;
    PollSlot inlineSlots[8];
    std::vector<PollSlot> moreSlots;
    PollSlot *slots = inlineSlots;
    if (nfds > 8) {
        moreSlots.resize(nfds);
        slots = moreSlots.data();
    }
    int ready = 0;
    for (nfds_t i = 0; i < nfds; ++i) {
        fds[i].revents = 0;
        slots[i] = PollSlot(f);
        if (fds[i].fd < 0)
            continue;
        epoll_event ev{};
        ev.events = toEpoll(fds[i].events) | EPOLLONESHOT;
        ev.data.ptr = &slots[i];
        if (epoll_ctl(w.epollFd(), EPOLL_CTL_ADD, fds[i].fd, &ev) == 0)
            continue;
        if (errno == EEXIST && epoll_ctl(w.epollFd(), EPOLL_CTL_MOD, fds[i].fd, &ev) == 0)
            continue;
        // Not pollable by epoll (a regular file is always ready) or not an fd at all.
        fds[i].revents = errno == EPERM ? short(fds[i].events & (POLLIN | POLLOUT)) : short(POLLNVAL);
        slots[i].fiber = nullptr;
        ++ready;
    }
    if (ready == 0) {
        const Clock::time_point until = Clock::now() + std::chrono::milliseconds(std::max(0, timeoutMs));
        for (;;) {
            const bool woken = w.park(f, timeoutMs < 0 ? nullptr : &until);
            bool any = false;
            for (nfds_t i = 0; i < nfds && !any; ++i)
                any = slots[i].events != 0;
            if (any || !woken)
                break;
        }
    }
    for (nfds_t i = 0; i < nfds; ++i) {
        if (fds[i].fd < 0 || !slots[i].fiber)
            continue;
        epoll_ctl(w.epollFd(), EPOLL_CTL_DEL, fds[i].fd, nullptr);
        if (slots[i].events) {
            fds[i].revents = short(fromEpoll(slots[i].events) & (fds[i].events | POLLERR | POLLHUP | POLLNVAL));
            if (fds[i].revents)
                ++ready;
        }
    }
    return ready;
}

void sleepUntil(Clock::time_point until)
{
    Fiber *f = currentFiber();
    if (!f) {
        std::this_thread::sleep_until(until);
        return;
    }
    while (Clock::now() < until)
        f->worker->park(f, &until);
}

void yield()
{
    if (Fiber *f = currentFiber())
        f->worker->yield(f);
}

bool yieldIfOverdue()
{
    Fiber *f = currentFiber();
    if (!f || !f->worker->overdue())
        return false;
    f->worker->yield(f);
    return true;
}

void setOverrunHandler(std::function<void()> handler)
{
    if (Fiber *f = currentFiber())
        f->worker->setOverrun(f, std::move(handler));
}

// ---------------------------------------------------------------- CondVar

struct CondVar::Waiter
{
    Fiber *fiber = nullptr;
    Waiter *prev = nullptr;
    Waiter *next = nullptr;
    bool linked = false;
};

CondVar::CondVar() = default;
CondVar::~CondVar() = default;

void CondVar::notify_one()
{
    m_threads.notify_one();
    std::lock_guard lock(m_fibersMutex);
    if (Waiter *w = m_fibers) {
        m_fibers = w->next;
        if (m_fibers)
            m_fibers->prev = nullptr;
        w->linked = false;
        unpark(w->fiber);
    }
}

void CondVar::notify_all()
{
    m_threads.notify_all();
    std::lock_guard lock(m_fibersMutex);
    while (Waiter *w = m_fibers) {
        m_fibers = w->next;
        w->linked = false;
        unpark(w->fiber);
    }
}

void CondVar::wait(std::unique_lock<std::mutex> &lock)
{
    wait_until(lock, Clock::time_point::max());
}

std::cv_status CondVar::wait_until(std::unique_lock<std::mutex> &lock, Clock::time_point until)
{
    Fiber *f = currentFiber();
    if (!f) {
        if (until == Clock::time_point::max()) {
            m_threads.wait(lock);
            return std::cv_status::no_timeout;
        }
        return m_threads.wait_until(lock, until);
    }
    Waiter self;
    self.fiber = f;
    {
        std::lock_guard guard(m_fibersMutex);
        self.next = m_fibers;
        if (m_fibers)
            m_fibers->prev = &self;
        m_fibers = &self;
        self.linked = true;
    }
    lock.unlock();
    const bool woken = f->worker->park(f, until == Clock::time_point::max() ? nullptr : &until);
    lock.lock();
    {
        std::lock_guard guard(m_fibersMutex);
        if (self.linked) {
            if (self.prev)
                self.prev->next = self.next;
            else
                m_fibers = self.next;
            if (self.next)
                self.next->prev = self.prev;
            self.linked = false;
        }
    }
    return woken ? std::cv_status::no_timeout : std::cv_status::timeout;
}

// ---------------------------------------------------------------- Handle, FiberPool

void Handle::join()
{
    if (!m_state)
        return;
    std::unique_lock lock(m_state->mutex);
    m_state->cv.wait(lock, [this] { return m_state->done; });
    lock.unlock();
    m_state.reset();
}

FiberPool::FiberPool(int threads, size_t stackBytes)
{
    for (int i = 0; i < std::max(1, threads); ++i)
        m_workers.push_back(std::make_unique<Worker>(stackBytes));
    m_watchdog = std::thread([this] { watch(); });
}

FiberPool::~FiberPool()
{
    {
        std::lock_guard lock(m_watchMutex);
        m_stopWatch = true;
    }
    m_watchCv.notify_all();
    m_watchdog.join();
    m_workers.clear(); // each waits for its fibers
}

void FiberPool::watch()
{
    std::unique_lock lock(m_watchMutex);
    while (!m_stopWatch) {
        m_watchCv.wait_for(lock, kTimeSlice / 2);
        if (m_stopWatch)
            break;
        lock.unlock();
        const auto now = Clock::now();
        for (auto &w : m_workers)
            w->checkOverrun(now);
        lock.lock();
    }
}

int FiberPool::threads() const
{
    return int(m_workers.size());
}

Handle FiberPool::spawn(int worker, std::function<void()> fn)
{
    Worker &w = *m_workers[size_t(worker) % m_workers.size()];
    Handle h;
    h.m_state = std::make_shared<Handle::State>();
    Fiber *f = w.create(std::move(fn), h.m_state);
    if (!f)
        return Handle(); // no address space for its stack: not started, not joinable
    w.m_live.fetch_add(1);
    w.submit(f);
    return h;
}

} // namespace stampede::fiber
