#pragma once

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

class QProcess;
class QTemporaryFile;

namespace stampede::studio {

// One problem the check found, at a place in a file.
struct Diagnostic
{
    enum class Severity { Error, Warning };
    QString file;   // absolute path: the edited script or a module it imports; empty = the untitled script
    int line = 0;   // 1-based; 0 = the file as a whole
    int column = 0; // 1-based; 0 = unknown
    QString message;
    Severity severity = Severity::Error;

    bool operator==(const Diagnostic &) const = default;
};

struct CheckResult
{
    enum class Outcome {
        Ok,            // the script loads and its options are valid
        Problems,      // diagnostics say what is wrong
        TimedOut,      // the init code did not finish in time; the check was killed
        FailedToStart, // the engine could not be started
        Crashed,       // the engine died without an answer
    };
    Outcome outcome = Outcome::Ok;
    QString scriptPath; // the file the check stands for (the editor's file)
    QList<Diagnostic> diagnostics;
    QString summary; // one translated sentence for the status line
};

// Checks a script the way the engine loads it: `stampede inspect --json` in a child
// process (syntax, imports, init code, options), with a time limit, so a script whose
// init code never ends cannot hang the studio. The editor's current text is written
// to a temporary file beside the script so relative imports resolve; what the engine
// says about that file is reported for the script itself. Options errors without a
// location are placed on the option's key in the text.
class ScriptChecker : public QObject
{
    Q_OBJECT
public:
    explicit ScriptChecker(QObject *parent = nullptr);
    ~ScriptChecker() override;

    // Defaults to RunController::defaultEnginePath().
    QString enginePath() const { return m_enginePath; }
    void setEnginePath(const QString &path) { m_enginePath = path; }
    // How long the engine may take. Default 10000 ms.
    int timeoutMs() const { return m_timeout.interval(); }
    void setTimeoutMs(int ms) { m_timeout.setInterval(ms); }

    bool isBusy() const { return m_process != nullptr; }

    // Checks `text` as the contents of `scriptPath` (empty for an untitled script:
    // then relative imports cannot resolve). A check already going on is cancelled.
    // finished() always follows, also on failure.
    void check(const QString &scriptPath, const QString &text);
    // Cancels the current check without a result.
    void cancel();

    // Turns `stampede inspect --json` output into diagnostics (public for tests).
    static QList<Diagnostic> parseInspectJson(const QByteArray &json, const QString &checkedFile,
                                              const QString &scriptPath, const QString &text, bool *ok = nullptr);

Q_SIGNALS:
    void finished(const stampede::studio::CheckResult &result);

private:
    void onFinished(int exitCode, int exitStatus);
    void onFailedToStart();
    void finish(CheckResult result);

    QString m_enginePath;
    QTimer m_timeout;
    std::unique_ptr<QProcess> m_process;
    std::unique_ptr<QTemporaryFile> m_temp;
    QString m_scriptPath;
    QString m_checkedPath;
    QString m_text;
    bool m_timedOut = false;
};

} // namespace stampede::studio

Q_DECLARE_METATYPE(stampede::studio::CheckResult)
