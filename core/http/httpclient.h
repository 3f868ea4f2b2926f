#pragma once

#include "core/http/cookiejar.h"
#include "core/util/error.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace stampede::http {

using Header = std::pair<std::string, std::string>;

// A cookie given in a request's `cookies` param.
struct RequestCookie
{
    std::string name;
    std::string value;
    bool replace = false; // replaces a jar cookie of the same name instead of adding to it
};

struct Request
{
    std::string method = "GET";
    std::string url;
    std::vector<Header> headers;
    std::string body;
    std::chrono::milliseconds timeout{60000};
    int maxRedirects = -1;      // -1 = the client's maxRedirects; 0 = do not follow
    bool discardBody = false;   // read the body off the wire but keep none of it
    std::vector<RequestCookie> cookies;
    CookieJar *jar = nullptr;   // nullptr = the client's own jar
    std::string auth;           // params.auth: "basic", "digest" or "ntlm" (credentials in the URL)
    std::optional<bool> h2c;    // params.h2c (Stampede): overrides ClientOptions::h2c for this request
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
    std::string method;          // of this hop (a 303 turns a POST into a GET)
    std::string url;             // URL of this hop; of the final response after redirects
    std::vector<Header> headers; // names as received
    std::string body;
    Timings timings;
    std::string error;           // empty when the request succeeded at the transport level
    int errorCode = 0;           // k6 error_code (1000s: transport, 1400+/1500+: HTTP status)
    std::string remoteIp;
    int remotePort = 0;
    std::string tlsVersion;      // "tls1.3" as k6 names it; empty for plain HTTP
    std::string tlsCipherSuite;  // IANA name, "TLS_AES_128_GCM_SHA256"
    std::string ocspStatus;      // "good", "revoked" or "unknown" (https only)
    uint64_t bytesSent = 0;      // wire bytes (TCP payload, TLS records included)
    uint64_t bytesReceived = 0;
    int64_t startUnixNs = 0;     // when the request started
    std::string requestHead;     // the request head as sent (only with httpDebug or captureRequestHead)
    std::string requestBody;     // the request body as sent (only with httpDebug = full)
    std::string responseHead;    // the response head (only with httpDebug)
    std::vector<Response> redirects; // earlier hops of a redirected request, in order (final response only)
};

struct TlsClientCert
{
    std::vector<std::string> domains; // exact names or "*.example.com"
    std::string certPem;
    std::string keyPem;
    std::string password;
};

struct ClientOptions
{
    std::string userAgent = "Stampede/" STAMPEDE_VERSION " (k6-compatible)";
    bool insecureSkipTlsVerify = false;
    bool noConnectionReuse = false;
    bool noVuConnectionReuse = false;
    bool noCookiesReset = false;
    bool discardResponseBodies = false;
    // Stampede's `h2c` option (no k6 equivalent): HTTP/2 over cleartext with prior knowledge
    // for http:// URLs. https:// always negotiates HTTP/2 by ALPN.
    bool h2c = false;
    int maxRedirects = 10;
    int batch = 20;        // k6 defaults
    int batchPerHost = 6;
    int httpDebug = 0;     // 0 off, 1 headers, 2 full (bodies too)
    bool captureRequestHead = false; // fill Response::requestHead without httpDebug (debug event stream)
    std::string tlsMin, tlsMax;            // "tls1.2" ...
    std::vector<std::string> cipherSuites; // IANA names
    std::vector<TlsClientCert> tlsAuth;
    std::map<std::string, std::string> hosts; // "name" or "name:port" -> "ip" or "ip:port"
    // dns: ttl in seconds (-1 = forever, 0 = no cache), select ("first", "random", "roundRobin"),
    // policy ("preferIPv4", "preferIPv6", "onlyIPv4", "onlyIPv6", "any").
    long dnsTtlSeconds = 300;
    std::string dnsSelect = "random";
    std::string dnsPolicy = "preferIPv4";
    bool dnsCustom = false; // dns set explicitly: resolve ourselves when select/policy need it
};

// Reads k6's HTTP options (userAgent, maxRedirects, batch, batchPerHost, tlsVersion,
// tlsCipherSuites, tlsAuth, hosts, dns, noConnectionReuse, noVUConnectionReuse,
// noCookiesReset, discardResponseBodies, insecureSkipTLSVerify, httpDebug) from the
// consolidated options JSON (given as text so this header needs no JSON library).
Status applyK6Options(ClientOptions &options, const std::string &consolidatedJson);

// One VU's HTTP client: a libcurl multi handle with its own connection cache, so
// keep-alive connections are reused per VU as in k6, and batches run concurrently on
// them. Not thread-safe; each VU owns one. Knows nothing of JavaScript.
class Client
{
public:
    explicit Client(ClientOptions options = {});
    ~Client();
    Client(const Client &) = delete;
    Client &operator=(const Client &) = delete;

    const ClientOptions &options() const;

    // A request, redirects followed as k6 does (each hop is in Response::redirects).
    Response perform(const Request &request);
    // Requests run concurrently, at most `parallel` at a time and `perHost` per host
    // (0 = the batch and batchPerHost options). Results are in request order.
    std::vector<Response> performBatch(const std::vector<Request> &requests, int parallel = 0, int perHost = 0);

    // A request that runs while the caller does other things (http.asyncRequest): on this
    // client's connections and cookie jar, moved forward whenever the client is driven
    // (perform, performBatch or drive). `done` runs on the driving thread.
    using AsyncDone = std::function<void(Response)>;
    void startAsync(Request request, AsyncDone done);
    bool hasAsync() const;
    // Moves async requests forward, waiting at most `maxWait` for the network or wake().
    void drive(std::chrono::milliseconds maxWait);
    // Thread-safe: a drive() waiting for the network returns now.
    void wake();
    // Ends every async request at once; their `done` is not called. Returns how many.
    size_t cancelAsync();

    // Iteration boundary: clears the cookie jar (unless noCookiesReset) and drops pooled
    // connections with noVUConnectionReuse. Cheap when the iteration did not change.
    void beginIteration(int64_t iteration);

    // Drops pooled connections.
    void closeConnections();

    // The VU's cookie jar (http.cookieJar()).
    CookieJar &cookieJar();

    // Checked while waiting on the network; when it returns true the request ends with
    // error code 1000 "request aborted".
    void setCancelCheck(std::function<bool()> check);

    // Opens a raw connection (libcurl CONNECT_ONLY, TLS done for https/wss) honouring the
    // TLS, hosts and dns options. Used by WebSockets. Returns nullptr and sets `error`/`errorCode`.
    struct RawConnection;
    std::unique_ptr<RawConnection> connectRaw(const std::string &url, std::chrono::milliseconds timeout,
                                              std::string &error, int &errorCode, Timings *timings = nullptr);

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

// A connected socket (plain or TLS) from Client::connectRaw.
struct Client::RawConnection
{
    ~RawConnection();
    // Non-blocking: returns bytes moved, 0 if it would block, -1 on error/closed.
    long send(const char *data, size_t len);
    long recv(char *data, size_t len);
    int socket() const; // for poll()
    bool pendingTls() const; // TLS has buffered plaintext (read before polling)
    std::string remoteIp;
    int remotePort = 0;
    std::string tlsVersion;
    uint64_t bytesSent() const;
    uint64_t bytesReceived() const;

    void *easy = nullptr; // CURL*
};

// Call once per process before any Client is used.
void globalInit();

// k6's name for an OpenSSL protocol version string ("TLSv1.3" -> "tls1.3").
std::string k6TlsVersionName(const std::string &openssl);

} // namespace stampede::http
