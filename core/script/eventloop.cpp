// The per-VU event loop: timers (setTimeout/setInterval) and completions posted by
// native asynchronous operations from other threads.

#include "core/script/internal.h"

namespace stampede::script {

using Clock = std::chrono::steady_clock;

void keepAlive(Vu::State &vu)
{
    std::lock_guard lock(vu.loop.mutex);
    ++vu.loop.pending;
}

void post(Vu::State &vu, EventLoop::Task task)
{
    {
        std::lock_guard lock(vu.loop.mutex);
        vu.loop.posted.push_back(std::move(task));
        if (vu.loop.pending > 0)
            --vu.loop.pending;
    }
    vu.loop.cv.notify_all();
    // An event loop driving async requests waits in the client's poll, not on the condition
    // variable (seq_cst with the store in runEventLoop: either it sees the task or we see the flag).
    if (vu.loop.drivingHttp.load() && vu.http)
        vu.http->wake();
}

void clearEventLoop(Vu::State &vu)
{
    vu.loop.timers.clear();
    vu.loop.generation.fetch_add(1);
    // Async requests still in flight end here; they will never post their completion.
    const size_t cancelled = vu.http ? vu.http->cancelAsync() : 0;
    std::lock_guard lock(vu.loop.mutex);
    vu.loop.posted.clear();
    vu.loop.pending = std::max(0, vu.loop.pending - int(cancelled));
}

bool runEventLoop(Vu::State &vu, v8::Local<v8::Context> ctx, const std::function<bool()> &done, Error &error)
{
    v8::Isolate *isolate = vu.host->isolate;
    EventLoop &loop = vu.loop;
    for (;;) {
        vu.microtasks->PerformCheckpoint(isolate);
        if (done && done())
            return true;
        if (vu.shouldStop())
            return true; // the caller sees the stop
        // Due timers first, then posted tasks.
        EventLoop::Task task;
        bool havePending = false;
        {
            std::lock_guard lock(loop.mutex);
            if (!loop.posted.empty()) {
                task = std::move(loop.posted.front());
                loop.posted.pop_front();
            }
            havePending = loop.pending > 0;
        }
        const auto now = Clock::now();
        auto next = loop.timers.end();
        for (auto it = loop.timers.begin(); it != loop.timers.end(); ++it) {
            if (next == loop.timers.end() || it->second.due < next->second.due)
                next = it;
        }
        if (next != loop.timers.end() && next->second.due <= now) {
            if (task) {
                // Keep the posted task for the next round.
                std::lock_guard lock(loop.mutex);
                loop.posted.push_front(std::move(task));
            }
            const int64_t id = next->first;
            v8::HandleScope scope(isolate);
            v8::Local<v8::Function> fn = next->second.fn.Get(isolate);
            std::vector<v8::Local<v8::Value>> args;
            for (auto &a : next->second.args)
                args.push_back(a.Get(isolate));
            if (next->second.interval.count() > 0)
                next->second.due = now + next->second.interval;
            else
                loop.timers.erase(next);
            v8::TryCatch tc(isolate);
            v8::Local<v8::Value> ignored;
            if (!fn->Call(ctx, v8::Undefined(isolate), int(args.size()), args.data()).ToLocal(&ignored)) {
                if (tc.HasTerminated())
                    return true;
                error = describeCaught(isolate, ctx, tc);
                loop.timers.erase(id);
                return false;
            }
            continue;
        }
        if (task) {
            v8::HandleScope scope(isolate);
            v8::TryCatch tc(isolate);
            task(isolate, ctx);
            if (tc.HasCaught()) {
                if (tc.HasTerminated())
                    return true;
                error = describeCaught(isolate, ctx, tc);
                return false;
            }
            continue;
        }
        if (loop.timers.empty() && !havePending)
            return true; // nothing left that could ever run
        // Sleep until the next timer or a posted task, with the isolate unlocked.
        const auto wakeAt = next != loop.timers.end() ? next->second.due : Clock::now() + std::chrono::hours(24);
        vu.flush();
        withoutLock(vu, [&] {
            auto ready = [&] { return !loop.posted.empty() || vu.shouldStop(); };
            // Async HTTP requests move forward only while the VU drives its client.
            if (vu.http && vu.http->hasAsync()) {
                struct Driving
                {
                    std::atomic<bool> &flag;
                    explicit Driving(std::atomic<bool> &f) : flag(f) { flag.store(true); }
                    ~Driving() { flag.store(false); }
                } driving(loop.drivingHttp);
                while (vu.http->hasAsync()) {
                    {
                        std::lock_guard lock(loop.mutex);
                        if (ready())
                            return;
                    }
                    const auto now = Clock::now();
                    if (now >= wakeAt)
                        return;
                    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(wakeAt - now);
                    vu.http->drive(std::min<std::chrono::milliseconds>(left, std::chrono::milliseconds(100)));
                }
            }
            std::unique_lock lock(loop.mutex);
            loop.cv.wait_until(lock, wakeAt, ready);
        });
    }
}

} // namespace stampede::script
