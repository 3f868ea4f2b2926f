#include "core/http/httpclient.h"

#include "core/util/fiber.h"

#include <curl/curl.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <arpa/inet.h>
#include <linux/tcp.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <list>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>

// How data_sent / data_received are measured (k6 counts bytes at the net.Conn, so TLS
// records and HTTP framing are included):
//   Every TCP socket libcurl opens is registered in CURLOPT_SOCKOPTFUNCTION. When a hop
//   finishes, the kernel's counters of the connection it used (TCP_INFO:
//   tcpi_bytes_sent - tcpi_bytes_retrans, tcpi_bytes_received; TCP payload bytes, no IP/TCP
//   headers) are read and the difference since the previous reading is charged to that
//   hop. The connection of a hop is found by its local port (given to the PREREQ
//   callback). Bytes a connection moves after its last hop (a TLS close_notify) are read
//   in CURLOPT_CLOSESOCKETFUNCTION and charged to the next hop. One getsockopt per
//   request; no per-byte work. Without TCP_INFO (not Linux TCP) libcurl's header and
//   body sizes are used instead.

namespace stampede::http {

namespace {

uint32_t nextSeed()
{
    static std::atomic<uint32_t> seed{std::random_device{}()};
    return seed.fetch_add(0x9e3779b9u) | 1u;
}

} // namespace

namespace {

using Clock = std::chrono::steady_clock;

int64_t unixNowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string lowerAscii(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

bool tcpCounters(curl_socket_t fd, uint64_t &sent, uint64_t &received)
{
    struct tcp_info ti;
    std::memset(&ti, 0, sizeof ti);
    socklen_t len = sizeof ti;
    if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) != 0)
        return false;
    if (len < offsetof(struct tcp_info, tcpi_bytes_retrans) + sizeof(ti.tcpi_bytes_retrans))
        return false;
    sent = ti.tcpi_bytes_sent - ti.tcpi_bytes_retrans;
    received = ti.tcpi_bytes_received;
    return true;
}

int localPort(curl_socket_t fd)
{
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    if (getsockname(fd, reinterpret_cast<sockaddr *>(&ss), &len) != 0)
        return -1;
    if (ss.ss_family == AF_INET)
        return ntohs(reinterpret_cast<sockaddr_in *>(&ss)->sin_port);
    if (ss.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<sockaddr_in6 *>(&ss)->sin6_port);
    return -1;
}

bool hostMatches(const std::string &pattern, const std::string &host)
{
    if (pattern == host)
        return true;
    if (pattern.size() > 2 && pattern[0] == '*' && pattern[1] == '.') {
        const std::string suffix = pattern.substr(1);
        return host.size() > suffix.size() && host.compare(host.size() - suffix.size(), suffix.size(), suffix) == 0;
    }
    return false;
}

long sslVersionBits(const std::string &name, bool max)
{
    if (name == "tls1.0")
        return max ? long(CURL_SSLVERSION_MAX_TLSv1_0) : long(CURL_SSLVERSION_TLSv1_0);
    if (name == "tls1.1")
        return max ? long(CURL_SSLVERSION_MAX_TLSv1_1) : long(CURL_SSLVERSION_TLSv1_1);
    if (name == "tls1.2")
        return max ? long(CURL_SSLVERSION_MAX_TLSv1_2) : long(CURL_SSLVERSION_TLSv1_2);
    if (name == "tls1.3")
        return max ? long(CURL_SSLVERSION_MAX_TLSv1_3) : long(CURL_SSLVERSION_TLSv1_3);
    return max ? long(CURL_SSLVERSION_MAX_DEFAULT) : long(CURL_SSLVERSION_DEFAULT);
}

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

} // namespace

std::string k6TlsVersionName(const std::string &v)
{
    if (v.rfind("TLSv", 0) == 0)
        return "tls" + v.substr(4) + (v.size() == 5 ? ".0" : "");
    if (v == "SSLv3")
        return "ssl3.0";
    return lowerAscii(v);
}

void globalInit()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_ALL); });
}

// One request in flight (all its redirect hops).
struct Transfer
{
    Client::Impl *impl = nullptr;
    CURL *easy = nullptr;
    const Request *req = nullptr;
    Response resp; // current hop
    std::vector<Response> hops;
    std::string method, url;
    UrlParts urlParts;
    bool sendBody = true;
    int redirectsLeft = 0;
    bool discard = false;
    CookieJar *jar = nullptr;
    Clock::time_point deadline, started, requestReady, sendDone, firstByte;
    Clock::time_point lastByte; // when libcurl reported the hop done (collectDone)
    curl_socket_t socket = CURL_SOCKET_BAD;
    curl_slist *headers = nullptr;
    curl_slist *connectTo = nullptr;
    std::string hostKey;
    bool active = false;
    bool finished = false;
    bool headDone = false; // status line of the final (non-1xx) response seen
    bool isAsync = false;  // owned by Client::Impl::async
    char errorBuffer[CURL_ERROR_SIZE] = {};

    ~Transfer()
    {
        curl_slist_free_all(headers);
        curl_slist_free_all(connectTo);
    }
};

// An async request: the request it owns, its transfer, and what to call when it is done.
struct AsyncTransfer
{
    Request request;
    Transfer transfer;
    Client::AsyncDone done;
};

struct Client::Impl
{
    ClientOptions options;
    CURLM *multi = nullptr;
    std::list<AsyncTransfer> async; // stable addresses: curl keeps pointers to the transfers
    std::vector<CURL *> freeEasy;
    std::unordered_map<CURL *, std::string> easyShapes; // hopShape() of each handle's last hop
    CookieJar jar;
    int64_t iteration = INT64_MIN;
    std::function<bool()> cancel;
    struct SocketInfo
    {
        uint64_t sent = 0, received = 0;
        int port = -1;
    };
    std::unordered_map<curl_socket_t, SocketInfo> sockets;
    std::unordered_map<int, curl_socket_t> byLocalPort;
    uint64_t orphanSent = 0, orphanReceived = 0;
    bool tcpInfoWorks = true;
    std::string cipherList, tls13Ciphers, caFile, caPath;
    std::string httpProxy, httpsProxy, noProxy; // from the environment, read once, as Go does
    long sslVersion = CURL_SSLVERSION_DEFAULT;
    struct DnsEntry
    {
        std::vector<std::string> addresses;
        Clock::time_point expires;
        size_t next = 0;
    };
    std::unordered_map<std::string, DnsEntry> dnsCache;
    // For dns.select = random. Small on purpose (one per VU): std::mt19937 would be 5 KB.
    std::minstd_rand rng{nextSeed()};

    // Clients made on a fiber use libcurl's socket API: its sockets are watched by the fiber's
    // worker (fiber::IoWatch), which hands them to libcurl as soon as they are ready (onReady,
    // on the worker, outside the fiber) and wakes the fiber only when a transfer is done or
    // libcurl's timer moved closer (onTimer). The fiber waits in wait() until then, so the other
    // VUs of the thread run meanwhile. A thread's client uses curl_multi_perform/curl_multi_poll:
    // the socket API costs a 29 KB socket hash per multi handle, which matters at thousands of
    // VUs; its wake() writes an eventfd given to curl_multi_poll as an extra fd.
    bool socketApi = false;
    std::unique_ptr<fiber::IoWatch> watch;
    Clock::time_point timerAt = Clock::time_point::max();
    Clock::time_point parkedUntil = Clock::time_point::max(); // while the fiber waits in wait()
    struct Done
    {
        CURL *easy;
        CURLcode rc;
    };
    std::deque<Done> finished; // collected by onReady, read by nextDone()
    int wakeFd = -1;

