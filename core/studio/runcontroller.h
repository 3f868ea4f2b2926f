#pragma once

#include "core/studio/outputline.h"

#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <memory>

namespace stampede::studio {

// How a run ended, for the status line and the output pane.
struct RunResult
{
    enum class Outcome {
        Exited,        // the engine exited on its own; exitCode is valid
        Stopped,       // the user stopped it and it ended on the termination signal
        Killed,        // it ignored the termination signal and was killed after the grace period
        Crashed,       // it died from a signal nobody sent
        FailedToStart, // the engine binary could not be started
    };
    Outcome outcome = Outcome::Exited;
    int exitCode = -1;
    QString explanation; // one human sentence, translated
};

// Runs the engine (`stampede run <script>`) as a child process so a runaway
// script can never take the studio down. Lives on the GUI thread; all I/O is
// asynchronous. Output arrives as batches of lines (at most one batch per
// flush interval), never one signal per read.
class RunController : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Running, Stopping };
    Q_ENUM(State)

    explicit RunController(QObject *parent = nullptr);
    ~RunController() override;

    // The engine executable. Defaults to "stampede" next to the running executable.
    QString enginePath() const { return m_enginePath; }
    void setEnginePath(const QString &path) { m_enginePath = path; }
    static QString defaultEnginePath();

    // Time between terminate() and kill() in stop(). Default 5000 ms.
    int stopGracePeriodMs() const { return m_gracePeriodMs; }
    void setStopGracePeriodMs(int ms) { m_gracePeriodMs = ms; }

    // How long output is collected before a batch is emitted. Default 50 ms.
    int flushIntervalMs() const { return m_flushTimer.interval(); }
    void setFlushIntervalMs(int ms) { m_flushTimer.setInterval(ms); }

    State state() const { return m_state; }
    bool isBusy() const { return m_state != State::Idle; }
    // The child's process id while it runs, else 0.
    qint64 processId() const { return m_process ? m_process->processId() : 0; }
    // The command line of the current (or last) run, for display.
    QString commandLine() const;

    // Starts `<engine> run [extraArgs...] <scriptPath>` in the script's directory.
    // Returns false (and emits finished() with FailedToStart) when already running
    // or when the script path is empty.
    bool start(const QString &scriptPath, const QStringList &extraArgs = {});
    // Starts an arbitrary program; start() builds on it. Useful for fake engines in tests.
    bool startProcess(const QString &program, const QStringList &arguments, const QString &workingDirectory = {});

    // Asks the child to stop (SIGTERM) and kills it if it is still there after the grace period.
    void stop();

Q_SIGNALS:
    void stateChanged(stampede::studio::RunController::State state);
    void started(const QString &commandLine);
    void outputReceived(const stampede::studio::OutputLines &lines);
    void finished(const stampede::studio::RunResult &result);

private:
    void setState(State state);
    void readChannel(QProcess::ProcessChannel channel);
    void flushOutput();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onErrorOccurred(QProcess::ProcessError error);
    void finish(const RunResult &result);

    QString m_enginePath;
    int m_gracePeriodMs = 5000;
    State m_state = State::Idle;
    bool m_stopRequested = false;
    bool m_killed = false;
    QString m_program;
    QStringList m_arguments;
    std::unique_ptr<QProcess> m_process;
    LineSplitter m_stdout;
    LineSplitter m_stderr;
    OutputLines m_pending;
    QTimer m_flushTimer;
    QTimer m_killTimer;
};

} // namespace stampede::studio

Q_DECLARE_METATYPE(stampede::studio::OutputLines)
Q_DECLARE_METATYPE(stampede::studio::RunResult)
