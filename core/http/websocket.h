#pragma once

// An RFC 6455 WebSocket client connection: the opening handshake over a connection from
// Client::connectRaw (TLS for wss://), client-side framing (masked), and parsing of the
// server's frames into events. Used by k6/ws (a blocking session loop on the VU thread)
// and k6/websockets (one I/O thread per socket). Knows nothing of JavaScript; not
// thread-safe: one thread drives a connection.

#include "core/http/httpclient.h"

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace stampede::http {

class WebSocket
{
public:
    using Clock = std::chrono::steady_clock;

    struct Event
    {
        enum class Type { Text, Binary, Ping, Pong, Close };
        Type type = Type::Text;
        std::string data;   // the message; the close reason for Close
        int code = 0;       // Close: the code (1005 if the frame had none)
        double rttMs = 0;   // Pong: time since the matching ping() (0 if none was pending)
    };

    struct Handshake
    {
        int status = 0;
        std::string statusText;            // "101 Switching Protocols"
        std::string protocol;              // Sec-WebSocket-Protocol chosen by the server
        std::string extensions;            // Sec-WebSocket-Extensions accepted by the server
        std::vector<Header> headers;       // response headers, names as received
        std::vector<std::string> setCookies; // Set-Cookie values, for the caller's jar
        std::string error;                 // k6's message ("websocket: bad handshake") if it failed
        int errorCode = 0;
        double connectingMs = 0;           // connect + TLS + upgrade
        uint64_t bytesSent = 0;            // wire bytes of a failed attempt
        uint64_t bytesReceived = 0;
    };

    // Connects and performs the opening handshake. `headers` are sent as given (a
    // User-Agent from the client options is added if none is), `cookieHeader` is the
    // Cookie value (empty for none), `protocols` the offered subprotocols; `deflate`
    // offers permessage-deflate (RFC 7692), used if the server accepts it. `cancel` is
    // polled while waiting. Returns nullptr on failure with `hs.error` set; `hs` is filled
    // either way (with the wire bytes of a failed attempt in hs.bytesSent/bytesReceived).
    static std::unique_ptr<WebSocket> open(Client &client, const std::string &url, const std::vector<Header> &headers,
                                           const std::string &cookieHeader, const std::vector<std::string> &protocols,
                                           bool deflate, std::chrono::milliseconds timeout,
                                           const std::function<bool()> &cancel, Handshake &hs);

    ~WebSocket();
    WebSocket(const WebSocket &) = delete;
    WebSocket &operator=(const WebSocket &) = delete;

    // Queue frames (written by pump()). Messages after close() are dropped.
    void sendText(std::string_view text);
    void sendBinary(std::string_view bytes);
    void ping(std::string_view payload = {});
    // Starts the closing handshake with `code` (0: no code) and `reason`.
    void close(int code, std::string_view reason = {});

    // Writes what it can, waits up to `wait` for the socket to be readable (or, if
    // `wakeFd` >= 0, for that descriptor to be readable: the caller drains it), then reads
    // and parses what arrived into events().
    void pump(std::chrono::milliseconds wait, int wakeFd = -1);

    std::deque<Event> &events() { return m_events; }
    // A protocol or transport error since the last call (empty if none); clears it.
    std::string takeError();

    // The connection is finished: both close frames exchanged and written, the peer went
    // away, or the close handshake timed out (1 s after our close frame).
    bool finished() const;
    bool closeSent() const { return m_closeSent; }
    bool closeReceived() const { return m_closeReceived; }
    bool dropped() const { return m_dropped; } // the TCP connection ended (or writing failed)
    int closeCode() const { return m_closeCode; }
    std::string closeReason() const { return m_closeReason; }
    size_t bufferedAmount() const { return m_out.size(); }
    int64_t messagesSent() const { return m_msgsSent; }
    int64_t messagesReceived() const { return m_msgsReceived; }
    uint64_t bytesSent() const;
    uint64_t bytesReceived() const;

    bool deflating() const { return m_deflate != nullptr; }

private:
    struct Deflate; // permessage-deflate state (zlib streams)

    WebSocket();
    void queueFrame(int opcode, std::string_view payload, bool compressed = false);
    void sendMessage(int opcode, std::string_view payload);
    void parseFrames();
    void deliverMessage(int opcode, std::string payload, bool compressed);

    std::unique_ptr<Client::RawConnection> m_conn;
    std::string m_out;       // bytes waiting to be written
    std::string m_in;        // bytes read, not yet parsed
    std::string m_fragments; // a fragmented message so far
    int m_fragmentOpcode = 0;
    bool m_fragmentCompressed = false;
    std::unique_ptr<Deflate> m_deflate;
    std::deque<Event> m_events;
    std::deque<Clock::time_point> m_pings;
    bool m_closeSent = false;
    bool m_closeReceived = false;
    bool m_dropped = false;
    int m_closeCode = 1006;
    std::string m_closeReason;
    Clock::time_point m_closeDeadline;
    int64_t m_msgsSent = 0, m_msgsReceived = 0;
    std::string m_error;
};

} // namespace stampede::http