    Impl()
    {
        socketApi = fiber::onFiber();
        if (socketApi)
            watch = std::make_unique<fiber::IoWatch>([this](int fd, short revents) { onReady(fd, revents); });
        else
            wakeFd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        newMulti();
    }
    ~Impl()
    {
        for (AsyncTransfer &a : async) {
            if (a.transfer.easy) {
                curl_multi_remove_handle(multi, a.transfer.easy);
                curl_easy_cleanup(a.transfer.easy);
            }
        }
        for (CURL *e : freeEasy)
            curl_easy_cleanup(e);
        if (multi)
            curl_multi_cleanup(multi);
        watch.reset();
        if (wakeFd >= 0)
            ::close(wakeFd);
    }

    void newMulti()
    {
        if (multi)
            curl_multi_cleanup(multi);
        multi = curl_multi_init();
        timerAt = Clock::time_point::max();
        finished.clear();
        if (!socketApi)
            return;
        curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, &Impl::onSocket);
        curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, this);
        curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, &Impl::onTimer);
        curl_multi_setopt(multi, CURLMOPT_TIMERDATA, this);
    }

    static int onSocket(CURL *, curl_socket_t fd, int what, void *user, void *)
    {
        const short events = what == CURL_POLL_REMOVE
                                 ? short(0)
                                 : short(((what & CURL_POLL_IN) ? POLLIN : 0) | ((what & CURL_POLL_OUT) ? POLLOUT : 0));
        static_cast<Impl *>(user)->watch->set(fd, events);
        return 0;
    }

    static int onTimer(CURLM *, long ms, void *user)
    {
        auto *self = static_cast<Impl *>(user);
        self->timerAt = ms < 0 ? Clock::time_point::max() : Clock::now() + std::chrono::milliseconds(ms);
        if (self->timerAt < self->parkedUntil)
            self->watch->notify(); // the waiting fiber must run libcurl's timer sooner
        return 0;
    }

    // On the worker: a socket of this client is ready.
    void onReady(int fd, short revents)
    {
        int mask = 0;
        if (revents & (POLLIN | POLLHUP))
            mask |= CURL_CSELECT_IN;
        if (revents & POLLOUT)
            mask |= CURL_CSELECT_OUT;
        if (revents & (POLLERR | POLLNVAL))
            mask |= CURL_CSELECT_ERR;
        int running = 0;
        curl_multi_socket_action(multi, fd, mask, &running);
        // A transfer that has read its last byte ends on libcurl's next timer run, which it asks
        // for at once: run it here, or the response's end (its duration) would wait for the fiber.
        for (int i = 0; i < 4 && runDueTimer(); ++i) {
        }
        collectDone();
        if (!finished.empty())
            watch->notify();
    }

    // Takes libcurl's finished transfers, noting when each ended: on a fiber that is on the worker
    // as the last byte arrives, and the response's timings must not include the time until the
    // VU runs again.
    void collectDone()
    {
        int queued = 0;
        while (CURLMsg *msg = curl_multi_info_read(multi, &queued)) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            Transfer *t = nullptr;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &t);
            if (t)
                t->lastByte = Clock::now();
            finished.push_back(Done{msg->easy_handle, msg->data.result});
        }
    }

    // The next finished transfer (of any kind), or false.
    bool nextDone(Done &d)
    {
        if (finished.empty()) {
            if (socketApi)
                return false; // onReady and act() collect
            collectDone();
            if (finished.empty())
                return false;
        }
        d = finished.front();
        finished.pop_front();
        return true;
    }

    // Moves transfers forward. Thread: curl_multi_perform. Fiber: libcurl's timer if it is due
    // (right after curl_multi_add_handle() it is: that starts the transfer); sockets are the
    // worker's business (onReady).
    void act()
    {
        if (!socketApi) {
            int running = 0;
            curl_multi_perform(multi, &running);
            return;
        }
        if (runDueTimer())
            collectDone();
    }

    // Socket API: runs libcurl's timer if it is due; returns whether it did.
    bool runDueTimer()
    {
        if (timerAt > Clock::now())
            return false;
        timerAt = Clock::time_point::max();
        int running = 0;
        curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running);
        return true;
    }

    // Waits at most maxWait for libcurl's sockets, its timer or wake().
    void wait(std::chrono::milliseconds maxWait)
    {
        if (!socketApi) {
            curl_waitfd wake{wakeFd, CURL_WAIT_POLLIN, 0};
            curl_multi_poll(multi, &wake, 1, int(std::max<int64_t>(0, maxWait.count())), nullptr);
            if (wake.revents) {
                uint64_t count;
                [[maybe_unused]] ssize_t n = ::read(wakeFd, &count, sizeof count);
            }
            return;
        }
        if (!finished.empty())
            return;
        const auto until = std::min(Clock::now() + maxWait, timerAt);
        parkedUntil = until;
        watch->wait(until);
        parkedUntil = Clock::time_point::max();
    }

    CURL *takeEasy()
    {
        if (!freeEasy.empty()) {
            CURL *e = freeEasy.back();
            freeEasy.pop_back();
            return e;
        }
        return curl_easy_init();
    }

    // ---- callbacks

    static int onSockopt(void *user, curl_socket_t fd, curlsocktype purpose)
    {
        if (purpose == CURLSOCKTYPE_IPCXN) {
            auto *self = static_cast<Impl *>(user);
            self->sockets[fd] = SocketInfo{};
        }
        return CURL_SOCKOPT_OK;
    }

    static int onCloseSocket(void *user, curl_socket_t fd)
    {
        auto *self = static_cast<Impl *>(user);
        if (self->watch)
            self->watch->forget(fd);
        if (auto it = self->sockets.find(fd); it != self->sockets.end()) {
            uint64_t s = 0, r = 0;
            if (tcpCounters(fd, s, r)) {
                self->orphanSent += s - std::min(s, it->second.sent);
                self->orphanReceived += r - std::min(r, it->second.received);
            }
            if (it->second.port >= 0)
                self->byLocalPort.erase(it->second.port);
            self->sockets.erase(it);
        }
        return ::close(fd);
    }

    static int onPrereq(void *user, char *, char *, int, int localPortNumber)
    {
        auto *t = static_cast<Transfer *>(user);
        t->requestReady = Clock::now();
        Impl *self = t->impl;
        auto it = self->byLocalPort.find(localPortNumber);
        if (it == self->byLocalPort.end()) {
            for (auto &[fd, info] : self->sockets) {
                if (info.port < 0) {
                    info.port = localPort(fd);
                    if (info.port >= 0)
                        self->byLocalPort[info.port] = fd;
                }
            }
            it = self->byLocalPort.find(localPortNumber);
        }
        t->socket = it == self->byLocalPort.end() ? CURL_SOCKET_BAD : it->second;
        return CURL_PREREQFUNC_OK;
    }

    static int onProgress(void *user, curl_off_t, curl_off_t, curl_off_t ultotal, curl_off_t ulnow)
    {
        auto *t = static_cast<Transfer *>(user);
        if (t->sendDone == Clock::time_point{} && t->requestReady != Clock::time_point{} && ulnow >= ultotal)
            t->sendDone = Clock::now();
        return 0;
    }

    static size_t onHeader(char *data, size_t size, size_t n, void *user)
    {
        auto *t = static_cast<Transfer *>(user);
        const size_t len = size * n;
        std::string_view line(data, len);
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
            line.remove_suffix(1);
        Response &r = t->resp;
        if (line.substr(0, 5) == "HTTP/") {
            // A new response head (1xx interim responses are replaced by the final one).
            if (t->firstByte == Clock::time_point{})
                t->firstByte = Clock::now();
            if (t->sendDone == Clock::time_point{})
                t->sendDone = t->firstByte;
            r.headers.clear();
            r.headers.reserve(16);
            r.responseHead.clear();
            const size_t sp = line.find(' ');
            r.statusText = sp == std::string_view::npos ? std::string() : std::string(line.substr(sp + 1));
            if (r.tlsVersion.empty() && t->urlParts.scheme == "https")
                readTls(t->easy, r);
        } else if (const size_t colon = line.find(':'); colon != std::string_view::npos && colon > 0) {
            std::string_view value = line.substr(colon + 1);
            while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
                value.remove_prefix(1);
            r.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
        }
        if (t->impl->options.httpDebug && !line.empty()) {
            r.responseHead.append(line);
            r.responseHead += '\n';
        }
        return len;
    }

    static size_t onBody(char *data, size_t size, size_t n, void *user)
    {
        auto *t = static_cast<Transfer *>(user);
        if (t->discard)
            return size * n;
        std::string &body = t->resp.body;
        if (body.empty()) {
            // One allocation for the whole body when its length is announced (up to 64 MiB),
            // not a dozen while the string doubles its way up to it.
            curl_off_t length = -1;
            curl_easy_getinfo(t->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
            if (length > 0 && length <= (curl_off_t(64) << 20))
                body.reserve(size_t(length));
        }
        body.append(data, size * n);
        return size * n;
    }

    static int onDebug(CURL *, curl_infotype type, char *data, size_t size, void *user)
    {
        auto *t = static_cast<Transfer *>(user);
        if (type == CURLINFO_HEADER_OUT) {
            for (size_t i = 0; i < size; ++i)
                if (data[i] != '\r')
                    t->resp.requestHead += data[i];
        } else if (type == CURLINFO_DATA_OUT && t->impl->options.httpDebug > 1) {
            t->resp.requestBody.append(data, size);
        }
        return 0;
    }

    static void readTls(CURL *easy, Response &r)
    {
        const curl_tlssessioninfo *info = nullptr;
        if (curl_easy_getinfo(easy, CURLINFO_TLS_SSL_PTR, &info) != CURLE_OK || !info
            || info->backend != CURLSSLBACKEND_OPENSSL || !info->internals)
            return;
        auto *ssl = static_cast<SSL *>(info->internals);
        r.tlsVersion = k6TlsVersionName(SSL_get_version(ssl));
        if (const SSL_CIPHER *c = SSL_get_current_cipher(ssl))
            r.tlsCipherSuite = SSL_CIPHER_standard_name(c);
        r.ocspStatus = "unknown";
    }

    // ---- set-up

    void applyConnectionOptions(CURL *h, const UrlParts &u, curl_slist *&connectTo, std::string &error)
    {
        curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 1L);
        curl_easy_setopt(h, CURLOPT_SOCKOPTFUNCTION, &Impl::onSockopt);
        curl_easy_setopt(h, CURLOPT_SOCKOPTDATA, this);
        curl_easy_setopt(h, CURLOPT_CLOSESOCKETFUNCTION, &Impl::onCloseSocket);
        curl_easy_setopt(h, CURLOPT_CLOSESOCKETDATA, this);
        // Go's TLS client keeps no session cache: every new connection does a full handshake.
        curl_easy_setopt(h, CURLOPT_SSL_SESSIONID_CACHE, 0L);
        if (options.insecureSkipTlsVerify) {
            curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
            curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
        }
        if (!caFile.empty())
            curl_easy_setopt(h, CURLOPT_CAINFO, caFile.c_str());
        if (!caPath.empty())
            curl_easy_setopt(h, CURLOPT_CAPATH, caPath.c_str());
        if (sslVersion != CURL_SSLVERSION_DEFAULT)
            curl_easy_setopt(h, CURLOPT_SSLVERSION, sslVersion);
        if (!cipherList.empty())
            curl_easy_setopt(h, CURLOPT_SSL_CIPHER_LIST, cipherList.c_str());
        if (!tls13Ciphers.empty())
            curl_easy_setopt(h, CURLOPT_TLS13_CIPHERS, tls13Ciphers.c_str());
        if (u.scheme == "https" || u.scheme == "wss") {
            for (const TlsClientCert &c : options.tlsAuth) {
                if (std::none_of(c.domains.begin(), c.domains.end(), [&](const std::string &d) { return hostMatches(d, u.host); }))
                    continue;
                curl_blob cert{const_cast<char *>(c.certPem.data()), c.certPem.size(), CURL_BLOB_COPY};
                curl_blob key{const_cast<char *>(c.keyPem.data()), c.keyPem.size(), CURL_BLOB_COPY};
                curl_easy_setopt(h, CURLOPT_SSLCERT_BLOB, &cert);
                curl_easy_setopt(h, CURLOPT_SSLCERTTYPE, "PEM");
                curl_easy_setopt(h, CURLOPT_SSLKEY_BLOB, &key);
                curl_easy_setopt(h, CURLOPT_SSLKEYTYPE, "PEM");
                if (!c.password.empty())
                    curl_easy_setopt(h, CURLOPT_KEYPASSWD, c.password.c_str());
                break;
            }
        }
        curl_easy_setopt(h, CURLOPT_DNS_CACHE_TIMEOUT, options.dnsTtlSeconds);
        if (options.dnsPolicy == "onlyIPv4")
            curl_easy_setopt(h, CURLOPT_IPRESOLVE, long(CURL_IPRESOLVE_V4));
        else if (options.dnsPolicy == "onlyIPv6")
            curl_easy_setopt(h, CURLOPT_IPRESOLVE, long(CURL_IPRESOLVE_V6));

        // hosts overrides, then our own resolution when the dns option needs it.
        curl_slist_free_all(connectTo);
        connectTo = nullptr;
        std::string target;
        const std::string hostPort = u.host + ":" + std::to_string(u.port);
        if (auto it = options.hosts.find(hostPort); it != options.hosts.end())
            target = it->second;
        else if (auto it2 = options.hosts.find(u.host); it2 != options.hosts.end())
            target = it2->second;
        else {
            for (const auto &[pattern, to] : options.hosts) {
                if (pattern.find('*') != std::string::npos && hostMatches(pattern, u.host)) {
                    target = to;
                    break;
                }
            }
        }
        if (target.empty() && options.dnsCustom && !isIpLiteral(u.host))
            target = resolve(u.host, error);
        if (!target.empty()) {
            std::string ip = target, port;
            if (target.front() == '[') {
                const size_t close = target.find(']');
                ip = target.substr(0, close + 1);
                if (close + 2 < target.size())
                    port = target.substr(close + 2);
            } else if (std::count(target.begin(), target.end(), ':') == 1) {
                const size_t colon = target.find(':');
                ip = target.substr(0, colon);
                port = target.substr(colon + 1);
            } else if (target.find(':') != std::string::npos) {
                ip = "[" + target + "]";
            }
            const std::string entry = u.host + ":" + std::to_string(u.port) + ":" + ip + ":" + port;
            connectTo = curl_slist_append(nullptr, entry.c_str());
            curl_easy_setopt(h, CURLOPT_CONNECT_TO, connectTo);
        }
        if (options.noConnectionReuse) {
            curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 1L);
            curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L);
        }
    }

    static bool isIpLiteral(const std::string &host)
    {
        in6_addr a6;
        in_addr a4;
        return inet_pton(AF_INET, host.c_str(), &a4) == 1 || inet_pton(AF_INET6, host.c_str(), &a6) == 1;
    }

    // k6's dns option: select one address of `host` by policy and select, cached for ttl.
    std::string resolve(const std::string &host, std::string &error)
    {
        const auto now = Clock::now();
        DnsEntry &e = dnsCache[host];
        if (e.addresses.empty() || (options.dnsTtlSeconds >= 0 && now >= e.expires)) {
            e.addresses.clear();
            addrinfo hints{};
            hints.ai_socktype = SOCK_STREAM;
            hints.ai_family = options.dnsPolicy == "onlyIPv4"   ? AF_INET
                              : options.dnsPolicy == "onlyIPv6" ? AF_INET6
                                                                : AF_UNSPEC;
            addrinfo *res = nullptr;
            if (getaddrinfo(host.c_str(), nullptr, &hints, &res) != 0 || !res) {
                dnsCache.erase(host);
                error = "lookup " + host + ": no such host";
                return {};
            }
            std::vector<std::string> v4, v6;
            for (addrinfo *a = res; a; a = a->ai_next) {
                char buf[INET6_ADDRSTRLEN] = {};
                if (a->ai_family == AF_INET) {
                    inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in *>(a->ai_addr)->sin_addr, buf, sizeof buf);
                    if (std::find(v4.begin(), v4.end(), buf) == v4.end())
                        v4.push_back(buf);
                } else if (a->ai_family == AF_INET6) {
                    inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6 *>(a->ai_addr)->sin6_addr, buf, sizeof buf);
                    if (std::find(v6.begin(), v6.end(), buf) == v6.end())
                        v6.push_back(buf);
                }
            }
            freeaddrinfo(res);
            const std::string &p = options.dnsPolicy;
            if (p == "preferIPv4")
                e.addresses = v4.empty() ? v6 : v4;
            else if (p == "preferIPv6")
                e.addresses = v6.empty() ? v4 : v6;
            else if (p == "onlyIPv4")
                e.addresses = v4;
            else if (p == "onlyIPv6")
                e.addresses = v6;
            else {
                e.addresses = v4;
                e.addresses.insert(e.addresses.end(), v6.begin(), v6.end());
            }
            if (e.addresses.empty()) {
                dnsCache.erase(host);
                error = "lookup " + host + ": no such host";
                return {};
            }
            e.expires = now + std::chrono::seconds(std::max(0L, options.dnsTtlSeconds));
            e.next = 0;
        }
        size_t i = 0;
        if (options.dnsSelect == "random")
            i = std::uniform_int_distribution<size_t>(0, e.addresses.size() - 1)(rng);
        else if (options.dnsSelect == "roundRobin")
            i = e.next++ % e.addresses.size();
        std::string a = e.addresses[i];
        return a.find(':') != std::string::npos ? "[" + a + "]" : a;
    }

    // Configures `t.easy` for its current hop. Returns false (error set) if it cannot start.
    bool setupHop(Transfer &t)
    {
        CURL *h = t.easy;
        t.resp = Response{};
        t.resp.method = t.method;
        t.resp.url = t.url;
        t.resp.startUnixNs = unixNowNs();
        t.urlParts = parseUrl(t.url);
        t.requestReady = t.sendDone = t.firstByte = t.lastByte = Clock::time_point{};
        t.socket = CURL_SOCKET_BAD;
        t.errorBuffer[0] = '\0';
        t.hostKey = t.urlParts.host + ":" + std::to_string(t.urlParts.port);

        // Same shape as this handle's previous hop (scheme, host, method, body, auth, ...): the
        // options set for it still hold, only what points at this transfer changes. libcurl's
        // reset-and-set-everything costs about 12,000 instructions per request, a tenth of a
        // keep-alive GET.
        const bool ownUserAgent = t.req && hasUserAgent(*t.req);
        std::string &lastShape = easyShapes[h];
        const std::string shape = hopShape(t, ownUserAgent);
        if (!shape.empty() && shape == lastShape) {
            setTransferPointers(t);
            setBody(t);
            setHeaders(t);
            return true;
        }
        lastShape.clear();
        curl_easy_reset(h);
        setTransferPointers(t);
        curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &Impl::onHeader);
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &Impl::onBody);
        curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, &Impl::onPrereq);
        curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &Impl::onProgress);
        curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
        // HTTP/2 by ALPN over TLS; over cleartext only when h2c asks for it (prior knowledge).
        const bool h2c = t.urlParts.scheme == "http" && (t.req && t.req->h2c ? *t.req->h2c : options.h2c);
        curl_easy_setopt(h, CURLOPT_HTTP_VERSION,
                         long(h2c ? CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE : CURL_HTTP_VERSION_2TLS));
        // libcurl before 8.0 fails every request on a reused prior-knowledge connection with
        // "Error in the HTTP2 framing layer" (curl issue 10634): one connection per request there.
        static const bool h2cReuseBroken = curl_version_info(CURLVERSION_NOW)->version_num < 0x080000;
        if (h2c && h2cReuseBroken) {
            curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 1L);
            curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L);
        }
        curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
        // params.auth: digest and NTLM answer the server's challenge with the URL's credentials.
        if (t.req && !t.req->auth.empty()) {
            const std::string &a = t.req->auth;
            curl_easy_setopt(h, CURLOPT_HTTPAUTH,
                             a == "digest" ? long(CURLAUTH_DIGEST) : a == "ntlm" ? long(CURLAUTH_NTLM) : long(CURLAUTH_BASIC));
        }
        // Go asks for gzip and k6 decodes whatever Content-Encoding comes back (gzip, deflate, br, zstd).
        curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "gzip");
        if (t.discard)
            curl_easy_setopt(h, CURLOPT_HTTP_CONTENT_DECODING, 0L);
        if (options.httpDebug || options.captureRequestHead) {
            curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
            curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, &Impl::onDebug);
        }
        if (!t.urlParts.valid || (t.urlParts.scheme != "http" && t.urlParts.scheme != "https")) {
            t.resp.error = t.urlParts.valid ? "unsupported protocol scheme \"" + t.urlParts.scheme + "\""
                                            : "invalid URL \"" + t.url + "\"";
            t.resp.errorCode = 1020;
            return false;
        }
        // Proxies as Go's ProxyFromEnvironment picks them; always set, so that libcurl does not
        // look through the environment on every request. Loopback and localhost go direct.
        const std::string &proxy = t.urlParts.scheme == "https" ? httpsProxy : httpProxy;
        const bool local = t.urlParts.host == "localhost" || t.urlParts.host.rfind("127.", 0) == 0
                           || t.urlParts.host == "::1" || t.urlParts.host == "[::1]";
        curl_easy_setopt(h, CURLOPT_PROXY, local ? "" : proxy.c_str());
        if (!noProxy.empty())
            curl_easy_setopt(h, CURLOPT_NOPROXY, noProxy.c_str());
        std::string dnsError;
        applyConnectionOptions(h, t.urlParts, t.connectTo, dnsError);
        if (!dnsError.empty()) {
            t.resp.error = dnsError;
            t.resp.errorCode = 1101;
            return false;
        }

        const Request &req = *t.req;
        const std::string &method = t.method;
        const std::string *body = t.sendBody ? &req.body : nullptr;
        if (method == "HEAD") {
            curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
        } else {
            setBody(t);
            if (method != "GET" && method != "POST")
                curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method.c_str());
            else if (method == "GET" && body && !body->empty())
                curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, "GET");
        }

        if (!ownUserAgent && !options.userAgent.empty())
            curl_easy_setopt(h, CURLOPT_USERAGENT, options.userAgent.c_str());
        setHeaders(t);
        lastShape = shape;
        return true;
    }

    // What makes two hops need the same libcurl options apart from the transfer's own pointers,
    // URL, timeout, body and headers; empty when options depend on more than that (hosts
    // overrides and custom DNS resolve per hop into a list libcurl keeps a pointer to).
    std::string hopShape(const Transfer &t, bool ownUserAgent) const
    {
        if (!options.hosts.empty() || options.dnsCustom || !t.urlParts.valid || !t.req)
            return {};
        const Request &req = *t.req;
        std::string key;
        key.reserve(64);
        key += t.urlParts.scheme;
        key += ' ';
        key += t.hostKey;
        key += ' ';
        key += t.method;
        key += ' ';
        key += req.auth;
        key += t.sendBody && !req.body.empty() ? 'B' : 'b';
        key += t.discard ? 'D' : 'd';
        key += req.h2c ? (*req.h2c ? 'H' : 'h') : '-';
        key += ownUserAgent ? 'U' : 'u';
        return key;
    }

    static bool hasUserAgent(const Request &req)
    {
        return std::any_of(req.headers.begin(), req.headers.end(),
                           [](const auto &kv) { return lowerAscii(kv.first) == "user-agent"; });
    }

    // The options that point at this transfer or change with every request.
    void setTransferPointers(Transfer &t)
    {
        CURL *h = t.easy;
        curl_easy_setopt(h, CURLOPT_PRIVATE, &t);
        curl_easy_setopt(h, CURLOPT_URL, t.url.c_str());
        curl_easy_setopt(h, CURLOPT_ERRORBUFFER, t.errorBuffer);
        curl_easy_setopt(h, CURLOPT_HEADERDATA, &t);
        curl_easy_setopt(h, CURLOPT_WRITEDATA, &t);
        curl_easy_setopt(h, CURLOPT_PREREQDATA, &t);
        curl_easy_setopt(h, CURLOPT_XFERINFODATA, &t);
        if (options.httpDebug || options.captureRequestHead)
            curl_easy_setopt(h, CURLOPT_DEBUGDATA, &t);
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(t.deadline - Clock::now()).count();
        curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, long(std::max<int64_t>(1, left)));
    }

    // The request body (libcurl keeps a pointer to it), for the methods that send one (never HEAD:
    // it is sent with NOBODY).
    void setBody(Transfer &t)
    {
        if (t.method == "HEAD")
            return;
        const std::string *body = t.sendBody ? &t.req->body : nullptr;
        if ((body && !body->empty()) || t.method == "POST" || t.method == "PUT" || t.method == "PATCH") {
            static const std::string empty;
            const std::string &b = body ? *body : empty;
            curl_easy_setopt(t.easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(b.size()));
            curl_easy_setopt(t.easy, CURLOPT_POSTFIELDS, b.data());
        }
    }

    // The request's header list: the script's headers, cookies, and the ones libcurl must not add.
    void setHeaders(Transfer &t)
    {
        CURL *h = t.easy;
        const Request &req = *t.req;
        curl_slist_free_all(t.headers);
        t.headers = nullptr;
        bool hasContentType = false, hasCookie = false;
        std::string line;
        for (const auto &[k, v] : req.headers) {
            const std::string lk = lowerAscii(k);
            hasContentType |= lk == "content-type";
            if (lk == "cookie") {
                hasCookie = true;
                continue; // merged below with the jar's cookies
            }
            if (!t.sendBody && (lk == "content-type" || lk == "content-length"))
                continue;
            line.assign(k);
            if (v.empty()) {
                line += ';';
            } else {
                line += ": ";
                line += v;
            }
            t.headers = curl_slist_append(t.headers, line.c_str());
        }
        const std::string cookie = cookieHeader(t, hasCookie);
        if (!cookie.empty())
            t.headers = curl_slist_append(t.headers, ("Cookie: " + cookie).c_str());
        // curl adds "Content-Type: application/x-www-form-urlencoded" to POSTFIELDS requests;
        // Go sends none unless the script sets one.
        if (!hasContentType)
            t.headers = curl_slist_append(t.headers, "Content-Type:");
        // No "Expect: 100-continue" round trip for large bodies; Go does not do it either.
        t.headers = curl_slist_append(t.headers, "Expect:");
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, t.headers);
    }

    // The jar's cookies for this hop plus the request's `cookies` (replace: true wins over the jar)
    // plus any Cookie header the script set.
    std::string cookieHeader(const Transfer &t, bool hasCookieHeader)
    {
        const Request &req = *t.req;
        std::string out;
        auto add = [&](const std::string &name, const std::string &value) {
            if (!out.empty())
                out += "; ";
            out += name;
            out += '=';
            out += value;
        };
        if (!t.jar->empty() || !req.cookies.empty()) {
            for (const Cookie *c : t.jar->cookiesFor(t.urlParts)) {
                const bool replaced = std::any_of(req.cookies.begin(), req.cookies.end(), [&](const RequestCookie &rc) {
                    return rc.replace && rc.name == c->name;
                });
                if (!replaced)
                    add(c->name, c->value);
            }
            for (const RequestCookie &rc : req.cookies)
                add(rc.name, rc.value);
        }
        if (hasCookieHeader) {
            for (const auto &[k, v] : req.headers) {
                if (lowerAscii(k) == "cookie" && !v.empty()) {
                    if (!out.empty())
                        out += "; ";
                    out += v;
                }
            }
        }
        return out;
    }

    // ---- completion

    void finishHop(Transfer &t, CURLcode rc)
    {
        const auto finished = t.lastByte != Clock::time_point{} ? t.lastByte : Clock::now();
        CURL *h = t.easy;
        Response &resp = t.resp;
        long status = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
        resp.status = int(status);
        if (rc != CURLE_OK) {
            describeError(t, rc);
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
        char *ip = nullptr;
        curl_easy_getinfo(h, CURLINFO_PRIMARY_IP, &ip);
        if (ip)
            resp.remoteIp = ip;
        long port = 0;
        curl_easy_getinfo(h, CURLINFO_PRIMARY_PORT, &port);
        resp.remotePort = int(port);

        // Timings as k6 defines them (Go's httptrace): blocked = start until the connection
        // attempt (DNS included) or until a pooled connection is handed over; connecting = TCP
        // connect; tls_handshaking; sending = connection ready until the request is written;
        // waiting = until the first response byte; receiving = until the last byte.
        curl_off_t nameLookup = 0, connect = 0, appConnect = 0;
        curl_easy_getinfo(h, CURLINFO_NAMELOOKUP_TIME_T, &nameLookup);
        curl_easy_getinfo(h, CURLINFO_CONNECT_TIME_T, &connect);
        curl_easy_getinfo(h, CURLINFO_APPCONNECT_TIME_T, &appConnect);
        auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
        auto usToMs = [](curl_off_t us) { return double(us) / 1000.0; };
        Timings &tm = resp.timings;
        const double connecting = connect > nameLookup ? usToMs(connect - nameLookup) : 0.0;
        const double tls = appConnect > connect && connect > 0 ? usToMs(appConnect - connect) : 0.0;
        if (t.requestReady != Clock::time_point{}) {
            tm.connecting = connecting;
            tm.tlsHandshaking = tls;
            tm.blocked = std::max(0.0, ms(t.requestReady - t.started) - connecting - tls);
            const auto sendEnd = t.sendDone != Clock::time_point{} && t.sendDone >= t.requestReady ? t.sendDone
                                                                                                    : t.requestReady;
            const bool gotResponse = t.firstByte != Clock::time_point{} && t.firstByte >= sendEnd;
            tm.sending = ms(sendEnd - t.requestReady);
            if (gotResponse) {
                tm.waiting = ms(t.firstByte - sendEnd);
                tm.receiving = ms(finished - t.firstByte);
            } else {
                tm.waiting = ms(finished - sendEnd);
            }
        } else {
            tm.connecting = connecting;
            tm.tlsHandshaking = tls;
            tm.blocked = std::max(0.0, ms(finished - t.started) - connecting - tls);
        }
        tm.duration = tm.sending + tm.waiting + tm.receiving;

        // Wire bytes (see the top of this file).
        bool measured = false;
        if (tcpInfoWorks && t.socket != CURL_SOCKET_BAD) {
            if (auto it = sockets.find(t.socket); it != sockets.end()) {
                uint64_t s = 0, r = 0;
                if (tcpCounters(t.socket, s, r)) {
                    resp.bytesSent = s - std::min(s, it->second.sent);
                    resp.bytesReceived = r - std::min(r, it->second.received);
                    it->second.sent = s;
                    it->second.received = r;
                    measured = true;
                } else {
                    tcpInfoWorks = false;
                }
            }
        }
        if (measured || orphanSent || orphanReceived) {
            resp.bytesSent += orphanSent;
            resp.bytesReceived += orphanReceived;
            orphanSent = orphanReceived = 0;
            measured = true;
        }
        if (!measured) {
            curl_off_t uploaded = 0, downloaded = 0;
            long requestSize = 0, headerSize = 0;
            curl_easy_getinfo(h, CURLINFO_SIZE_UPLOAD_T, &uploaded);
            curl_easy_getinfo(h, CURLINFO_SIZE_DOWNLOAD_T, &downloaded);
            curl_easy_getinfo(h, CURLINFO_REQUEST_SIZE, &requestSize);
            curl_easy_getinfo(h, CURLINFO_HEADER_SIZE, &headerSize);
            resp.bytesSent = uint64_t(requestSize) + uint64_t(uploaded);
            resp.bytesReceived = uint64_t(headerSize) + uint64_t(downloaded);
        }

        // Cookies set by every hop go to the jar, as Go's client does.
        for (const auto &[k, v] : resp.headers) {
            if (k.size() == 10 && lowerAscii(k) == "set-cookie")
                t.jar->setFromHeader(t.urlParts, v);
        }
    }

    void describeError(Transfer &t, CURLcode rc)
    {
        Response &r = t.resp;
        long osErrno = 0;
        curl_easy_getinfo(t.easy, CURLINFO_OS_ERRNO, &osErrno);
        const std::string curlText = t.errorBuffer[0] ? std::string(t.errorBuffer) : curl_easy_strerror(rc);
        const std::string dialTarget = t.urlParts.host + ":" + std::to_string(t.urlParts.port);
        switch (rc) {
        case CURLE_OPERATION_TIMEDOUT:
            r.error = "request timeout";
            r.errorCode = 1050;
            break;
        case CURLE_URL_MALFORMAT:
            r.error = "invalid URL: " + curlText;
            r.errorCode = 1020;
            break;
        case CURLE_UNSUPPORTED_PROTOCOL:
            r.error = "unsupported protocol scheme \"" + t.urlParts.scheme + "\"";
            r.errorCode = 1020;
            break;
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
            r.error = "lookup " + t.urlParts.host + ": no such host";
            r.errorCode = 1101;
            break;
        case CURLE_COULDNT_CONNECT:
            if (osErrno == ECONNREFUSED) {
                r.error = "dial tcp " + dialTarget + ": connect: connection refused";
                r.errorCode = 1212;
            } else if (osErrno == ETIMEDOUT) {
                r.error = "dial tcp " + dialTarget + ": i/o timeout";
                r.errorCode = 1211;
            } else {
                r.error = "dial tcp " + dialTarget + ": " + (osErrno ? std::strerror(int(osErrno)) : curlText);
                r.errorCode = 1210;
            }
            break;
        case CURLE_SEND_ERROR:
            r.error = osErrno == EPIPE ? "write: broken pipe" : "write: " + curlText;
            r.errorCode = osErrno == EPIPE ? 1201 : 1200;
            break;
        case CURLE_RECV_ERROR:
            if (osErrno == ECONNRESET) {
                r.error = "read: connection reset by peer";
                r.errorCode = 1220;
            } else {
                r.error = "read: " + curlText;
                r.errorCode = 1200;
            }
            break;
        case CURLE_GOT_NOTHING:
        case CURLE_PARTIAL_FILE:
            r.error = rc == CURLE_GOT_NOTHING ? "EOF" : "unexpected EOF";
            r.errorCode = 1000;
            break;
        case CURLE_PEER_FAILED_VERIFICATION: {
            long verify = 0;
            curl_easy_getinfo(t.easy, CURLINFO_SSL_VERIFYRESULT, &verify);
            // curl checks the host name itself after OpenSSL accepted the chain.
            if (curlText.find("subject name") != std::string::npos || curlText.find("host name") != std::string::npos)
                verify = X509_V_ERR_HOSTNAME_MISMATCH;
            switch (verify) {
            case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
            case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
            case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
            case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
            case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
                r.error = "tls: failed to verify certificate: x509: certificate signed by unknown authority";
                r.errorCode = 1310;
                break;
            case X509_V_ERR_HOSTNAME_MISMATCH:
            case X509_V_OK:
                r.error = "tls: failed to verify certificate: x509: certificate is not valid for " + t.urlParts.host;
                r.errorCode = 1311;
                break;
            case X509_V_ERR_CERT_HAS_EXPIRED:
            case X509_V_ERR_CERT_NOT_YET_VALID:
                r.error = "tls: failed to verify certificate: x509: certificate has expired or is not yet valid";
                r.errorCode = 1300;
                break;
            default:
                r.error = "tls: failed to verify certificate: " + std::string(X509_verify_cert_error_string(verify));
                r.errorCode = 1300;
                break;
            }
            break;
        }
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_ENGINE_NOTFOUND:
        case CURLE_SSL_ISSUER_ERROR:
            r.error = "tls: " + curlText;
            r.errorCode = 1300;
            break;
        case CURLE_HTTP2:
            r.error = "http2: " + curlText;
            r.errorCode = 1600;
            break;
        case CURLE_HTTP2_STREAM:
            r.error = "http2: stream error: " + curlText;
            r.errorCode = 1610;
            break;
        case CURLE_BAD_CONTENT_ENCODING:
            r.error = "error decompressing response body: " + curlText;
            r.errorCode = 1701;
            break;
        case CURLE_ABORTED_BY_CALLBACK:
            r.error = "request aborted";
            r.errorCode = 1000;
            break;
        default:
            r.error = curlText;
            r.errorCode = 1000;
            break;
        }
    }

    // The next hop of a redirect, or false if `t` is finished.
    bool followRedirect(Transfer &t)
    {
        if (t.resp.errorCode >= 1000 && t.resp.errorCode < 1400)
            return false;
        if (!isRedirect(t.resp.status) || t.redirectsLeft <= 0)
            return false;
        char *location = nullptr;
        curl_easy_getinfo(t.easy, CURLINFO_REDIRECT_URL, &location);
        if (!location || !*location)
            return false;
        std::string next = location;
        const int status = t.resp.status;
        t.hops.push_back(std::move(t.resp));
        t.resp = Response{};
        t.url = std::move(next);
        --t.redirectsLeft;
        if ((status == 301 || status == 302 || status == 303) && t.method != "HEAD") {
            if (status == 303 || t.method == "POST")
                t.method = "GET";
            if (t.method == "GET")
                t.sendBody = false;
        }
        return true;
    }

    void run(std::vector<Transfer> &transfers, int parallel, int perHost)
    {
        parallel = std::max(1, parallel);
        perHost = std::max(1, perHost);
        std::unordered_map<std::string, int> hostActive;
        size_t nextPending = 0;
        size_t unfinished = transfers.size();
        std::deque<size_t> waiting; // deferred by the per-host limit
        int active = 0;

        auto start = [&](Transfer &t) {
            t.easy = takeEasy();
            t.started = Clock::now();
            if (!setupHop(t)) {
                t.finished = true;
                --unfinished;
                releaseEasy(t);
                return;
            }
            curl_multi_add_handle(multi, t.easy);
            t.active = true;
            ++active;
            ++hostActive[t.hostKey];
        };
        auto schedule = [&]() {
            for (auto it = waiting.begin(); it != waiting.end() && active < parallel;) {
                Transfer &t = transfers[*it];
                if (hostActive[t.hostKey] < perHost) {
                    start(t);
                    it = waiting.erase(it);
                } else {
                    ++it;
                }
            }
            while (active < parallel && nextPending < transfers.size()) {
                Transfer &t = transfers[nextPending++];
                const UrlParts u = parseUrl(t.url);
                t.hostKey = u.host + ":" + std::to_string(u.port);
                if (hostActive[t.hostKey] < perHost)
                    start(t);
                else
                    waiting.push_back(size_t(&t - transfers.data()));
            }
        };

        schedule();
        while (unfinished > 0) {
            if (active == 0) {
                schedule();
                if (active == 0)
                    break;
            }
            act();
            bool progressed = false;
            Done msg;
            while (nextDone(msg)) {
                Transfer *t = nullptr;
                curl_easy_getinfo(msg.easy, CURLINFO_PRIVATE, &t);
                const CURLcode rc = msg.rc;
                if (t->isAsync) {
                    asyncHopDone(*t, rc);
                    continue;
                }
                --hostActive[t->hostKey];
                --active;
                progressed = true;
                if (nextHop(*t, rc)) { // redirected: hostKey is the new hop's
                    ++active;
                    ++hostActive[t->hostKey];
                    continue;
                }
                --unfinished;
            }
            if (progressed)
                schedule();
            if (cancel && cancel()) {
                for (Transfer &t : transfers) {
                    if (t.active) {
                        curl_multi_remove_handle(multi, t.easy);
                        t.resp.error = "request aborted";
                        t.resp.errorCode = 1000;
                        releaseEasy(t);
                        t.active = false;
                    }
                    if (!t.finished && t.resp.error.empty()) {
                        t.resp.error = "request aborted";
                        t.resp.errorCode = 1000;
                    }
                    t.finished = true;
                }
                break;
            }
            if (!progressed && active > 0)
                wait(std::chrono::milliseconds(50));
        }
    }

    void releaseEasy(Transfer &t)
    {
        freeEasy.push_back(t.easy);
        t.easy = nullptr;
    }

    // A hop of `t` ended: records it, then starts the redirect's next hop (true) or, when the
    // transfer is over, gives its handle back (false).
    bool nextHop(Transfer &t, CURLcode rc)
    {
        finishHop(t, rc);
        curl_multi_remove_handle(multi, t.easy);
        if (followRedirect(t)) {
            t.started = Clock::now();
            if (setupHop(t)) {
                curl_multi_add_handle(multi, t.easy);
                return true;
            }
        }
        releaseEasy(t);
        t.active = false;
        t.finished = true;
        return false;
    }

    // An async transfer's hop ended: follow a redirect, or hand the response over.
    void asyncHopDone(Transfer &t, CURLcode rc)
    {
        if (nextHop(t, rc))
            return;
        auto it = std::find_if(async.begin(), async.end(), [&](const AsyncTransfer &a) { return &a.transfer == &t; });
        if (it == async.end())
            return;
        Response resp = collect(t);
        Client::AsyncDone done = std::move(it->done);
        async.erase(it);
        if (done)
            done(std::move(resp));
    }

    void processAsyncMessages()
    {
        Done msg;
        while (nextDone(msg)) {
            Transfer *t = nullptr;
            curl_easy_getinfo(msg.easy, CURLINFO_PRIVATE, &t);
            if (t && t->isAsync)
                asyncHopDone(*t, msg.rc);
        }
    }

    Response collect(Transfer &t)
    {
        Response r = std::move(t.resp);
        r.redirects = std::move(t.hops);
        return r;
    }

    void prepare(Transfer &t, const Request &req)
    {
        t.impl = this;
        t.req = &req;
        t.method = req.method.empty() ? std::string("GET") : req.method;
        t.url = req.url;
        t.redirectsLeft = req.maxRedirects >= 0 ? req.maxRedirects : options.maxRedirects;
        t.discard = req.discardBody;
        t.jar = req.jar ? req.jar : &jar;
        t.deadline = Clock::now() + req.timeout;
    }
};

