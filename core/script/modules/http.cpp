// Native half of "k6/http": one request through the VU's HTTP client, k6's metrics and the Response object.

#include "core/script/modules/native.h"

#include "core/util/duration.h"

#include <algorithm>
#include <cstring>

namespace stampede::script {

namespace fs = std::filesystem;
using v8::FunctionCallbackInfo;
using v8::Local;
using v8::Value;

namespace {


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
        setProperty(isolate, ctx, obj, k, str(isolate, v));
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
    if (vu.shouldStop())
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
    setProperty(isolate, ctx, r, "status", v8::Integer::New(isolate, resp.status));
    setProperty(isolate, ctx, r, "status_text", str(isolate, resp.statusText));
    setProperty(isolate, ctx, r, "proto", str(isolate, resp.proto));
    setProperty(isolate, ctx, r, "url", str(isolate, resp.url));
    setProperty(isolate, ctx, r, "headers", headersObject(isolate, ctx, resp.headers));
    if (req.discardBody) {
        setProperty(isolate, ctx, r, "body", v8::Null(isolate));
    } else if (responseType == "binary") {
        auto store = v8::ArrayBuffer::NewBackingStore(isolate, resp.body.size());
        std::memcpy(store->Data(), resp.body.data(), resp.body.size());
        setProperty(isolate, ctx, r, "body", v8::ArrayBuffer::New(isolate, std::move(store)));
    } else {
        setProperty(isolate, ctx, r, "body", str(isolate, resp.body));
    }
    auto timings = v8::Object::New(isolate);
    setProperty(isolate, ctx, timings, "blocked", v8::Number::New(isolate, tm.blocked));
    setProperty(isolate, ctx, timings, "connecting", v8::Number::New(isolate, tm.connecting));
    setProperty(isolate, ctx, timings, "tls_handshaking", v8::Number::New(isolate, tm.tlsHandshaking));
    setProperty(isolate, ctx, timings, "sending", v8::Number::New(isolate, tm.sending));
    setProperty(isolate, ctx, timings, "waiting", v8::Number::New(isolate, tm.waiting));
    setProperty(isolate, ctx, timings, "receiving", v8::Number::New(isolate, tm.receiving));
    setProperty(isolate, ctx, timings, "duration", v8::Number::New(isolate, tm.duration));
    setProperty(isolate, ctx, r, "timings", timings);
    setProperty(isolate, ctx, r, "error", str(isolate, resp.error));
    setProperty(isolate, ctx, r, "error_code", v8::Integer::New(isolate, resp.errorCode));
    setProperty(isolate, ctx, r, "remote_ip", str(isolate, resp.remoteIp));
    setProperty(isolate, ctx, r, "remote_port", v8::Integer::New(isolate, resp.remotePort));
    setProperty(isolate, ctx, r, "tls_version", str(isolate, resp.tlsVersion));
    auto request = v8::Object::New(isolate);
    setProperty(isolate, ctx, request, "method", str(isolate, req.method));
    setProperty(isolate, ctx, request, "url", str(isolate, req.url));
    setProperty(isolate, ctx, request, "body", str(isolate, req.body));
    setProperty(isolate, ctx, request, "headers", headersObject(isolate, ctx, req.headers));
    setProperty(isolate, ctx, r, "request", request);
    args.GetReturnValue().Set(r);
}


} // namespace

void initHttpNative(v8::Isolate *isolate, Local<v8::Context> ctx, Local<v8::Object> exports)
{
    setFunction(isolate, ctx, exports, "request", httpRequest);
    setFunction(isolate, ctx, exports, "setResponsePrototype", setResponsePrototype);
    setFunction(isolate, ctx, exports, "parseTimeout", parseTimeout);
    setFunction(isolate, ctx, exports, "utf8Decode", utf8Decode);
}

} // namespace stampede::script
