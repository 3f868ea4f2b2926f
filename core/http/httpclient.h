#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace stampede::http {

using Header = std::pair<std::string, std::string>;

struct Request
{
    std::string method = "GET";
    std::string url;
    std::vector<Header> headers;
    std::string body;
    std::chrono::milliseconds timeout{60000};
    int maxRedirects = 10;      // 0 = do not follow
    bool discardBody = false;   // read the body off the wire but keep none of it
};

// k6's timing breakdown, in milliseconds.
struct Timings
{
    double blocked = 0;
    double connecting = 0;
    double tlsHandshaking = 0;
    double sending = 0;
    double waiting = 0;
    double receiving = 0;
    double duration = 0; // sending + waiting + receiving
};

struct Response
{
    int status = 0;              // 0 when no response was received
    std::string statusText;      // "200 OK", as k6 reports it
    std::string proto;           // "HTTP/1.1", "HTTP/2.0"
    std::string url;             // final URL after redirects
    std::vector<Header> headers; // of the final response; names as received
    std::string body;
    Timings timings;
    std::string error;           // empty when the request succeeded at the transport level
    int errorCode = 0;           // k6 error_code (1000s: transport, 1400+/1500+: HTTP status)
    std::string remoteIp;
    int remotePort = 0;
    std::string tlsVersion;      // "tls1.3" as k6 names them; empty for plain HTTP
    uint64_t bytesSent = 0;
    uint64_t bytesReceived = 0;
    int64_t startUnixNs = 0;     // when the request started
};

struct ClientOptions
{
    std::string userAgent = "Stampede/" STAMPEDE_VERSION " (k6-compatible)";
    bool insecureSkipTlsVerify = false;
    bool noConnectionReuse = false;
};

// One VU's HTTP client: a libcurl easy handle with its own connection cache,
// so keep-alive connections are reused per VU as in k6. Not thread-safe; each
// VU owns one. Knows nothing of JavaScript.
class Client
{
public:
    explicit Client(ClientOptions options = {});
    ~Client();
    Client(const Client &) = delete;
    Client &operator=(const Client &) = delete;

    Response perform(const Request &request);

    // Drops pooled connections (noVUConnectionReuse between iterations).
    void closeConnections();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Call once per process before any Client is used.
void globalInit();

} // namespace stampede::http
