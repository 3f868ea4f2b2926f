#include "core/http/httpclient.h"

#include <curl/curl.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <chrono>
#include <mutex>

namespace stampede::http {

namespace {

int64_t unixNowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// k6's error codes for transport failures.
int k6ErrorCode(CURLcode code)
{
    switch (code) {
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL: return 1020;
    case CURLE_OPERATION_TIMEDOUT: return 1050;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: return 1101;
    case CURLE_COULDNT_CONNECT: return 1212;
    case CURLE_SEND_ERROR: return 1201;
    case CURLE_RECV_ERROR: return 1220;
    case CURLE_GOT_NOTHING: return 1000;
    case CURLE_SSL_CONNECT_ERROR: return 1300;
    case CURLE_PEER_FAILED_VERIFICATION: return 1310;
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM: return 1600;
    case CURLE_TOO_MANY_REDIRECTS: return 1000;
    default: return 1000;
    }
}

std::string lowerAscii(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

} // namespace

void globalInit()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_ALL); });
}

struct Client::Impl
{
    ClientOptions options;
    CURL *easy = nullptr;
    Response *current = nullptr;
    char errorBuffer[CURL_ERROR_SIZE] = {};

    static size_t onHeader(char *data, size_t size, size_t n, void *user)
    {
        auto *self = static_cast<Impl *>(user);
        const size_t len = size * n;
        std::string_view line(data, len);
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
            line.remove_suffix(1);
        Response &r = *self->current;
        if (line.substr(0, 5) == "HTTP/") {
            // A new response (redirect hop, 100-continue): start over.
            self->firstByte = std::chrono::steady_clock::now();
            r.headers.clear();
            const size_t sp = line.find(' ');
            r.statusText = sp == std::string_view::npos ? std::string() : std::string(line.substr(sp + 1));
        } else if (const size_t colon = line.find(':'); colon != std::string_view::npos && colon > 0) {
            std::string_view value = line.substr(colon + 1);
            while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
                value.remove_prefix(1);
            r.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
        }
        return len;
    }

    static size_t onBody(char *data, size_t size, size_t n, void *user)
    {
        auto *self = static_cast<Impl *>(user);
        if (!self->discard)
            self->current->body.append(data, size * n);
        return size * n;
    }

    // Request to be sent (connection ready): libcurl calls this once per request sent, redirects included.
    static int onPrereq(void *user, char *, char *, int, int)
    {
        static_cast<Impl *>(user)->requestReady = std::chrono::steady_clock::now();
        return CURL_PREREQFUNC_OK;
    }

    bool discard = false;
    // Our own clock marks: libcurl's PRETRANSFER/STARTTRANSFER are taken in the same
    // pass as the send on a reused connection and cannot tell sending from waiting.
    std::chrono::steady_clock::time_point requestReady, firstByte;
};

Client::Client(ClientOptions options) : m_impl(std::make_unique<Impl>())
{
    globalInit();
    m_impl->options = std::move(options);
    m_impl->easy = curl_easy_init();
}

Client::~Client()
{
    if (m_impl->easy)
        curl_easy_cleanup(m_impl->easy);
}

void Client::closeConnections()
{
    // A fresh handle has an empty connection cache.
    curl_easy_cleanup(m_impl->easy);
    m_impl->easy = curl_easy_init();
}

