#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace stampede::studio {

// Autosaved editor contents, one JSON file per open document in a recovery
// directory, so a crash or a kill never loses what was typed. A clean exit
// clears the directory; what is left at the next start is offered for recovery.
class RecoveryStore
{
public:
    struct Entry
    {
        QString id;       // stable for a document during one session; the file name
        QString filePath; // the document's file, empty for an untitled one
        QString text;
        QDateTime saved;
    };

    // AppDataLocation/recovery
    static QString defaultDirectory();

    explicit RecoveryStore(QString directory = defaultDirectory());

    QString directory() const { return m_dir; }

    // Writes `entry` atomically (QSaveFile). False on failure (see errorString()).
    bool write(const Entry &entry);
    void remove(const QString &id);
    // Removes every recovery file.
    void clear();
    // What a previous session left behind, newest first.
    QList<Entry> entries() const;
    bool isEmpty() const { return entries().isEmpty(); }

    QString errorString() const { return m_error; }

private:
    QString pathFor(const QString &id) const;

    QString m_dir;
    QString m_error;
};

} // namespace stampede::studio
