// Native half of "k6/ws": ws.connect() runs a whole WebSocket session (http::WebSocket, the
// RFC 6455 client shared with k6/websockets) on the VU thread. Network waits happen with the
// isolate unlocked; handlers and timers run with it locked.

#include "core/http/websocket.h"
#include "core/script/modules/native.h"

#include <algorithm>
#include <map>

namespace stampede::script {

using v8::FunctionCallbackInfo;
using v8::Local;
using v8::Value;
using Clock = std::chrono::steady_clock;

namespace {

struct WsTimer
{
    int id = 0;
    Clock::time_point due;
    std::chrono::milliseconds interval{0};
    v8::Global<v8::Function> fn;
};

struct WsSession
{
    int id = 0;
    std::unique_ptr<http::WebSocket> ws;
    std::vector<std::unique_ptr<WsTimer>> timers;
    int nextTimer = 1;
};


WsSession *sessionArg(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    const int id = int(args[0]->Int32Value(isolate->GetCurrentContext()).FromMaybe(0));
    auto &sessions = currentVu(isolate).wsSessions;
    auto it = sessions.find(id);
    if (it == sessions.end()) {
        throwError(isolate, "the WebSocket is no longer open");
        return nullptr;
    }
    return static_cast<WsSession *>(it->second);
}

void wsSend(const FunctionCallbackInfo<Value> &args)
{
    WsSession *s = sessionArg(args);
    if (!s)
        return;
    std::string data;
    bytesOf(args.GetIsolate(), args[1], data);
    s->ws->sendText(data);
}

void wsSendBinary(const FunctionCallbackInfo<Value> &args)
{
    WsSession *s = sessionArg(args);
    if (!s)
        return;
    std::string data;
    if (!args[1]->IsArrayBuffer() && !args[1]->IsArrayBufferView()) {
        throwError(args.GetIsolate(), "sendBinary() takes an ArrayBuffer", true);
        return;
    }
    bytesOf(args.GetIsolate(), args[1], data);
    s->ws->sendBinary(data);
}

void wsPing(const FunctionCallbackInfo<Value> &args)
{
    WsSession *s = sessionArg(args);
    if (!s)
        return;
    s->ws->ping();
}

void wsClose(const FunctionCallbackInfo<Value> &args)
{
    WsSession *s = sessionArg(args);
    if (!s)
        return;
    int code = 1000;
    if (args.Length() > 1 && args[1]->IsNumber())
        code = int(args[1]->Int32Value(args.GetIsolate()->GetCurrentContext()).FromMaybe(1000));
    s->ws->close(code);
}

void addTimer(const FunctionCallbackInfo<Value> &args, bool repeat)
{
    v8::Isolate *isolate = args.GetIsolate();
    WsSession *s = sessionArg(args);
    if (!s)
        return;
    if (!args[1]->IsFunction()) {
        throwError(isolate, "the timer callback must be a function", true);
        return;
    }
    const double ms = std::max(repeat ? 1.0 : 0.0, args[2]->NumberValue(isolate->GetCurrentContext()).FromMaybe(0));
    auto t = std::make_unique<WsTimer>();
    t->id = s->nextTimer++;
    t->interval = std::chrono::milliseconds(repeat ? int64_t(ms) : 0);
    t->due = Clock::now() + std::chrono::microseconds(int64_t(ms * 1000));
    t->fn.Reset(isolate, args[1].As<v8::Function>());
    args.GetReturnValue().Set(t->id);
    s->timers.push_back(std::move(t));
}

void wsSetTimeout(const FunctionCallbackInfo<Value> &args)
{
    addTimer(args, false);
}

void wsSetInterval(const FunctionCallbackInfo<Value> &args)
{
    addTimer(args, true);
}

void wsClearTimer(const FunctionCallbackInfo<Value> &args)
{
    WsSession *s = sessionArg(args);
    if (!s)
        return;
    const int id = int(args[1]->Int32Value(args.GetIsolate()->GetCurrentContext()).FromMaybe(0));
    s->timers.erase(std::remove_if(s->timers.begin(), s->timers.end(), [&](const auto &t) { return t->id == id; }),
                    s->timers.end());
}

struct SessionRegistration
{
    Vu::State &vu;
    WsSession &s;
    SessionRegistration(Vu::State &v, WsSession &session) : vu(v), s(session) { vu.wsSessions[s.id] = &s; }
    ~SessionRegistration() { vu.wsSessions.erase(s.id); }
};

// connect(url, params, socket, callback) -> response-like object.
void wsConnect(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Local<v8::Context> ctx = isolate->GetCurrentContext();
    Vu::State &vu = currentVu(isolate);
    if (vu.inInit) {
        throwError(isolate, "using websockets in the init context is not supported");
        return;
    }
    vu.http->beginIteration(vu.iteration);
    const std::string url = toStd(isolate, args[0]);
    auto params = args[1].As<v8::Object>();
    auto socketObj = args[2].As<v8::Object>();
    auto callback = args[3];
    auto getParam = [&](const char *k) { return params->Get(ctx, str(isolate, k)).ToLocalChecked(); };
    std::vector<std::pair<std::string, std::string>> headers = stringPairs(isolate, ctx, getParam("headers"));
    std::vector<metrics::TagSet::Tag> userTags;
    for (auto &[k, v] : stringPairs(isolate, ctx, getParam("tags")))
        userTags.emplace_back(k, v);
    const http::UrlParts u = http::parseUrl(url);
    if (!u.valid || (u.scheme != "ws" && u.scheme != "wss")) {
        throwError(isolate, "ws.connect: invalid URL \"" + url + "\" (ws:// or wss:// expected)");
        return;
    }

    WsSession s;
    s.id = vu.nextWsSession++;
    const int64_t startNs = unixNowNs();
    const auto started = Clock::now();
    const std::string cookieScheme = u.scheme == "wss" ? "https" : "http";
    const http::UrlParts cookieUrl = http::parseUrl(cookieScheme + url.substr(url.find("://")));
    const std::string cookie = vu.http->cookieJar().headerFor(cookieUrl);
    http::WebSocket::Handshake hs;
    vu.flush();
    withoutLock(vu, [&] {
        s.ws = http::WebSocket::open(*vu.http, url, headers, cookie, {}, false, std::chrono::seconds(60),
                                     [&vu] { return vu.shouldStop(); }, hs);
    });
    if (vu.shouldStop())
        return;
    for (const std::string &c : hs.setCookies)
        vu.http->cookieJar().setFromHeader(cookieUrl, c);
    const int status = hs.status;
    const std::string &statusText = hs.statusText;
    const std::string &subproto = hs.protocol;
    const std::string &error = hs.error;
    const int errorCode = hs.errorCode;
    const std::vector<http::Header> &respHeaders = hs.headers;
    const double connectingMs = hs.connectingMs;

    auto &registry = *vu.rt->config.registry;
    auto metric = [&](const char *name, metrics::MetricType t, bool time) {
        auto id = registry.add(name, t, time ? metrics::ValueType::Time : metrics::ValueType::Default);
        return id ? *id : metrics::MetricId(0);
    };
    auto tags = vu.baseTags();
    tags.emplace_back("url", url);
    tags.emplace_back("status", std::to_string(status));
    tags.emplace_back("subproto", subproto);
    tags.insert(tags.end(), userTags.begin(), userTags.end());
    auto tagSet = std::make_shared<const metrics::TagSet>(std::move(tags));

    auto response = v8::Object::New(isolate);
    setProperty(isolate, ctx, response, "url", str(isolate, url));
    setProperty(isolate, ctx, response, "status", v8::Integer::New(isolate, status));
    setProperty(isolate, ctx, response, "status_text", str(isolate, statusText));
    setProperty(isolate, ctx, response, "error", str(isolate, error));
    setProperty(isolate, ctx, response, "error_code", v8::Integer::New(isolate, errorCode));
    auto hdrs = v8::Object::New(isolate);
    for (const auto &[k, v] : respHeaders)
        setProperty(isolate, ctx, hdrs, k, str(isolate, v));
    setProperty(isolate, ctx, response, "headers", hdrs);
    setProperty(isolate, ctx, response, "body", str(isolate, ""));

    if (!error.empty()) {
        if (hs.bytesSent || hs.bytesReceived) {
            vu.emit(vu.rt->config.registry->builtin().dataSent, double(hs.bytesSent), tagSet, startNs);
            vu.emit(vu.rt->config.registry->builtin().dataReceived, double(hs.bytesReceived), tagSet, startNs);
        }
        throwError(isolate, "ws.connect: " + error);
        return;
    }
    SessionRegistration reg(vu, s);
    setProperty(isolate, ctx, socketObj, "_id", v8::Integer::New(isolate, s.id));
    vu.emit(metric("ws_connecting", metrics::MetricType::Trend, true), connectingMs, tagSet, startNs);

    Local<Value> emitFn;
    if (!socketObj->Get(ctx, str(isolate, "_emit")).ToLocal(&emitFn) || !emitFn->IsFunction()) {
        throwError(isolate, "internal: socket without _emit");
        return;
    }
    auto emit = [&](const char *type, std::vector<Local<Value>> argv) -> bool {
        argv.insert(argv.begin(), str(isolate, type));
        Local<Value> ignored;
        return emitFn.As<v8::Function>()->Call(ctx, socketObj, int(argv.size()), argv.data()).ToLocal(&ignored);
    };
    // The setup callback, then 'open'.
    if (callback->IsFunction()) {
        Local<Value> argv[] = {socketObj};
        Local<Value> ignored;
        if (!callback.As<v8::Function>()->Call(ctx, v8::Undefined(isolate), 1, argv).ToLocal(&ignored))
            return; // exception propagates
    }
    if (!emit("open", {}))
        return;

    bool closeEmitted = false;
    bool failed = false;
    std::vector<double> pingRtts;
    http::WebSocket &ws = *s.ws;
    using EventType = http::WebSocket::Event::Type;
    while (!failed) {
        // Events, then due timers, with the lock held.
        while (!ws.events().empty() && !failed) {
            http::WebSocket::Event e = std::move(ws.events().front());
            ws.events().pop_front();
            switch (e.type) {
            case EventType::Text: failed = !emit("message", {str(isolate, e.data)}); break;
            case EventType::Binary: failed = !emit("binaryMessage", {newArrayBuffer(isolate, e.data)}); break;
            case EventType::Ping: failed = !emit("ping", {}); break;
            case EventType::Pong:
                if (e.rttMs > 0)
                    pingRtts.push_back(e.rttMs);
                failed = !emit("pong", {});
                break;
            case EventType::Close:
                closeEmitted = true;
                failed = !emit("close", {v8::Integer::New(isolate, e.code)});
                break;
            }
        }
        if (failed)
            break;
        if (const std::string msg = ws.takeError(); !msg.empty()) {
            auto errObj = v8::Object::New(isolate);
            setProperty(isolate, ctx, errObj, "message", str(isolate, msg));
            failed = !emit("error", {errObj});
            if (failed)
                break;
        }
        // Once close() was called (or the server closed), the session's timers stop: a 10 ms
        // interval must not tick again while the close handshake completes.
        const auto now = Clock::now();
        for (size_t i = 0; i < s.timers.size() && !failed && !ws.closeSent(); ++i) {
            WsTimer &t = *s.timers[i];
            if (t.due > now)
                continue;
            auto fn = t.fn.Get(isolate);
            if (t.interval.count() > 0)
                t.due = now + t.interval;
            else
                s.timers.erase(s.timers.begin() + long(i--));
            Local<Value> ignored;
            failed = !fn->Call(ctx, socketObj, 0, nullptr).ToLocal(&ignored);
        }
        if (failed)
            break;
        if (ws.finished())
            break;
        auto wait = std::chrono::milliseconds(200);
        if (!ws.closeSent()) {
            for (const auto &t : s.timers)
                wait = std::min(wait, std::chrono::duration_cast<std::chrono::milliseconds>(t->due - Clock::now()));
        }
        if (!ws.events().empty())
            wait = std::chrono::milliseconds(0);
        withoutLock(vu, [&] { ws.pump(std::max(wait, std::chrono::milliseconds(0))); });
        if (vu.shouldStop())
            return;
    }
    if (failed)
        return; // the handler's exception propagates
    if (!closeEmitted) {
        emit("close", {v8::Integer::New(isolate, ws.closeCode())});
    }
    const auto &b = vu.rt->config.registry->builtin();
    const double sessionMs = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    vu.emit(metric("ws_sessions", metrics::MetricType::Counter, false), 1, tagSet, startNs);
    vu.emit(metric("ws_session_duration", metrics::MetricType::Trend, true), sessionMs, tagSet, startNs);
    const auto sentId = metric("ws_msgs_sent", metrics::MetricType::Counter, false);
    const auto recvId = metric("ws_msgs_received", metrics::MetricType::Counter, false);
    if (ws.messagesSent())
        vu.emit(sentId, double(ws.messagesSent()), tagSet, startNs);
    if (ws.messagesReceived())
        vu.emit(recvId, double(ws.messagesReceived()), tagSet, startNs);
    const auto pingId = metric("ws_ping", metrics::MetricType::Trend, true);
    for (double rtt : pingRtts)
        vu.emit(pingId, rtt, tagSet, startNs);
    vu.emit(b.dataSent, double(ws.bytesSent()), tagSet, startNs);
    vu.emit(b.dataReceived, double(ws.bytesReceived()), tagSet, startNs);
    args.GetReturnValue().Set(response);
}

} // namespace

void initWsNative(v8::Isolate *isolate, Local<v8::Context> ctx, Local<v8::Object> exports)
{
    registerWsMetrics(currentVu(isolate));
    setFunction(isolate, ctx, exports, "wsConnect", wsConnect);
    setFunction(isolate, ctx, exports, "wsSend", wsSend);
    setFunction(isolate, ctx, exports, "wsSendBinary", wsSendBinary);
    setFunction(isolate, ctx, exports, "wsPing", wsPing);
    setFunction(isolate, ctx, exports, "wsClose", wsClose);
    setFunction(isolate, ctx, exports, "wsSetTimeout", wsSetTimeout);
    setFunction(isolate, ctx, exports, "wsSetInterval", wsSetInterval);
    setFunction(isolate, ctx, exports, "wsClearTimer", wsClearTimer);
}

} // namespace stampede::script