Client::Client(ClientOptions options) : m_impl(std::make_unique<Impl>())
{
    globalInit();
    m_impl->options = std::move(options);
    const ClientOptions &o = m_impl->options;
    if (!o.tlsMin.empty() || !o.tlsMax.empty())
        m_impl->sslVersion = sslVersionBits(o.tlsMin.empty() ? "tls1.0" : o.tlsMin, false)
                             | (o.tlsMax.empty() ? long(CURL_SSLVERSION_MAX_DEFAULT) : sslVersionBits(o.tlsMax, true));
    for (const std::string &suite : o.cipherSuites) {
        if (suite.rfind("TLS_AES_", 0) == 0 || suite.rfind("TLS_CHACHA20_", 0) == 0) {
            m_impl->tls13Ciphers += (m_impl->tls13Ciphers.empty() ? "" : ":") + suite;
        } else if (const char *name = OPENSSL_cipher_name(suite.c_str()); name && std::strcmp(name, "(NONE)") != 0) {
            m_impl->cipherList += (m_impl->cipherList.empty() ? "" : ":") + std::string(name);
        }
    }
    auto env = [](const char *upper, const char *lower) {
        const char *v = std::getenv(upper);
        if (!v || !*v)
            v = std::getenv(lower);
        return std::string(v ? v : "");
    };
    m_impl->httpProxy = env("HTTP_PROXY", "http_proxy");
    m_impl->httpsProxy = env("HTTPS_PROXY", "https_proxy");
    m_impl->noProxy = env("NO_PROXY", "no_proxy");
    // Go honours SSL_CERT_FILE and SSL_CERT_DIR, so k6 does.
    if (const char *f = std::getenv("SSL_CERT_FILE"); f && *f)
        m_impl->caFile = f;
    if (const char *d = std::getenv("SSL_CERT_DIR"); d && *d)
        m_impl->caPath = d;
}

