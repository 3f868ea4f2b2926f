#include "core/studio/session.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace stampede::studio {

void saveSession(QSettings &settings, const Session &session)
{
    settings.beginGroup(u"session"_s);
    settings.setValue(u"folder"_s, session.folder);
    settings.setValue(u"files"_s, session.files);
    settings.setValue(u"current"_s, session.current);
    settings.endGroup();
}

Session loadSession(const QSettings &settings)
{
    Session s;
    s.folder = settings.value(u"session/folder"_s).toString();
    const QStringList files = settings.value(u"session/files"_s).toStringList();
    const int current = settings.value(u"session/current"_s, -1).toInt();
    const QString currentFile = files.value(current);
    for (const QString &f : files)
        if (QFileInfo(f).isFile())
            s.files.append(f);
    s.current = s.files.indexOf(currentFile);
    if (s.current < 0 && !s.files.isEmpty())
        s.current = 0;
    if (!s.folder.isEmpty() && !QFileInfo(s.folder).isDir())
        s.folder.clear();
    return s;
}

void addRecentProject(QSettings &settings, const QString &folder)
{
    const QString path = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    QStringList list = settings.value(u"recentProjects"_s).toStringList();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > MaxRecentProjects)
        list.removeLast();
    settings.setValue(u"recentProjects"_s, list);
}

QStringList recentProjects(const QSettings &settings)
{
    QStringList out;
    const QStringList list = settings.value(u"recentProjects"_s).toStringList();
    for (const QString &p : list)
        if (QFileInfo(p).isDir() && !out.contains(p))
            out.append(p);
    return out;
}

} // namespace stampede::studio
