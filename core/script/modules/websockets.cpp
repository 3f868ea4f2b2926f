// Native half of "k6/websockets" (k6's event-target WebSocket API). Each socket has an I/O
// thread that owns its http::WebSocket (the RFC 6455 client shared with k6/ws) and an
// http::Client of its own; what happens on the wire is posted to the VU's event loop as
// values, where the JS half dispatches events and the metrics are emitted. The loop stays
// alive while a socket is open, so the iteration ends only when every socket is closed.

#include "core/http/websocket.h"
#include "core/script/modules/native.h"

#include <fcntl.h>
#include <unistd.h>

#include <map>
#include <thread>

namespace stampede::script {

using v8::FunctionCallbackInfo;
using v8::Local;
using v8::Value;
using Clock = std::chrono::steady_clock;

namespace {

struct Command
{
    enum class Kind { Text, Binary, Ping, Close };
    Kind kind = Kind::Text;
    std::string data; // the message; the close reason
    int code = 0;
};

// One socket, shared by the VU thread and its I/O thread.
struct Socket
{
    int id = 0;
    uint64_t generation = 0; // the event loop's generation when it was opened
    std::mutex mutex;        // guards commands
    std::vector<Command> commands;
    int wake[2] = {-1, -1};  // the I/O thread polls wake[0]
    std::atomic<size_t> queued{0}; // bytes of messages in `commands`
    std::atomic<size_t> unsent{0}; // bytes the connection has not written yet
    std::atomic<bool> finished{false};

    // Set on the VU thread only.
    std::string url;
    http::CookieJar *jar = nullptr; // params.jar or the VU's (the JS socket keeps a params.jar alive)
    std::vector<metrics::TagSet::Tag> tags; // base + url + user tags (status and subproto added on open)
    metrics::TagSetPtr tagSet;
    int64_t startNs = 0;

    Socket()
    {
        if (::pipe2(wake, O_NONBLOCK | O_CLOEXEC) != 0)
            wake[0] = wake[1] = -1;
    }
    ~Socket()
    {
        for (int fd : wake) {
            if (fd >= 0)
                ::close(fd);
        }
    }
    Socket(const Socket &) = delete;
    Socket &operator=(const Socket &) = delete;

