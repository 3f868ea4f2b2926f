#include "core/studio/examples.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace stampede::studio {

QString copyExample(const QString &resourcePath, const QString &directory, bool *reused, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return QString();
    };
    if (reused)
        *reused = false;
    QFile source(resourcePath);
    if (!source.open(QIODevice::ReadOnly))
        return fail(QCoreApplication::translate("stampede::studio::Examples", "The example %1 is missing: %2")
                        .arg(QFileInfo(resourcePath).fileName(), source.errorString()));
    if (!QDir().mkpath(directory))
        return fail(QCoreApplication::translate("stampede::studio::Examples", "Cannot create the folder %1")
                        .arg(QDir::toNativeSeparators(directory)));
    const QString target = QDir(directory).filePath(QFileInfo(resourcePath).fileName());
    if (QFileInfo::exists(target)) {
        if (reused)
            *reused = true;
        return target;
    }
    QSaveFile out(target);
    if (!out.open(QIODevice::WriteOnly) || out.write(source.readAll()) < 0 || !out.commit())
        return fail(QCoreApplication::translate("stampede::studio::Examples", "Cannot write %1: %2")
                        .arg(QDir::toNativeSeparators(target), out.errorString()));
    return target;
}

} // namespace stampede::studio
