#include "core/studio/debugruncontroller.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace stampede::studio {

DebugRunController::DebugRunController(QObject *parent)
    : QObject(parent)
    , m_run(new RunController(this))
    , m_session(new DebugSession(this))
{
    m_poll.setInterval(40);
    connect(&m_poll, &QTimer::timeout, this, &DebugRunController::readStream);
    connect(m_run, &RunController::started, this, &DebugRunController::started);
    connect(m_run, &RunController::finished, this, &DebugRunController::onFinished);
}

DebugRunController::~DebugRunController() = default;

bool DebugRunController::start(const QString &scriptPath, const QStringList &extraArgs)
{
    if (m_run->isBusy())
        return false;
    m_poll.stop();
    m_stream.close();
    m_session->clear();
    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/stampede-debug-XXXXXX"_s);
    if (!m_dir->isValid()) {
        m_dir.reset();
        onFinished({RunResult::Outcome::FailedToStart, -1,
                    tr("Cannot create a directory for the debug run: %1").arg(QDir::tempPath())});
        return false;
    }
    m_streamPath = m_dir->filePath(u"events.ndjson"_s);
    QStringList args{u"--vus"_s, u"1"_s, u"--iterations"_s, u"1"_s, u"--debug-events"_s, m_streamPath,
                     u"--no-history"_s, u"--no-summary"_s, u"--quiet"_s};
    args += extraArgs;
    if (!m_run->start(scriptPath, args))
        return false;
    m_poll.start();
    return true;
}

void DebugRunController::stop()
{
    m_run->stop();
}

void DebugRunController::readStream()
{
    if (!m_stream.isOpen()) {
        if (m_streamPath.isEmpty() || !QFile::exists(m_streamPath))
            return;
        m_stream.setFileName(m_streamPath);
        if (!m_stream.open(QIODevice::ReadOnly))
            return;
    }
    // Bounded per tick so a burst of records never blocks the GUI thread for long.
    const QByteArray chunk = m_stream.read(4 * 1024 * 1024);
    if (!chunk.isEmpty())
        m_session->feed(chunk);
}

void DebugRunController::onFinished(const RunResult &result)
{
    m_poll.stop();
    // The rest of the stream, now that the engine has written it all.
    if (!m_streamPath.isEmpty()) {
        readStream();
        while (m_stream.isOpen() && !m_stream.atEnd())
            readStream();
    }
    Q_EMIT finished(result);
}

} // namespace stampede::studio
