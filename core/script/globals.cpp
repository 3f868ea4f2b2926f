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


// require(): k6 modules by name, local CommonJS files (module.exports / exports) and
// .json files, resolved relative to the calling module; each file runs once per VU.
void requireFn(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Local<v8::Context> ctx = isolate->GetCurrentContext();
    Vu::State &vu = currentVu(isolate);
    if (args.Length() < 1 || !args[0]->IsString()) {
        throwError(isolate, "require() needs a module name or path", true);
        return;
    }
    const std::string spec = toStd(isolate, args[0]);
    if (spec == "k6" || spec.rfind("k6/", 0) == 0) {
        Local<v8::Object> ns;
        if (requireEsModule(vu, ctx, spec).ToLocal(&ns))
            args.GetReturnValue().Set(ns);
        return;
    }
    if (!vu.inInit) {
        throwError(isolate, "require() of local files can only be called in the init context");
        return;
    }
    fs::path p(spec);
    if (p.is_relative()) {
        if (!(spec.rfind("./", 0) == 0 || spec.rfind("../", 0) == 0)) {
            throwError(isolate, "require(\"" + spec + "\"): local files must be required with a relative (./, ../) "
                                "or absolute path");
            return;
        }
        p = callerDirectory(isolate, vu.rt->script) / p;
    }
    p = p.lexically_normal();
    if (!fs::exists(p) && fs::exists(fs::path(p.string() + ".js")))
        p = p.string() + ".js";
    const std::string key = p.string();
    if (auto it = vu.commonJsModules.find(key); it != vu.commonJsModules.end()) {
        Local<Value> exports;
        if (it->second.Get(isolate)->Get(ctx, str(isolate, "exports")).ToLocal(&exports))
            args.GetReturnValue().Set(exports);
        return;
    }
    auto source = vu.rt->sources.get(p);
    if (!source) {
        throwError(isolate, "require(\"" + spec + "\"): cannot read " + key + ": " + source.error().message);
        return;
    }
    if (p.extension() == ".json") {
        Local<Value> parsed;
        if (v8::JSON::Parse(ctx, str(isolate, **source)).ToLocal(&parsed)) {
            auto module = v8::Object::New(isolate);
            setProperty(isolate, ctx, module, "exports", parsed);
            vu.commonJsModules[key].Reset(isolate, module);
            args.GetReturnValue().Set(parsed);
        }
        return;
    }
    auto module = v8::Object::New(isolate);
    auto exports = v8::Object::New(isolate);
    setProperty(isolate, ctx, module, "exports", exports);
    vu.commonJsModules[key].Reset(isolate, module); // before running: cycles see the partial exports
    Local<v8::String> params[] = {str(isolate, "exports"), str(isolate, "require"), str(isolate, "module"),
                                  str(isolate, "__filename"), str(isolate, "__dirname")};
    v8::ScriptOrigin origin(isolate, str(isolate, key));
    v8::ScriptCompiler::Source src(str(isolate, **source), origin);
    Local<v8::Function> fn;
    if (!v8::ScriptCompiler::CompileFunction(ctx, &src, 5, params, 0, nullptr).ToLocal(&fn)) {
        vu.commonJsModules.erase(key);
        return;
    }
    Local<Value> requireValue;
    if (!ctx->Global()->Get(ctx, str(isolate, "require")).ToLocal(&requireValue))
        requireValue = v8::Undefined(isolate);
    Local<Value> callArgs[] = {exports, requireValue, module, str(isolate, key),
                               str(isolate, p.parent_path().string())};
    Local<Value> ignored;
    if (!fn->Call(ctx, v8::Undefined(isolate), 5, callArgs).ToLocal(&ignored)) {
        vu.commonJsModules.erase(key);
        return;
    }
    Local<Value> result;
    if (module->Get(ctx, str(isolate, "exports")).ToLocal(&result))
        args.GetReturnValue().Set(result);
}

} // namespace

void installGlobals(v8::Isolate *isolate, Local<v8::Context> ctx, Vu::State &vu)
{
    auto global = ctx->Global();
    auto env = newDictionaryObject(isolate, ctx);
    for (const auto &[k, v] : vu.rt->config.env)
        setProperty(isolate, ctx, env, k, str(isolate, v));
    setProperty(isolate, ctx, global, "__ENV", env);
    setProperty(isolate, ctx, global, "__VU", v8::Integer::New(isolate, vu.id));
    setProperty(isolate, ctx, global, "__ITER", v8::Integer::New(isolate, 0));

    auto console = newDictionaryObject(isolate, ctx);
    setProperty(isolate, ctx, console, "log", nativeFunction(isolate, ctx, "log", consoleLog<LogLevel::Info>));
    setProperty(isolate, ctx, console, "info", nativeFunction(isolate, ctx, "info", consoleLog<LogLevel::Info>));
    setProperty(isolate, ctx, console, "debug", nativeFunction(isolate, ctx, "debug", consoleLog<LogLevel::Debug>));
    setProperty(isolate, ctx, console, "warn", nativeFunction(isolate, ctx, "warn", consoleLog<LogLevel::Warning>));
    setProperty(isolate, ctx, console, "error", nativeFunction(isolate, ctx, "error", consoleLog<LogLevel::Error>));
    setProperty(isolate, ctx, global, "console", console);
    setProperty(isolate, ctx, global, "open", nativeFunction(isolate, ctx, "open", openFile));
    setProperty(isolate, ctx, global, "require", nativeFunction(isolate, ctx, "require", requireFn));
    // k6 also has the timers as globals.
    initTimersNative(isolate, ctx, global);
}


} // namespace stampede::script
