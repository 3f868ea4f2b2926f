#include "core/testserver/httptestserver.h"

#include "core/testserver/demoapp.h"

#include <QJsonDocument>
#include <QCryptographicHash>
#include <QJsonObject>
#include <QRegularExpression>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

namespace stampede::testserver {

namespace {

constexpr qsizetype kMaxHeadBytes = 64 * 1024;
constexpr qint64 kMaxParsedCount = 999'999'999'999'999'999ll;
constexpr qint64 kMaxBodyBytes = 256ll * 1024 * 1024;
constexpr qint64 kMaxStreamBytes = 16ll * 1024 * 1024 * 1024;
constexpr qint64 kStreamChunk = 64 * 1024;
constexpr qint64 kStreamHighWater = 1024 * 1024;
constexpr int kMaxDelayMs = 10 * 60 * 1000;
constexpr int kMaxRedirects = 1000;

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

const char *reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 418: return "I'm a teapot";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Status";
    }
}

bool statusHasNoBody(int status)
{
    return (status >= 100 && status < 200) || status == 204 || status == 304;
}

// A non-negative decimal integer, all of `text`, at most `max`; -1 otherwise.
qint64 parseCount(QByteArrayView text, qint64 max)
{
    if (text.isEmpty() || text.size() > 18)
        return -1;
    qint64 v = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return -1;
        v = v * 10 + (c - '0');
    }
    return v <= max ? v : -1;
}

struct Request
{
    QByteArray method;
    QByteArray target;
    QByteArray path;
    QByteArray query;
    QByteArray version;
    HeaderList headers;
    QByteArray body;

    // Values of every header named `name` (case-insensitive), joined with ", ".
    QByteArray header(QByteArrayView name) const
    {
        QByteArray out;
        for (const auto &[k, v] : headers) {
            if (k.compare(name, Qt::CaseInsensitive) == 0) {
                if (!out.isEmpty())
                    out += ", ";
                out += v;
            }
        }
        return out;
    }
    bool hasHeader(QByteArrayView name) const
    {
        return std::any_of(headers.begin(), headers.end(),
                           [name](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
    }
    bool headerHasToken(QByteArrayView name, QByteArrayView token) const
    {
        const QList<QByteArray> parts = header(name).split(',');
        return std::any_of(parts.begin(), parts.end(),
                           [token](const QByteArray &p) { return p.trimmed().compare(token, Qt::CaseInsensitive) == 0; });
    }
};

QJsonObject headersToJson(const HeaderList &headers)
{
    QJsonObject obj;
    for (const auto &[k, v] : headers) {
        const QString key = QString::fromLatin1(k);
        const QString value = QString::fromUtf8(v);
        const QString existing = obj.value(key).toString();
        obj.insert(key, existing.isEmpty() ? value : existing + u", "_s + value);
    }
    return obj;
}

// One accepted connection: parses requests one after another (keep-alive and
// pipelining) and answers them; owns its socket and deletes itself on disconnect.
class Connection : public QObject
{
public:
    Connection(QTcpSocket *socket, Counters &counters, DemoApp &demo, QObject *parent)
        : QObject(parent), m_socket(socket), m_counters(counters), m_demo(demo)
    {
        m_socket->setParent(this);
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(m_socket, &QTcpSocket::readyRead, this, &Connection::processInput);
        connect(m_socket, &QTcpSocket::bytesWritten, this, &Connection::pumpStream);
        connect(m_socket, &QTcpSocket::disconnected, this, &Connection::closed);
        connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
            if (m_socket->state() == QAbstractSocket::UnconnectedState)
                closed();
        });
        ++m_counters.accepted;
        ++m_counters.open;
    }

    void start() { processInput(); }

private:
    enum class Stage { Head, FixedBody, ChunkSize, ChunkData, ChunkDataEnd, Trailers };
    enum class Parse { NeedMore, Ready, Failed };

    void closed()
    {
        if (m_closed)
            return;
        m_closed = true;
        --m_counters.open;
        deleteLater();
    }

    void processInput()
    {
        if (m_closed || m_closing || m_readPaused)
            return;
        m_buffer += m_socket->readAll();
        while (!m_busy && !m_closing) {
            const Parse p = parse();
            if (p == Parse::NeedMore)
                break;
            if (p == Parse::Failed)
                return;
            Request req = std::move(m_request);
            m_request = {};
            m_stage = Stage::Head;
            m_continueSent = false;
            handle(req);
        }
    }

