#include "core/studio/outputline.h"

using namespace Qt::StringLiterals;

namespace stampede::studio {

QString stripAnsiEscapes(const QString &text)
{
    if (!text.contains(QChar(0x1b)))
        return text;
    QString out;
    out.reserve(text.size());
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (c != QChar(0x1b)) {
            out.append(c);
            continue;
        }
        if (i + 1 >= n)
            break;
        const QChar kind = text.at(i + 1);
        if (kind == u'[') {
            // CSI: parameters and intermediates, then a final byte in 0x40..0x7e.
            qsizetype j = i + 2;
            while (j < n && !(text.at(j).unicode() >= 0x40 && text.at(j).unicode() <= 0x7e))
                ++j;
            i = j; // skips the final byte too
        } else if (kind == u']') {
            // OSC: ends with BEL or ESC backslash.
            qsizetype j = i + 2;
            while (j < n && text.at(j) != QChar(0x07) && !(text.at(j) == QChar(0x1b) && j + 1 < n && text.at(j + 1) == u'\\'))
                ++j;
            i = (j < n && text.at(j) == QChar(0x1b)) ? j + 1 : j;
        } else {
            i += 1; // two-character escape such as ESC 7
        }
    }
    return out;
}

LineSeverity classifyLine(const OutputLine &line)
{
    const QString &t = line.text;
    const QString trimmed = t.trimmed();
    if (t.contains(u"ERRO["_s) || t.contains(u"FATA["_s) || t.contains(u"level=error"_s) ||
        t.contains(u"level=fatal"_s) || trimmed.startsWith(u"✗"_s) || trimmed.startsWith(u"panic:"_s) ||
        trimmed.startsWith(u"stampede: "_s) || trimmed.startsWith(u"Error: "_s))
        return LineSeverity::Error;
    if (t.contains(u"WARN["_s) || t.contains(u"level=warning"_s))
        return LineSeverity::Warning;
    if (trimmed.startsWith(u"✓"_s))
        return LineSeverity::Success;
    return line.channel == OutputLine::Channel::Stderr ? LineSeverity::Log : LineSeverity::Normal;
}

QStringList LineSplitter::feed(QByteArrayView bytes)
{
    QStringList lines;
    m_partial += m_decoder.decode(bytes);
    qsizetype start = 0;
    for (;;) {
        const qsizetype nl = m_partial.indexOf(u'\n', start);
        if (nl < 0)
            break;
        qsizetype end = nl;
        if (end > start && m_partial.at(end - 1) == u'\r')
            --end;
        lines.append(stripAnsiEscapes(m_partial.mid(start, end - start)));
        start = nl + 1;
    }
    m_partial.remove(0, start);
    while (m_partial.size() > MaxLineLength) {
        lines.append(stripAnsiEscapes(m_partial.left(MaxLineLength)));
        m_partial.remove(0, MaxLineLength);
    }
    return lines;
}

QStringList LineSplitter::flush()
{
    m_partial += m_decoder.decode(QByteArrayView());
    QStringList lines;
    if (!m_partial.isEmpty()) {
        if (m_partial.endsWith(u'\r'))
            m_partial.chop(1);
        lines.append(stripAnsiEscapes(m_partial));
        m_partial.clear();
    }
    return lines;
}


QString summaryFromOutput(const QStringList &lines)
{
    qsizetype start = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines.at(i).trimmed().startsWith(u"scenarios:"_s)) {
            // The scenario lines follow up to the first blank line.
            qsizetype j = i + 1;
            while (j < lines.size() && !lines.at(j).trimmed().isEmpty())
                ++j;
            start = j;
            break;
        }
    }
    qsizetype end = lines.size();
    while (start < end && lines.at(start).trimmed().isEmpty())
        ++start;
    while (end > start && lines.at(end - 1).trimmed().isEmpty())
        --end;
    return lines.mid(start, end - start).join(u'\n');
}

} // namespace stampede::studio