Response Client::perform(const Request &req)
{
    Response resp;
    resp.startUnixNs = unixNowNs();
    CURL *h = m_impl->easy;
    if (!h) {
        resp.error = "could not create an HTTP handle";
        resp.errorCode = 1000;
        return resp;
    }
    curl_easy_reset(h);
    m_impl->current = &resp;
    m_impl->discard = req.discardBody;
    m_impl->errorBuffer[0] = '\0';

    curl_easy_setopt(h, CURLOPT_URL, req.url.c_str());
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, m_impl->errorBuffer);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &Impl::onHeader);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, m_impl.get());
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &Impl::onBody);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, m_impl.get());
    curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, &Impl::onPrereq);
    curl_easy_setopt(h, CURLOPT_PREREQDATA, m_impl.get());
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, long(req.timeout.count()));
    curl_easy_setopt(h, CURLOPT_HTTP_VERSION, long(CURL_HTTP_VERSION_2TLS));
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "gzip");
    curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 1L);
    if (req.maxRedirects > 0) {
        curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(h, CURLOPT_MAXREDIRS, long(req.maxRedirects));
    }
    if (m_impl->options.insecureSkipTlsVerify) {
        curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    if (m_impl->options.noConnectionReuse) {
        curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 1L);
        curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L);
    }

    const std::string method = req.method.empty() ? std::string("GET") : req.method;
    if (method == "HEAD") {
        curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
    } else {
        if (!req.body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
            curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(req.body.size()));
            curl_easy_setopt(h, CURLOPT_POSTFIELDS, req.body.data());
        }
        if (method != "GET" && method != "POST")
            curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method.c_str());
        else if (method == "GET" && !req.body.empty())
            curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, "GET");
    }

    curl_slist *headers = nullptr;
    bool hasUserAgent = false, hasContentType = false;
    for (const auto &[k, v] : req.headers) {
        const std::string lk = lowerAscii(k);
        hasUserAgent |= lk == "user-agent";
        hasContentType |= lk == "content-type";
        const std::string line = v.empty() ? k + ";" : k + ": " + v;
        headers = curl_slist_append(headers, line.c_str());
    }
    // curl adds "Content-Type: application/x-www-form-urlencoded" to POSTFIELDS requests;
    // k6 (Go) sends none unless the script sets one.
    if (!hasContentType && !req.body.empty())
        headers = curl_slist_append(headers, "Content-Type:");
    // No "Expect: 100-continue" round trip for large bodies; Go does not do it either.
    headers = curl_slist_append(headers, "Expect:");
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    if (!hasUserAgent && !m_impl->options.userAgent.empty())
        curl_easy_setopt(h, CURLOPT_USERAGENT, m_impl->options.userAgent.c_str());

    const auto started = std::chrono::steady_clock::now();
    m_impl->requestReady = m_impl->firstByte = std::chrono::steady_clock::time_point{};
    const CURLcode rc = curl_easy_perform(h);
    const auto finished = std::chrono::steady_clock::now();
    curl_slist_free_all(headers);
    m_impl->current = nullptr;

    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    resp.status = int(status);
    if (rc != CURLE_OK) {
        resp.error = m_impl->errorBuffer[0] ? std::string(m_impl->errorBuffer) : curl_easy_strerror(rc);
        resp.errorCode = k6ErrorCode(rc);
        if (rc == CURLE_OPERATION_TIMEDOUT)
            resp.error = "request timeout";
        resp.status = 0;
    } else if (resp.status >= 400 && resp.status < 600) {
        resp.errorCode = 1000 + resp.status;
    }

    long httpVersion = 0;
    curl_easy_getinfo(h, CURLINFO_HTTP_VERSION, &httpVersion);
    switch (httpVersion) {
    case CURL_HTTP_VERSION_1_0: resp.proto = "HTTP/1.0"; break;
    case CURL_HTTP_VERSION_1_1: resp.proto = "HTTP/1.1"; break;
    case CURL_HTTP_VERSION_2_0: resp.proto = "HTTP/2.0"; break;
    case CURL_HTTP_VERSION_3: resp.proto = "HTTP/3.0"; break;
    default: break;
    }

    char *effective = nullptr;
    curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &effective);
    resp.url = effective ? effective : req.url;
    char *ip = nullptr;
    curl_easy_getinfo(h, CURLINFO_PRIMARY_IP, &ip);
    if (ip)
        resp.remoteIp = ip;
    long port = 0;
    curl_easy_getinfo(h, CURLINFO_PRIMARY_PORT, &port);
    resp.remotePort = int(port);

    // Timings. Connection set-up comes from libcurl (cumulative microseconds since the
    // start; after redirects, earlier hops are included, so they are subtracted). The
    // request/response phases come from our own clock marks around the last hop.
    curl_off_t nameLookup = 0, connect = 0, appConnect = 0, redirect = 0;
    curl_easy_getinfo(h, CURLINFO_NAMELOOKUP_TIME_T, &nameLookup);
    curl_easy_getinfo(h, CURLINFO_CONNECT_TIME_T, &connect);
    curl_easy_getinfo(h, CURLINFO_APPCONNECT_TIME_T, &appConnect);
    curl_easy_getinfo(h, CURLINFO_REDIRECT_TIME_T, &redirect);
    auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
    auto usToMs = [](curl_off_t us) { return double(us) / 1000.0; };
    Timings &t = resp.timings;
    const bool reachedServer = m_impl->requestReady != std::chrono::steady_clock::time_point{};
    if (reachedServer) {
        const double beforeRequest = ms(m_impl->requestReady - started) - usToMs(redirect);
        // A reused connection reports 0 for connect/appconnect.
        const double connecting = connect > nameLookup ? usToMs(connect - nameLookup) : 0.0;
        const double tls = appConnect > connect ? usToMs(appConnect - std::max(connect, nameLookup)) : 0.0;
        t.connecting = connecting;
        t.tlsHandshaking = tls;
        t.blocked = std::max(0.0, beforeRequest - connecting - tls);
        const bool gotResponse = m_impl->firstByte != std::chrono::steady_clock::time_point{}
                                 && m_impl->firstByte >= m_impl->requestReady;
        const auto firstByte = gotResponse ? m_impl->firstByte : finished;
        t.sending = 0; // small requests leave in one write right after the connection is ready
        t.waiting = ms(firstByte - m_impl->requestReady);
        t.receiving = gotResponse ? ms(finished - firstByte) : 0.0;
    } else {
        t.blocked = ms(finished - started);
    }
    t.duration = t.sending + t.waiting + t.receiving;

    curl_off_t uploaded = 0, downloaded = 0;
    long requestSize = 0, headerSize = 0;
    curl_easy_getinfo(h, CURLINFO_SIZE_UPLOAD_T, &uploaded);
    curl_easy_getinfo(h, CURLINFO_SIZE_DOWNLOAD_T, &downloaded);
    curl_easy_getinfo(h, CURLINFO_REQUEST_SIZE, &requestSize);
    curl_easy_getinfo(h, CURLINFO_HEADER_SIZE, &headerSize);
    resp.bytesSent = uint64_t(requestSize) + uint64_t(uploaded);
    resp.bytesReceived = uint64_t(headerSize) + uint64_t(downloaded);

    if (req.url.rfind("https", 0) == 0 && rc == CURLE_OK) {
        const curl_tlssessioninfo *info = nullptr;
        if (curl_easy_getinfo(h, CURLINFO_TLS_SSL_PTR, &info) == CURLE_OK && info
            && info->backend == CURLSSLBACKEND_OPENSSL && info->internals) {
            auto *ssl = static_cast<SSL *>(info->internals);
            // "TLSv1.3" -> "tls1.3", as k6 names it.
            std::string v = SSL_get_version(ssl);
            if (v.rfind("TLSv", 0) == 0)
                v = "tls" + v.substr(4);
            resp.tlsVersion = v;
        }
    }
    return resp;
}

} // namespace stampede::http
