#include "core/studio/scriptchecker.h"

#include "core/studio/optionsdocument.h"
#include "core/studio/runcontroller.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryFile>

using namespace Qt::StringLiterals;

namespace stampede::studio {

ScriptChecker::ScriptChecker(QObject *parent)
    : QObject(parent)
    , m_enginePath(RunController::defaultEnginePath())
{
    qRegisterMetaType<CheckResult>();
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(10000);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        if (!m_process)
            return;
        m_timedOut = true;
        m_process->kill();
    });
}

ScriptChecker::~ScriptChecker()
{
    cancel();
}

void ScriptChecker::cancel()
{
    m_timeout.stop();
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(2000);
        m_process.release()->deleteLater();
    }
    m_temp.reset();
}

void ScriptChecker::check(const QString &scriptPath, const QString &text)
{
    cancel();
    m_timedOut = false;
    m_text = text;
    m_scriptPath = scriptPath.isEmpty() ? QString() : QFileInfo(scriptPath).absoluteFilePath();

    // The text goes into a hidden file beside the script, so "./lib.js" resolves as it will in a run.
    const QString suffix = m_scriptPath.isEmpty() ? u".js"_s : u"."_s + QFileInfo(m_scriptPath).suffix();
    QString pattern = QDir::tempPath() + u"/stampede-check-XXXXXX"_s + suffix;
    if (!m_scriptPath.isEmpty()) {
        const QFileInfo info(m_scriptPath);
        pattern = info.absolutePath() + u"/."_s + info.completeBaseName() + u".check-XXXXXX"_s + suffix;
    }
    m_temp = std::make_unique<QTemporaryFile>(pattern);
    if (!m_temp->open() && !m_scriptPath.isEmpty()) {
        // A read-only folder: check in the temporary folder (relative imports will not resolve).
        m_temp = std::make_unique<QTemporaryFile>(QDir::tempPath() + u"/stampede-check-XXXXXX"_s + suffix);
        m_temp->open();
    }
    if (!m_temp->isOpen() || m_temp->write(text.toUtf8()) < 0 || !m_temp->flush()) {
        CheckResult r;
        r.outcome = CheckResult::Outcome::FailedToStart;
        r.scriptPath = m_scriptPath;
        r.summary = tr("Cannot check the script: cannot write a temporary copy (%1)").arg(m_temp->errorString());
        finish(r);
        return;
    }
    m_checkedPath = QFileInfo(m_temp->fileName()).absoluteFilePath();
    m_temp->close();

    m_process = std::make_unique<QProcess>();
    m_process->setProgram(m_enginePath);
    m_process->setArguments({u"inspect"_s, u"--json"_s, m_checkedPath});
    m_process->setWorkingDirectory(QFileInfo(m_checkedPath).absolutePath());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"NO_COLOR"_s, u"1"_s);
    m_process->setProcessEnvironment(env);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    connect(m_process.get(), &QProcess::finished, this,
            [this](int code, QProcess::ExitStatus status) { onFinished(code, int(status)); });
    connect(m_process.get(), &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            onFailedToStart();
    });
    m_timeout.start();
    m_process->start(QIODevice::ReadOnly);
}

void ScriptChecker::onFailedToStart()
{
    CheckResult r;
    r.outcome = CheckResult::Outcome::FailedToStart;
    r.scriptPath = m_scriptPath;
    r.summary = tr("Cannot check the script: the engine \"%1\" could not be started (%2)")
                    .arg(QDir::toNativeSeparators(m_enginePath), m_process ? m_process->errorString() : QString());
    finish(r);
}

