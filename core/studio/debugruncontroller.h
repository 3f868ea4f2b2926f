#pragma once

// A debug run: one VU, one iteration (`stampede run --vus 1 --iterations 1 --debug-events FILE
// --no-history --no-summary script`) in a child process, its event stream read while it runs
// into a DebugSession. Debug runs are not load tests, so they stay out of the run history.

#include "core/studio/debugsession.h"
#include "core/studio/runcontroller.h"

#include <QFile>
#include <QObject>
#include <QTemporaryDir>
#include <QTimer>

#include <memory>

namespace stampede::studio {

class DebugRunController : public QObject
{
    Q_OBJECT
public:
    explicit DebugRunController(QObject *parent = nullptr);
    ~DebugRunController() override;

    RunController *process() const { return m_run; }
    DebugSession *session() const { return m_session; }
    bool isBusy() const { return m_run->isBusy(); }
    // The stream file of the current (or last) run.
    QString streamPath() const { return m_streamPath; }

    // How often the stream file is read while the run goes on. Default 40 ms.
    void setPollIntervalMs(int ms) { m_poll.setInterval(ms); }

    // Starts the debug run of `scriptPath`; false (and finished() with FailedToStart) on failure.
    bool start(const QString &scriptPath, const QStringList &extraArgs = {});
    void stop();

Q_SIGNALS:
    void started(const QString &commandLine);
    void finished(const stampede::studio::RunResult &result);

private:
    void readStream();
    void onFinished(const RunResult &result);

    RunController *m_run = nullptr;         // child
    DebugSession *m_session = nullptr;      // child
    std::unique_ptr<QTemporaryDir> m_dir;   // the stream and its side files; gone with the next run
    QString m_streamPath;
    QFile m_stream;
    QTimer m_poll;
};

} // namespace stampede::studio
