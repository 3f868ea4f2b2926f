#pragma once

// The studio's view of a debug run: the engine's debug event stream (`stampede run
// --debug-events FILE`, see core/script/debugevents.h) parsed incrementally into requests,
// checks per request, console lines and groups, each with the script line that made it.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>

#include <vector>

namespace stampede::studio {

struct DebugLocation
{
    QString file;
    int line = 0;   // 1-based; 0 = unknown
    int column = 0; // 1-based; 0 = unknown
    bool isValid() const { return !file.isEmpty() && line > 0; }
    QString toString() const; // "file.js:12:5"
};

// A request or response body: inline (decoded) when small, else a side file the engine wrote.
struct DebugBody
{
    qint64 size = 0;      // the body's full size in bytes
    QByteArray data;      // inline bodies
    QString file;         // side file (large bodies); empty = inline
    qint64 stored = 0;    // bytes kept in the side file
    bool truncated = false;
    QString error;        // the engine could not store it
    bool isInline() const { return file.isEmpty(); }
};

struct DebugCookie
{
    QString name;
    QString value;
    QString domain;
    QString path;
    bool httpOnly = false;
    bool secure = false;
    qint64 maxAge = 0;
    QString expires;
};

struct DebugTimings
{
    double blocked = 0;
    double connecting = 0;
    double tlsHandshaking = 0;
    double sending = 0;
    double waiting = 0;
    double receiving = 0;
    double duration = 0;
};

using DebugHeaders = QList<QPair<QString, QString>>;

struct DebugRequest
{
    qint64 id = 0;
    qint64 firstId = 0; // the first hop of its redirect chain (itself when not redirected)
    int hop = 0;
    int vu = 0;
    qint64 iteration = -1;
    QString stage;      // "setup", "default" (or the scenario's exec function), "teardown"
    QString scenario;
    QString group;
    QString method;
    QString url;
    QString proto;
    int status = 0;
    QString statusText;
    DebugHeaders requestHeaders;
    DebugHeaders responseHeaders;
    DebugBody requestBody;
    DebugBody responseBody;
    QList<DebugCookie> cookiesSent;
    QList<DebugCookie> cookiesReceived;
    DebugTimings timings;
    qint64 startUnixNs = 0;
    QString error;
    int errorCode = 0;
    QString remoteIp;
    int remotePort = 0;
    QString tlsVersion;
    qint64 bytesSent = 0;
    qint64 bytesReceived = 0;
    bool responseDiscarded = false; // responseType 'none' / discardResponseBodies: no body was kept
    DebugLocation location;
    QList<int> checks; // indexes into DebugSession::checks()

    // A transport error, no response, or a 4xx/5xx status.
    bool failed() const { return !error.isEmpty() || status == 0 || status >= 400; }
    // The value of a response header (case-insensitive; the first one).
    QString responseHeader(const QString &name) const;
};

struct DebugCheck
{
    QString name;
    bool ok = false;
    QString group;
    QString stage;
    qint64 requestId = 0; // 0 = no request
    DebugLocation location;
};

struct DebugConsoleLine
{
    enum class Level { Debug, Info, Warning, Error };
    Level level = Level::Info;
    QString source; // console, stacktrace, runtime
    QString text;
    QString stage;
    DebugLocation location;
};

struct DebugGroupEvent
{
    bool enter = true;
    QString name;
    QString path;
    DebugLocation location;
};

class DebugSession : public QObject
{
    Q_OBJECT
public:
    explicit DebugSession(QObject *parent = nullptr);

    void clear();
    // Feeds bytes of the stream as they arrive; complete lines are parsed at once.
    void feed(const QByteArray &bytes);
    // Parses a whole stream file (for tests and finished runs). False with errors() when unreadable.
    bool readFile(const QString &path);

    const std::vector<DebugRequest> &requests() const { return m_requests; }
    const std::vector<DebugCheck> &checks() const { return m_checks; }
    const std::vector<DebugConsoleLine> &console() const { return m_console; }
    const std::vector<DebugGroupEvent> &groups() const { return m_groups; }
    // Index into requests() of the record with `id`, or -1.
    int indexOfRequest(qint64 id) const { return m_requestIndex.value(id, -1); }
    QString scriptPath() const { return m_script; }
    bool hasStarted() const { return m_started; }
    bool hasEnded() const { return m_ended; }
    // Lines that were not valid records: "debug stream line N: cause".
    const QStringList &errors() const { return m_errors; }

Q_SIGNALS:
    void requestAdded(int index);
    void checkAdded(int index);
    void consoleAdded(int index);
    void ended();
    void cleared();

private:
    void parseLine(const QByteArray &line);

    QByteArray m_partial;
    int m_lineNumber = 0;
    std::vector<DebugRequest> m_requests;
    std::vector<DebugCheck> m_checks;
    std::vector<DebugConsoleLine> m_console;
    std::vector<DebugGroupEvent> m_groups;
    QHash<qint64, int> m_requestIndex;
    QString m_script;
    bool m_started = false;
    bool m_ended = false;
    QStringList m_errors;
};

} // namespace stampede::studio
