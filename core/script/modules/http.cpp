// Native half of "k6/http": requests and batches through the VU's HTTP client, k6's metrics,
// the Response object and the cookie jars.

#include "core/script/modules/handle.h"
#include "core/script/modules/native.h"

#include "core/http/compression.h"

#include <thread>

#include "core/util/duration.h"

#include <algorithm>
#include <cstring>

namespace stampede::script {

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
        std::string key = canonicalHeaderKey(k);
        auto it = std::find_if(merged.begin(), merged.end(), [&](const auto &p) { return p.first == key; });
        if (it == merged.end())
            merged.emplace_back(std::move(key), v);
        else
            it->second += ", " + v;
    }
    auto obj = v8::Object::New(isolate);
    for (const auto &[k, v] : merged)
        setProperty(isolate, ctx, obj, k, str(isolate, v));
    return obj;
}

// ---------------------------------------------------------------- cookie jars

Local<v8::FunctionTemplate> jarClass(v8::Isolate *isolate)
{
    return handleClass(isolate, "CookieJarHandle");
}

// A jar handle from JS: null/undefined = the VU's jar.
http::CookieJar *jarOf(v8::Isolate *isolate, Local<Value> v)
{
    if (v.IsEmpty() || v->IsNullOrUndefined())
        return &currentVu(isolate).http->cookieJar();
    return unwrapOwned<http::CookieJar>(jarClass(isolate), v);
}

void syncIteration(Vu::State &vu)
{
    // Iteration boundary (cookie reset, noVUConnectionReuse), noticed at the first use in an iteration.
    vu.http->beginIteration(vu.iteration);
}

void newJar(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Local<v8::Object> obj;
    if (wrapOwned(isolate, isolate->GetCurrentContext(), jarClass(isolate), std::make_unique<http::CookieJar>(), 1024)
            .ToLocal(&obj))
        args.GetReturnValue().Set(obj);
}

http::CookieJar *jarArg(const FunctionCallbackInfo<Value> &args, http::UrlParts &url)
{
    v8::Isolate *isolate = args.GetIsolate();
    syncIteration(currentVu(isolate));
    http::CookieJar *jar = jarOf(isolate, args[0]);
    if (!jar) {
        throwError(isolate, "not a cookie jar", true);
        return nullptr;
    }
    url = http::parseUrl(toStd(isolate, args[1]));
    if (!url.valid) {
        throwError(isolate, "invalid URL: \"" + toStd(isolate, args[1]) + "\"", true);
        return nullptr;
    }
    return jar;
}

void jarSet(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Local<v8::Context> ctx = isolate->GetCurrentContext();
    http::UrlParts url;
    http::CookieJar *jar = jarArg(args, url);
    if (!jar)
        return;
    http::Cookie c;
    c.name = toStd(isolate, args[2]);
    c.value = toStd(isolate, args[3]);
    c.domain.clear();
    c.path.clear();
    if (args[4]->IsObject()) {
        auto o = args[4].As<v8::Object>();
        auto get = [&](const char *k) { return o->Get(ctx, str(isolate, k)).ToLocalChecked(); };
        if (auto v = get("domain"); !v->IsNullOrUndefined())
            c.domain = toStd(isolate, v);
        if (auto v = get("path"); !v->IsNullOrUndefined())
            c.path = toStd(isolate, v);
        if (auto v = get("expires"); !v->IsNullOrUndefined()) {
            std::string header = "x=y; expires=" + toStd(isolate, v);
            http::Cookie tmp;
            if (http::CookieJar::parseSetCookie(header, tmp))
                c.expiresUnix = tmp.expiresUnix;
        }
        if (auto v = get("max_age"); v->IsNumber()) {
            const int64_t age = int64_t(v->NumberValue(ctx).FromMaybe(0));
            c.maxAge = age;
            if (age != 0)
                c.expiresUnix = age < 0 ? 1 : int64_t(std::time(nullptr)) + age;
        }
        c.secure = get("secure")->BooleanValue(isolate);
        c.httpOnly = get("http_only")->BooleanValue(isolate);
    }
    if (!jar->set(url, std::move(c)))
        throwError(isolate, "the cookie's domain does not match the URL " + toStd(isolate, args[1]));
}

