#pragma once

#include <QString>
#include <QStringList>

class QSettings;

namespace stampede::studio {

// What the studio reopens at the next start.
struct Session
{
    QString folder;    // the project folder, empty if none
    QStringList files; // open tabs, in order (files only; untitled tabs go through recovery)
    int current = -1;  // index into files

    bool operator==(const Session &) const = default;
};

void saveSession(QSettings &settings, const Session &session);
Session loadSession(const QSettings &settings);

// Most recent first, without duplicates, at most `limit` entries, only folders that still exist.
inline constexpr int MaxRecentProjects = 8;
void addRecentProject(QSettings &settings, const QString &folder);
QStringList recentProjects(const QSettings &settings);

} // namespace stampede::studio
