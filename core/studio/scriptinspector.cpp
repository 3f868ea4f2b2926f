#include "core/studio/scriptinspector.h"

#include "core/studio/runcontroller.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>

using namespace Qt::StringLiterals;

namespace stampede::studio {

namespace {
// Flags of `stampede run` that inspect does not take (they are about the run, not the options).
const QStringList kRunOnlyFlags = {u"--out"_s, u"-o"_s, u"--address"_s, u"-a"_s, u"--history-db"_s,
                                   u"--summary-export"_s};
} // namespace

ScriptInspector::ScriptInspector(QObject *parent)
    : QObject(parent)
    , m_enginePath(RunController::defaultEnginePath())
{
    qRegisterMetaType<ScriptControlInfo>();
}

ScriptInspector::~ScriptInspector()
{
    cancel();
}

void ScriptInspector::cancel()
{
    if (!m_process)
        return;
    m_process->disconnect(this);
    if (m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(1000);
    }
    m_process.reset();
}

void ScriptInspector::inspect(const QString &scriptPath, const QStringList &arguments, const QStringList &environment)
{
    cancel();
    QStringList args{u"inspect"_s};
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        if (kRunOnlyFlags.contains(arguments[i])) {
            ++i; // and its value
            continue;
        }
        args.append(arguments[i]);
    }
    args.append(QFileInfo(scriptPath).absoluteFilePath());
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(m_enginePath);
    m_process->setArguments(args);
    m_process->setWorkingDirectory(QFileInfo(scriptPath).absolutePath());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &kv : environment) {
        const qsizetype eq = kv.indexOf(u'=');
        if (eq > 0)
            env.insert(kv.left(eq), kv.mid(eq + 1));
    }
    m_process->setProcessEnvironment(env);
    QProcess *p = m_process.get();
    connect(p, &QProcess::finished, this, [this, p](int exitCode, QProcess::ExitStatus status) {
        ScriptControlInfo info;
        if (status == QProcess::NormalExit && exitCode == 0) {
            info = parse(p->readAllStandardOutput());
        } else {
            info.error = QString::fromUtf8(p->readAllStandardError()).trimmed();
        }
        p->disconnect(this);
        m_process.release()->deleteLater();
        Q_EMIT inspected(info);
    });
    connect(p, &QProcess::errorOccurred, this, [this, p](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        ScriptControlInfo info;
        info.error = p->errorString();
        p->disconnect(this);
        m_process.release()->deleteLater();
        Q_EMIT inspected(info);
    });
    m_process->start(QIODevice::ReadOnly);
}

ScriptControlInfo ScriptInspector::parse(const QByteArray &json)
{
    ScriptControlInfo info;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (!doc.isObject()) {
        info.error = error.errorString();
        return info;
    }
    info.ok = true;
    const QJsonObject scenarios = doc.object().value(u"scenarios"_s).toObject();
    for (auto it = scenarios.begin(); it != scenarios.end(); ++it) {
        const QJsonObject s = it.value().toObject();
        if (s.value(u"executor"_s).toString() != u"externally-controlled"_s)
            continue;
        info.externallyControlled.append(it.key());
        info.maxVus += qint64(s.value(u"maxVUs"_s).toDouble(s.value(u"vus"_s).toDouble()));
    }
    return info;
}

} // namespace stampede::studio
