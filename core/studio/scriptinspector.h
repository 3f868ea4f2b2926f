#pragma once

#include <QMetaType>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>

namespace stampede::studio {

// What the live controls need to know about a script's resolved options.
struct ScriptControlInfo
{
    bool ok = false;                 // the options could be resolved
    QStringList externallyControlled; // scenarios with the externally-controlled executor
    qint64 maxVus = 0;                // their maxVUs (summed)
    QString error;
};

// Runs `stampede inspect [arguments] <script>` in the background and reports
// which scenarios can be scaled live. One inspection at a time; a new one
// replaces the one still running.
class ScriptInspector : public QObject
{
    Q_OBJECT
public:
    explicit ScriptInspector(QObject *parent = nullptr);
    ~ScriptInspector() override;

    void setEnginePath(const QString &path) { m_enginePath = path; }
    void inspect(const QString &scriptPath, const QStringList &arguments, const QStringList &environment = {});
    void cancel();

    // Parses inspect's JSON (the resolved options).
    static ScriptControlInfo parse(const QByteArray &json);

Q_SIGNALS:
    void inspected(const stampede::studio::ScriptControlInfo &info);

private:
    QString m_enginePath;
    std::unique_ptr<QProcess> m_process;
};

} // namespace stampede::studio

Q_DECLARE_METATYPE(stampede::studio::ScriptControlInfo)
