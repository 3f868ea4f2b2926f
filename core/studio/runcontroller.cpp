#include "core/studio/runcontroller.h"

#include "core/studio/exitcodes.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>

using namespace Qt::StringLiterals;

namespace stampede::studio {

namespace {
QString quoteArgument(const QString &arg)
{
    if (!arg.isEmpty() && !arg.contains(u' ') && !arg.contains(u'\'') && !arg.contains(u'"'))
        return arg;
    QString quoted = arg;
    quoted.replace(u"'"_s, u"'\\''"_s);
    return u'\'' + quoted + u'\'';
}
} // namespace

RunController::RunController(QObject *parent)
    : QObject(parent)
    , m_enginePath(defaultEnginePath())
{
    qRegisterMetaType<OutputLines>();
    qRegisterMetaType<RunResult>();
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(50);
    connect(&m_flushTimer, &QTimer::timeout, this, &RunController::flushOutput);
    m_killTimer.setSingleShot(true);
    connect(&m_killTimer, &QTimer::timeout, this, [this] {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            m_killed = true;
            m_process->kill();
        }
    });
}

RunController::~RunController()
{
    if (m_process) {
        // Never leave an orphaned load test behind when the studio closes.
        m_process->disconnect(this);
        if (m_process->state() != QProcess::NotRunning) {
            m_process->terminate();
            if (!m_process->waitForFinished(1000)) {
                m_process->kill();
                m_process->waitForFinished(1000);
            }
        }
    }
}

QString RunController::defaultEnginePath()
{
    return QCoreApplication::applicationDirPath() + u"/stampede"_s;
}

QString RunController::commandLine() const
{
    QStringList parts{quoteArgument(m_program)};
    for (const QString &a : m_arguments)
        parts.append(quoteArgument(a));
    return parts.join(u' ');
}

bool RunController::start(const QString &scriptPath, const QStringList &extraArgs)
{
    if (scriptPath.isEmpty()) {
        finish({RunResult::Outcome::FailedToStart, -1, tr("No script to run: save the script to a file first.")});
        return false;
    }
    const QFileInfo script(scriptPath);
    QStringList args{u"run"_s};
    args += extraArgs;
    args.append(script.absoluteFilePath());
    return startProcess(m_enginePath, args, script.absolutePath());
}

bool RunController::startProcess(const QString &program, const QStringList &arguments, const QString &workingDirectory)
{
    if (m_state != State::Idle) {
        qWarning("RunController: a run is already in progress");
        return false;
    }
    m_program = program;
    m_arguments = arguments;
    if (program.contains(u'/')) {
        // Say precisely what is wrong instead of QProcess's generic message.
        const QFileInfo info(program);
        QString reason;
        if (!info.exists())
            reason = tr("the file does not exist");
        else if (!info.isFile() || !info.isExecutable())
            reason = tr("the file is not an executable program");
        if (!reason.isEmpty()) {
            finish({RunResult::Outcome::FailedToStart, -1,
                    tr("Could not start the engine \"%1\": %2").arg(QDir::toNativeSeparators(program), reason)});
            return false;
        }
    }
    m_stopRequested = false;
    m_killed = false;
    m_stdout = LineSplitter();
    m_stderr = LineSplitter();
    m_pending.clear();

    m_process = std::make_unique<QProcess>();
    m_process->setProgram(program);
    m_process->setArguments(arguments);
    if (!workingDirectory.isEmpty())
        m_process->setWorkingDirectory(workingDirectory);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"NO_COLOR"_s, u"1"_s); // the output pane is plain text
    m_process->setProcessEnvironment(env);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->closeWriteChannel();

    connect(m_process.get(), &QProcess::readyReadStandardOutput, this,
            [this] { readChannel(QProcess::StandardOutput); });
    connect(m_process.get(), &QProcess::readyReadStandardError, this,
            [this] { readChannel(QProcess::StandardError); });
    connect(m_process.get(), &QProcess::finished, this, &RunController::onFinished);
    connect(m_process.get(), &QProcess::errorOccurred, this, &RunController::onErrorOccurred);

    setState(State::Running);
    m_process->start(QIODevice::ReadOnly);
    // A failure to start is reported through errorOccurred (FailedToStart), which
    // QProcess emits from start() itself on Unix; onErrorOccurred handles both orders.
    if (m_state == State::Running)
        Q_EMIT started(commandLine());
    return m_state == State::Running;
}

void RunController::stop()
{
    if (m_state != State::Running || !m_process)
        return;
    m_stopRequested = true;
    setState(State::Stopping);
    m_process->terminate();
    m_killTimer.start(m_gracePeriodMs);
}

void RunController::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void RunController::readChannel(QProcess::ProcessChannel channel)
{
    if (!m_process)
        return;
    m_process->setReadChannel(channel);
    const QByteArray bytes = m_process->readAll();
    const bool isErr = channel == QProcess::StandardError;
    const QStringList lines = (isErr ? m_stderr : m_stdout).feed(bytes);
    for (const QString &line : lines)
        m_pending.append({isErr ? OutputLine::Channel::Stderr : OutputLine::Channel::Stdout, line});
    if (!m_pending.isEmpty() && !m_flushTimer.isActive())
        m_flushTimer.start();
}

void RunController::flushOutput()
{
    m_flushTimer.stop();
    if (m_pending.isEmpty())
        return;
    OutputLines batch;
    batch.swap(m_pending);
    Q_EMIT outputReceived(batch);
}

void RunController::onFinished(int exitCode, QProcess::ExitStatus status)
{
    m_killTimer.stop();
    // Drain what is left, including a last line without a newline.
    readChannel(QProcess::StandardOutput);
    readChannel(QProcess::StandardError);
    for (const QString &line : m_stdout.flush())
        m_pending.append({OutputLine::Channel::Stdout, line});
    for (const QString &line : m_stderr.flush())
        m_pending.append({OutputLine::Channel::Stderr, line});
    flushOutput();

    RunResult result;
    result.exitCode = exitCode;
    if (status == QProcess::NormalExit) {
        result.outcome = RunResult::Outcome::Exited;
        result.explanation = m_stopRequested ? tr("Stopped by the user: %1").arg(explainExitCode(exitCode))
                                             : explainExitCode(exitCode);
    } else if (m_killed) {
        result.outcome = RunResult::Outcome::Killed;
        result.explanation = tr("Killed: the engine did not stop within %n second(s) of the stop request", nullptr,
                                (m_gracePeriodMs + 999) / 1000);
    } else if (m_stopRequested) {
        result.outcome = RunResult::Outcome::Stopped;
        result.explanation = tr("Stopped by the user");
    } else {
        result.outcome = RunResult::Outcome::Crashed;
        result.explanation = tr("The engine crashed");
    }
    finish(result);
}

void RunController::onErrorOccurred(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || !m_process)
        return; // crashes and I/O errors end in finished()
    const QString reason = m_process->errorString();
    finish({RunResult::Outcome::FailedToStart, -1,
            tr("Could not start the engine \"%1\": %2").arg(QDir::toNativeSeparators(m_program), reason)});
}

void RunController::finish(const RunResult &result)
{
    m_killTimer.stop();
    if (m_process) {
        m_process->disconnect(this);
        // We may be inside one of the process's signals: delete it later.
        m_process.release()->deleteLater();
    }
    setState(State::Idle);
    Q_EMIT finished(result);
}

} // namespace stampede::studio
