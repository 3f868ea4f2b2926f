#pragma once

// Bytes of a debug-run body for the inspector, without copying large bodies: inline bodies
// are held in memory, side files are memory-mapped. Lines and hex rows are found lazily so a
// 50 MB body is shown without reading it all up front.

#include "core/studio/debugsession.h"

#include <QByteArray>
#include <QFile>
#include <QString>

#include <memory>
#include <vector>

namespace stampede::studio {

class BodyBuffer
{
public:
    enum class Kind { Empty, Json, Html, Text, Binary };

    // Opens `body` (maps its side file). On failure errorString() says why and size() is 0.
    explicit BodyBuffer(const DebugBody &body);
    BodyBuffer(const BodyBuffer &) = delete;
    BodyBuffer &operator=(const BodyBuffer &) = delete;

    const char *data() const { return m_data; }
    qint64 size() const { return m_size; }
    QString errorString() const { return m_error; }

    // What the body looks like, from the Content-Type (may be empty) and its first bytes.
    Kind detectKind(const QString &contentType) const;

    static constexpr int kHexBytesPerRow = 16;
    qint64 hexRowCount() const { return (m_size + kHexBytesPerRow - 1) / kHexBytesPerRow; }
    // "00000010  48 54 54 50 ...  HTTP/1.1 200 OK.."
    QString hexRow(qint64 row) const;

    // Text lines, indexed on first use (one memchr pass; ~10 ms for 50 MB).
    qint64 lineCount() const;
    QString line(qint64 index) const; // without the line break; very long lines are cut

    static constexpr qint64 kMaxLineChars = 4000;
    // Pretty-printed JSON (two-space indent) when the body parses; else an empty array.
    static QByteArray prettyJson(const QByteArray &json);
    // HTML with one tag per line, indented by nesting (a display aid, not a parser).
    static QByteArray prettyHtml(const QByteArray &html);

private:
    void indexLines() const;

    std::unique_ptr<QFile> m_file;
    QByteArray m_inline;
    const char *m_data = nullptr;
    qint64 m_size = 0;
    QString m_error;
    mutable std::vector<qint64> m_lineStarts; // offsets of every line start
    mutable bool m_indexed = false;
};

} // namespace stampede::studio