    // Advances the parser through m_buffer.
    Parse parse()
    {
        for (;;) {
            switch (m_stage) {
            case Stage::Head: {
                // Tolerate empty lines between pipelined requests.
                while (m_buffer.startsWith("\r\n"))
                    m_buffer.remove(0, 2);
                const qsizetype end = m_buffer.indexOf("\r\n\r\n");
                if (end < 0) {
                    if (m_buffer.size() > kMaxHeadBytes)
                        return fail(431, "request head too large");
                    return Parse::NeedMore;
                }
                if (end > kMaxHeadBytes)
                    return fail(431, "request head too large");
                const QByteArray head = m_buffer.left(end);
                m_buffer.remove(0, end + 4);
                if (!parseHead(head))
                    return fail(400, "malformed request head");
                if (m_request.headerHasToken("Transfer-Encoding", "chunked")) {
                    m_stage = Stage::ChunkSize;
                } else if (m_request.hasHeader("Content-Length")) {
                    m_remaining = parseCount(m_request.header("Content-Length").trimmed(), kMaxParsedCount);
                    if (m_remaining < 0)
                        return fail(400, "bad Content-Length");
                    if (m_remaining > kMaxBodyBytes)
                        return fail(413, "request body too large");
                    m_stage = Stage::FixedBody;
                } else {
                    return Parse::Ready;
                }
                // /slow-read/<ms>: leave the body in the socket for <ms>, so the client's
                // sending stalls once the kernel buffers are full.
                if (m_request.path.startsWith("/slow-read/") && m_stage != Stage::Head) {
                    const qint64 ms = parseCount(QByteArrayView(m_request.path).sliced(11), kMaxDelayMs);
                    if (ms > 0) {
                        m_readPaused = true;
                        m_socket->setReadBufferSize(1);
                        QTimer::singleShot(std::chrono::milliseconds(ms), Qt::PreciseTimer, this, [this] {
                            m_readPaused = false;
                            m_socket->setReadBufferSize(0);
                            processInput();
                        });
                        return Parse::NeedMore;
                    }
                }
                if (m_request.headerHasToken("Expect", "100-continue") && !m_continueSent
                    && (m_stage != Stage::FixedBody || m_remaining > m_buffer.size())) {
                    m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
                    m_continueSent = true;
                }
                break;
            }
            case Stage::FixedBody: {
                const qint64 take = std::min<qint64>(m_remaining, m_buffer.size());
                m_request.body += m_buffer.left(take);
                m_buffer.remove(0, take);
                m_remaining -= take;
                return m_remaining == 0 ? Parse::Ready : Parse::NeedMore;
            }
            case Stage::ChunkSize: {
                const qsizetype eol = m_buffer.indexOf("\r\n");
                if (eol < 0)
                    return m_buffer.size() > 1024 ? fail(400, "bad chunk size line") : Parse::NeedMore;
                QByteArray line = m_buffer.left(eol);
                m_buffer.remove(0, eol + 2);
                if (const qsizetype semi = line.indexOf(';'); semi >= 0)
                    line.truncate(semi);
                bool ok = false;
                m_remaining = line.trimmed().toLongLong(&ok, 16);
                if (!ok || m_remaining < 0 || m_request.body.size() + m_remaining > kMaxBodyBytes)
                    return fail(400, "bad chunk size");
                m_stage = m_remaining == 0 ? Stage::Trailers : Stage::ChunkData;
                break;
            }
            case Stage::ChunkData: {
                const qint64 take = std::min<qint64>(m_remaining, m_buffer.size());
                m_request.body += m_buffer.left(take);
                m_buffer.remove(0, take);
                m_remaining -= take;
                if (m_remaining > 0)
                    return Parse::NeedMore;
                m_stage = Stage::ChunkDataEnd;
                break;
            }
            case Stage::ChunkDataEnd:
                if (m_buffer.size() < 2)
                    return Parse::NeedMore;
                if (!m_buffer.startsWith("\r\n"))
                    return fail(400, "missing CRLF after chunk");
                m_buffer.remove(0, 2);
                m_stage = Stage::ChunkSize;
                break;
            case Stage::Trailers: {
                const qsizetype eol = m_buffer.indexOf("\r\n");
                if (eol < 0)
                    return m_buffer.size() > kMaxHeadBytes ? fail(431, "trailers too large") : Parse::NeedMore;
                m_buffer.remove(0, eol + 2);
                if (eol == 0)
                    return Parse::Ready; // the empty line ending the trailers
                break;
            }
            }
        }
    }

