// Native half of "k6/ws": ws.connect() runs a whole WebSocket session (RFC 6455 client framing
// over a libcurl CONNECT_ONLY connection, TLS for wss) on the VU thread. Network waits happen
// with the isolate unlocked; handlers and timers run with it locked.

#include "core/script/modules/native.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <poll.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <map>

namespace stampede::script {

using v8::FunctionCallbackInfo;
using v8::Local;
using v8::Value;
using Clock = std::chrono::steady_clock;

namespace {

std::string base64(const unsigned char *data, size_t len)
{
    std::string out(4 * ((len + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char *>(out.data()), data, int(len));
    out.resize(size_t(n));
    return out;
}

struct WsEvent
{
    std::string type; // message, binaryMessage, ping, pong, close, error
    std::string data;
    int code = 0;
};

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
    std::unique_ptr<http::Client::RawConnection> conn;
    std::string out; // bytes waiting to be written
    std::string in;  // bytes read, not yet parsed
    std::string fragments;
    int fragmentOpcode = 0;
    std::deque<WsEvent> events;
    std::vector<std::unique_ptr<WsTimer>> timers;
    int nextTimer = 1;
    bool closeSent = false;
    bool closeReceived = false;
    bool closed = false;
    int closeCode = 1006;
    Clock::time_point closeDeadline;
    std::deque<Clock::time_point> pings;
    int64_t msgsSent = 0, msgsReceived = 0;
    std::vector<double> pingRtts;
    std::string error;
};

thread_local std::map<int, WsSession *> tl_sessions;
thread_local int tl_nextSession = 1;

void queueFrame(WsSession &s, int opcode, std::string_view payload)
{
    std::string &o = s.out;
    o.push_back(char(0x80 | opcode));
    const size_t n = payload.size();
    if (n < 126) {
        o.push_back(char(0x80 | n));
    } else if (n < 65536) {
        o.push_back(char(0x80 | 126));
        o.push_back(char(n >> 8));
        o.push_back(char(n & 0xff));
    } else {
        o.push_back(char(0x80 | 127));
        for (int i = 7; i >= 0; --i)
            o.push_back(char((uint64_t(n) >> (8 * i)) & 0xff));
    }
    unsigned char mask[4];
    RAND_bytes(mask, 4);
    o.append(reinterpret_cast<char *>(mask), 4);
    const size_t start = o.size();
    o.append(payload);
    for (size_t i = 0; i < n; ++i)
        o[start + i] = char(o[start + i] ^ mask[i & 3]);
}

void sendClose(WsSession &s, int code)
{
    if (s.closeSent)
        return;
    std::string payload;
    if (code > 0) {
        payload.push_back(char(code >> 8));
        payload.push_back(char(code & 0xff));
    }
    queueFrame(s, 0x8, payload);
    s.closeSent = true;
    s.closeCode = code;
    s.closeDeadline = Clock::now() + std::chrono::seconds(1);
}

// Parses complete frames of s.in into events.
void parseFrames(WsSession &s)
{
    size_t pos = 0;
    const std::string &b = s.in;
    while (b.size() - pos >= 2) {
        const unsigned char b0 = static_cast<unsigned char>(b[pos]);
        const unsigned char b1 = static_cast<unsigned char>(b[pos + 1]);
        const bool fin = b0 & 0x80;
        const int opcode = b0 & 0x0f;
        const bool masked = b1 & 0x80;
        uint64_t len = b1 & 0x7f;
        size_t header = 2;
        if (len == 126) {
            if (b.size() - pos < 4)
                break;
            len = (uint64_t(uint8_t(b[pos + 2])) << 8) | uint8_t(b[pos + 3]);
            header = 4;
        } else if (len == 127) {
            if (b.size() - pos < 10)
                break;
            len = 0;
            for (int i = 0; i < 8; ++i)
                len = (len << 8) | uint8_t(b[pos + 2 + i]);
            header = 10;
        }
        if (masked)
            header += 4;
        if (b.size() - pos < header + len)
            break;
        std::string payload = b.substr(pos + header, size_t(len));
        if (masked) {
            const char *mask = b.data() + pos + header - 4;
            for (size_t i = 0; i < payload.size(); ++i)
                payload[i] = char(payload[i] ^ mask[i & 3]);
        }
        pos += header + size_t(len);
        switch (opcode) {
        case 0x0: // continuation
            s.fragments += payload;
            if (fin) {
                s.events.push_back({s.fragmentOpcode == 0x2 ? "binaryMessage" : "message", std::move(s.fragments), 0});
                s.fragments.clear();
                ++s.msgsReceived;
            }
            break;
        case 0x1:
        case 0x2:
            if (fin) {
                s.events.push_back({opcode == 0x2 ? "binaryMessage" : "message", std::move(payload), 0});
                ++s.msgsReceived;
            } else {
                s.fragmentOpcode = opcode;
                s.fragments = std::move(payload);
            }
            break;
        case 0x8: {
            int code = 1005;
            if (payload.size() >= 2)
                code = (uint8_t(payload[0]) << 8) | uint8_t(payload[1]);
            s.closeReceived = true;
            if (!s.closeSent) {
                sendClose(s, code == 1005 ? 1000 : code);
                s.closeCode = code;
            }
            s.events.push_back({"close", {}, code});
            break;
        }
        case 0x9:
            queueFrame(s, 0xA, payload);
            s.events.push_back({"ping", std::move(payload), 0});
            break;
        case 0xA:
            if (!s.pings.empty()) {
                s.pingRtts.push_back(std::chrono::duration<double, std::milli>(Clock::now() - s.pings.front()).count());
                s.pings.pop_front();
            }
            s.events.push_back({"pong", std::move(payload), 0});
            break;
        default:
            s.error = "websocket: unknown opcode " + std::to_string(opcode);
            sendClose(s, 1002);
            break;
        }
    }
    s.in.erase(0, pos);
}

// Writes what it can, waits up to `wait` for the socket, reads what there is.
void pump(WsSession &s, std::chrono::milliseconds wait)
{
    auto &c = *s.conn;
    while (!s.out.empty()) {
        const long n = c.send(s.out.data(), s.out.size());
        if (n < 0) {
            s.error = "write: broken pipe";
            s.closed = true;
            return;
        }
        if (n == 0)
            break;
        s.out.erase(0, size_t(n));
    }
    pollfd p{c.socket(), short(POLLIN | (s.out.empty() ? 0 : POLLOUT)), 0};
    ::poll(&p, 1, int(std::max<int64_t>(0, wait.count())));
    char buf[65536];
    for (;;) {
        const long n = c.recv(buf, sizeof buf);
        if (n == 0)
            break;
        if (n < 0) {
            if (!s.closeReceived && !s.closeSent)
                s.error = "websocket: connection closed unexpectedly";
            s.closed = true;
            break;
        }
        s.in.append(buf, size_t(n));
    }
    parseFrames(s);
}

WsSession *sessionArg(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    const int id = int(args[0]->Int32Value(isolate->GetCurrentContext()).FromMaybe(0));
    auto it = tl_sessions.find(id);
    if (it == tl_sessions.end()) {
        throwError(isolate, "the WebSocket is no longer open");
        return nullptr;
    }
    return it->second;
}

void wsSend(const FunctionCallbackInfo<Value> &args)
{
    WsSession *s = sessionArg(args);
    if (!s || s->closeSent)
        return;
    std::string data;
    bytesOf(args.GetIsolate(), args[1], data);
    queueFrame(*s, 0x1, data);
    ++s->msgsSent;
}

void wsSendBinary(const FunctionCallbackInfo<Value> &args)
{
    WsSession *s = sessionArg(args);
    if (!s || s->closeSent)
        return;
    std::string data;
    if (!args[1]->IsArrayBuffer() && !args[1]->IsArrayBufferView()) {
        throwError(args.GetIsolate(), "sendBinary() takes an ArrayBuffer", true);
        return;
    }
    bytesOf(args.GetIsolate(), args[1], data);
    queueFrame(*s, 0x2, data);
    ++s->msgsSent;
}

void wsPing(const FunctionCallbackInfo<Value> &args)
{
    WsSession *s = sessionArg(args);
    if (!s || s->closeSent)
        return;
    queueFrame(*s, 0x9, "");
    s->pings.push_back(Clock::now());
}

void wsClose(const FunctionCallbackInfo<Value> &args)
{
    WsSession *s = sessionArg(args);
    if (!s)
        return;
    int code = 1000;
    if (args.Length() > 1 && args[1]->IsNumber())
        code = int(args[1]->Int32Value(args.GetIsolate()->GetCurrentContext()).FromMaybe(1000));
    sendClose(*s, code);
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
    WsSession &s;
    explicit SessionRegistration(WsSession &session) : s(session) { tl_sessions[s.id] = &s; }
    ~SessionRegistration() { tl_sessions.erase(s.id); }
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
    s.id = tl_nextSession++;
    const int64_t startNs = unixNowNs();
    const auto started = Clock::now();
    std::string error;
    int errorCode = 0;
    int status = 0;
    std::string statusText, subproto;
    std::vector<http::Header> respHeaders;
    vu.flush();
    withoutLock(vu, [&] {
        s.conn = vu.http->connectRaw(url, std::chrono::seconds(60), error, errorCode);
        if (!s.conn)
            return;
        unsigned char key[16];
        RAND_bytes(key, sizeof key);
        const std::string keyText = base64(key, sizeof key);
        std::string req = "GET " + u.path;
        if (const size_t q = url.find('?', url.find("://") + 3); q != std::string::npos)
            req += url.substr(q, url.find('#', q) == std::string::npos ? std::string::npos : url.find('#', q) - q);
        const bool defaultPort = (u.scheme == "ws" && u.port == 80) || (u.scheme == "wss" && u.port == 443);
        req += " HTTP/1.1\r\nHost: " + u.host + (defaultPort ? "" : ":" + std::to_string(u.port)) +
               "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + keyText +
               "\r\nSec-WebSocket-Version: 13\r\n";
        bool hasUa = false;
        for (const auto &[k, v] : headers) {
            std::string lk = k;
            std::transform(lk.begin(), lk.end(), lk.begin(), ::tolower);
            hasUa |= lk == "user-agent";
            req += k + ": " + v + "\r\n";
        }
        if (!hasUa && !vu.http->options().userAgent.empty())
            req += "User-Agent: " + vu.http->options().userAgent + "\r\n";
        const http::UrlParts cookieUrl = http::parseUrl((u.scheme == "wss" ? "https" : "http") + url.substr(url.find("://")));
        if (const std::string cookie = vu.http->cookieJar().headerFor(cookieUrl); !cookie.empty())
            req += "Cookie: " + cookie + "\r\n";
        req += "\r\n";
        s.out = req;
        const auto deadline = Clock::now() + std::chrono::seconds(60);
        size_t headEnd = std::string::npos;
        while (headEnd == std::string::npos && Clock::now() < deadline && !vu.shouldStop()) {
            auto &c = *s.conn;
            while (!s.out.empty()) {
                const long n = c.send(s.out.data(), s.out.size());
                if (n <= 0)
                    break;
                s.out.erase(0, size_t(n));
            }
            pollfd p{c.socket(), short(POLLIN | (s.out.empty() ? 0 : POLLOUT)), 0};
            ::poll(&p, 1, 50);
            char buf[16384];
            long n;
            while ((n = c.recv(buf, sizeof buf)) > 0)
                s.in.append(buf, size_t(n));
            if (n < 0) {
                error = "websocket: bad handshake: connection closed";
                errorCode = 1000;
                return;
            }
            headEnd = s.in.find("\r\n\r\n");
        }
        if (headEnd == std::string::npos) {
            error = "websocket: handshake timeout";
            errorCode = 1050;
            return;
        }
        const std::string head = s.in.substr(0, headEnd);
        s.in.erase(0, headEnd + 4);
        size_t lineEnd = head.find("\r\n");
        const std::string statusLine = head.substr(0, lineEnd);
        if (statusLine.size() > 12)
            status = std::atoi(statusLine.c_str() + 9);
        statusText = statusLine.size() > 9 ? statusLine.substr(9) : std::string();
        std::string accept;
        while (lineEnd != std::string::npos) {
            const size_t next = head.find("\r\n", lineEnd + 2);
            const std::string line = head.substr(lineEnd + 2, next == std::string::npos ? std::string::npos : next - lineEnd - 2);
            lineEnd = next;
            const size_t colon = line.find(':');
            if (colon == std::string::npos)
                continue;
            std::string k = line.substr(0, colon), v = line.substr(colon + 1);
            while (!v.empty() && v.front() == ' ')
                v.erase(0, 1);
            std::string lk = k;
            std::transform(lk.begin(), lk.end(), lk.begin(), ::tolower);
            if (lk == "sec-websocket-accept")
                accept = v;
            else if (lk == "sec-websocket-protocol")
                subproto = v;
            else if (lk == "set-cookie")
                vu.http->cookieJar().setFromHeader(cookieUrl, v);
            respHeaders.emplace_back(k, v);
        }
        if (status != 101) {
            error = "websocket: bad handshake";
            errorCode = 1000;
            return;
        }
        const std::string expect = keyText + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
        unsigned char digest[SHA_DIGEST_LENGTH];
        SHA1(reinterpret_cast<const unsigned char *>(expect.data()), expect.size(), digest);
        if (accept != base64(digest, sizeof digest)) {
            error = "websocket: bad handshake (Sec-WebSocket-Accept mismatch)";
            errorCode = 1000;
        }
    });
    if (vu.shouldStop())
        return;
    const double connectingMs = std::chrono::duration<double, std::milli>(Clock::now() - started).count();

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
        if (s.conn) {
            vu.emit(vu.rt->config.registry->builtin().dataSent, double(s.conn->bytesSent()), tagSet, startNs);
            vu.emit(vu.rt->config.registry->builtin().dataReceived, double(s.conn->bytesReceived()), tagSet, startNs);
        }
        throwError(isolate, "ws.connect: " + error);
        return;
    }
    SessionRegistration reg(s);
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
    while (!failed) {
        // Events, then due timers, with the lock held.
        while (!s.events.empty() && !failed) {
            WsEvent e = std::move(s.events.front());
            s.events.pop_front();
            if (e.type == "message") {
                failed = !emit("message", {str(isolate, e.data)});
            } else if (e.type == "binaryMessage") {
                failed = !emit("binaryMessage", {newArrayBuffer(isolate, e.data)});
            } else if (e.type == "ping" || e.type == "pong") {
                failed = !emit(e.type.c_str(), {});
            } else if (e.type == "close") {
                closeEmitted = true;
                failed = !emit("close", {v8::Integer::New(isolate, e.code)});
            }
        }
        if (failed)
            break;
        if (!s.error.empty()) {
            auto errObj = v8::Object::New(isolate);
            const std::string msg = s.error;
            s.error.clear();
            setProperty(isolate, ctx, errObj, "message", str(isolate, msg));
            failed = !emit("error", {errObj});
            if (failed)
                break;
        }
        const auto now = Clock::now();
        for (size_t i = 0; i < s.timers.size() && !failed; ++i) {
            WsTimer &t = *s.timers[i];
            if (t.due > now)
                continue;
            const int id = t.id;
            auto fn = t.fn.Get(isolate);
            if (t.interval.count() > 0)
                t.due = now + t.interval;
            else
                s.timers.erase(s.timers.begin() + long(i--));
            Local<Value> ignored;
            failed = !fn->Call(ctx, socketObj, 0, nullptr).ToLocal(&ignored);
            (void)id;
        }
        if (failed)
            break;
        if (s.closed || (s.closeSent && s.closeReceived && s.out.empty()))
            break;
        if (s.closeSent && Clock::now() > s.closeDeadline)
            break;
        auto wait = std::chrono::milliseconds(200);
        for (const auto &t : s.timers)
            wait = std::min(wait, std::chrono::duration_cast<std::chrono::milliseconds>(t->due - Clock::now()));
        if (!s.events.empty())
            wait = std::chrono::milliseconds(0);
        withoutLock(vu, [&] { pump(s, std::max(wait, std::chrono::milliseconds(0))); });
        if (vu.shouldStop())
            return;
    }
    if (failed)
        return; // the handler's exception propagates
    if (!closeEmitted) {
        emit("close", {v8::Integer::New(isolate, s.closeCode)});
    }
    const auto &b = vu.rt->config.registry->builtin();
    const double sessionMs = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    vu.emit(metric("ws_sessions", metrics::MetricType::Counter, false), 1, tagSet, startNs);
    vu.emit(metric("ws_session_duration", metrics::MetricType::Trend, true), sessionMs, tagSet, startNs);
    const auto sentId = metric("ws_msgs_sent", metrics::MetricType::Counter, false);
    const auto recvId = metric("ws_msgs_received", metrics::MetricType::Counter, false);
    if (s.msgsSent)
        vu.emit(sentId, double(s.msgsSent), tagSet, startNs);
    if (s.msgsReceived)
        vu.emit(recvId, double(s.msgsReceived), tagSet, startNs);
    const auto pingId = metric("ws_ping", metrics::MetricType::Trend, true);
    for (double rtt : s.pingRtts)
        vu.emit(pingId, rtt, tagSet, startNs);
    vu.emit(b.dataSent, double(s.conn->bytesSent()), tagSet, startNs);
    vu.emit(b.dataReceived, double(s.conn->bytesReceived()), tagSet, startNs);
    args.GetReturnValue().Set(response);
}

} // namespace

void initWsNative(v8::Isolate *isolate, Local<v8::Context> ctx, Local<v8::Object> exports)
{
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