Client::~Client() = default;

const ClientOptions &Client::options() const
{
    return m_impl->options;
}

void Client::closeConnections()
{
    cancelAsync();
    // A fresh multi handle has an empty connection cache.
    m_impl->newMulti();
}

CookieJar &Client::cookieJar()
{
    return m_impl->jar;
}

void Client::setCancelCheck(std::function<bool()> check)
{
    m_impl->cancel = std::move(check);
}

void Client::beginIteration(int64_t iteration)
{
    if (iteration == m_impl->iteration)
        return;
    const bool first = m_impl->iteration == INT64_MIN;
    m_impl->iteration = iteration;
    if (!m_impl->options.noCookiesReset)
        m_impl->jar.clearAll();
    if (!first && m_impl->options.noVuConnectionReuse)
        closeConnections();
}

Response Client::perform(const Request &req)
{
    std::vector<Transfer> one(1);
    m_impl->prepare(one[0], req);
    m_impl->run(one, 1, 1);
    return m_impl->collect(one[0]);
}

std::vector<Response> Client::performBatch(const std::vector<Request> &requests, int parallel, int perHost)
{
    std::vector<Transfer> transfers(requests.size());
    for (size_t i = 0; i < requests.size(); ++i)
        m_impl->prepare(transfers[i], requests[i]);
    m_impl->run(transfers, parallel > 0 ? parallel : m_impl->options.batch,
                perHost > 0 ? perHost : m_impl->options.batchPerHost);
    std::vector<Response> out;
    out.reserve(transfers.size());
    for (Transfer &t : transfers)
        out.push_back(m_impl->collect(t));
    return out;
}

