#pragma once

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringDecoder>
#include <QStringList>

namespace stampede::studio {

// One line of a child's output, as shown in the studio's output pane.
struct OutputLine
{
    enum class Channel { Stdout, Stderr };
    Channel channel = Channel::Stdout;
    QString text;

    friend bool operator==(const OutputLine &, const OutputLine &) = default;
};
using OutputLines = QList<OutputLine>;

// How a line should stand out. k6 (and stampede) write progress and logs to
// stderr, so stderr alone does not mean "error": the text decides.
enum class LineSeverity {
    Normal,  // stdout text
    Log,     // stderr text that is neither a warning nor an error (progress bars, INFO logs)
    Success, // a passed check ("✓ ...")
    Warning, // WARN[...] / level=warning
    Error,   // ERRO[...], level=error, a failed check ("✗ ..."), "stampede: ..." CLI errors
};
LineSeverity classifyLine(const OutputLine &line);

// Turns a byte stream into text lines: decodes UTF-8 statefully (a multi-byte
// character may be split across reads), accepts \n and \r\n, strips ANSI colour
// and cursor escape sequences, and cuts overlong lines so a child that never
// prints a newline cannot grow the buffer without bound.
class LineSplitter
{
public:
    static constexpr qsizetype MaxLineLength = 64 * 1024;

    // Returns the lines completed by these bytes.
    QStringList feed(QByteArrayView bytes);
    // Returns the pending partial line, if any (at end of stream).
    QStringList flush();

private:
    QStringDecoder m_decoder{QStringDecoder::Utf8};
    QString m_partial;
};

// The end-of-test summary in a run's stdout: what follows the banner and the
// "scenarios:" block (stampede and k6 print the summary after them). Without a
// banner, all of it. Leading and trailing blank lines are dropped.
QString summaryFromOutput(const QStringList &stdoutLines);

// Removes ANSI escape sequences (CSI "ESC [ ... letter" and OSC "ESC ] ... BEL").
QString stripAnsiEscapes(const QString &text);

} // namespace stampede::studio