    bool parseHead(const QByteArray &head)
    {
        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        if (requestLine.size() != 3 || requestLine[0].isEmpty() || !requestLine[1].startsWith('/')
            || !requestLine[2].startsWith("HTTP/1."))
            return false;
        m_request.method = requestLine[0];
        m_request.target = requestLine[1];
        m_request.version = requestLine[2];
        const qsizetype q = m_request.target.indexOf('?');
        m_request.path = q < 0 ? m_request.target : m_request.target.left(q);
        m_request.query = q < 0 ? QByteArray() : m_request.target.mid(q + 1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].endsWith('\r') ? lines[i].chopped(1) : lines[i];
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                return false;
            m_request.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
        return true;
    }

    Parse fail(int status, const char *why)
    {
        m_keepAlive = false;
        writeResponse(status, "text/plain", QByteArray(why) + '\n', {}, false);
        closeAfterResponse();
        return Parse::Failed;
    }

    // ---- responses ----

    void writeHead(int status, const QByteArray &contentType, qint64 contentLength, const HeaderList &extra)
    {
        QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
        head += "Server: stampede-testserver\r\n";
        if (!statusHasNoBody(status)) {
            if (!contentType.isEmpty())
                head += "Content-Type: " + contentType + "\r\n";
            head += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
        }
        for (const auto &[k, v] : extra)
            head += k + ": " + v + "\r\n";
        head += m_keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
        head += "\r\n";
        m_socket->write(head);
    }

    void writeResponse(int status, const QByteArray &contentType, const QByteArray &body,
                       const HeaderList &extra = {}, bool headOnly = false)
    {
        writeHead(status, contentType, body.size(), extra);
        if (!headOnly && !statusHasNoBody(status) && !body.isEmpty())
            m_socket->write(body);
    }

    void closeAfterResponse()
    {
        m_closing = true;
        m_socket->disconnectFromHost();
    }

    // Called once a response has been fully queued.
    void responseDone()
    {
        m_busy = false;
        if (!m_keepAlive) {
            closeAfterResponse();
            return;
        }
        // More pipelined requests may already be buffered.
        if (!m_buffer.isEmpty() || m_socket->bytesAvailable() > 0)
            QTimer::singleShot(0, this, &Connection::processInput);
    }

    void reply(const Request &req, int status, const QByteArray &contentType, const QByteArray &body,
               const HeaderList &extra = {})
    {
        writeResponse(status, contentType, body, extra, req.method == "HEAD");
        responseDone();
    }

    void replyJson(const Request &req, const QJsonObject &obj, int status = 200)
    {
        reply(req, status, "application/json", QJsonDocument(obj).toJson(QJsonDocument::Compact));
    }

    void pumpStream()
    {
        if (!m_streaming || m_closed)
            return;
        static const QByteArray pattern = [] {
            QByteArray b(kStreamChunk + 26, Qt::Uninitialized);
            for (qsizetype i = 0; i < b.size(); ++i)
                b[i] = char('a' + i % 26);
            return b;
        }();
        while (m_streamRemaining > 0 && m_socket->bytesToWrite() < kStreamHighWater) {
            const qint64 n = std::min(m_streamRemaining, kStreamChunk);
            const qint64 start = m_streamOffset % 26;
            m_socket->write(pattern.constData() + start, n);
            m_streamOffset += n;
            m_streamRemaining -= n;
        }
        if (m_streamRemaining == 0) {
            m_streaming = false;
            responseDone();
        }
    }

    // ---- endpoints ----