void Client::startAsync(Request request, AsyncDone done)
{
    Impl &d = *m_impl;
    AsyncTransfer &a = d.async.emplace_back();
    a.request = std::move(request);
    a.done = std::move(done);
    Transfer &t = a.transfer;
    t.isAsync = true;
    d.prepare(t, a.request);
    t.hostKey.clear();
    t.easy = d.takeEasy();
    t.started = Clock::now();
    if (!d.setupHop(t)) {
        // Not startable (bad URL, DNS override failure): done now, with the error.
        d.releaseEasy(t);
        Response resp = d.collect(t);
        AsyncDone cb = std::move(a.done);
        d.async.pop_back();
        if (cb)
            cb(std::move(resp));
        return;
    }
    t.active = true;
    curl_multi_add_handle(d.multi, t.easy);
    d.act(); // send it now
    d.processAsyncMessages();
}

bool Client::hasAsync() const
{
    return !m_impl->async.empty();
}

void Client::drive(std::chrono::milliseconds maxWait)
{
    Impl &d = *m_impl;
    if (d.async.empty())
        return;
    d.act();
    d.processAsyncMessages();
    if (d.async.empty())
        return;
    d.wait(maxWait);
    d.act();
    d.processAsyncMessages();
}

void Client::wake()
{
    if (m_impl->watch) {
        m_impl->watch->notify();
    } else if (m_impl->wakeFd >= 0) {
        const uint64_t one = 1;
        [[maybe_unused]] ssize_t n = ::write(m_impl->wakeFd, &one, sizeof one);
    }
}

