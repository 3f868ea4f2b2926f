// Native half of "k6/execution": live information about the VU, scenario, instance
// and test, exec.vu.tags, and test.abort()/test.fail().

#include "core/script/modules/native.h"

#include <chrono>

namespace stampede::script {

using v8::FunctionCallbackInfo;
using v8::Local;
using v8::Value;

namespace {

int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Scenario information exists only while an iteration runs, as in k6.
const ScenarioState *scenarioOrThrow(v8::Isolate *isolate, Vu::State &vu)
{
    if (!vu.scenarioState || vu.inInit) {
        throwError(isolate, "getting scenario information outside of the VU context is not supported");
        return nullptr;
    }
    return vu.scenarioState;
}

void vuField(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Vu::State &vu = currentVu(isolate);
    const std::string field = toStd(isolate, args[0]);
    if (field == "idInInstance" || field == "idInTest") {
        args.GetReturnValue().Set(double(vu.id));
        return;
    }
    if (vu.inInit) {
        throwError(isolate, "getting VU information in the init context is not supported");
        return;
    }
    if (field == "iterationInInstance")
        args.GetReturnValue().Set(double(std::max<int64_t>(0, vu.iteration)));
    else if (field == "iterationInScenario")
        args.GetReturnValue().Set(double(std::max<int64_t>(0, vu.iterationInScenario)));
}

void scenarioField(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Vu::State &vu = currentVu(isolate);
    const ScenarioState *sc = scenarioOrThrow(isolate, vu);
    if (!sc)
        return;
    const std::string field = toStd(isolate, args[0]);
    if (field == "name")
        args.GetReturnValue().Set(str(isolate, sc->name));
    else if (field == "executor")
        args.GetReturnValue().Set(str(isolate, sc->executor));
    else if (field == "startTime")
        args.GetReturnValue().Set(double(sc->startUnixMs.load()));
    else if (field == "progress")
        args.GetReturnValue().Set(sc->progress ? sc->progress() : 0.0);
    else if (field == "iterationInInstance" || field == "iterationInTest")
        args.GetReturnValue().Set(double(std::max<int64_t>(0, vu.scenarioIteration)));
}

void instanceField(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Vu::State &vu = currentVu(isolate);
    const InstanceState *in = vu.rt->config.instance;
    const std::string field = toStd(isolate, args[0]);
    if (!in || vu.inInit) {
        throwError(isolate, "getting instance information in the init context is not supported");
        return;
    }
    if (field == "iterationsCompleted")
        args.GetReturnValue().Set(double(in->iterationsCompleted.load()));
    else if (field == "iterationsInterrupted")
        args.GetReturnValue().Set(double(in->iterationsInterrupted.load()));
    else if (field == "vusActive")
        args.GetReturnValue().Set(in->vusActive.load());
    else if (field == "vusInitialized")
        args.GetReturnValue().Set(in->vusInitialized.load());
    else if (field == "currentTestRunDuration")
        args.GetReturnValue().Set(in->startUnixMs.load() ? double(nowMs() - in->startUnixMs.load()) : 0.0);
}

void testOptions(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Local<v8::Context> ctx = isolate->GetCurrentContext();
    Local<Value> parsed;
    if (v8::JSON::Parse(ctx, str(isolate, currentVu(isolate).rt->config.optionsJson)).ToLocal(&parsed))
        args.GetReturnValue().Set(parsed);
}

void testAbort(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Vu::State &vu = currentVu(isolate);
    std::string message = args.Length() > 0 && !args[0]->IsUndefined() ? toStd(isolate, args[0]) : std::string();
    if (message.empty())
        message = "test.abort() was called";
    // Where the script called it, for the error line.
    auto trace = v8::StackTrace::CurrentStackTrace(isolate, 10);
    for (int i = 0; i < trace->GetFrameCount(); ++i) {
        auto frame = trace->GetFrame(isolate, i);
        const std::string file = toStd(isolate, frame->GetScriptName());
        if (!file.empty() && file.front() == '/') {
            vu.abortLocation = file + ":" + std::to_string(frame->GetLineNumber()) + ":"
                               + std::to_string(frame->GetColumn());
            break;
        }
    }
    vu.abortMessage = message;
    if (!vu.scenarioState) {
        // In init, setup or teardown code: an exception that carries the exit code stops the run.
        auto err = v8::Exception::Error(str(isolate, "test aborted: " + *vu.abortMessage));
        err.As<v8::Object>()
            ->Set(isolate->GetCurrentContext(), str(isolate, "__stampedeAbort"), v8::True(isolate))
            .Check();
        isolate->ThrowException(err);
        return;
    }
    isolate->TerminateExecution();
}

void testFail(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Vu::State &vu = currentVu(isolate);
    if (InstanceState *in = vu.rt->config.instance)
        in->markedFailed.store(true);
    const std::string message = args.Length() > 0 ? toStd(isolate, args[0]) : std::string();
    vu.log(LogLevel::Error, "test marked as failed" + (message.empty() ? std::string() : ": " + message),
           LogSource::Runtime);
}

void vuTagGet(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Vu::State &vu = currentVu(isolate);
    const std::string key = toStd(isolate, args[0]);
    for (const auto &[k, v] : vu.customTags) {
        if (k == key) {
            args.GetReturnValue().Set(str(isolate, v));
            return;
        }
    }
    for (const auto &[k, v] : vu.baseTags()) {
        if (k == key) {
            args.GetReturnValue().Set(str(isolate, v));
            return;
        }
    }
}

void vuTagSet(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Vu::State &vu = currentVu(isolate);
    if (!args[1]->IsString() && !args[1]->IsNumber() && !args[1]->IsBoolean()) {
        throwError(isolate, "only string, number and boolean values can be set as VU tags", true);
        return;
    }
    const std::string key = toStd(isolate, args[0]);
    const std::string value = toStd(isolate, args[1]);
    for (auto &[k, v] : vu.customTags) {
        if (k == key) {
            v = value;
            return;
        }
    }
    vu.customTags.emplace_back(key, value);
}

void vuTagDelete(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Vu::State &vu = currentVu(isolate);
    const std::string key = toStd(isolate, args[0]);
    std::erase_if(vu.customTags, [&](const auto &t) { return t.first == key; });
}

void vuTagKeys(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Local<v8::Context> ctx = isolate->GetCurrentContext();
    Vu::State &vu = currentVu(isolate);
    std::vector<std::string> keys;
    for (const auto &[k, v] : vu.baseTags()) {
        (void)v;
        if (std::find(keys.begin(), keys.end(), k) == keys.end())
            keys.push_back(k);
    }
    auto arr = v8::Array::New(isolate, int(keys.size()));
    for (size_t i = 0; i < keys.size(); ++i)
        arr->Set(ctx, uint32_t(i), str(isolate, keys[i])).Check();
    args.GetReturnValue().Set(arr);
}

} // namespace

void initExecutionNative(v8::Isolate *isolate, Local<v8::Context> ctx, Local<v8::Object> exports)
{
    setFunction(isolate, ctx, exports, "exec_vu", vuField);
    setFunction(isolate, ctx, exports, "exec_scenario", scenarioField);
    setFunction(isolate, ctx, exports, "exec_instance", instanceField);
    setFunction(isolate, ctx, exports, "exec_options", testOptions);
    setFunction(isolate, ctx, exports, "exec_abort", testAbort);
    setFunction(isolate, ctx, exports, "exec_fail", testFail);
    setFunction(isolate, ctx, exports, "exec_tag_get", vuTagGet);
    setFunction(isolate, ctx, exports, "exec_tag_set", vuTagSet);
    setFunction(isolate, ctx, exports, "exec_tag_delete", vuTagDelete);
    setFunction(isolate, ctx, exports, "exec_tag_keys", vuTagKeys);
}

} // namespace stampede::script
