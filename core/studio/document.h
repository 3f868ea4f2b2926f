#pragma once

#include <QObject>
#include <QString>

class QTextDocument;

namespace stampede::studio {

// The script being edited: its file, its text (a QTextDocument, so the editor
// widget can show it directly) and whether it has unsaved changes.
//
// Files are read and written as UTF-8. A byte order mark and CRLF line endings
// are remembered and written back. Saving goes through QSaveFile, so a failed
// save leaves both the file on disk and the text in memory untouched.
class Document : public QObject
{
    Q_OBJECT
public:
    // Files larger than this are refused: a script this big is a mistake.
    static constexpr qint64 MaxFileSize = 64 * 1024 * 1024;

    explicit Document(QObject *parent = nullptr);
    ~Document() override;

    QTextDocument *textDocument() const { return m_text; }

    // Empty path = untitled.
    QString filePath() const { return m_path; }
    bool isUntitled() const { return m_path.isEmpty(); }
    // The file name for titles, or "Untitled".
    QString displayName() const;

    QString text() const;
    void setText(const QString &text); // marks the document modified

    bool isModified() const;
    void setModified(bool modified);

    // Replaces the buffer with an empty, untitled, unmodified document.
    void clear();
    // Replaces the buffer with `text` as an untitled, unmodified document (templates, examples).
    void loadUntitled(const QString &text);

    // Reads `path`. On failure returns false, leaves the document as it was and sets errorString().
    bool load(const QString &path);
    // Writes to filePath(). Fails for an untitled document.
    bool save();
    // Writes to `path` and makes it the document's file on success.
    bool saveAs(const QString &path);

    // The last error, naming the file and the reason.
    QString errorString() const { return m_error; }

Q_SIGNALS:
    void filePathChanged(const QString &path);
    void modificationChanged(bool modified);

private:
    bool writeTo(const QString &path);
    void setFilePath(const QString &path);
    void resetText(const QString &text);

    QTextDocument *m_text = nullptr; // child QObject
    QString m_path;
    QString m_error;
    bool m_crlf = false;
    bool m_bom = false;
};

} // namespace stampede::studio