    void handle(const Request &req)
    {
        m_keepAlive = req.version == "HTTP/1.1" ? !req.headerHasToken("Connection", "close")
                                                : req.headerHasToken("Connection", "keep-alive");
        const QByteArray &path = req.path;
        if (m_counters.log)
            std::fprintf(stderr, "[%p] %s %s %s\n", static_cast<void *>(this), req.method.constData(),
                         req.target.constData(), req.version.constData());
        if (path != "/stats" && path != "/stats/reset") {
            ++m_counters.requests;
            if (!m_counted || m_countedGeneration != m_counters.generation) {
                ++m_counters.connections;
                m_counted = true;
                m_countedGeneration = m_counters.generation;
            }
        }

        if (path == "/") {
            reply(req, 200, "text/plain", "hello");
        } else if (path.startsWith("/status/")) {
            const qint64 code = parseCount(QByteArrayView(path).sliced(8), 599);
            if (code < 200)
                reply(req, 400, "text/plain", "status must be 200-599\n");
            else
                reply(req, int(code), "text/plain", {});
        } else if (path.startsWith("/delay/")) {
            const qint64 ms = parseCount(QByteArrayView(path).sliced(7), kMaxDelayMs);
            if (ms < 0) {
                reply(req, 400, "text/plain", "bad delay\n");
                return;
            }
            m_busy = true;
            QTimer::singleShot(std::chrono::milliseconds(ms), Qt::PreciseTimer, this, [this, req, ms] {
                reply(req, 200, "text/plain", "delayed " + QByteArray::number(ms) + " ms");
            });
        } else if (path.startsWith("/slow-read/")) {
            // The pause happened while the body was read (see parse()).
            reply(req, 200, "text/plain", "read " + QByteArray::number(req.body.size()) + " bytes");
        } else if (path.startsWith("/slow-body/")) {
            const qint64 ms = parseCount(QByteArrayView(path).sliced(11), kMaxDelayMs);
            if (ms < 0) {
                reply(req, 400, "text/plain", "bad delay\n");
                return;
            }
            static const QByteArray body = "slow body\n";
            writeHead(200, "text/plain", body.size(), {});
            m_socket->flush();
            m_busy = true;
            QTimer::singleShot(std::chrono::milliseconds(ms), Qt::PreciseTimer, this, [this] {
                m_socket->write(body);
                responseDone();
            });
        } else if (path.startsWith("/bytes/")) {
            const qint64 n = parseCount(QByteArrayView(path).sliced(7), kMaxStreamBytes);
            if (n < 0) {
                reply(req, 400, "text/plain", "bad byte count\n");
                return;
            }
            writeHead(200, "application/octet-stream", n, {});
            if (req.method == "HEAD" || n == 0) {
                responseDone();
                return;
            }
            m_busy = true;
            m_streaming = true;
            m_streamRemaining = n;
            m_streamOffset = 0;
            pumpStream();
        } else if (path == "/json") {
            reply(req, 200, "application/json", R"({"name":"stampede","items":[1,2,3],"nested":{"ok":true}})");
        } else if (path == "/echo") {
            if (QUrlQuery(QString::fromLatin1(req.query)).queryItemValue(u"format"_s) == u"json"_s) {
                QJsonObject obj{{u"method"_s, QString::fromLatin1(req.method)},
                                {u"path"_s, QString::fromLatin1(req.path)},
                                {u"query"_s, QString::fromLatin1(req.query)},
                                {u"headers"_s, headersToJson(req.headers)},
                                {u"body"_s, QString::fromUtf8(req.body)},
                                {u"bodyLength"_s, double(req.body.size())}};
                replyJson(req, obj);
                return;
            }
            HeaderList extra;
            for (const auto &[k, v] : req.headers)
                extra.append({"X-Echo-" + k, v});
            extra.append({"X-Request-Method", req.method});
            extra.append({"X-Request-Target", req.target});
            const QByteArray type = req.header("Content-Type");
            reply(req, 200, type.isEmpty() ? QByteArray("application/octet-stream") : type, req.body, extra);
        } else if (path == "/headers") {
            replyJson(req, headersToJson(req.headers));
        } else if (path == "/cookies/set") {
            HeaderList extra;
            const QUrlQuery query(QString::fromLatin1(req.query));
            for (const auto &[k, v] : query.queryItems(QUrl::FullyDecoded))
                extra.append({"Set-Cookie", k.toUtf8() + '=' + v.toUtf8() + "; Path=/; HttpOnly"});
            reply(req, 200, "text/plain", "cookies set", extra);
        } else if (path.startsWith("/digest-auth/")) {
            digestAuth(req);
        } else if (path.startsWith("/redirect/")) {
            const qint64 n = parseCount(QByteArrayView(path).sliced(10), kMaxRedirects);
            if (n < 0)
                reply(req, 400, "text/plain", "bad redirect count\n");
            else if (n == 0)
                reply(req, 200, "text/plain", "hello");
            else
                reply(req, 302, "text/plain", {},
                      {{"Location", n == 1 ? QByteArray("/") : QByteArray("/redirect/" + QByteArray::number(n - 1))}});
        } else if (path == "/stats") {
            replyJson(req, stats());
        } else if (path == "/stats/reset") {
            if (req.method != "POST") {
                reply(req, 405, "text/plain", "use POST\n", {{"Allow", "POST"}});
                return;
            }
            m_counters.requests = 0;
            m_counters.connections = 0;
            m_counters.accepted = 0;
            ++m_counters.generation;
            replyJson(req, stats());
        } else if (auto demo = m_demo.handle({req.method, req.path, req.query, req.headers, req.body})) {
            writeResponse(demo->status, demo->contentType, demo->body, demo->headers, req.method == "HEAD");
            responseDone();
        } else {
            reply(req, 404, "text/plain", "not found\n");
        }
    }

