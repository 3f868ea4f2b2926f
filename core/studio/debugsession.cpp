#include "core/studio/debugsession.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace stampede::studio {

namespace {

DebugLocation locationOf(const QJsonValue &v)
{
    DebugLocation l;
    if (!v.isObject())
        return l;
    const QJsonObject o = v.toObject();
    l.file = o.value("file"_L1).toString();
    l.line = o.value("line"_L1).toInt();
    l.column = o.value("column"_L1).toInt();
    return l;
}

DebugHeaders headersOf(const QJsonValue &v)
{
    DebugHeaders out;
    for (const QJsonValue &h : v.toArray()) {
        const QJsonArray pair = h.toArray();
        if (pair.size() == 2)
            out.append({pair.at(0).toString(), pair.at(1).toString()});
    }
    return out;
}

DebugBody bodyOf(const QJsonValue &v)
{
    DebugBody b;
    const QJsonObject o = v.toObject();
    b.size = o.value("size"_L1).toInteger();
    if (o.contains("file"_L1)) {
        b.file = o.value("file"_L1).toString();
        b.stored = o.value("stored"_L1).toInteger();
        b.truncated = o.value("truncated"_L1).toBool();
    } else if (o.contains("data"_L1)) {
        b.data = QByteArray::fromBase64(o.value("data"_L1).toString().toLatin1());
        b.stored = b.data.size();
    }
    if (o.contains("error"_L1)) {
        b.error = o.value("error"_L1).toString();
        b.file.clear();
        b.truncated = true;
    }
    return b;
}

QList<DebugCookie> cookiesOf(const QJsonValue &v)
{
    QList<DebugCookie> out;
    for (const QJsonValue &c : v.toArray()) {
        const QJsonObject o = c.toObject();
        DebugCookie k;
        k.name = o.value("name"_L1).toString();
        k.value = o.value("value"_L1).toString();
        k.domain = o.value("domain"_L1).toString();
        k.path = o.value("path"_L1).toString();
        k.httpOnly = o.value("http_only"_L1).toBool();
        k.secure = o.value("secure"_L1).toBool();
        k.maxAge = o.value("max_age"_L1).toInteger();
        k.expires = o.value("expires"_L1).toString();
        out.append(k);
    }
    return out;
}

DebugConsoleLine::Level levelOf(const QString &s)
{
    if (s == "debug"_L1)
        return DebugConsoleLine::Level::Debug;
    if (s == "warn"_L1)
        return DebugConsoleLine::Level::Warning;
    if (s == "error"_L1)
        return DebugConsoleLine::Level::Error;
    return DebugConsoleLine::Level::Info;
}

} // namespace

QString DebugLocation::toString() const
{
    if (file.isEmpty())
        return {};
    QString s = file;
    if (line > 0)
        s += u':' + QString::number(line);
    if (line > 0 && column > 0)
        s += u':' + QString::number(column);
    return s;
}

QString DebugRequest::responseHeader(const QString &name) const
{
    for (const auto &[k, v] : responseHeaders)
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}

DebugSession::DebugSession(QObject *parent) : QObject(parent) {}

void DebugSession::clear()
{
    m_partial.clear();
    m_lineNumber = 0;
    m_requests.clear();
    m_checks.clear();
    m_console.clear();
    m_groups.clear();
    m_requestIndex.clear();
    m_script.clear();
    m_started = m_ended = false;
    m_errors.clear();
    Q_EMIT cleared();
}

void DebugSession::feed(const QByteArray &bytes)
{
    m_partial.append(bytes);
    qsizetype start = 0;
    while (true) {
        const qsizetype nl = m_partial.indexOf('\n', start);
        if (nl < 0)
            break;
        parseLine(m_partial.mid(start, nl - start));
        start = nl + 1;
    }
    m_partial.remove(0, start);
}

bool DebugSession::readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        m_errors.append(tr("%1: cannot read the debug stream: %2").arg(path, f.errorString()));
        return false;
    }
    feed(f.readAll());
    return true;
}