void ScriptChecker::onFinished(int exitCode, int exitStatus)
{
    m_timeout.stop();
    CheckResult r;
    r.scriptPath = m_scriptPath;
    const QString shownFile = m_scriptPath; // empty for an untitled script
    if (m_timedOut) {
        r.outcome = CheckResult::Outcome::TimedOut;
        const int seconds = (m_timeout.interval() + 999) / 1000;
        r.summary = tr("The check was stopped after %n second(s): the script's init code did not finish "
                       "(an endless loop at the top level?)", nullptr, seconds);
        r.diagnostics.append({shownFile, 1, 1, r.summary, Diagnostic::Severity::Error});
        finish(r);
        return;
    }
    const QByteArray out = m_process->readAllStandardOutput();
    const QByteArray err = m_process->readAllStandardError();
    bool ok = false;
    r.diagnostics = parseInspectJson(out, m_checkedPath, m_scriptPath, m_text, &ok);
    if (exitStatus != QProcess::NormalExit || !ok) {
        r.outcome = CheckResult::Outcome::Crashed;
        QString detail = QString::fromUtf8(err).trimmed().section(u'\n', 0, 0);
        detail.replace(m_checkedPath, shownFile.isEmpty() ? u"untitled"_s : shownFile);
        r.summary = exitStatus != QProcess::NormalExit
                        ? tr("The check failed: the engine crashed while loading the script")
                        : tr("The check failed: the engine gave no answer (exit code %1) %2").arg(exitCode).arg(detail);
        r.diagnostics.append({shownFile, 1, 1, r.summary, Diagnostic::Severity::Error});
        finish(r);
        return;
    }
    if (r.diagnostics.isEmpty()) {
        r.outcome = CheckResult::Outcome::Ok;
        r.summary = tr("No problems found");
    } else {
        r.outcome = CheckResult::Outcome::Problems;
        r.summary = tr("%n problem(s) found", nullptr, int(r.diagnostics.size()));
    }
    finish(r);
}

void ScriptChecker::finish(CheckResult result)
{
    m_timeout.stop();
    if (m_process) {
        m_process->disconnect(this);
        m_process.release()->deleteLater();
    }
    m_temp.reset(); // removes the copy
    Q_EMIT finished(result);
}

QList<Diagnostic> ScriptChecker::parseInspectJson(const QByteArray &json, const QString &checkedFile,
                                                  const QString &scriptPath, const QString &text, bool *ok)
{
    QList<Diagnostic> out;
    // console.log() in init code may print before the answer: the JSON is the last object.
    const qsizetype start = json.lastIndexOf("\n{");
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(start >= 0 ? json.mid(start + 1) : json, &error);
    if (ok)
        *ok = doc.isObject() && doc.object().contains(u"ok"_s);
    if (!doc.isObject())
        return out;
    const QString shownFile = scriptPath; // empty for an untitled script
    const QJsonArray errors = doc.object().value(u"errors"_s).toArray();
    for (const QJsonValue &v : errors) {
        const QJsonObject e = v.toObject();
        Diagnostic d;
        d.file = e.value(u"file"_s).toString();
        const bool inChecked = d.file.isEmpty() || QFileInfo(d.file).absoluteFilePath() == checkedFile;
        if (inChecked)
            d.file = shownFile;
        d.line = e.value(u"line"_s).toInt();
        d.column = e.value(u"column"_s).toInt();
        d.message = e.value(u"message"_s).toString();
        d.message.replace(checkedFile, shownFile.isEmpty() ? u"untitled"_s : shownFile);
        d.severity = e.value(u"severity"_s).toString() == u"warning"_s ? Diagnostic::Severity::Warning
                                                                        : Diagnostic::Severity::Error;
        if (d.line == 0 && inChecked) {
            // An invalid option: point at its key in the options object.
            static const QRegularExpression optionName(uR"re(^invalid option "([^"]+)")re"_s);
            const QRegularExpressionMatch m = optionName.match(d.message);
            if (m.hasMatch()) {
                const OptionsDocument options = OptionsDocument::parse(text);
                QString path = m.captured(1);
                static const QRegularExpression index(uR"(\[\d+\])"_s);
                path.remove(index);
                while (!path.isEmpty()) {
                    const auto [line, column] = options.locate(path);
                    if (line > 0) {
                        d.line = line;
                        d.column = column;
                        break;
                    }
                    const qsizetype dot = path.lastIndexOf(u'.');
                    path = dot < 0 ? QString() : path.left(dot);
                }
            }
        }
        out.append(d);
    }
    return out;
}

} // namespace stampede::studio
