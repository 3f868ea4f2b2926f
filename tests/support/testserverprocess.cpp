#include "tests/support/testserverprocess.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace stampede::test {

TestServerProcess::TestServerProcess() = default;

TestServerProcess::~TestServerProcess()
{
    stop();
}

QString TestServerProcess::executablePath()
{
    return QStringLiteral(STAMPEDE_BIN_DIR "/stampede-testserver");
}

bool TestServerProcess::start(const QStringList &extraArgs, int timeoutMs)
{
    stop();
    m_error.clear();
    m_url.clear();
    const QString exe = executablePath();
    if (!QFileInfo(exe).isExecutable()) {
        m_error = u"test server not built: "_s + exe;
        return false;
    }
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process->start(exe, QStringList{u"--port"_s, u"0"_s} + extraArgs);
    if (!m_process->waitForStarted(timeoutMs)) {
        m_error = u"cannot start "_s + exe + u": "_s + m_process->errorString();
        m_process.reset();
        return false;
    }

    const QDeadlineTimer deadline(timeoutMs);
    QByteArray output;
    for (;;) {
        output += m_process->readAllStandardOutput();
        if (const qsizetype eol = output.indexOf('\n'); eol >= 0) {
            const QByteArray line = output.left(eol).trimmed();
            static constexpr QByteArrayView prefix("listening on ");
            if (line.startsWith(prefix)) {
                m_url = QUrl(QString::fromLatin1(line.sliced(prefix.size())));
                if (m_url.isValid() && m_url.port() > 0)
                    return true;
            }
            m_error = u"unexpected output from test server: "_s + QString::fromUtf8(line);
            break;
        }
        if (m_process->state() != QProcess::Running) {
            m_error = u"test server exited before listening (exit code %1)"_s.arg(m_process->exitCode());
            break;
        }
        if (deadline.hasExpired()) {
            m_error = u"test server did not print \"listening on\" within %1 ms"_s.arg(timeoutMs);
            break;
        }
        m_process->waitForReadyRead(int(std::min<qint64>(deadline.remainingTime(), 100)));
    }
    stop();
    return false;
}

bool TestServerProcess::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

int TestServerProcess::stop(int timeoutMs)
{
    if (!m_process)
        return -1;
    int rc = -1;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(timeoutMs)) {
            m_process->kill();
            m_process->waitForFinished(timeoutMs);
        } else if (m_process->exitStatus() == QProcess::NormalExit) {
            rc = m_process->exitCode();
        }
    } else if (m_process->exitStatus() == QProcess::NormalExit) {
        rc = m_process->exitCode();
    }
    m_process.reset();
    return rc;
}

QUrl TestServerProcess::url(const QString &pathAndQuery) const
{
    QUrl u = m_url;
    const qsizetype q = pathAndQuery.indexOf(u'?');
    u.setPath(q < 0 ? pathAndQuery : pathAndQuery.left(q));
    if (q >= 0)
        u.setQuery(pathAndQuery.mid(q + 1));
    return u;
}

qint64 TestServerProcess::processId() const
{
    return m_process ? m_process->processId() : 0;
}

QByteArray TestServerProcess::rawRequest(const QByteArray &request, int timeoutMs)
{
    if (!m_url.isValid())
        return {};
    const QDeadlineTimer deadline(timeoutMs);
    QTcpSocket socket;
    socket.connectToHost(m_url.host(), quint16(m_url.port()));
    if (!socket.waitForConnected(int(deadline.remainingTime())))
        return {};
    socket.write(request);
    if (!socket.waitForBytesWritten(int(deadline.remainingTime())))
        return {};
    QByteArray response;
    while (socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        socket.waitForReadyRead(int(std::min<qint64>(deadline.remainingTime(), 100)));
        response += socket.readAll();
    }
    response += socket.readAll();
    return response;
}

namespace {

// Status code and body of a raw response with Content-Length; -1 if malformed.
int splitResponse(const QByteArray &response, QByteArray &body)
{
    const qsizetype headEnd = response.indexOf("\r\n\r\n");
    if (!response.startsWith("HTTP/1.1 ") || headEnd < 0)
        return -1;
    body = response.mid(headEnd + 4);
    bool ok = false;
    const int status = response.mid(9, 3).toInt(&ok);
    return ok ? status : -1;
}

} // namespace

QJsonObject TestServerProcess::stats(int timeoutMs)
{
    const QByteArray response = rawRequest("GET /stats HTTP/1.1\r\nHost: " + m_url.authority().toLatin1()
                                               + "\r\nConnection: close\r\n\r\n",
                                           timeoutMs);
    QByteArray body;
    if (splitResponse(response, body) != 200)
        return {};
    return QJsonDocument::fromJson(body).object();
}

bool TestServerProcess::resetStats(int timeoutMs)
{
    const QByteArray response = rawRequest("POST /stats/reset HTTP/1.1\r\nHost: " + m_url.authority().toLatin1()
                                               + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                                           timeoutMs);
    QByteArray body;
    return splitResponse(response, body) == 200;
}

} // namespace stampede::test
