// Native halves of the k6 modules and the script globals.

#include "core/script/internal.h"

#include "core/util/duration.h"

#include <cmath>
#include <fstream>
#include <sstream>

namespace stampede::script {

namespace fs = std::filesystem;
using v8::FunctionCallbackInfo;
using v8::Local;
using v8::Value;

namespace {

using NativeFn = void (*)(const FunctionCallbackInfo<Value> &);

// Instantiates the per-isolate template of `fn` as a function of the current context.
Local<v8::Function> function(v8::Isolate *isolate, Local<v8::Context> ctx, const char *name, NativeFn fn)
{
    Vu::State &vu = currentVu(isolate);
    auto &slot = vu.host->templates[name];
    if (slot.IsEmpty()) {
        auto tmpl = v8::FunctionTemplate::New(isolate, fn);
        tmpl->SetClassName(str(isolate, name));
        slot.Reset(isolate, tmpl);
    }
    auto f = slot.Get(isolate)->GetFunction(ctx).ToLocalChecked();
    f->SetName(str(isolate, name));
    return f;
}

void set(v8::Isolate *isolate, Local<v8::Context> ctx, Local<v8::Object> obj, std::string_view key, Local<Value> v)
{
    obj->CreateDataProperty(ctx, str(isolate, key), v).Check();
}

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

// ---- k6

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
    const auto start = std::chrono::steady_clock::now();
    const int64_t startNs = unixNowNs();
    Local<Value> result;
    const bool ok = args[1].As<v8::Function>()->Call(ctx, v8::Undefined(isolate), 0, nullptr).ToLocal(&result);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    auto tags = vu.baseTags(); // group tag: the inner path
    vu.emit(vu.rt->config.registry->builtin().groupDuration, ms,
            std::make_shared<const metrics::TagSet>(std::move(tags)), startNs);
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
        vu.sleepCv.wait_until(lock, until, [&] { return vu.stopRequested.load(); });
    });
}

// ---- k6/http

void setResponsePrototype(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    if (args.Length() > 0 && args[0]->IsObject())
        currentVu(isolate).responsePrototype.Reset(isolate, args[0].As<v8::Object>());
}

void parseTimeout(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    if (args.Length() < 1)
        return;
    if (args[0]->IsNumber()) {
        args.GetReturnValue().Set(args[0]);
        return;
    }
    auto d = parseDuration(toStd(isolate, args[0]));
    if (!d) {
        throwError(isolate, "invalid timeout: " + d.error().message, true);
        return;
    }
    args.GetReturnValue().Set(double(d->count()) / 1e6);
}

void utf8Decode(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    if (args.Length() < 1)
        return;
    if (args[0]->IsArrayBuffer()) {
        auto store = args[0].As<v8::ArrayBuffer>()->GetBackingStore();
        args.GetReturnValue().Set(
            str(isolate, std::string_view(static_cast<const char *>(store->Data()), store->ByteLength())));
    } else {
        args.GetReturnValue().Set(args[0]);
    }
}