void jarCookiesForUrl(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Local<v8::Context> ctx = isolate->GetCurrentContext();
    http::UrlParts url;
    http::CookieJar *jar = jarArg(args, url);
    if (!jar)
        return;
    auto out = v8::Object::New(isolate);
    for (const http::Cookie *c : jar->cookiesFor(url)) {
        auto key = str(isolate, c->name);
        Local<Value> existing;
        Local<v8::Array> list;
        if (out->Get(ctx, key).ToLocal(&existing) && existing->IsArray()) {
            list = existing.As<v8::Array>();
        } else {
            list = v8::Array::New(isolate);
            out->Set(ctx, key, list).Check();
        }
        list->Set(ctx, list->Length(), str(isolate, c->value)).Check();
    }
    args.GetReturnValue().Set(out);
}

void jarGet(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    http::UrlParts url;
    http::CookieJar *jar = jarArg(args, url);
    if (!jar)
        return;
    const std::string name = toStd(isolate, args[2]);
    for (const http::Cookie *c : jar->cookiesFor(url)) {
        if (c->name == name) {
            args.GetReturnValue().Set(str(isolate, c->value));
            return;
        }
    }
    args.GetReturnValue().Set(str(isolate, ""));
}

void jarClear(const FunctionCallbackInfo<Value> &args)
{
    http::UrlParts url;
    if (http::CookieJar *jar = jarArg(args, url))
        jar->clear(url);
}

void jarDelete(const FunctionCallbackInfo<Value> &args)
{
    http::UrlParts url;
    if (http::CookieJar *jar = jarArg(args, url))
        jar->remove(url, toStd(args.GetIsolate(), args[2]));
}

// ---------------------------------------------------------------- requests

struct Prepared
{
    http::Request req;
    std::vector<metrics::TagSet::Tag> userTags;
    std::vector<std::pair<int, int>> expected;
    bool haveCallback = false;
    std::string responseType;
    bool hasNameTag = false;
};

// (method, url, body, params) as normalised by k6_http.js -> a request. False with an exception pending on error.
bool prepare(v8::Isolate *isolate, Local<v8::Context> ctx, Vu::State &vu, Local<Value> method, Local<Value> url,
             Local<Value> body, Local<Value> paramsValue, Prepared &p)
{
    http::Request &req = p.req;
    req.method = toStd(isolate, method);
    req.url = toStd(isolate, url);
    if (!body->IsNullOrUndefined())
        bytesOf(isolate, body, req.body);
    if (!paramsValue->IsObject()) {
        throwError(isolate, "request params must be an object", true);
        return false;
    }
    auto params = paramsValue.As<v8::Object>();
    auto getParam = [&](const char *k) { return params->Get(ctx, literalKey(isolate, k)).ToLocalChecked(); };
    for (auto &[k, v] : stringPairs(isolate, ctx, getParam("headers")))
        req.headers.emplace_back(std::move(k), std::move(v));
    for (auto &[k, v] : stringPairs(isolate, ctx, getParam("tags"))) {
        p.hasNameTag |= k == "name";
        p.userTags.emplace_back(std::move(k), std::move(v));
    }
    const double timeoutMs = getParam("timeout")->NumberValue(ctx).FromMaybe(60000);
    req.timeout = std::chrono::milliseconds(int64_t(timeoutMs));
    const double redirects = getParam("redirects")->NumberValue(ctx).FromMaybe(-1);
    req.maxRedirects = redirects >= 0 ? int(redirects) : -1;
    p.responseType = toStd(isolate, getParam("responseType"));
    if (auto c = getParam("compression"); c->IsString() && !req.body.empty()) {
        auto encoding = http::compressBody(req.body, toStd(isolate, c));
        if (!encoding) {
            throwError(isolate, encoding.error().message, true);
            return false;
        }
        if (!encoding->empty())
            req.headers.emplace_back("Content-Encoding", *encoding);
    }
    if (auto a = getParam("auth"); a->IsString()) {
        p.req.auth = toStd(isolate, a);
        if (p.req.auth != "basic" && p.req.auth != "digest" && p.req.auth != "ntlm") {
            throwError(isolate, "unknown auth \"" + p.req.auth + "\" (basic, digest or ntlm)", true);
            return false;
        }
    }
    if (auto h = getParam("h2c"); h->IsBoolean())
        req.h2c = h->IsTrue(); // Stampede: HTTP/2 over cleartext for this request
    if (p.responseType.empty())
        p.responseType = vu.http->options().discardResponseBodies ? "none" : "text";
    if (p.responseType != "text" && p.responseType != "binary" && p.responseType != "none") {
        throwError(isolate, "unknown responseType \"" + p.responseType + "\": use text, binary or none", true);
        return false;
    }
    req.discardBody = p.responseType == "none";
    if (auto e = getParam("expected"); e->IsArray()) {
        p.haveCallback = true;
        auto arr = e.As<v8::Array>();
        for (uint32_t i = 0; i < arr->Length(); ++i) {
            auto pair = arr->Get(ctx, i).ToLocalChecked().As<v8::Array>();
            p.expected.emplace_back(int(pair->Get(ctx, 0).ToLocalChecked()->NumberValue(ctx).FromMaybe(0)),
                                    int(pair->Get(ctx, 1).ToLocalChecked()->NumberValue(ctx).FromMaybe(0)));
        }
    }
    if (auto c = getParam("cookies"); c->IsObject()) {
        auto o = c.As<v8::Object>();
        Local<v8::Array> keys = o->GetOwnPropertyNames(ctx).ToLocalChecked();
        for (uint32_t i = 0; i < keys->Length(); ++i) {
            Local<Value> k = keys->Get(ctx, i).ToLocalChecked();
            Local<Value> v = o->Get(ctx, k).ToLocalChecked();
            http::RequestCookie rc;
            rc.name = toStd(isolate, k);
            if (v->IsObject()) {
                auto vo = v.As<v8::Object>();
                rc.value = toStd(isolate, vo->Get(ctx, str(isolate, "value")).ToLocalChecked());
                rc.replace = vo->Get(ctx, str(isolate, "replace")).ToLocalChecked()->BooleanValue(isolate);
            } else {
                rc.value = toStd(isolate, v);
            }
            req.cookies.push_back(std::move(rc));
        }
    }
    if (auto j = getParam("jar"); !j->IsNullOrUndefined()) {
        req.jar = jarOf(isolate, j);
        if (!req.jar) {
            throwError(isolate, "params.jar must be a cookie jar (http.cookieJar() or new http.CookieJar())", true);
            return false;
        }
    }
    return true;
}