size_t Client::cancelAsync()
{
    Impl &d = *m_impl;
    const size_t n = d.async.size();
    for (AsyncTransfer &a : d.async) {
        if (a.transfer.easy) {
            curl_multi_remove_handle(d.multi, a.transfer.easy);
            d.releaseEasy(a.transfer);
        }
    }
    d.async.clear();
    return n;
}

// ---------------------------------------------------------------- raw connections

Client::RawConnection::~RawConnection()
{
    if (easy)
        curl_easy_cleanup(static_cast<CURL *>(easy));
}

long Client::RawConnection::send(const char *data, size_t len)
{
    size_t n = 0;
    const CURLcode rc = curl_easy_send(static_cast<CURL *>(easy), data, len, &n);
    if (rc == CURLE_AGAIN)
        return 0;
    return rc == CURLE_OK ? long(n) : -1;
}

long Client::RawConnection::recv(char *data, size_t len)
{
    size_t n = 0;
    const CURLcode rc = curl_easy_recv(static_cast<CURL *>(easy), data, len, &n);
    if (rc == CURLE_AGAIN)
        return 0;
    if (rc != CURLE_OK || n == 0)
        return -1;
    return long(n);
}

int Client::RawConnection::socket() const
{
    curl_socket_t fd = CURL_SOCKET_BAD;
    curl_easy_getinfo(static_cast<CURL *>(easy), CURLINFO_ACTIVESOCKET, &fd);
    return int(fd);
}

