#include "core/studio/recovery.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stampede::studio {

QString RecoveryStore::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/recovery"_s;
}

RecoveryStore::RecoveryStore(QString directory)
    : m_dir(std::move(directory))
{
}

QString RecoveryStore::pathFor(const QString &id) const
{
    return m_dir + u'/' + id + u".recovery.json"_s;
}

bool RecoveryStore::write(const Entry &entry)
{
    if (!QDir().mkpath(m_dir)) {
        m_error = QCoreApplication::translate("RecoveryStore", "Cannot create the recovery directory %1")
                      .arg(QDir::toNativeSeparators(m_dir));
        return false;
    }
    QJsonObject o;
    o.insert(u"filePath"_s, entry.filePath);
    o.insert(u"text"_s, entry.text);
    o.insert(u"saved"_s, (entry.saved.isValid() ? entry.saved : QDateTime::currentDateTimeUtc()).toString(Qt::ISODateWithMs));
    QSaveFile file(pathFor(entry.id));
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(o).toJson(QJsonDocument::Compact)) < 0 ||
        !file.commit()) {
        m_error = QCoreApplication::translate("RecoveryStore", "Cannot write the recovery file %1: %2")
                      .arg(QDir::toNativeSeparators(file.fileName()), file.errorString());
        return false;
    }
    return true;
}

void RecoveryStore::remove(const QString &id)
{
    QFile::remove(pathFor(id));
}

void RecoveryStore::clear()
{
    const QDir dir(m_dir);
    const QStringList files = dir.entryList({u"*.recovery.json"_s}, QDir::Files);
    for (const QString &f : files)
        QFile::remove(dir.filePath(f));
}

QList<RecoveryStore::Entry> RecoveryStore::entries() const
{
    QList<Entry> out;
    const QDir dir(m_dir);
    const QStringList files = dir.entryList({u"*.recovery.json"_s}, QDir::Files);
    for (const QString &f : files) {
        QFile file(dir.filePath(f));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
        if (!o.contains(u"text"_s))
            continue;
        Entry e;
        e.id = f.chopped(int(qstrlen(".recovery.json")));
        e.filePath = o.value(u"filePath"_s).toString();
        e.text = o.value(u"text"_s).toString();
        e.saved = QDateTime::fromString(o.value(u"saved"_s).toString(), Qt::ISODateWithMs);
        out.append(e);
    }
    std::sort(out.begin(), out.end(), [](const Entry &a, const Entry &b) { return a.saved > b.saved; });
    return out;
}

} // namespace stampede::studio