    void push(Command c)
    {
        {
            std::lock_guard lock(mutex);
            queued += c.data.size();
            commands.push_back(std::move(c));
        }
        const char b = 1;
        (void)!::write(wake[1], &b, 1);
    }
};

// Sockets of the VUs running on this thread, by id (VU thread only).
std::atomic<int> g_nextId{1};

v8::Local<v8::Private> dispatcherKey(v8::Isolate *isolate)
{
    return v8::Private::ForApi(isolate, str(isolate, "stampede.websockets.dispatch"));
}

// Calls the JS dispatchers (one per instance of the module: k6/websockets and its
// k6/experimental alias): dispatch(id, type, ...args). Returns false if one threw.
bool dispatch(v8::Isolate *isolate, Local<v8::Context> ctx, int id, const char *type, std::vector<Local<Value>> argv)
{
    Local<Value> list;
    if (!ctx->Global()->GetPrivate(ctx, dispatcherKey(isolate)).ToLocal(&list) || !list->IsArray())
        return true;
    argv.insert(argv.begin(), {v8::Integer::New(isolate, id), str(isolate, type)});
    auto fns = list.As<v8::Array>();
    for (uint32_t i = 0; i < fns->Length(); ++i) {
        Local<Value> fn = fns->Get(ctx, i).ToLocalChecked();
        Local<Value> ignored;
        if (fn->IsFunction() &&
            !fn.As<v8::Function>()->Call(ctx, v8::Undefined(isolate), int(argv.size()), argv.data()).ToLocal(&ignored))
            return false;
    }
    return true;
}

} // namespace

// k6's WebSocket metrics, registered when a WebSocket module is imported so thresholds can
// name them before the first sample.
void registerWsMetrics(Vu::State &vu)
{
    auto &r = *vu.rt->config.registry;
    (void)r.add("ws_connecting", metrics::MetricType::Trend, metrics::ValueType::Time);
    (void)r.add("ws_session_duration", metrics::MetricType::Trend, metrics::ValueType::Time);
    (void)r.add("ws_ping", metrics::MetricType::Trend, metrics::ValueType::Time);
    (void)r.add("ws_sessions", metrics::MetricType::Counter);
    (void)r.add("ws_msgs_sent", metrics::MetricType::Counter);
    (void)r.add("ws_msgs_received", metrics::MetricType::Counter);
}

namespace {

metrics::MetricId metricId(Vu::State &vu, const char *name, metrics::MetricType type, bool time)
{
    auto id = vu.rt->config.registry->add(name, type, time ? metrics::ValueType::Time : metrics::ValueType::Default);
    return id ? *id : metrics::MetricId(0);
}

// What the I/O thread reports, as values.
struct Report
{
    bool opened = false;             // the handshake result (first report)
    http::WebSocket::Handshake hs;
    std::vector<http::WebSocket::Event> events;
    std::vector<std::string> errors;
    bool final = false;              // the last report: the socket is closed
    int closeCode = 1006;
    std::string closeReason;
    bool wasClean = false;
    uint64_t bytesSent = 0, bytesReceived = 0;
};

// Runs a report on the VU thread.
void deliver(Vu::State &vu, const std::shared_ptr<Socket> &sock, Report &r, v8::Isolate *isolate,
             Local<v8::Context> ctx)
{
    if (sock->generation != vu.loop.generation.load())
        return; // the iteration it belonged to is over
    const int id = sock->id;
    const auto &builtin = vu.rt->config.registry->builtin();
    v8::TryCatch tc(isolate);
    // Dispatches an event; false (with the exception rethrown to the loop) if a handler threw.
    auto fire = [&](const char *type, std::vector<Local<Value>> argv) {
        if (dispatch(isolate, ctx, id, type, std::move(argv)))
            return true;
        tc.ReThrow();
        return false;
    };
    if (r.opened) {
        auto tags = sock->tags;
        tags.emplace_back("status", std::to_string(r.hs.status));
        tags.emplace_back("subproto", r.hs.protocol);
        sock->tagSet = std::make_shared<const metrics::TagSet>(std::move(tags));
        const std::string scheme = sock->url.rfind("wss:", 0) == 0 ? "https" : "http";
        const http::UrlParts cookieUrl = http::parseUrl(scheme + sock->url.substr(sock->url.find("://")));
        for (const std::string &c : r.hs.setCookies)
            sock->jar->setFromHeader(cookieUrl, c);
        if (r.hs.error.empty()) {
            vu.emit(metricId(vu, "ws_connecting", metrics::MetricType::Trend, true), r.hs.connectingMs, sock->tagSet,
                    sock->startNs);
            vu.emit(metricId(vu, "ws_sessions", metrics::MetricType::Counter, false), 1, sock->tagSet, sock->startNs);
            auto headers = v8::Object::New(isolate);
            for (const auto &[k, v] : r.hs.headers)
                setProperty(isolate, ctx, headers, k, str(isolate, v));
            if (!fire("open", {str(isolate, r.hs.protocol), headers, str(isolate, r.hs.extensions)}))
                return;
        } else if (!fire("error", {str(isolate, r.hs.error)})) {
            return;
        }
    }
    const auto recvId = metricId(vu, "ws_msgs_received", metrics::MetricType::Counter, false);
    const auto pingId = metricId(vu, "ws_ping", metrics::MetricType::Trend, true);
    for (http::WebSocket::Event &e : r.events) {
        using T = http::WebSocket::Event::Type;
        bool ok = true;
        switch (e.type) {
        case T::Text:
            vu.emit(recvId, 1, sock->tagSet);
            ok = fire("message", {str(isolate, e.data), v8::False(isolate)});
            break;
        case T::Binary:
            vu.emit(recvId, 1, sock->tagSet);
            ok = fire("message", {newArrayBuffer(isolate, e.data), v8::True(isolate)});
            break;
        case T::Ping: ok = fire("ping", {}); break;
        case T::Pong:
            if (e.rttMs > 0)
                vu.emit(pingId, e.rttMs, sock->tagSet);
            ok = fire("pong", {});
            break;
        case T::Close: break; // reported with the final report
        }
        if (!ok)
            return;
    }
    for (const std::string &msg : r.errors) {
        if (!fire("error", {str(isolate, msg)}))
            return;
    }
    if (r.final) {
        vu.webSockets.erase(id);
        if (sock->tagSet) {
            const double sessionMs = double(unixNowNs() - sock->startNs) / 1e6;
            if (r.hs.error.empty() || !r.opened)
                vu.emit(metricId(vu, "ws_session_duration", metrics::MetricType::Trend, true), sessionMs,
                        sock->tagSet, sock->startNs);
            vu.emit(builtin.dataSent, double(r.bytesSent), sock->tagSet);
            vu.emit(builtin.dataReceived, double(r.bytesReceived), sock->tagSet);
        }
        fire("close", {v8::Integer::New(isolate, r.closeCode), str(isolate, r.closeReason),
                       v8::Boolean::New(isolate, r.wasClean)});
    }
}

// Posts `r` to the VU (keeping the loop alive unless it is the final report).
void postReport(Vu::State *vu, const std::shared_ptr<Socket> &sock, Report r)
{
    if (!r.final)
        keepAlive(*vu); // this post must not end the socket's own keepAlive
    auto shared = std::make_shared<Report>(std::move(r));
    post(*vu, [vu, sock, shared](v8::Isolate *isolate, Local<v8::Context> ctx) {
        deliver(*vu, sock, *shared, isolate, ctx);
    });
}

void ioThread(Vu::State *vu, std::shared_ptr<Socket> sock, std::string url, std::vector<http::Header> headers,
              std::string cookie, std::vector<std::string> protocols, bool deflate)
{
    auto cancelled = [vu, sock] { return vu->shouldStop() || vu->loop.generation.load() != sock->generation; };
    {
        http::Client client(vu->rt->config.http);
        Report first;
        first.opened = true;
        std::unique_ptr<http::WebSocket> ws =
            http::WebSocket::open(client, url, headers, cookie, protocols, deflate, std::chrono::seconds(60), cancelled,
                                  first.hs);
        if (!ws) {
            first.final = true;
            first.bytesSent = first.hs.bytesSent;
            first.bytesReceived = first.hs.bytesReceived;
            sock->finished = true;
            postReport(vu, sock, std::move(first));
        } else {
            for (auto &e : ws->events())
                first.events.push_back(std::move(e));
            ws->events().clear();
            postReport(vu, sock, std::move(first));
            for (;;) {
                std::vector<Command> commands;
                {
                    std::lock_guard lock(sock->mutex);
                    commands.swap(sock->commands);
                    sock->queued = 0;
                }
                for (Command &c : commands) {
                    switch (c.kind) {
                    case Command::Kind::Text: ws->sendText(c.data); break;
                    case Command::Kind::Binary: ws->sendBinary(c.data); break;
                    case Command::Kind::Ping: ws->ping(); break;
                    case Command::Kind::Close: ws->close(c.code, c.data); break;
                    }
                }
                if (cancelled()) {
                    // The VU stops or the iteration ended without this socket: say goodbye
                    // without waiting for the answer, so nothing waits on this socket.
                    ws->close(1001, "going away");
                    ws->pump(std::chrono::milliseconds(0));
                    break;
                }
                if (ws->finished())
                    break;
                ws->pump(std::chrono::milliseconds(200), sock->wake[0]);
                sock->unsent = ws->bufferedAmount();
                char drain[64];
                while (::read(sock->wake[0], drain, sizeof drain) > 0) {
                }
                Report r;
                for (auto &e : ws->events())
                    r.events.push_back(std::move(e));
                ws->events().clear();
                if (std::string e = ws->takeError(); !e.empty())
                    r.errors.push_back(std::move(e));
                if (!r.events.empty() || !r.errors.empty())
                    postReport(vu, sock, std::move(r));
            }
            sock->finished = true;
            Report last;
            last.final = true;
            last.closeCode = ws->dropped() && !ws->closeReceived() ? 1006 : ws->closeCode();
            last.closeReason = ws->closeReason();
            last.wasClean = ws->closeSent() && ws->closeReceived();
            last.bytesSent = ws->bytesSent();
            last.bytesReceived = ws->bytesReceived();
            postReport(vu, sock, std::move(last));
        }
    }
    {
        std::lock_guard lock(vu->asyncMutex);
        vu->asyncOutstanding.fetch_sub(1);
    }
    vu->asyncCv.notify_all();
}

std::shared_ptr<Socket> socketArg(const FunctionCallbackInfo<Value> &args)
{
    const int id = args[0]->Int32Value(args.GetIsolate()->GetCurrentContext()).FromMaybe(0);
    auto &sockets = currentVu(args.GetIsolate()).webSockets;
    auto it = sockets.find(id);
    if (it == sockets.end())
        return nullptr;
    auto sock = std::static_pointer_cast<Socket>(it->second);
    return sock->finished ? nullptr : sock;
}

// open(url, protocols[], {headers, tags, jar, compression: bool}) -> id. Throws on a URL that is not ws:// or wss://.
void wsOpen(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Local<v8::Context> ctx = isolate->GetCurrentContext();
    Vu::State &vu = currentVu(isolate);
    if (vu.inInit) {
        throwError(isolate, "using websockets in the init context is not supported");
        return;
    }
    const std::string url = toStd(isolate, args[0]);
    const http::UrlParts u = http::parseUrl(url);
    if (!u.valid || (u.scheme != "ws" && u.scheme != "wss")) {
        throwError(isolate, "WebSocket: invalid URL \"" + url + "\" (ws:// or wss:// expected)", true);
        return;
    }
    std::vector<std::string> protocols;
    if (args[1]->IsArray()) {
        auto list = args[1].As<v8::Array>();
        for (uint32_t i = 0; i < list->Length(); ++i)
            protocols.push_back(toStd(isolate, list->Get(ctx, i).ToLocalChecked()));
    }
    std::vector<http::Header> headers;
    std::vector<metrics::TagSet::Tag> userTags;
    Local<Value> jarHandle;
    bool deflate = false;
    if (args[2]->IsObject()) {
        auto params = args[2].As<v8::Object>();
        for (auto &[k, v] : stringPairs(isolate, ctx, params->Get(ctx, str(isolate, "headers")).ToLocalChecked()))
            headers.emplace_back(k, v);
        for (auto &[k, v] : stringPairs(isolate, ctx, params->Get(ctx, str(isolate, "tags")).ToLocalChecked()))
            userTags.emplace_back(k, v);
        jarHandle = params->Get(ctx, str(isolate, "jar")).ToLocalChecked();
        deflate = params->Get(ctx, str(isolate, "compression")).ToLocalChecked()->IsTrue();
    }
    vu.http->beginIteration(vu.iteration);
    http::CookieJar *jar = cookieJarOf(isolate, jarHandle);
    if (!jar) {
        throwError(isolate, "WebSocket: params.jar must be a CookieJar from k6/http", true);
        return;
    }
    auto sock = std::make_shared<Socket>();
    sock->jar = jar;
    if (sock->wake[0] < 0) {
        throwError(isolate, "WebSocket: cannot create a pipe");
        return;
    }
    sock->id = g_nextId.fetch_add(1);
    sock->generation = vu.loop.generation.load();
    sock->url = url;
    sock->startNs = unixNowNs();
    sock->tags = vu.baseTags();
    sock->tags.emplace_back("url", url);
    sock->tags.insert(sock->tags.end(), userTags.begin(), userTags.end());
    const std::string scheme = u.scheme == "wss" ? "https" : "http";
    const std::string cookie = jar->headerFor(http::parseUrl(scheme + url.substr(url.find("://"))));
    vu.webSockets[sock->id] = sock;
    // Forget sockets whose iteration failed before they could report.
    for (auto it = vu.webSockets.begin(); it != vu.webSockets.end();) {
        if (std::static_pointer_cast<Socket>(it->second)->generation != sock->generation)
            it = vu.webSockets.erase(it);
        else
            ++it;
    }
    keepAlive(vu); // until the final report
    vu.asyncOutstanding.fetch_add(1);
    std::thread(ioThread, &vu, sock, url, std::move(headers), cookie, std::move(protocols), deflate).detach();
    args.GetReturnValue().Set(sock->id);
}

// send(id, data, binary): data is a string or bytes.
void wsSend(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    auto sock = socketArg(args);
    if (!sock)
        return;
    Command c;
    c.kind = args[2]->IsTrue() ? Command::Kind::Binary : Command::Kind::Text;
    if (!bytesOf(isolate, args[1], c.data)) {
        throwError(isolate, "WebSocket.send() takes a string, an ArrayBuffer, a typed array or a Blob", true);
        return;
    }
    Vu::State &vu = currentVu(isolate);
    if (!sock->tagSet)
        sock->tagSet = std::make_shared<const metrics::TagSet>(sock->tags);
    vu.emit(metricId(vu, "ws_msgs_sent", metrics::MetricType::Counter, false), 1, sock->tagSet);
    sock->push(std::move(c));
}

void wsPing(const FunctionCallbackInfo<Value> &args)
{
    if (auto sock = socketArg(args))
        sock->push({Command::Kind::Ping, {}, 0});
}

// close(id, code, reason)
void wsClose(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    auto sock = socketArg(args);
    if (!sock)
        return;
    Command c{Command::Kind::Close, toStd(isolate, args[2]), args[1]->Int32Value(isolate->GetCurrentContext()).FromMaybe(1000)};
    sock->push(std::move(c));
}

void wsBuffered(const FunctionCallbackInfo<Value> &args)
{
    auto sock = socketArg(args);
    args.GetReturnValue().Set(double(sock ? sock->queued.load() + sock->unsent.load() : 0));
}

void wsSetDispatcher(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Local<v8::Context> ctx = isolate->GetCurrentContext();
    if (!args[0]->IsFunction())
        return;
    Local<Value> list;
    if (!ctx->Global()->GetPrivate(ctx, dispatcherKey(isolate)).ToLocal(&list) || !list->IsArray()) {
        list = v8::Array::New(isolate);
        ctx->Global()->SetPrivate(ctx, dispatcherKey(isolate), list).Check();
    }
    auto fns = list.As<v8::Array>();
    fns->Set(ctx, fns->Length(), args[0]).Check();
}

void utf8Encode(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    std::string bytes = toStd(isolate, args[0]);
    args.GetReturnValue().Set(newArrayBuffer(isolate, bytes));
}

void utf8Decode(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    std::string bytes;
    bytesOf(isolate, args[0], bytes);
    args.GetReturnValue().Set(str(isolate, bytes));
}

} // namespace

// Names are prefixed: function templates are cached per isolate by name.
void initWebsocketsNative(v8::Isolate *isolate, Local<v8::Context> ctx, Local<v8::Object> exports)
{
    registerWsMetrics(currentVu(isolate));
    setFunction(isolate, ctx, exports, "websocketsOpen", wsOpen);
    setFunction(isolate, ctx, exports, "websocketsSend", wsSend);
    setFunction(isolate, ctx, exports, "websocketsPing", wsPing);
    setFunction(isolate, ctx, exports, "websocketsClose", wsClose);
    setFunction(isolate, ctx, exports, "websocketsBufferedAmount", wsBuffered);
    setFunction(isolate, ctx, exports, "websocketsSetDispatcher", wsSetDispatcher);
    setFunction(isolate, ctx, exports, "websocketsUtf8Encode", utf8Encode);
    setFunction(isolate, ctx, exports, "websocketsUtf8Decode", utf8Decode);
}

} // namespace stampede::script