Local<v8::Object> cookiesObject(v8::Isolate *isolate, Local<v8::Context> ctx, const std::vector<http::Header> &headers)
{
    auto out = v8::Object::New(isolate);
    for (const auto &[k, v] : headers) {
        if (k.size() != 10 || canonicalHeaderKey(k) != "Set-Cookie")
            continue;
        http::Cookie c;
        if (!http::CookieJar::parseSetCookie(v, c))
            continue;
        auto obj = v8::Object::New(isolate);
        setProperty(isolate, ctx, obj, "name", str(isolate, c.name));
        setProperty(isolate, ctx, obj, "value", str(isolate, c.value));
        setProperty(isolate, ctx, obj, "domain", str(isolate, c.domain));
        setProperty(isolate, ctx, obj, "path", str(isolate, c.path));
        setProperty(isolate, ctx, obj, "http_only", v8::Boolean::New(isolate, c.httpOnly));
        setProperty(isolate, ctx, obj, "secure", v8::Boolean::New(isolate, c.secure));
        setProperty(isolate, ctx, obj, "max_age", v8::Number::New(isolate, double(c.maxAge)));
        setProperty(isolate, ctx, obj, "expires", v8::Number::New(isolate, c.expiresText.empty() ? 0.0 : double(c.expiresUnix) * 1000.0));
        auto key = str(isolate, c.name);
        Local<Value> existing;
        Local<v8::Array> list;
        if (out->Get(ctx, key).ToLocal(&existing) && existing->IsArray()) {
            list = existing.As<v8::Array>();
        } else {
            list = v8::Array::New(isolate);
            out->Set(ctx, key, list).Check();
        }
        list->Set(ctx, list->Length(), obj).Check();
    }
    return out;
}

