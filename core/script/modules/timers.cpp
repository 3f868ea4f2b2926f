// Native half of "k6/timers" (also installed as globals): setTimeout, setInterval,
// clearTimeout, clearInterval on the VU's event loop.

#include "core/script/modules/native.h"

#include <chrono>
#include <cmath>

namespace stampede::script {

using v8::FunctionCallbackInfo;
using v8::Local;
using v8::Value;

namespace {

void addTimer(const FunctionCallbackInfo<Value> &args, bool repeat)
{
    v8::Isolate *isolate = args.GetIsolate();
    Local<v8::Context> ctx = isolate->GetCurrentContext();
    Vu::State &vu = currentVu(isolate);
    if (args.Length() < 1 || !args[0]->IsFunction()) {
        throwError(isolate, std::string(repeat ? "setInterval" : "setTimeout") + "() needs a function", true);
        return;
    }
    double ms = args.Length() > 1 ? args[1]->NumberValue(ctx).FromMaybe(0) : 0;
    if (!std::isfinite(ms) || ms < 0)
        ms = 0;
    EventLoop::Timer t;
    const auto delay = std::chrono::nanoseconds(int64_t(ms * 1e6));
    t.due = std::chrono::steady_clock::now() + delay;
    // A zero interval would spin: treat it as 1 ms, like browsers clamp it.
    t.interval = repeat ? std::max<std::chrono::nanoseconds>(delay, std::chrono::milliseconds(1))
                        : std::chrono::nanoseconds(0);
    t.fn.Reset(isolate, args[0].As<v8::Function>());
    for (int i = 2; i < args.Length(); ++i)
        t.args.emplace_back(isolate, args[i]);
    const int64_t id = vu.loop.nextTimerId++;
    vu.loop.timers.emplace(id, std::move(t));
    args.GetReturnValue().Set(double(id));
}

void setTimeoutFn(const FunctionCallbackInfo<Value> &args) { addTimer(args, false); }
void setIntervalFn(const FunctionCallbackInfo<Value> &args) { addTimer(args, true); }

void clearTimerFn(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    if (args.Length() < 1 || !args[0]->IsNumber())
        return;
    currentVu(isolate).loop.timers.erase(int64_t(args[0].As<v8::Number>()->Value()));
}

} // namespace

void initTimersNative(v8::Isolate *isolate, Local<v8::Context> ctx, Local<v8::Object> exports)
{
    setFunction(isolate, ctx, exports, "setTimeout", setTimeoutFn);
    setFunction(isolate, ctx, exports, "setInterval", setIntervalFn);
    setFunction(isolate, ctx, exports, "clearTimeout", clearTimerFn);
    setFunction(isolate, ctx, exports, "clearInterval", clearTimerFn);
}

} // namespace stampede::script
