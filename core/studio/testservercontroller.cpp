#include "core/studio/testservercontroller.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace stampede::studio {

namespace {
constexpr qsizetype kMaxCapturedOutput = 64 * 1024;
}

TestServerController::TestServerController(QObject *parent)
    : QObject(parent)
    , m_serverPath(defaultServerPath())
{
    m_startTimer.setSingleShot(true);
    m_startTimer.setInterval(10000);
    connect(&m_startTimer, &QTimer::timeout, this, [this] {
        fail(tr("The test server did not report its address within %n second(s)", nullptr,
                (m_startTimer.interval() + 999) / 1000));
    });
}

TestServerController::~TestServerController()
{
    if (m_process) {
        m_process->disconnect(this);
        if (m_process->state() != QProcess::NotRunning) {
            m_process->terminate();
            if (!m_process->waitForFinished(2000)) {
                m_process->kill();
                m_process->waitForFinished(1000);
            }
        }
    }
}

QString TestServerController::defaultServerPath()
{
    return QCoreApplication::applicationDirPath() + u"/stampede-testserver"_s;
}

bool TestServerController::start()
{
    if (m_state != State::Stopped)
        return false;
    m_error.clear();
    m_url.clear();
    m_stdout.clear();
    m_stderr.clear();
    m_stopRequested = false;
    const QFileInfo info(m_serverPath);
    if (!info.isFile() || !info.isExecutable()) {
        m_error = tr("Cannot start the test server: \"%1\" %2")
                      .arg(QDir::toNativeSeparators(m_serverPath),
                           info.exists() ? tr("is not an executable program") : tr("does not exist"));
        Q_EMIT failed(m_error);
        return false;
    }
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(m_serverPath);
    m_process->setArguments({u"--port"_s, u"0"_s, u"--host"_s, u"127.0.0.1"_s});
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    connect(m_process.get(), &QProcess::readyReadStandardOutput, this, &TestServerController::readOutput);
    connect(m_process.get(), &QProcess::readyReadStandardError, this, [this] {
        m_stderr += m_process->readAllStandardError();
        if (m_stderr.size() > kMaxCapturedOutput)
            m_stderr = m_stderr.right(kMaxCapturedOutput);
    });
    connect(m_process.get(), &QProcess::finished, this, &TestServerController::onFinished);
    connect(m_process.get(), &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            fail(tr("Cannot start the test server \"%1\": %2")
                     .arg(QDir::toNativeSeparators(m_serverPath), m_process->errorString()));
    });
    setState(State::Starting);
    m_startTimer.start();
    m_process->start(QIODevice::ReadOnly);
    return m_state == State::Starting;
}

void TestServerController::readOutput()
{
    if (!m_process)
        return;
    m_stdout += m_process->readAllStandardOutput();
    if (m_state != State::Starting)
        return;
    static const QRegularExpression listening(u"listening on (http://[^\\s]+)"_s);
    const auto match = listening.match(QString::fromUtf8(m_stdout));
    if (!match.hasMatch()) {
        if (m_stdout.size() > kMaxCapturedOutput)
            fail(tr("The test server printed no address"));
        return;
    }
    const QUrl url(match.captured(1));
    if (!url.isValid() || url.port() <= 0) {
        fail(tr("The test server reported an invalid address: %1").arg(match.captured(1)));
        return;
    }
    m_startTimer.stop();
    m_url = url;
    setState(State::Running);
    Q_EMIT started(m_url);
}

void TestServerController::stop()
{
    if (m_state == State::Stopped || !m_process)
        return;
    m_stopRequested = true;
    m_startTimer.stop();
    m_process->terminate();
    QTimer::singleShot(3000, m_process.get(), [p = m_process.get()] {
        if (p->state() != QProcess::NotRunning)
            p->kill();
    });
}

void TestServerController::fail(const QString &message)
{
    m_startTimer.stop();
    m_error = message;
    const QString details = QString::fromUtf8(m_stderr).trimmed();
    if (!details.isEmpty())
        m_error += u": "_s + details;
    if (m_process) {
        m_process->disconnect(this);
        if (m_process->state() != QProcess::NotRunning) {
            m_process->kill();
            m_process->waitForFinished(1000);
        }
        m_process.release()->deleteLater();
    }
    m_url.clear();
    setState(State::Stopped);
    Q_EMIT failed(m_error);
}

void TestServerController::onFinished(int exitCode, QProcess::ExitStatus status)
{
    if (m_state == State::Starting) {
        m_stderr += m_process->readAllStandardError();
        fail(status == QProcess::NormalExit ? tr("The test server exited with code %1 before it was ready").arg(exitCode)
                                            : tr("The test server crashed before it was ready"));
        return;
    }
    const bool unexpected = !m_stopRequested;
    if (unexpected)
        m_error = status == QProcess::NormalExit ? tr("The test server exited with code %1").arg(exitCode)
                                                 : tr("The test server crashed");
    m_process->disconnect(this);
    m_process.release()->deleteLater();
    m_url.clear();
    setState(State::Stopped);
    Q_EMIT stopped(unexpected);
}

void TestServerController::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace stampede::studio
