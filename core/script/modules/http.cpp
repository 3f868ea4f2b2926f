// Native half of "k6/http": requests and batches through the VU's HTTP client, k6's metrics,
// the Response object and the cookie jars.

#include "core/script/modules/handle.h"
#include "core/script/modules/native.h"

#include "core/http/compression.h"
#include "core/script/debugevents.h"

#include <thread>

#include "core/util/duration.h"

#include <algorithm>
#include <cstring>

namespace stampede::script {

using v8::FunctionCallbackInfo;
using v8::Local;
using v8::Value;

namespace {

// k6_http.js hands over its Response class; responses are made with `new Response(...)`.
void setResponseClass(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    if (args.Length() > 0 && args[0]->IsFunction())
        currentVu(isolate).responseClass.Reset(isolate, args[0].As<v8::Function>());
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
    nlohmann::json debugLocation; // where the script made the request (debug events only)
};

} // namespace

// Parsed once: the frozen params k6_http.js uses for requests without params.
struct HttpDefaults
{
    v8::Global<Value> object;
    Prepared prepared;
};

namespace {

// (method, url, body, params) as normalised by k6_http.js -> a request. False with an exception pending on error.
bool prepare(v8::Isolate *isolate, Local<v8::Context> ctx, Vu::State &vu, Local<Value> method, Local<Value> url,
             Local<Value> body, Local<Value> paramsValue, Prepared &p)
{
    http::Request &req = p.req;
    if (vu.debugEvents())
        p.debugLocation = userScriptLocation(isolate);
    req.method = toStd(isolate, method);
    req.url = toStd(isolate, url);
    if (!body->IsNullOrUndefined())
        bytesOf(isolate, body, req.body);
    if (!paramsValue->IsObject()) {
        throwError(isolate, "request params must be an object", true);
        return false;
    }
    if (vu.httpDefaults && paramsValue == vu.httpDefaults->object.Get(isolate)) {
        // The frozen defaults of a request without params: parsed once.
        const Prepared &d = vu.httpDefaults->prepared;
        req.timeout = d.req.timeout;
        req.maxRedirects = d.req.maxRedirects;
        req.discardBody = d.req.discardBody;
        p.responseType = d.responseType;
        p.expected = d.expected;
        p.haveCallback = d.haveCallback;
        return true;
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

// k6_http.js's frozen params object for requests without params.
void setDefaultParams(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Local<v8::Context> ctx = isolate->GetCurrentContext();
    Vu::State &vu = currentVu(isolate);
    vu.httpDefaults.reset();
    auto parsed = std::make_shared<HttpDefaults>();
    if (!prepare(isolate, ctx, vu, str(isolate, "GET"), str(isolate, ""), v8::Null(isolate), args[0],
                 parsed->prepared))
        return;
    parsed->object.Reset(isolate, args[0]);
    vu.httpDefaults = std::move(parsed);
}

// ---------------------------------------------------------------- debug events

nlohmann::json headerList(const std::vector<http::Header> &headers)
{
    auto list = nlohmann::json::array();
    for (const auto &[k, v] : headers)
        list.push_back({k, v});
    return list;
}

// "Key: value" lines, '\n'-separated (as headerLines() writes them, or a head as sent) -> headers.
std::vector<http::Header> parseHeaderLines(std::string_view text)
{
    std::vector<http::Header> out;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view line = text.substr(start, end - start);
        start = end + 1;
        const size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0)
            continue;
        size_t v = colon + 1;
        while (v < line.size() && (line[v] == ' ' || line[v] == '\t'))
            ++v;
        out.emplace_back(std::string(line.substr(0, colon)), std::string(line.substr(v)));
    }
    return out;
}

// The request head as sent ("GET / HTTP/1.1\nHost: ...") -> its headers.
std::vector<http::Header> parseRequestHead(const std::string &head)
{
    const size_t firstLineEnd = head.find('\n'); // the request line
    if (firstLineEnd == std::string::npos)
        return {};
    return parseHeaderLines(std::string_view(head).substr(firstLineEnd + 1));
}

// One record per hop; returns the id of the last (the response the script gets).
int64_t writeDebugRecords(Vu::State &vu, const Prepared &p, const http::Response &resp)
{
    DebugEventWriter *w = vu.debugEvents();
    int64_t firstId = 0, id = 0;
    const size_t hops = resp.redirects.size() + 1;
    for (size_t i = 0; i < hops; ++i) {
        const http::Response &hop = i < resp.redirects.size() ? resp.redirects[i] : resp;
        id = w->nextRequestId();
        if (!firstId)
            firstId = id;
        const std::string method = hop.method.empty() ? p.req.method : hop.method;
        // Later hops resend the body only when the method stayed (307, 308).
        const bool sentBody = i == 0 || method == p.req.method;
        std::vector<http::Header> reqHeaders =
            hop.requestHead.empty() ? p.req.headers : parseRequestHead(hop.requestHead);
        auto cookiesSent = nlohmann::json::array();
        for (const auto &[k, v] : reqHeaders) {
            if (canonicalHeaderKey(k) != "Cookie")
                continue;
            size_t pos = 0;
            while (pos < v.size()) {
                size_t end = v.find(';', pos);
                std::string pair = v.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
                pos = end == std::string::npos ? v.size() : end + 1;
                while (!pair.empty() && pair.front() == ' ')
                    pair.erase(0, 1);
                const size_t eq = pair.find('=');
                if (!pair.empty())
                    cookiesSent.push_back({{"name", pair.substr(0, eq)},
                                           {"value", eq == std::string::npos ? "" : pair.substr(eq + 1)}});
            }
        }
        auto cookiesReceived = nlohmann::json::array();
        for (const auto &[k, v] : hop.headers) {
            http::Cookie c;
            if (canonicalHeaderKey(k) != "Set-Cookie" || !http::CookieJar::parseSetCookie(v, c))
                continue;
            cookiesReceived.push_back({{"name", c.name}, {"value", c.value}, {"domain", c.domain}, {"path", c.path},
                                       {"http_only", c.httpOnly}, {"secure", c.secure}, {"max_age", c.maxAge},
                                       {"expires", c.expiresText}});
        }
        const http::Timings &tm = hop.timings;
        nlohmann::json r = {
            {"type", "request"},
            {"id", id},
            {"first_id", firstId},
            {"hop", i},
            {"method", method},
            {"url", hop.url.empty() ? p.req.url : hop.url},
            {"proto", hop.proto},
            {"status", hop.status},
            {"status_text", hop.statusText},
            {"request", {{"headers", headerList(reqHeaders)},
                         {"body", w->body(id, "request", sentBody ? std::string_view(p.req.body) : std::string_view())}}},
            {"response", {{"headers", headerList(hop.headers)}, {"body", w->body(id, "response", hop.body)}}},
            {"cookies_sent", std::move(cookiesSent)},
            {"cookies_received", std::move(cookiesReceived)},
            {"timings", {{"blocked", tm.blocked}, {"connecting", tm.connecting}, {"tls_handshaking", tm.tlsHandshaking},
                         {"sending", tm.sending}, {"waiting", tm.waiting}, {"receiving", tm.receiving},
                         {"duration", tm.duration}}},
            {"start_unix_ns", hop.startUnixNs},
            {"error", hop.error},
            {"error_code", hop.errorCode},
            {"remote_ip", hop.remoteIp},
            {"remote_port", hop.remotePort},
            {"tls_version", hop.tlsVersion},
            {"bytes_sent", hop.bytesSent},
            {"bytes_received", hop.bytesReceived},
            {"response_discarded", p.req.discardBody},
        };
        if (!p.debugLocation.is_null())
            r["location"] = p.debugLocation;
        writeDebugEvent(vu, std::move(r));
    }
    vu.lastDebugRequestId = id;
    return id;
}

void emitHop(Vu::State &vu, const Prepared &p, const http::Response &resp)
{
    bool isExpected = true;
    if (p.haveCallback) {
        isExpected = std::any_of(p.expected.begin(), p.expected.end(),
                                 [&](const auto &r) { return resp.status >= r.first && resp.status <= r.second; });
    }
    // Interned: a load test repeats the same few tag combinations, so this is a lookup.
    std::string &key = vu.tagCache.key();
    vu.appendBaseKey(key);
    for (std::string_view part : {std::string_view(resp.method), std::string_view(resp.url),
                                  std::string_view(resp.proto), std::string_view(resp.error),
                                  std::string_view(resp.tlsVersion)}) {
        key += part;
        key += '\x1f';
    }
    key += std::to_string(resp.status);
    key += p.haveCallback ? (isExpected ? "\x1f" "E" : "\x1f" "U") : "\x1f" "-";
    key += std::to_string(resp.errorCode);
    for (const auto &[k, v] : p.userTags) {
        key += '\x1f';
        key += k;
        key += '=';
        key += v;
    }
    auto tagSet = vu.tagCache.get([&] {
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
        return tags;
    });
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
    auto dataTags = vu.baseTagSet();
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

// "Key: value\n" lines: how header lists cross to JS (one string, parsed there on first use).
std::string headerLines(const std::vector<http::Header> &headers)
{
    size_t size = 0;
    for (const auto &[k, v] : headers)
        size += k.size() + v.size() + 3;
    std::string out;
    out.reserve(size);
    for (const auto &[k, v] : headers) {
        out += k;
        out += ": ";
        out += v;
        out += '\n';
    }
    return out;
}

Local<v8::String> shortStr(v8::Isolate *isolate, std::string_view s)
{
    return s.empty() ? v8::String::Empty(isolate) : str(isolate, s);
}

// `new Response(...)` of k6_http.js: one call with plain values instead of a property
// store per field from C++ (each of those is a slow-path runtime call in V8).
// `body` and `params` are the request's JS values, kept for the lazily built res.request.
Local<Value> responseObject(v8::Isolate *isolate, Local<v8::Context> ctx, Vu::State &vu, const Prepared &p,
                            const http::Response &resp, Local<Value> body, Local<Value> params, int64_t debugId)
{
    const http::Request &req = p.req;
    Local<Value> responseBody;
    if (req.discardBody || (resp.status == 0 && resp.body.empty()))
        responseBody = v8::Null(isolate);
    else if (p.responseType == "binary")
        responseBody = newArrayBuffer(isolate, resp.body);
    else
        responseBody = shortStr(isolate, resp.body);
    Local<Value> request[] = {
        shortStr(isolate, resp.method.empty() ? req.method : resp.method),
        shortStr(isolate, resp.url.empty() ? req.url : resp.url),
        shortStr(isolate, headerLines(req.headers)),
        body.IsEmpty() ? Local<Value>(v8::Null(isolate)) : body,
        params.IsEmpty() ? Local<Value>(v8::Undefined(isolate)) : params,
    };
    const http::Timings &tm = resp.timings;
    Local<Value> argv[] = {
        v8::Integer::New(isolate, resp.status),
        shortStr(isolate, resp.statusText),
        shortStr(isolate, resp.proto),
        shortStr(isolate, resp.url),
        responseBody,
        shortStr(isolate, headerLines(resp.headers)),
        v8::Number::New(isolate, tm.blocked),
        v8::Number::New(isolate, tm.connecting),
        v8::Number::New(isolate, tm.tlsHandshaking),
        v8::Number::New(isolate, tm.sending),
        v8::Number::New(isolate, tm.waiting),
        v8::Number::New(isolate, tm.receiving),
        v8::Number::New(isolate, tm.duration),
        shortStr(isolate, resp.error),
        v8::Integer::New(isolate, resp.errorCode),
        shortStr(isolate, resp.remoteIp),
        v8::Integer::New(isolate, resp.remotePort),
        shortStr(isolate, resp.tlsVersion),
        shortStr(isolate, resp.tlsCipherSuite),
        shortStr(isolate, resp.ocspStatus),
        v8::Array::New(isolate, request, std::size(request)),
    };
    Local<v8::Function> cls = vu.responseClass.Get(isolate);
    Local<v8::Object> r;
    if (cls.IsEmpty() || !cls->NewInstance(ctx, int(std::size(argv)), argv).ToLocal(&r))
        return v8::Undefined(isolate);
    if (debugId)
        r->SetPrivate(ctx, debugRequestIdKey(isolate), v8::Number::New(isolate, double(debugId))).Check();
    return r;
}

// native.responseCookies("Key: value\n...") -> res.cookies, from the Set-Cookie lines.
void responseCookies(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    const std::vector<http::Header> headers = parseHeaderLines(toStd(isolate, args[0]));
    args.GetReturnValue().Set(cookiesObject(isolate, isolate->GetCurrentContext(), headers));
}

// Metrics (and debug records) of a request and its redirect hops; returns the debug record id of
// the final response (0 when debug events are off).
int64_t emitAll(Vu::State &vu, const Prepared &p, const http::Response &resp)
{
    const int64_t debugId = vu.debugEvents() ? writeDebugRecords(vu, p, resp) : 0;
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
    return debugId;
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
    const int64_t debugId = emitAll(vu, p, resp);
    // The `throw` option: a request that failed at the transport level throws.
    if (vu.rt->config.throwOnHttpError && !resp.error.empty()) {
        throwError(isolate, resp.error);
        return;
    }
    args.GetReturnValue().Set(responseObject(isolate, ctx, vu, p, resp, args[2], args[3], debugId));
}

// asyncRequest(method, url, body, params) -> Promise<Response>. The request shares the VU's
// keep-alive pool and cookie jar, as in k6; the promise resolves on the VU's event loop,
// where the metrics are emitted.
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
        v8::Global<v8::Value> body, params;          // for res.request; VU thread only
    };
    auto job = std::make_shared<Job>();
    if (!prepare(isolate, ctx, vu, args[0], args[1], args[2], args[3], job->p))
        return;
    Local<v8::Promise::Resolver> resolver;
    if (!v8::Promise::Resolver::New(ctx).ToLocal(&resolver))
        return;
    job->resolver.Reset(isolate, resolver);
    job->body.Reset(isolate, args[2]);
    job->params.Reset(isolate, args[3]);
    args.GetReturnValue().Set(resolver->GetPromise());
    waitForRequestSlots(vu, 1);
    keepAlive(vu);
    Vu::State *state = &vu;
    // On the VU's own connections and cookie jar, driven by the VU's event loop (and by any
    // request the VU makes meanwhile); the promise settles on the event loop.
    vu.http->startAsync(job->p.req, [state, job](http::Response resp) {
        job->resp = std::move(resp);
        post(*state, [state, job](v8::Isolate *iso, Local<v8::Context> c) {
            const int64_t debugId = emitAll(*state, job->p, job->resp);
            Local<v8::Promise::Resolver> r = job->resolver.Get(iso);
            job->resolver.Reset();
            if (state->rt->config.throwOnHttpError && !job->resp.error.empty())
                r->Reject(c, v8::Exception::Error(str(iso, job->resp.error))).Check();
            else
                r->Resolve(c, responseObject(iso, c, *state, job->p, job->resp, job->body.Get(iso),
                                             job->params.Get(iso), debugId))
                    .Check();
            job->body.Reset();
            job->params.Reset();
        });
    });
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
    std::vector<std::pair<Local<Value>, Local<Value>>> jsValues(list->Length()); // body, params
    for (uint32_t i = 0; i < list->Length(); ++i) {
        Local<Value> item = list->Get(ctx, i).ToLocalChecked();
        if (!item->IsArray()) {
            throwError(isolate, "invalid batch item", true);
            return;
        }
        auto a = item.As<v8::Array>();
        auto at = [&](uint32_t k) { return a->Get(ctx, k).ToLocalChecked(); };
        jsValues[i] = {at(2), at(3)};
        if (!prepare(isolate, ctx, vu, at(0), at(1), jsValues[i].first, jsValues[i].second, prepared[i]))
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
        const int64_t debugId = emitAll(vu, prepared[i], responses[i]);
        out->Set(ctx, uint32_t(i),
                 responseObject(isolate, ctx, vu, prepared[i], responses[i], jsValues[i].first, jsValues[i].second,
                                debugId))
            .Check();
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
    setFunction(isolate, ctx, exports, "setResponseClass", setResponseClass);
    setFunction(isolate, ctx, exports, "responseCookies", responseCookies);
    setFunction(isolate, ctx, exports, "setDefaultParams", setDefaultParams);
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
