#pragma once

#include <QString>
#include <QStringList>

class QSettings;

namespace stampede::studio {

// Environment variables the studio passes to runs of one script (`-e KEY=VALUE`),
// kept in the settings under the script's absolute path.
QStringList loadScriptEnvironment(const QSettings &settings, const QString &scriptPath);
void saveScriptEnvironment(QSettings &settings, const QString &scriptPath, const QStringList &keyValues);
// ["A=1", "B=2"] -> ["-e", "A=1", "-e", "B=2"]; entries without a valid name are left out.
QStringList environmentArguments(const QStringList &keyValues);

} // namespace stampede::studio