// "content-type" -> "Content-Type" (Go's canonical MIME header keys, as k6 reports them).
std::string canonicalHeaderKey(std::string key)
{
    bool upper = true;
    for (char &c : key) {
        if (upper && c >= 'a' && c <= 'z')
            c = char(c - 'a' + 'A');
        else if (!upper && c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
        upper = c == '-';
    }
    return key;
}

Local<v8::Object> headersObject(v8::Isolate *isolate, Local<v8::Context> ctx, const std::vector<http::Header> &hs)
{
    std::vector<std::pair<std::string, std::string>> merged;
    for (const auto &[k, v] : hs) {
        const std::string key = canonicalHeaderKey(k);
        auto it = std::find_if(merged.begin(), merged.end(), [&](const auto &p) { return p.first == key; });
        if (it == merged.end())
            merged.emplace_back(key, v);
        else
            it->second += ", " + v;
    }
    auto obj = v8::Object::New(isolate);
    for (const auto &[k, v] : merged)
        set(isolate, ctx, obj, k, str(isolate, v));
    return obj;
}

void httpRequest(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Local<v8::Context> ctx = isolate->GetCurrentContext();
    Vu::State &vu = currentVu(isolate);
    if (vu.inInit) {
        throwError(isolate, "making HTTP requests in the init context is not supported: move the request into "
                            "the default function or setup()");
        return;
    }
    http::Request req;
    req.method = toStd(isolate, args[0]);
    req.url = toStd(isolate, args[1]);
    if (args[2]->IsString()) {
        req.body = toStd(isolate, args[2]);
    } else if (args[2]->IsArrayBuffer()) {
        auto store = args[2].As<v8::ArrayBuffer>()->GetBackingStore();
        req.body.assign(static_cast<const char *>(store->Data()), store->ByteLength());
    } else if (args[2]->IsArrayBufferView()) {
        auto view = args[2].As<v8::ArrayBufferView>();
        req.body.resize(view->ByteLength());
        view->CopyContents(req.body.data(), req.body.size());
    }
    auto params = args[3].As<v8::Object>();
    auto getParam = [&](const char *k) {
        return params->Get(ctx, str(isolate, k)).ToLocalChecked();
    };
    std::vector<metrics::TagSet::Tag> userTags;
    auto readPairs = [&](Local<Value> v, auto &&sink) {
        if (!v->IsObject())
            return;
        auto o = v.As<v8::Object>();
        Local<v8::Array> keys = o->GetOwnPropertyNames(ctx).ToLocalChecked();
        for (uint32_t i = 0; i < keys->Length(); ++i) {
            Local<Value> k = keys->Get(ctx, i).ToLocalChecked();
            sink(toStd(isolate, k), toStd(isolate, o->Get(ctx, k).ToLocalChecked()));
        }
    };
    readPairs(getParam("headers"), [&](std::string k, std::string v) { req.headers.emplace_back(std::move(k), std::move(v)); });
    readPairs(getParam("tags"), [&](std::string k, std::string v) { userTags.emplace_back(std::move(k), std::move(v)); });
    const double timeoutMs = getParam("timeout")->NumberValue(ctx).FromMaybe(60000);
    req.timeout = std::chrono::milliseconds(int64_t(timeoutMs));
    const double redirects = getParam("redirects")->NumberValue(ctx).FromMaybe(-1);
    req.maxRedirects = redirects >= 0 ? int(redirects) : 10;
    const std::string responseType = toStd(isolate, getParam("responseType"));
    req.discardBody = responseType == "none";
    std::vector<std::pair<int, int>> expected;
    if (auto e = getParam("expected"); e->IsArray()) {
        auto arr = e.As<v8::Array>();
        for (uint32_t i = 0; i < arr->Length(); ++i) {
            auto pair = arr->Get(ctx, i).ToLocalChecked().As<v8::Array>();
            expected.emplace_back(int(pair->Get(ctx, 0).ToLocalChecked()->NumberValue(ctx).FromMaybe(0)),
                                  int(pair->Get(ctx, 1).ToLocalChecked()->NumberValue(ctx).FromMaybe(0)));
        }
    }
    const bool haveCallback = !getParam("expected")->IsNull();

    vu.flush();
    http::Response resp;
    withoutLock(vu, [&] { resp = vu.http->perform(req); });
    if (vu.stopRequested.load())
        return; // terminating

    // Metrics, tagged as k6 tags them.
    bool isExpected = true;
    if (haveCallback) {
        isExpected = std::any_of(expected.begin(), expected.end(),
                                 [&](const auto &r) { return resp.status >= r.first && resp.status <= r.second; });
    }
    auto tags = vu.baseTags();
    tags.emplace_back("method", req.method);
    tags.emplace_back("url", req.url);
    tags.emplace_back("name", req.url);
    tags.emplace_back("status", std::to_string(resp.status));
    if (!resp.proto.empty())
        tags.emplace_back("proto", resp.proto);
    if (haveCallback)
        tags.emplace_back("expected_response", isExpected ? "true" : "false");
    if (resp.errorCode) {
        tags.emplace_back("error_code", std::to_string(resp.errorCode));
        if (!resp.error.empty())
            tags.emplace_back("error", resp.error);
    }
    if (!resp.tlsVersion.empty())
        tags.emplace_back("tls_version", resp.tlsVersion);
    tags.insert(tags.end(), userTags.begin(), userTags.end());
    auto tagSet = std::make_shared<const metrics::TagSet>(std::move(tags));
    const auto &b = vu.rt->config.registry->builtin();
    const int64_t t = resp.startUnixNs;
    const http::Timings &tm = resp.timings;
    vu.emit(b.httpReqs, 1, tagSet, t);
    vu.emit(b.httpReqDuration, tm.duration, tagSet, t);
    vu.emit(b.httpReqBlocked, tm.blocked, tagSet, t);
    vu.emit(b.httpReqConnecting, tm.connecting, tagSet, t);
    vu.emit(b.httpReqTlsHandshaking, tm.tlsHandshaking, tagSet, t);
    vu.emit(b.httpReqSending, tm.sending, tagSet, t);
    vu.emit(b.httpReqWaiting, tm.waiting, tagSet, t);
    vu.emit(b.httpReqReceiving, tm.receiving, tagSet, t);
    if (haveCallback)
        vu.emit(b.httpReqFailed, isExpected ? 0.0 : 1.0, tagSet, t);
    auto dataTags = std::make_shared<const metrics::TagSet>(vu.baseTags());
    vu.emit(b.dataSent, double(resp.bytesSent), dataTags, t);
    vu.emit(b.dataReceived, double(resp.bytesReceived), dataTags, t);

    if (!resp.error.empty())
        vu.log(LogLevel::Warning, "Request Failed: " + req.method + " " + req.url + ": " + resp.error);

    // The Response object.
    auto proto = vu.responsePrototype.Get(isolate);
    auto r = v8::Object::New(isolate);
    if (!proto.IsEmpty())
        r->SetPrototype(ctx, proto).Check();
    set(isolate, ctx, r, "status", v8::Integer::New(isolate, resp.status));
    set(isolate, ctx, r, "status_text", str(isolate, resp.statusText));
    set(isolate, ctx, r, "proto", str(isolate, resp.proto));
    set(isolate, ctx, r, "url", str(isolate, resp.url));
    set(isolate, ctx, r, "headers", headersObject(isolate, ctx, resp.headers));
    if (req.discardBody) {
        set(isolate, ctx, r, "body", v8::Null(isolate));
    } else if (responseType == "binary") {
        auto store = v8::ArrayBuffer::NewBackingStore(isolate, resp.body.size());
        std::memcpy(store->Data(), resp.body.data(), resp.body.size());
        set(isolate, ctx, r, "body", v8::ArrayBuffer::New(isolate, std::move(store)));
    } else {
        set(isolate, ctx, r, "body", str(isolate, resp.body));
    }
    auto timings = v8::Object::New(isolate);
    set(isolate, ctx, timings, "blocked", v8::Number::New(isolate, tm.blocked));
    set(isolate, ctx, timings, "connecting", v8::Number::New(isolate, tm.connecting));
    set(isolate, ctx, timings, "tls_handshaking", v8::Number::New(isolate, tm.tlsHandshaking));
    set(isolate, ctx, timings, "sending", v8::Number::New(isolate, tm.sending));
    set(isolate, ctx, timings, "waiting", v8::Number::New(isolate, tm.waiting));
    set(isolate, ctx, timings, "receiving", v8::Number::New(isolate, tm.receiving));
    set(isolate, ctx, timings, "duration", v8::Number::New(isolate, tm.duration));
    set(isolate, ctx, r, "timings", timings);
    set(isolate, ctx, r, "error", str(isolate, resp.error));
    set(isolate, ctx, r, "error_code", v8::Integer::New(isolate, resp.errorCode));
    set(isolate, ctx, r, "remote_ip", str(isolate, resp.remoteIp));
    set(isolate, ctx, r, "remote_port", v8::Integer::New(isolate, resp.remotePort));
    set(isolate, ctx, r, "tls_version", str(isolate, resp.tlsVersion));
    auto request = v8::Object::New(isolate);
    set(isolate, ctx, request, "method", str(isolate, req.method));
    set(isolate, ctx, request, "url", str(isolate, req.url));
    set(isolate, ctx, request, "body", str(isolate, req.body));
    set(isolate, ctx, request, "headers", headersObject(isolate, ctx, req.headers));
    set(isolate, ctx, r, "request", request);
    args.GetReturnValue().Set(r);
}

// ---- k6/metrics

void metricRegister(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Vu::State &vu = currentVu(isolate);
    if (!vu.inInit) {
        throwError(isolate, "metrics must be created in the init context (at the top level of the script)");
        return;
    }
    const std::string name = toStd(isolate, args[0]);
    const std::string type = toStd(isolate, args[1]);
    const bool isTime = args[2]->BooleanValue(isolate);
    metrics::MetricType t = metrics::MetricType::Counter;
    if (type == "gauge")
        t = metrics::MetricType::Gauge;
    else if (type == "rate")
        t = metrics::MetricType::Rate;
    else if (type == "trend")
        t = metrics::MetricType::Trend;
    auto id = vu.rt->config.registry->add(name, t, isTime ? metrics::ValueType::Time : metrics::ValueType::Default);
    if (!id) {
        throwError(isolate, id.error().message);
        return;
    }
    args.GetReturnValue().Set(v8::Integer::NewFromUnsigned(isolate, *id));
}

void metricAdd(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Local<v8::Context> ctx = isolate->GetCurrentContext();
    Vu::State &vu = currentVu(isolate);
    if (vu.inInit) {
        throwError(isolate, "metric.add() can only be called from VU code, not in the init context");
        return;
    }
    const auto id = metrics::MetricId(args[0]->Uint32Value(ctx).FromMaybe(0));
    const double value = args[1]->NumberValue(ctx).FromMaybe(NAN);
    if (std::isnan(value)) {
        throwError(isolate, "metric.add() needs a number", true);
        return;
    }
    auto tags = vu.baseTags();
    if (args[2]->IsObject()) {
        auto o = args[2].As<v8::Object>();
        Local<v8::Array> keys = o->GetOwnPropertyNames(ctx).ToLocalChecked();
        for (uint32_t i = 0; i < keys->Length(); ++i) {
            Local<Value> k = keys->Get(ctx, i).ToLocalChecked();
            tags.emplace_back(toStd(isolate, k), toStd(isolate, o->Get(ctx, k).ToLocalChecked()));
        }
    }
    vu.emit(id, value, std::make_shared<const metrics::TagSet>(std::move(tags)));
    args.GetReturnValue().Set(true);
}

} // namespace