void emitHop(Vu::State &vu, const Prepared &p, const http::Response &resp)
{
    bool isExpected = true;
    if (p.haveCallback) {
        isExpected = std::any_of(p.expected.begin(), p.expected.end(),
                                 [&](const auto &r) { return resp.status >= r.first && resp.status <= r.second; });
    }
    auto tags = vu.baseTags();
    tags.emplace_back("method", resp.method);
    tags.emplace_back("url", resp.url);
    if (!p.hasNameTag)
        tags.emplace_back("name", resp.url);
    tags.emplace_back("status", std::to_string(resp.status));
    if (!resp.proto.empty())
        tags.emplace_back("proto", resp.proto);
    if (p.haveCallback)
        tags.emplace_back("expected_response", isExpected ? "true" : "false");
    if (resp.errorCode) {
        tags.emplace_back("error_code", std::to_string(resp.errorCode));
        if (!resp.error.empty())
            tags.emplace_back("error", resp.error);
    }
    if (!resp.tlsVersion.empty())
        tags.emplace_back("tls_version", resp.tlsVersion);
    tags.insert(tags.end(), p.userTags.begin(), p.userTags.end());
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
    if (p.haveCallback)
        vu.emit(b.httpReqFailed, isExpected ? 0.0 : 1.0, tagSet, t);
    auto dataTags = std::make_shared<const metrics::TagSet>(vu.baseTags());
    vu.emit(b.dataSent, double(resp.bytesSent), dataTags, t);
    vu.emit(b.dataReceived, double(resp.bytesReceived), dataTags, t);

    const int debug = vu.http->options().httpDebug;
    if (debug) {
        std::string text = "Request:\n" + resp.requestHead;
        if (debug > 1 && !resp.requestBody.empty())
            text += resp.requestBody + "\n";
        vu.log(LogLevel::Info, text);
        if (!resp.responseHead.empty()) {
            std::string r = "Response:\n" + resp.responseHead + "\n";
            if (debug > 1 && !resp.body.empty())
                r += resp.body + "\n";
            vu.log(LogLevel::Info, r);
        }
    }
    if (!resp.error.empty())
        vu.log(LogLevel::Warning, "Request Failed: " + resp.method + " " + resp.url + ": " + resp.error);
}

Local<v8::Object> responseObject(v8::Isolate *isolate, Local<v8::Context> ctx, Vu::State &vu, const Prepared &p,
                                 const http::Response &resp)
{
    const http::Request &req = p.req;
    auto proto = vu.responsePrototype.Get(isolate);
    auto r = v8::Object::New(isolate);
    if (!proto.IsEmpty())
        r->SetPrototype(ctx, proto).Check();
    setProperty(isolate, ctx, r, "status", v8::Integer::New(isolate, resp.status));
    setProperty(isolate, ctx, r, "status_text", str(isolate, resp.statusText));
    setProperty(isolate, ctx, r, "proto", str(isolate, resp.proto));
    setProperty(isolate, ctx, r, "url", str(isolate, resp.url));
    setProperty(isolate, ctx, r, "headers", headersObject(isolate, ctx, resp.headers));
    setProperty(isolate, ctx, r, "cookies", cookiesObject(isolate, ctx, resp.headers));
    if (req.discardBody || (resp.status == 0 && resp.body.empty())) {
        setProperty(isolate, ctx, r, "body", v8::Null(isolate));
    } else if (p.responseType == "binary") {
        setProperty(isolate, ctx, r, "body", newArrayBuffer(isolate, resp.body));
    } else {
        setProperty(isolate, ctx, r, "body", str(isolate, resp.body));
    }
    const http::Timings &tm = resp.timings;
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
    setProperty(isolate, ctx, r, "tls_cipher_suite", str(isolate, resp.tlsCipherSuite));
    auto ocsp = v8::Object::New(isolate);
    setProperty(isolate, ctx, ocsp, "status", str(isolate, resp.ocspStatus));
    for (const char *k : {"produced_at", "this_update", "next_update", "revoked_at"})
        setProperty(isolate, ctx, ocsp, k, v8::Integer::New(isolate, 0));
    setProperty(isolate, ctx, ocsp, "revocation_reason", str(isolate, ""));
    setProperty(isolate, ctx, r, "ocsp", ocsp);
    auto request = v8::Object::New(isolate);
    setProperty(isolate, ctx, request, "method", str(isolate, resp.method.empty() ? req.method : resp.method));
    setProperty(isolate, ctx, request, "url", str(isolate, resp.url.empty() ? req.url : resp.url));
    setProperty(isolate, ctx, request, "body", str(isolate, req.body));
    setProperty(isolate, ctx, request, "headers", headersObject(isolate, ctx, req.headers));
    auto reqCookies = v8::Object::New(isolate);
    for (const http::RequestCookie &c : req.cookies) {
        auto one = v8::Object::New(isolate);
        setProperty(isolate, ctx, one, "name", str(isolate, c.name));
        setProperty(isolate, ctx, one, "value", str(isolate, c.value));
        setProperty(isolate, ctx, one, "replace", v8::Boolean::New(isolate, c.replace));
        auto list = v8::Array::New(isolate, 1);
        list->Set(ctx, 0, one).Check();
        setProperty(isolate, ctx, reqCookies, c.name, list);
    }
    setProperty(isolate, ctx, request, "cookies", reqCookies);
    setProperty(isolate, ctx, r, "request", request);
    return r;
}