uint64_t Client::RawConnection::bytesSent() const
{
    uint64_t s = 0, r = 0;
    tcpCounters(curl_socket_t(socket()), s, r);
    return s;
}

uint64_t Client::RawConnection::bytesReceived() const
{
    uint64_t s = 0, r = 0;
    tcpCounters(curl_socket_t(socket()), s, r);
    return r;
}

std::unique_ptr<Client::RawConnection> Client::connectRaw(const std::string &wsUrl, std::chrono::milliseconds timeout,
                                                          std::string &error, int &errorCode, Timings *timings)
{
    std::string url = wsUrl;
    if (url.rfind("ws://", 0) == 0)
        url = "http://" + url.substr(5);
    else if (url.rfind("wss://", 0) == 0)
        url = "https://" + url.substr(6);
    Transfer t;
    t.impl = m_impl.get();
    t.url = url;
    t.urlParts = parseUrl(url);
    if (!t.urlParts.valid || (t.urlParts.scheme != "http" && t.urlParts.scheme != "https")) {
        error = "invalid URL \"" + wsUrl + "\"";
        errorCode = 1020;
        return nullptr;
    }
    auto conn = std::make_unique<RawConnection>();
    CURL *h = curl_easy_init();
    conn->easy = h;
    t.easy = h;
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_CONNECT_ONLY, 1L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, t.errorBuffer);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, long(std::max<int64_t>(1, timeout.count())));
    // Not pooled: the socket is closed with the connection.
    std::string dnsError;
    m_impl->applyConnectionOptions(h, t.urlParts, t.connectTo, dnsError);
    curl_easy_setopt(h, CURLOPT_SOCKOPTFUNCTION, nullptr);
    curl_easy_setopt(h, CURLOPT_CLOSESOCKETFUNCTION, nullptr);
    // HTTP/1.1 only for the Upgrade.
    curl_easy_setopt(h, CURLOPT_HTTP_VERSION, long(CURL_HTTP_VERSION_1_1));
    curl_easy_setopt(h, CURLOPT_SSL_ENABLE_ALPN, 0L);
    if (!dnsError.empty()) {
        error = dnsError;
        errorCode = 1101;
        return nullptr;
    }
    CURLcode rc = CURLE_OK;
    if (fiber::onFiber()) {
        // curl_easy_perform blocks its thread for the handshake (CONNECT_ONLY has no multi
        // interface that keeps the connection): on a fiber it would stall every VU of the
        // worker, so a short-lived thread does it while the fiber waits.
        std::mutex m;
        fiber::CondVar cv;
        bool done = false;
        std::thread connector([&] {
            const CURLcode r = curl_easy_perform(h);
            std::lock_guard lock(m);
            rc = r;
            done = true;
            cv.notify_all();
        });
        {
            std::unique_lock lock(m);
            cv.wait(lock, [&] { return done; });
        }
        connector.join();
    } else {
        rc = curl_easy_perform(h);
    }
    if (rc != CURLE_OK) {
        m_impl->describeError(t, rc);
        error = t.resp.error;
        errorCode = t.resp.errorCode;
        return nullptr;
    }
    char *ip = nullptr;
    curl_easy_getinfo(h, CURLINFO_PRIMARY_IP, &ip);
    if (ip)
        conn->remoteIp = ip;
    long port = 0;
    curl_easy_getinfo(h, CURLINFO_PRIMARY_PORT, &port);
    conn->remotePort = int(port);
    if (t.urlParts.scheme == "https") {
        Response r;
        Impl::readTls(h, r);
        conn->tlsVersion = r.tlsVersion;
    }
    if (timings) {
        curl_off_t nameLookup = 0, connect = 0, appConnect = 0;
        curl_easy_getinfo(h, CURLINFO_NAMELOOKUP_TIME_T, &nameLookup);
        curl_easy_getinfo(h, CURLINFO_CONNECT_TIME_T, &connect);
        curl_easy_getinfo(h, CURLINFO_APPCONNECT_TIME_T, &appConnect);
        timings->blocked = double(nameLookup) / 1000.0;
        timings->connecting = connect > nameLookup ? double(connect - nameLookup) / 1000.0 : 0.0;
        timings->tlsHandshaking = appConnect > connect ? double(appConnect - connect) / 1000.0 : 0.0;
    }
    return conn;
}

} // namespace stampede::http