Local<v8::Object> makeNativeModule(v8::Isolate *isolate, Local<v8::Context> ctx, std::string_view name)
{
    auto obj = v8::Object::New(isolate);
    auto fn = [&](const char *key, NativeFn f) { set(isolate, ctx, obj, key, function(isolate, ctx, key, f)); };
    if (name == "stampede:native") {
        fn("check", check);
        fn("group", group);
        fn("sleep", sleepFn);
    } else if (name == "stampede:native/http") {
        fn("request", httpRequest);
        fn("setResponsePrototype", setResponsePrototype);
        fn("parseTimeout", parseTimeout);
        fn("utf8Decode", utf8Decode);
    } else if (name == "stampede:native/metrics") {
        fn("register", metricRegister);
        fn("add", metricAdd);
    } else {
        throwError(isolate, "unknown internal module " + std::string(name));
        return {};
    }
    return obj;
}

void installGlobals(v8::Isolate *isolate, Local<v8::Context> ctx, Vu::State &vu)
{
    auto global = ctx->Global();
    auto env = v8::Object::New(isolate);
    for (const auto &[k, v] : vu.rt->config.env)
        set(isolate, ctx, env, k, str(isolate, v));
    set(isolate, ctx, global, "__ENV", env);
    set(isolate, ctx, global, "__VU", v8::Integer::New(isolate, vu.id));
    set(isolate, ctx, global, "__ITER", v8::Integer::New(isolate, 0));

    auto console = v8::Object::New(isolate);
    set(isolate, ctx, console, "log", function(isolate, ctx, "log", consoleLog<LogLevel::Info>));
    set(isolate, ctx, console, "info", function(isolate, ctx, "info", consoleLog<LogLevel::Info>));
    set(isolate, ctx, console, "debug", function(isolate, ctx, "debug", consoleLog<LogLevel::Debug>));
    set(isolate, ctx, console, "warn", function(isolate, ctx, "warn", consoleLog<LogLevel::Warning>));
    set(isolate, ctx, console, "error", function(isolate, ctx, "error", consoleLog<LogLevel::Error>));
    set(isolate, ctx, global, "console", console);
    set(isolate, ctx, global, "open", function(isolate, ctx, "open", openFile));
}

} // namespace stampede::script