void emitAll(Vu::State &vu, const Prepared &p, const http::Response &resp)
{
    for (const http::Response &hop : resp.redirects)
        emitHop(vu, p, hop);
    emitHop(vu, p, resp);
    if (!resp.redirects.empty()) {
        const int max = p.req.maxRedirects >= 0 ? p.req.maxRedirects : vu.http->options().maxRedirects;
        const bool stopped = resp.status >= 300 && resp.status < 400 && int(resp.redirects.size()) >= max && max > 0;
        if (stopped)
            vu.log(LogLevel::Warning, "Stopped after " + std::to_string(max) +
                                          " redirects and returned the redirection; pass { redirects: n } in request "
                                          "params or set global maxRedirects to silence this");
    }
}

bool checkInit(v8::Isolate *isolate, Vu::State &vu)
{
    if (vu.inInit) {
        throwError(isolate, "making HTTP requests in the init context is not supported: move the request into "
                            "the default function or setup()");
        return false;
    }
    return true;
}

void httpRequest(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Local<v8::Context> ctx = isolate->GetCurrentContext();
    Vu::State &vu = currentVu(isolate);
    if (!checkInit(isolate, vu))
        return;
    syncIteration(vu);
    Prepared p;
    if (!prepare(isolate, ctx, vu, args[0], args[1], args[2], args[3], p))
        return;
    vu.flush();
    http::Response resp;
    vu.http->setCancelCheck([&vu] { return vu.shouldStop(); });
    waitForRequestSlots(vu, 1);
    withoutLock(vu, [&] { resp = vu.http->perform(p.req); });
    if (vu.shouldStop())
        return; // terminating
    emitAll(vu, p, resp);
    // The `throw` option: a request that failed at the transport level throws.
    if (vu.rt->config.throwOnHttpError && !resp.error.empty()) {
        throwError(isolate, resp.error);
        return;
    }
    args.GetReturnValue().Set(responseObject(isolate, ctx, vu, p, resp));
}

// asyncRequest(method, url, body, params) -> Promise<Response>. The request runs on its own
// thread with its own connection (it does not share the VU's keep-alive pool or cookie
// jar); the promise resolves on the VU's event loop, where the metrics are emitted.
void httpAsyncRequest(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Local<v8::Context> ctx = isolate->GetCurrentContext();
    Vu::State &vu = currentVu(isolate);
    if (!checkInit(isolate, vu))
        return;
    syncIteration(vu);
    struct Job
    {
        Prepared p;
        http::Response resp;
        v8::Global<v8::Promise::Resolver> resolver; // touched on the VU thread only
    };
    auto job = std::make_shared<Job>();
    if (!prepare(isolate, ctx, vu, args[0], args[1], args[2], args[3], job->p))
        return;
    job->p.req.jar = nullptr;
    Local<v8::Promise::Resolver> resolver;
    if (!v8::Promise::Resolver::New(ctx).ToLocal(&resolver))
        return;
    job->resolver.Reset(isolate, resolver);
    args.GetReturnValue().Set(resolver->GetPromise());
    waitForRequestSlots(vu, 1);
    keepAlive(vu);
    vu.asyncOutstanding.fetch_add(1);
    Vu::State *state = &vu;
    std::thread([state, job] {
        {
            http::Client client(state->rt->config.http);
            client.setCancelCheck([state] { return state->shouldStop(); });
            job->resp = client.perform(job->p.req);
        }
        post(*state, [state, job](v8::Isolate *iso, Local<v8::Context> c) {
            emitAll(*state, job->p, job->resp);
            Local<v8::Promise::Resolver> r = job->resolver.Get(iso);
            job->resolver.Reset();
            if (state->rt->config.throwOnHttpError && !job->resp.error.empty())
                r->Reject(c, v8::Exception::Error(str(iso, job->resp.error))).Check();
            else
                r->Resolve(c, responseObject(iso, c, *state, job->p, job->resp)).Check();
        });
        {
            std::lock_guard lock(state->asyncMutex);
            state->asyncOutstanding.fetch_sub(1);
        }
        state->asyncCv.notify_all();
    }).detach();
}