    // /digest-auth/<user>/<password>: RFC 2617 digest authentication with qop=auth (MD5).
    void digestAuth(const Request &req)
    {
        const QList<QByteArray> parts = req.path.split('/');
        if (parts.size() != 4) {
            reply(req, 400, "text/plain", "use /digest-auth/<user>/<password>\n");
            return;
        }
        const QByteArray user = parts[2], password = parts[3], realm = "stampede", nonce = "6d6b2e6a0a9c4f7e";
        const QByteArray challenge = "Digest realm=\"" + realm + "\", qop=\"auth\", nonce=\"" + nonce + "\", opaque=\"op\"";
        const QByteArray auth = req.header("Authorization");
        if (!auth.startsWith("Digest ")) {
            reply(req, 401, "text/plain", "authentication required\n", {{"WWW-Authenticate", challenge}});
            return;
        }
        QMap<QByteArray, QByteArray> f;
        static const QRegularExpression field(u"(\\w+)=(?:\"([^\"]*)\"|([^,\\s]*))"_s);
        auto it = field.globalMatch(QString::fromLatin1(auth.mid(7)));
        while (it.hasNext()) {
            const auto m = it.next();
            f[m.captured(1).toLatin1()] = (m.captured(2).isNull() ? m.captured(3) : m.captured(2)).toLatin1();
        }
        auto md5 = [](const QByteArray &d) { return QCryptographicHash::hash(d, QCryptographicHash::Md5).toHex(); };
        const QByteArray ha1 = md5(user + ":" + realm + ":" + password);
        const QByteArray ha2 = md5(req.method + ":" + f.value("uri"));
        const QByteArray expected = md5(ha1 + ":" + nonce + ":" + f.value("nc") + ":" + f.value("cnonce") + ":"
                                        + f.value("qop") + ":" + ha2);
        if (f.value("username") != user || f.value("nonce") != nonce || f.value("response") != expected) {
            reply(req, 401, "text/plain", "wrong credentials\n", {{"WWW-Authenticate", challenge}});
            return;
        }
        replyJson(req, QJsonObject{{u"authenticated"_s, true}, {u"user"_s, QString::fromLatin1(user)}});
    }

    QJsonObject stats() const
    {
        return {{u"requests"_s, double(m_counters.requests)},
                {u"connections"_s, double(m_counters.connections)},
                {u"accepted_connections"_s, double(m_counters.accepted)},
                {u"open_connections"_s, double(m_counters.open)}};
    }

    QTcpSocket *m_socket;
    Counters &m_counters;
    DemoApp &m_demo;
    QByteArray m_buffer;
    Request m_request;
    Stage m_stage = Stage::Head;
    qint64 m_remaining = 0;
    bool m_continueSent = false;
    bool m_keepAlive = true;
    bool m_busy = false; // a response is pending (delay or stream); later requests wait
    bool m_readPaused = false; // /slow-read: the body stays unread for a while
    bool m_closing = false;
    bool m_closed = false;
    bool m_streaming = false;
    bool m_counted = false; // this connection is in m_counters.connections for m_countedGeneration
    quint64 m_countedGeneration = 0;
    qint64 m_streamRemaining = 0;
    qint64 m_streamOffset = 0;
};

} // namespace

HttpTestServer::HttpTestServer(QObject *parent) : QObject(parent)
{
    m_server.setMaxPendingConnections(4096);
    connect(&m_server, &QTcpServer::newConnection, this, &HttpTestServer::acceptPending);
}

HttpTestServer::~HttpTestServer() = default;

bool HttpTestServer::listen(const QHostAddress &address, quint16 port)
{
    m_server.setListenBacklogSize(1024);
    return m_server.listen(address, port);
}

void HttpTestServer::acceptPending()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        auto *c = new Connection(socket, m_counters, m_demo, this);
        c->start();
    }
}

} // namespace stampede::testserver
