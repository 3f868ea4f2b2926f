// The globals every VU context gets: __ENV, __VU, __ITER, console and open().

#include "core/script/modules/native.h"

#include <cstring>

namespace stampede::script {

namespace fs = std::filesystem;
using v8::FunctionCallbackInfo;
using v8::Local;
using v8::Value;

namespace {

std::string formatLogArg(v8::Isolate *isolate, Local<v8::Context> ctx, Local<Value> v)
{
    if (v->IsString())
        return toStd(isolate, v);
    if (v->IsObject() && !v->IsFunction()) {
        if (v->IsNativeError())
            return toStd(isolate, v);
        v8::TryCatch tc(isolate);
        Local<v8::String> json;
        if (v8::JSON::Stringify(ctx, v).ToLocal(&json))
            return toStd(isolate, json);
    }
    return toStd(isolate, v);
}

template<LogLevel level>
void consoleLog(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Local<v8::Context> ctx = isolate->GetCurrentContext();
    std::string text;
    for (int i = 0; i < args.Length(); ++i) {
        if (i)
            text += ' ';
        text += formatLogArg(isolate, ctx, args[i]);
    }
    currentVu(isolate).log(level, text);
}

// The directory of the module that is calling into native code.
fs::path callerDirectory(v8::Isolate *isolate, const fs::path &fallback)
{
    auto trace = v8::StackTrace::CurrentStackTrace(isolate, 1);
    if (trace->GetFrameCount() > 0) {
        const std::string name = toStd(isolate, trace->GetFrame(isolate, 0)->GetScriptName());
        if (!name.empty() && name.front() == '/')
            return fs::path(name).parent_path();
    }
    return fallback.parent_path();
}

void openFile(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Vu::State &vu = currentVu(isolate);
    if (!vu.inInit) {
        throwError(isolate, "open() can only be called in the init context (outside of the default function, "
                            "setup and teardown)");
        return;
    }
    if (args.Length() < 1 || !args[0]->IsString()) {
        throwError(isolate, "open() needs a file path", true);
        return;
    }
    fs::path p(toStd(isolate, args[0]));
    if (p.string().rfind("file://", 0) == 0)
        p = p.string().substr(7);
    if (p.is_relative())
        p = callerDirectory(isolate, vu.rt->script) / p;
    p = p.lexically_normal();
    auto content = vu.rt->sources.get(p);
    if (!content) {
        throwError(isolate, "open(): cannot read " + p.string() + ": " + content.error().message);
        return;
    }
    const bool binary = args.Length() > 1 && toStd(isolate, args[1]) == "b";
    const std::string &data = **content;
    if (binary) {
        auto store = v8::ArrayBuffer::NewBackingStore(isolate, data.size());
        std::memcpy(store->Data(), data.data(), data.size());
        args.GetReturnValue().Set(v8::ArrayBuffer::New(isolate, std::move(store)));
    } else {
        args.GetReturnValue().Set(str(isolate, data));
    }
}


} // namespace

void installGlobals(v8::Isolate *isolate, Local<v8::Context> ctx, Vu::State &vu)
{
    auto global = ctx->Global();
    auto env = v8::Object::New(isolate);
    for (const auto &[k, v] : vu.rt->config.env)
        setProperty(isolate, ctx, env, k, str(isolate, v));
    setProperty(isolate, ctx, global, "__ENV", env);
    setProperty(isolate, ctx, global, "__VU", v8::Integer::New(isolate, vu.id));
    setProperty(isolate, ctx, global, "__ITER", v8::Integer::New(isolate, 0));

    auto console = v8::Object::New(isolate);
    setProperty(isolate, ctx, console, "log", nativeFunction(isolate, ctx, "log", consoleLog<LogLevel::Info>));
    setProperty(isolate, ctx, console, "info", nativeFunction(isolate, ctx, "info", consoleLog<LogLevel::Info>));
    setProperty(isolate, ctx, console, "debug", nativeFunction(isolate, ctx, "debug", consoleLog<LogLevel::Debug>));
    setProperty(isolate, ctx, console, "warn", nativeFunction(isolate, ctx, "warn", consoleLog<LogLevel::Warning>));
    setProperty(isolate, ctx, console, "error", nativeFunction(isolate, ctx, "error", consoleLog<LogLevel::Error>));
    setProperty(isolate, ctx, global, "console", console);
    setProperty(isolate, ctx, global, "open", nativeFunction(isolate, ctx, "open", openFile));
    // k6 also has the timers as globals.
    initTimersNative(isolate, ctx, global);
}


} // namespace stampede::script