// batch([[method, url, body, params], ...]) -> [Response, ...]; all requests concurrently
// (within the batch / batchPerHost limits) inside one unlock.
void httpBatch(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Local<v8::Context> ctx = isolate->GetCurrentContext();
    Vu::State &vu = currentVu(isolate);
    if (!checkInit(isolate, vu))
        return;
    if (!args[0]->IsArray()) {
        throwError(isolate, "batch() takes an array or an object of requests", true);
        return;
    }
    syncIteration(vu);
    auto list = args[0].As<v8::Array>();
    std::vector<Prepared> prepared(list->Length());
    for (uint32_t i = 0; i < list->Length(); ++i) {
        Local<Value> item = list->Get(ctx, i).ToLocalChecked();
        if (!item->IsArray()) {
            throwError(isolate, "invalid batch item", true);
            return;
        }
        auto a = item.As<v8::Array>();
        auto at = [&](uint32_t k) { return a->Get(ctx, k).ToLocalChecked(); };
        if (!prepare(isolate, ctx, vu, at(0), at(1), at(2), at(3), prepared[i]))
            return;
    }
    std::vector<http::Request> requests;
    requests.reserve(prepared.size());
    for (Prepared &p : prepared)
        requests.push_back(std::move(p.req));
    vu.flush();
    std::vector<http::Response> responses;
    vu.http->setCancelCheck([&vu] { return vu.shouldStop(); });
    waitForRequestSlots(vu, int(requests.size()));
    withoutLock(vu, [&] { responses = vu.http->performBatch(requests); });
    if (vu.shouldStop())
        return;
    auto out = v8::Array::New(isolate, int(responses.size()));
    for (size_t i = 0; i < responses.size(); ++i) {
        prepared[i].req = std::move(requests[i]);
        emitAll(vu, prepared[i], responses[i]);
        out->Set(ctx, uint32_t(i), responseObject(isolate, ctx, vu, prepared[i], responses[i])).Check();
    }
    args.GetReturnValue().Set(out);
}

void htmlModule(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Local<v8::Object> ns;
    if (requireEsModule(currentVu(isolate), isolate->GetCurrentContext(), "k6/html").ToLocal(&ns))
        args.GetReturnValue().Set(ns);
}

void httpOptions(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Local<v8::Context> ctx = isolate->GetCurrentContext();
    const http::ClientOptions &o = currentVu(isolate).http->options();
    auto obj = v8::Object::New(isolate);
    setProperty(isolate, ctx, obj, "batch", v8::Integer::New(isolate, o.batch));
    setProperty(isolate, ctx, obj, "batchPerHost", v8::Integer::New(isolate, o.batchPerHost));
    setProperty(isolate, ctx, obj, "maxRedirects", v8::Integer::New(isolate, o.maxRedirects));
    args.GetReturnValue().Set(obj);
}

} // namespace

http::CookieJar *cookieJarOf(v8::Isolate *isolate, Local<Value> handle)
{
    return jarOf(isolate, handle);
}

void initHttpNative(v8::Isolate *isolate, Local<v8::Context> ctx, Local<v8::Object> exports)
{
    setFunction(isolate, ctx, exports, "request", httpRequest);
    setFunction(isolate, ctx, exports, "asyncRequest", httpAsyncRequest);
    setFunction(isolate, ctx, exports, "htmlModule", htmlModule);
    setFunction(isolate, ctx, exports, "batch", httpBatch);
    setFunction(isolate, ctx, exports, "httpOptions", httpOptions);
    setFunction(isolate, ctx, exports, "setResponsePrototype", setResponsePrototype);
    setFunction(isolate, ctx, exports, "parseTimeout", parseTimeout);
    setFunction(isolate, ctx, exports, "utf8Decode", utf8Decode);
    setFunction(isolate, ctx, exports, "newJar", newJar);
    setFunction(isolate, ctx, exports, "jarSet", jarSet);
    setFunction(isolate, ctx, exports, "jarGet", jarGet);
    setFunction(isolate, ctx, exports, "jarCookiesForURL", jarCookiesForUrl);
    setFunction(isolate, ctx, exports, "jarClear", jarClear);
    setFunction(isolate, ctx, exports, "jarDelete", jarDelete);
}

} // namespace stampede::script
