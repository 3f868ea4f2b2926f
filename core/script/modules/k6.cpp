// Native half of the "k6" module: check, group, sleep.

#include "core/script/modules/native.h"

#include <chrono>

namespace stampede::script {

namespace fs = std::filesystem;
using v8::FunctionCallbackInfo;
using v8::Local;
using v8::Value;

namespace {


void check(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Local<v8::Context> ctx = isolate->GetCurrentContext();
    Vu::State &vu = currentVu(isolate);
    if (vu.inInit) {
        throwError(isolate, "check() can only be called from VU code, not in the init context");
        return;
    }
    Local<Value> subject = args.Length() > 0 ? args[0] : Local<Value>(v8::Undefined(isolate));
    if (args.Length() < 2 || !args[1]->IsObject()) {
        args.GetReturnValue().Set(true);
        return;
    }
    auto sets = args[1].As<v8::Object>();
    std::vector<metrics::TagSet::Tag> extra;
    if (args.Length() > 2 && args[2]->IsObject()) {
        auto tagObj = args[2].As<v8::Object>();
        Local<v8::Array> keys;
        if (tagObj->GetOwnPropertyNames(ctx).ToLocal(&keys)) {
            for (uint32_t i = 0; i < keys->Length(); ++i) {
                Local<Value> k, v;
                if (keys->Get(ctx, i).ToLocal(&k) && tagObj->Get(ctx, k).ToLocal(&v))
                    extra.emplace_back(toStd(isolate, k), toStd(isolate, v));
            }
        }
    }
    Local<v8::Array> names;
    if (!sets->GetOwnPropertyNames(ctx).ToLocal(&names))
        return;
    bool all = true;
    // Debug events: the request a check is about (the Response checked, else the VU's latest request).
    int64_t debugRequestId = 0;
    nlohmann::json debugLocation;
    if (vu.debugEvents()) {
        debugRequestId = vu.lastDebugRequestId;
        Local<Value> id;
        if (subject->IsObject()
            && subject.As<v8::Object>()->GetPrivate(ctx, debugRequestIdKey(isolate)).ToLocal(&id) && id->IsNumber())
            debugRequestId = int64_t(id.As<v8::Number>()->Value());
        debugLocation = userScriptLocation(isolate);
    }
    const metrics::MetricId checksId = vu.rt->config.registry->builtin().checks;
    for (uint32_t i = 0; i < names->Length(); ++i) {
        Local<Value> name, cond;
        if (!names->Get(ctx, i).ToLocal(&name) || !sets->Get(ctx, name).ToLocal(&cond))
            return;
        bool ok = false;
        if (cond->IsFunction()) {
            Local<Value> r;
            if (!cond.As<v8::Function>()->Call(ctx, v8::Undefined(isolate), 1, &subject).ToLocal(&r))
                return; // the exception propagates, as in k6
            ok = r->BooleanValue(isolate);
        } else {
            ok = cond->BooleanValue(isolate);
        }
        auto tags = vu.baseTags();
        tags.emplace_back("check", toStd(isolate, name));
        tags.insert(tags.end(), extra.begin(), extra.end());
        vu.emit(checksId, ok ? 1.0 : 0.0, std::make_shared<const metrics::TagSet>(std::move(tags)));
        all = all && ok;
        if (vu.debugEvents()) {
            nlohmann::json r = {{"type", "check"}, {"name", toStd(isolate, name)}, {"ok", ok}};
            r["request_id"] = debugRequestId ? nlohmann::json(debugRequestId) : nlohmann::json(nullptr);
            if (!debugLocation.is_null())
                r["location"] = debugLocation;
            writeDebugEvent(vu, std::move(r));
        }
    }
    args.GetReturnValue().Set(all);
}

void group(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Local<v8::Context> ctx = isolate->GetCurrentContext();
    Vu::State &vu = currentVu(isolate);
    if (vu.inInit) {
        throwError(isolate, "group() can only be called from VU code, not in the init context");
        return;
    }
    if (args.Length() < 2 || !args[1]->IsFunction()) {
        throwError(isolate, "group() needs a name and a function", true);
        return;
    }
    const std::string name = toStd(isolate, args[0]);
    if (name.find("::") != std::string::npos) {
        throwError(isolate, "group and check names may not contain '::'");
        return;
    }
    const std::string outer = vu.groupPath;
    vu.groups.push_back(name);
    vu.groupPath = outer + "::" + name;
    nlohmann::json debugLocation;
    if (vu.debugEvents()) {
        debugLocation = userScriptLocation(isolate);
        writeDebugEvent(vu, {{"type", "group"}, {"event", "enter"}, {"name", name}, {"location", debugLocation}});
    }
    const auto start = std::chrono::steady_clock::now();
    const int64_t startNs = unixNowNs();
    Local<Value> result;
    const bool ok = args[1].As<v8::Function>()->Call(ctx, v8::Undefined(isolate), 0, nullptr).ToLocal(&result);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    auto tags = vu.baseTags(); // group tag: the inner path
    vu.emit(vu.rt->config.registry->builtin().groupDuration, ms,
            std::make_shared<const metrics::TagSet>(std::move(tags)), startNs);
    if (vu.debugEvents())
        writeDebugEvent(vu, {{"type", "group"}, {"event", "leave"}, {"name", name}, {"location", debugLocation},
                             {"duration_ms", ms}});
    vu.groups.pop_back();
    vu.groupPath = outer;
    if (ok)
        args.GetReturnValue().Set(result);
}

void sleepFn(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Vu::State &vu = currentVu(isolate);
    const double secs = args.Length() > 0 ? args[0]->NumberValue(isolate->GetCurrentContext()).FromMaybe(0) : 0;
    if (!(secs > 0))
        return;
    vu.flush();
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(secs);
    withoutLock(vu, [&] {
        std::unique_lock lock(vu.sleepMutex);
        vu.sleepCv.wait_until(lock, until, [&] { return vu.shouldStop(); });
    });
}


} // namespace

void initK6Native(v8::Isolate *isolate, Local<v8::Context> ctx, Local<v8::Object> exports)
{
    setFunction(isolate, ctx, exports, "check", check);
    setFunction(isolate, ctx, exports, "group", group);
    setFunction(isolate, ctx, exports, "sleep", sleepFn);
}

} // namespace stampede::script
