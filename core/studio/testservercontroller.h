#pragma once

#include <QObject>
#include <QProcess>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace stampede::studio {

// Starts and stops the bundled loopback test server (`stampede-testserver --port 0`)
// so the examples have something to run against. The server picks a free port
// itself and announces it with one "listening on http://127.0.0.1:PORT" line;
// that line is the readiness signal. Asynchronous, on the owner's thread.
class TestServerController : public QObject
{
    Q_OBJECT
public:
    enum class State { Stopped, Starting, Running };
    Q_ENUM(State)

    explicit TestServerController(QObject *parent = nullptr);
    ~TestServerController() override;

    // "stampede-testserver" next to the running executable.
    static QString defaultServerPath();
    QString serverPath() const { return m_serverPath; }
    void setServerPath(const QString &path) { m_serverPath = path; }
    // How long start() waits for the "listening on" line. Default 10000 ms.
    void setStartTimeoutMs(int ms) { m_startTimer.setInterval(ms); }

    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    // The server's base URL while it runs, e.g. http://127.0.0.1:39123 (no trailing slash).
    QUrl url() const { return m_url; }
    QString baseUrl() const { return m_url.toString(QUrl::StripTrailingSlash); }
    QString errorString() const { return m_error; }
    qint64 processId() const { return m_process ? m_process->processId() : 0; }

    // Starts the server; started() or failed() follows. False if it is already running or starting.
    bool start();
    // Stops the server (SIGTERM, then SIGKILL after 3 s); stopped() follows.
    void stop();

Q_SIGNALS:
    void stateChanged(stampede::studio::TestServerController::State state);
    void started(const QUrl &url);
    void failed(const QString &message);
    // The server ended (stopped, or it died on its own: then `unexpected` is true and errorString() says why).
    void stopped(bool unexpected);

private:
    void setState(State state);
    void readOutput();
    void fail(const QString &message);
    void onFinished(int exitCode, QProcess::ExitStatus status);

    QString m_serverPath;
    State m_state = State::Stopped;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_stdout;
    QByteArray m_stderr;
    QUrl m_url;
    QString m_error;
    bool m_stopRequested = false;
    QTimer m_startTimer;
};

} // namespace stampede::studio
