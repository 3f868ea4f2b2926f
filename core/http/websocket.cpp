// RFC 6455 client: opening handshake, masked frames out, frames in.

#include "core/http/websocket.h"

#include "core/util/fiber.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <poll.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>

namespace stampede::http {

namespace {

std::string base64(const unsigned char *data, size_t len)
{
    std::string out(4 * ((len + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char *>(out.data()), data, int(len));
    out.resize(size_t(n));
    return out;
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

} // namespace

// permessage-deflate (RFC 7692): raw deflate per message, the trailing 00 00 FF FF of a
// sync flush left off on the wire and put back before inflating.
struct WebSocket::Deflate
{
    z_stream out{};
    z_stream in{};
    bool outOk = false, inOk = false;
    bool clientNoContextTakeover = false; // reset our compressor after every message

    Deflate()
    {
        outOk = deflateInit2(&out, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK;
        inOk = inflateInit2(&in, -15) == Z_OK; // a 15-bit window reads whatever the server used
    }
    ~Deflate()
    {
        if (outOk)
            deflateEnd(&out);
        if (inOk)
            inflateEnd(&in);
    }
    Deflate(const Deflate &) = delete;
    Deflate &operator=(const Deflate &) = delete;

    std::string compress(std::string_view data)
    {
        std::string result;
        out.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
        out.avail_in = uInt(data.size());
        char buf[16384];
        do {
            out.next_out = reinterpret_cast<Bytef *>(buf);
            out.avail_out = sizeof buf;
            deflate(&out, Z_SYNC_FLUSH);
            result.append(buf, sizeof buf - out.avail_out);
        } while (out.avail_out == 0);
        if (result.size() >= 4 && result.compare(result.size() - 4, 4, std::string("\0\0\xff\xff", 4)) == 0)
            result.resize(result.size() - 4);
        if (clientNoContextTakeover)
            deflateReset(&out);
        return result;
    }

    bool decompress(std::string data, std::string &result)
    {
        data.append("\0\0\xff\xff", 4);
        in.next_in = reinterpret_cast<Bytef *>(data.data());
        in.avail_in = uInt(data.size());
        char buf[16384];
        do {
            in.next_out = reinterpret_cast<Bytef *>(buf);
            in.avail_out = sizeof buf;
            const int rc = inflate(&in, Z_SYNC_FLUSH);
            if (rc != Z_OK && rc != Z_BUF_ERROR && rc != Z_STREAM_END)
                return false;
            result.append(buf, sizeof buf - in.avail_out);
        } while (in.avail_out == 0 || in.avail_in > 0);
        return true;
    }
};

WebSocket::WebSocket() = default;
WebSocket::~WebSocket() = default;

std::unique_ptr<WebSocket> WebSocket::open(Client &client, const std::string &url, const std::vector<Header> &headers,
                                           const std::string &cookieHeader, const std::vector<std::string> &protocols,
                                           bool deflate, std::chrono::milliseconds timeout,
                                           const std::function<bool()> &cancel, Handshake &hs)
{
    const auto started = Clock::now();
    auto finish = [&](std::unique_ptr<WebSocket> ws) {
        hs.connectingMs = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
        if (!hs.error.empty() && ws && ws->m_conn) {
            hs.bytesSent = ws->m_conn->bytesSent();
            hs.bytesReceived = ws->m_conn->bytesReceived();
        }
        return hs.error.empty() ? std::move(ws) : nullptr;
    };
    const UrlParts u = parseUrl(url);
    if (!u.valid || (u.scheme != "ws" && u.scheme != "wss")) {
        hs.error = "invalid URL \"" + url + "\" (ws:// or wss:// expected)";
        hs.errorCode = 1020;
        return finish(nullptr);
    }
    std::unique_ptr<WebSocket> ws(new WebSocket);
    ws->m_conn = client.connectRaw(url, timeout, hs.error, hs.errorCode);
    if (!ws->m_conn)
        return finish(nullptr);

    unsigned char key[16];
    RAND_bytes(key, sizeof key);
    const std::string keyText = base64(key, sizeof key);
    std::string req = "GET " + u.path;
    if (const size_t q = url.find('?', url.find("://") + 3); q != std::string::npos) {
        const size_t hash = url.find('#', q);
        req += url.substr(q, hash == std::string::npos ? std::string::npos : hash - q);
    }
    const bool defaultPort = (u.scheme == "ws" && u.port == 80) || (u.scheme == "wss" && u.port == 443);
    req += " HTTP/1.1\r\nHost: " + u.host + (defaultPort ? "" : ":" + std::to_string(u.port)) +
           "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + keyText +
           "\r\nSec-WebSocket-Version: 13\r\n";
    bool hasUa = false;
    for (const auto &[k, v] : headers) {
        hasUa |= lower(k) == "user-agent";
        req += k + ": " + v + "\r\n";
    }
    if (!hasUa && !client.options().userAgent.empty())
        req += "User-Agent: " + client.options().userAgent + "\r\n";
    if (!protocols.empty()) {
        std::string list;
        for (const std::string &p : protocols)
            list += (list.empty() ? "" : ", ") + p;
        req += "Sec-WebSocket-Protocol: " + list + "\r\n";
    }
    if (!cookieHeader.empty())
        req += "Cookie: " + cookieHeader + "\r\n";
    if (deflate)
        req += "Sec-WebSocket-Extensions: permessage-deflate\r\n";
    req += "\r\n";
    ws->m_out = req;

    const auto deadline = Clock::now() + timeout;
    size_t headEnd = std::string::npos;
    auto &c = *ws->m_conn;
    while (headEnd == std::string::npos && Clock::now() < deadline && !(cancel && cancel())) {
        while (!ws->m_out.empty()) {
            const long n = c.send(ws->m_out.data(), ws->m_out.size());
            if (n <= 0)
                break;
            ws->m_out.erase(0, size_t(n));
        }
        pollfd p{c.socket(), short(POLLIN | (ws->m_out.empty() ? 0 : POLLOUT)), 0};
        fiber::poll(&p, 1, 50);
        char buf[16384];
        long n;
        while ((n = c.recv(buf, sizeof buf)) > 0)
            ws->m_in.append(buf, size_t(n));
        headEnd = ws->m_in.find("\r\n\r\n");
        if (n < 0 && headEnd == std::string::npos) {
            hs.error = "websocket: bad handshake: connection closed";
            hs.errorCode = 1000;
            return finish(std::move(ws));
        }
    }
    if (headEnd == std::string::npos) {
        hs.error = cancel && cancel() ? "websocket: connection aborted" : "websocket: handshake timeout";
        hs.errorCode = 1050;
        return finish(std::move(ws));
    }
    const std::string head = ws->m_in.substr(0, headEnd);
    ws->m_in.erase(0, headEnd + 4);
    size_t lineEnd = head.find("\r\n");
    const std::string statusLine = head.substr(0, lineEnd);
    if (statusLine.size() > 12)
        hs.status = std::atoi(statusLine.c_str() + 9);
    hs.statusText = statusLine.size() > 9 ? statusLine.substr(9) : std::string();
    std::string accept;
    while (lineEnd != std::string::npos) {
        const size_t next = head.find("\r\n", lineEnd + 2);
        const std::string line =
            head.substr(lineEnd + 2, next == std::string::npos ? std::string::npos : next - lineEnd - 2);
        lineEnd = next;
        const size_t colon = line.find(':');
        if (colon == std::string::npos)
            continue;
        std::string k = line.substr(0, colon), v = line.substr(colon + 1);
        while (!v.empty() && v.front() == ' ')
            v.erase(0, 1);
        const std::string lk = lower(k);
        if (lk == "sec-websocket-accept")
            accept = v;
        else if (lk == "sec-websocket-protocol")
            hs.protocol = v;
        else if (lk == "sec-websocket-extensions")
            hs.extensions = v;
        else if (lk == "set-cookie")
            hs.setCookies.push_back(v);
        hs.headers.emplace_back(k, v);
    }
    if (hs.status != 101) {
        hs.error = "websocket: bad handshake";
        hs.errorCode = 1000;
        return finish(std::move(ws));
    }
    const std::string expect = keyText + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    unsigned char digest[SHA_DIGEST_LENGTH];
    SHA1(reinterpret_cast<const unsigned char *>(expect.data()), expect.size(), digest);
    if (accept != base64(digest, sizeof digest)) {
        hs.error = "websocket: bad handshake (Sec-WebSocket-Accept mismatch)";
        hs.errorCode = 1000;
        return finish(std::move(ws));
    }
    if (!hs.extensions.empty()) {
        // Only what was offered may come back.
        if (!deflate || lower(hs.extensions).find("permessage-deflate") == std::string::npos) {
            hs.error = "websocket: the server chose an extension that was not offered: " + hs.extensions;
            hs.errorCode = 1000;
            return finish(std::move(ws));
        }
        ws->m_deflate = std::make_unique<Deflate>();
        ws->m_deflate->clientNoContextTakeover = lower(hs.extensions).find("client_no_context_takeover") != std::string::npos;
        if (!ws->m_deflate->outOk || !ws->m_deflate->inOk) {
            hs.error = "websocket: cannot set up permessage-deflate";
            hs.errorCode = 1000;
            return finish(std::move(ws));
        }
    }
    // Frames that came with the handshake response.
    ws->parseFrames();
    return finish(std::move(ws));
}

void WebSocket::queueFrame(int opcode, std::string_view payload, bool compressed)
{
    std::string &o = m_out;
    o.push_back(char(0x80 | (compressed ? 0x40 : 0) | opcode));
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

void WebSocket::sendText(std::string_view text)
{
    if (m_closeSent || m_dropped)
        return;
    sendMessage(0x1, text);
}

void WebSocket::sendBinary(std::string_view bytes)
{
    if (m_closeSent || m_dropped)
        return;
    sendMessage(0x2, bytes);
}

void WebSocket::sendMessage(int opcode, std::string_view payload)
{
    if (m_deflate)
        queueFrame(opcode, m_deflate->compress(payload), true);
    else
        queueFrame(opcode, payload);
    ++m_msgsSent;
}

void WebSocket::deliverMessage(int opcode, std::string payload, bool compressed)
{
    if (compressed) {
        std::string plain;
        if (!m_deflate || !m_deflate->decompress(std::move(payload), plain)) {
            m_error = m_deflate ? "websocket: invalid compressed message"
                                : "websocket: compressed message without permessage-deflate";
            close(m_deflate ? 1007 : 1002);
            return;
        }
        payload = std::move(plain);
    }
    m_events.push_back({opcode == 0x2 ? Event::Type::Binary : Event::Type::Text, std::move(payload), 0, 0});
    ++m_msgsReceived;
}

void WebSocket::ping(std::string_view payload)
{
    if (m_closeSent || m_dropped)
        return;
    queueFrame(0x9, payload.substr(0, 125));
    m_pings.push_back(Clock::now());
}

void WebSocket::close(int code, std::string_view reason)
{
    if (m_closeSent || m_dropped)
        return;
    std::string payload;
    if (code > 0) {
        payload.push_back(char(code >> 8));
        payload.push_back(char(code & 0xff));
        payload.append(reason.substr(0, 123));
    }
    queueFrame(0x8, payload);
    m_closeSent = true;
    if (!m_closeReceived) {
        m_closeCode = code > 0 ? code : 1005;
        m_closeReason = std::string(reason);
    }
    m_closeDeadline = Clock::now() + std::chrono::seconds(1);
}

void WebSocket::parseFrames()
{
    size_t pos = 0;
    const std::string &b = m_in;
    while (b.size() - pos >= 2) {
        const unsigned char b0 = static_cast<unsigned char>(b[pos]);
        const unsigned char b1 = static_cast<unsigned char>(b[pos + 1]);
        const bool fin = b0 & 0x80;
        const bool rsv1 = b0 & 0x40; // permessage-deflate: the message is compressed
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
            m_fragments += payload;
            if (fin) {
                deliverMessage(m_fragmentOpcode, std::move(m_fragments), m_fragmentCompressed);
                m_fragments.clear();
            }
            break;
        case 0x1:
        case 0x2:
            if (fin) {
                deliverMessage(opcode, std::move(payload), rsv1);
            } else {
                m_fragmentOpcode = opcode;
                m_fragmentCompressed = rsv1;
                m_fragments = std::move(payload);
            }
            break;
        case 0x8: {
            int code = 1005;
            std::string reason;
            if (payload.size() >= 2) {
                code = (uint8_t(payload[0]) << 8) | uint8_t(payload[1]);
                reason = payload.substr(2);
            }
            m_closeReceived = true;
            if (!m_closeSent) {
                close(code == 1005 ? 1000 : code); // echo the peer's code
                m_closeCode = code;
                m_closeReason = reason;
            }
            m_events.push_back({Event::Type::Close, std::move(reason), code, 0});
            break;
        }
        case 0x9:
            if (!m_closeSent)
                queueFrame(0xA, payload);
            m_events.push_back({Event::Type::Ping, std::move(payload), 0, 0});
            break;
        case 0xA: {
            double rtt = 0;
            if (!m_pings.empty()) {
                rtt = std::chrono::duration<double, std::milli>(Clock::now() - m_pings.front()).count();
                m_pings.pop_front();
            }
            m_events.push_back({Event::Type::Pong, std::move(payload), 0, rtt});
            break;
        }
        default:
            m_error = "websocket: unknown opcode " + std::to_string(opcode);
            close(1002);
            break;
        }
    }
    m_in.erase(0, pos);
}

void WebSocket::pump(std::chrono::milliseconds wait, int wakeFd)
{
    if (m_dropped)
        return;
    auto &c = *m_conn;
    while (!m_out.empty()) {
        const long n = c.send(m_out.data(), m_out.size());
        if (n < 0) {
            m_error = "write: broken pipe";
            m_dropped = true;
            return;
        }
        if (n == 0)
            break;
        m_out.erase(0, size_t(n));
    }
    // recv() below drains TLS buffers every time, so the socket alone tells when more arrives.
    pollfd p[2] = {{c.socket(), short(POLLIN | (m_out.empty() ? 0 : POLLOUT)), 0}, {wakeFd, POLLIN, 0}};
    fiber::poll(p, wakeFd >= 0 ? 2 : 1, int(std::max<int64_t>(0, wait.count())));
    char buf[65536];
    for (;;) {
        const long n = c.recv(buf, sizeof buf);
        if (n == 0)
            break;
        if (n < 0) {
            if (!m_closeReceived && !m_closeSent)
                m_error = "websocket: connection closed unexpectedly";
            m_dropped = true;
            break;
        }
        m_in.append(buf, size_t(n));
    }
    parseFrames();
}

std::string WebSocket::takeError()
{
    std::string e = std::move(m_error);
    m_error.clear();
    return e;
}

bool WebSocket::finished() const
{
    if (m_dropped)
        return true;
    if (m_closeSent && m_closeReceived && m_out.empty())
        return true;
    return m_closeSent && Clock::now() > m_closeDeadline;
}

uint64_t WebSocket::bytesSent() const
{
    return m_conn ? m_conn->bytesSent() : 0;
}

uint64_t WebSocket::bytesReceived() const
{
    return m_conn ? m_conn->bytesReceived() : 0;
}

} // namespace stampede::http
