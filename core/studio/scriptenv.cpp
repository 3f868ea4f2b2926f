#include "core/studio/scriptenv.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace stampede::studio {

namespace {
QString keyFor(const QString &scriptPath)
{
    // Settings keys cannot hold every path character: use a hash of the path, and keep the path beside it.
    const QString absolute = QFileInfo(scriptPath).absoluteFilePath();
    return u"scriptEnvironment/"_s +
           QString::fromLatin1(QCryptographicHash::hash(absolute.toUtf8(), QCryptographicHash::Sha1).toHex().left(16));
}
} // namespace

QStringList loadScriptEnvironment(const QSettings &settings, const QString &scriptPath)
{
    if (scriptPath.isEmpty())
        return {};
    return settings.value(keyFor(scriptPath) + u"/variables"_s).toStringList();
}

void saveScriptEnvironment(QSettings &settings, const QString &scriptPath, const QStringList &keyValues)
{
    if (scriptPath.isEmpty())
        return;
    const QString key = keyFor(scriptPath);
    if (keyValues.isEmpty()) {
        settings.remove(key);
        return;
    }
    settings.setValue(key + u"/path"_s, QFileInfo(scriptPath).absoluteFilePath());
    settings.setValue(key + u"/variables"_s, keyValues);
}

QStringList environmentArguments(const QStringList &keyValues)
{
    static const QRegularExpression name(uR"(^[A-Za-z_][A-Za-z0-9_]*=)"_s);
    QStringList args;
    for (const QString &kv : keyValues) {
        if (!name.match(kv).hasMatch())
            continue;
        args << u"-e"_s << kv;
    }
    return args;
}

} // namespace stampede::studio