void DebugSession::parseLine(const QByteArray &line)
{
    ++m_lineNumber;
    if (line.trimmed().isEmpty())
        return;
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &err);
    if (!doc.isObject()) {
        //: %1 is the line number in the engine's debug stream, %2 the JSON parser's message.
        m_errors.append(tr("debug stream line %1: %2").arg(m_lineNumber).arg(
            err.error != QJsonParseError::NoError ? err.errorString() : tr("not a JSON object")));
        return;
    }
    const QJsonObject o = doc.object();
    const QString type = o.value("type"_L1).toString();
    if (type == "request"_L1) {
        DebugRequest r;
        r.id = o.value("id"_L1).toInteger();
        r.firstId = o.value("first_id"_L1).toInteger();
        r.hop = o.value("hop"_L1).toInt();
        r.vu = o.value("vu"_L1).toInt();
        r.iteration = o.value("iter"_L1).toInteger();
        r.stage = o.value("stage"_L1).toString();
        r.scenario = o.value("scenario"_L1).toString();
        r.group = o.value("group"_L1).toString();
        r.method = o.value("method"_L1).toString();
        r.url = o.value("url"_L1).toString();
        r.proto = o.value("proto"_L1).toString();
        r.status = o.value("status"_L1).toInt();
        r.statusText = o.value("status_text"_L1).toString();
        const QJsonObject req = o.value("request"_L1).toObject();
        const QJsonObject resp = o.value("response"_L1).toObject();
        r.requestHeaders = headersOf(req.value("headers"_L1));
        r.requestBody = bodyOf(req.value("body"_L1));
        r.responseHeaders = headersOf(resp.value("headers"_L1));
        r.responseBody = bodyOf(resp.value("body"_L1));
        r.cookiesSent = cookiesOf(o.value("cookies_sent"_L1));
        r.cookiesReceived = cookiesOf(o.value("cookies_received"_L1));
        const QJsonObject t = o.value("timings"_L1).toObject();
        r.timings.blocked = t.value("blocked"_L1).toDouble();
        r.timings.connecting = t.value("connecting"_L1).toDouble();
        r.timings.tlsHandshaking = t.value("tls_handshaking"_L1).toDouble();
        r.timings.sending = t.value("sending"_L1).toDouble();
        r.timings.waiting = t.value("waiting"_L1).toDouble();
        r.timings.receiving = t.value("receiving"_L1).toDouble();
        r.timings.duration = t.value("duration"_L1).toDouble();
        r.startUnixNs = o.value("start_unix_ns"_L1).toInteger();
        r.error = o.value("error"_L1).toString();
        r.errorCode = o.value("error_code"_L1).toInt();
        r.remoteIp = o.value("remote_ip"_L1).toString();
        r.remotePort = o.value("remote_port"_L1).toInt();
        r.tlsVersion = o.value("tls_version"_L1).toString();
        r.bytesSent = o.value("bytes_sent"_L1).toInteger();
        r.bytesReceived = o.value("bytes_received"_L1).toInteger();
        r.responseDiscarded = o.value("response_discarded"_L1).toBool();
        r.location = locationOf(o.value("location"_L1));
        const int index = int(m_requests.size());
        m_requestIndex.insert(r.id, index);
        m_requests.push_back(std::move(r));
        Q_EMIT requestAdded(index);
    } else if (type == "check"_L1) {
        DebugCheck c;
        c.name = o.value("name"_L1).toString();
        c.ok = o.value("ok"_L1).toBool();
        c.group = o.value("group"_L1).toString();
        c.stage = o.value("stage"_L1).toString();
        c.requestId = o.value("request_id"_L1).toInteger();
        c.location = locationOf(o.value("location"_L1));
        const int index = int(m_checks.size());
        m_checks.push_back(std::move(c));
        if (const int r = indexOfRequest(m_checks.back().requestId); r >= 0)
            m_requests[size_t(r)].checks.append(index);
        Q_EMIT checkAdded(index);
    } else if (type == "console"_L1) {
        DebugConsoleLine l;
        l.level = levelOf(o.value("level"_L1).toString());
        l.source = o.value("source"_L1).toString();
        l.text = o.value("text"_L1).toString();
        l.stage = o.value("stage"_L1).toString();
        l.location = locationOf(o.value("location"_L1));
        const int index = int(m_console.size());
        m_console.push_back(std::move(l));
        Q_EMIT consoleAdded(index);
    } else if (type == "group"_L1) {
        DebugGroupEvent g;
        g.enter = o.value("event"_L1).toString() == "enter"_L1;
        g.name = o.value("name"_L1).toString();
        g.path = o.value("group"_L1).toString();
        g.location = locationOf(o.value("location"_L1));
        m_groups.push_back(std::move(g));
    } else if (type == "start"_L1) {
        m_started = true;
        m_script = o.value("script"_L1).toString();
    } else if (type == "end"_L1) {
        m_ended = true;
        Q_EMIT ended();
    }
    // Unknown types are newer engines' records: skipped.
}

} // namespace stampede::studio
