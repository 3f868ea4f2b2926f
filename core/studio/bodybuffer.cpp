#include "core/studio/bodybuffer.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <cstring>

using namespace Qt::StringLiterals;

namespace stampede::studio {

BodyBuffer::BodyBuffer(const DebugBody &body)
{
    if (body.isInline()) {
        m_inline = body.data;
        m_data = m_inline.constData();
        m_size = m_inline.size();
        if (!body.error.isEmpty())
            m_error = body.error;
        return;
    }
    m_file = std::make_unique<QFile>(body.file);
    if (!m_file->open(QIODevice::ReadOnly)) {
        m_error = QCoreApplication::translate("stampede::studio::BodyBuffer", "%1: cannot read the body: %2")
                      .arg(body.file, m_file->errorString());
        return;
    }
    const qint64 n = m_file->size();
    if (n == 0)
        return;
    uchar *mapped = m_file->map(0, n);
    if (!mapped) {
        m_error = QCoreApplication::translate("stampede::studio::BodyBuffer", "%1: cannot map the body: %2")
                      .arg(body.file, m_file->errorString());
        return;
    }
    m_data = reinterpret_cast<const char *>(mapped);
    m_size = n;
}

BodyBuffer::Kind BodyBuffer::detectKind(const QString &contentType) const
{
    if (m_size == 0)
        return Kind::Empty;
    const QString ct = contentType.toLower();
    if (ct.contains("octet-stream"_L1) || ct.startsWith("image/"_L1) || ct.startsWith("audio/"_L1)
        || ct.startsWith("video/"_L1) || ct.contains("pdf"_L1) || ct.contains("zip"_L1) || ct.contains("protobuf"_L1))
        return Kind::Binary;
    // Binary when a NUL or many control bytes show up in the first 8 KiB, whatever the type says.
    const qint64 probe = std::min<qint64>(m_size, 8192);
    int control = 0;
    for (qint64 i = 0; i < probe; ++i) {
        const auto c = static_cast<unsigned char>(m_data[i]);
        if (c == 0)
            return Kind::Binary;
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
            ++control;
    }
    if (control * 20 > probe)
        return Kind::Binary;
    if (ct.contains("json"_L1))
        return Kind::Json;
    if (ct.contains("html"_L1) || ct.contains("xml"_L1))
        return Kind::Html;
    qint64 i = 0;
    while (i < probe && std::isspace(static_cast<unsigned char>(m_data[i])))
        ++i;
    if (i < probe && (m_data[i] == '{' || m_data[i] == '['))
        return Kind::Json;
    if (i < probe && m_data[i] == '<')
        return Kind::Html;
    return Kind::Text;
}

QString BodyBuffer::hexRow(qint64 row) const
{
    const qint64 offset = row * kHexBytesPerRow;
    if (row < 0 || offset >= m_size)
        return {};
    const qint64 n = std::min<qint64>(kHexBytesPerRow, m_size - offset);
    static const char digits[] = "0123456789abcdef";
    QString out = QString::number(offset, 16).rightJustified(8, u'0') + u"  "_s;
    out.reserve(8 + 2 + kHexBytesPerRow * 3 + 2 + kHexBytesPerRow);
    for (qint64 i = 0; i < kHexBytesPerRow; ++i) {
        if (i < n) {
            const auto c = static_cast<unsigned char>(m_data[offset + i]);
            out += QLatin1Char(digits[c >> 4]);
            out += QLatin1Char(digits[c & 15]);
        } else {
            out += u"  "_s;
        }
        out += i == 7 ? u"  "_s : u" "_s;
    }
    out += u' ';
    for (qint64 i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(m_data[offset + i]);
        out += (c >= 0x20 && c < 0x7f) ? QLatin1Char(char(c)) : QLatin1Char('.');
    }
    return out;
}

void BodyBuffer::indexLines() const
{
    if (m_indexed)
        return;
    m_indexed = true;
    m_lineStarts.clear();
    if (m_size == 0)
        return;
    m_lineStarts.push_back(0);
    const char *p = m_data;
    const char *end = m_data + m_size;
    while (p < end) {
        const void *nl = std::memchr(p, '\n', size_t(end - p));
        if (!nl)
            break;
        p = static_cast<const char *>(nl) + 1;
        if (p < end)
            m_lineStarts.push_back(p - m_data);
    }
}

qint64 BodyBuffer::lineCount() const
{
    indexLines();
    return qint64(m_lineStarts.size());
}

QString BodyBuffer::line(qint64 index) const
{
    indexLines();
    if (index < 0 || index >= qint64(m_lineStarts.size()))
        return {};
    const qint64 start = m_lineStarts[size_t(index)];
    qint64 end = index + 1 < qint64(m_lineStarts.size()) ? m_lineStarts[size_t(index + 1)] : m_size;
    while (end > start && (m_data[end - 1] == '\n' || m_data[end - 1] == '\r'))
        --end;
    const qint64 len = std::min(end - start, kMaxLineChars);
    QString s = QString::fromUtf8(m_data + start, len);
    if (end - start > kMaxLineChars)
        s += u" …"_s;
    return s;
}

QByteArray BodyBuffer::prettyJson(const QByteArray &json)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError || doc.isNull())
        return {};
    // QJsonDocument indents by four; two reads better in a narrow inspector.
    const QByteArray four = doc.toJson(QJsonDocument::Indented);
    QByteArray out;
    out.reserve(four.size());
    qsizetype i = 0;
    while (i < four.size()) {
        qsizetype spaces = 0;
        while (i + spaces < four.size() && four[i + spaces] == ' ')
            ++spaces;
        out.append(spaces / 2, ' ');
        i += spaces;
        const qsizetype nl = four.indexOf('\n', i);
        const qsizetype end = nl < 0 ? four.size() : nl + 1;
        out.append(four.constData() + i, end - i);
        i = end;
    }
    return out;
}

QByteArray BodyBuffer::prettyHtml(const QByteArray &html)
{
    QByteArray out;
    out.reserve(html.size() + html.size() / 8);
    int depth = 0;
    qsizetype i = 0;
    auto newline = [&](int d) {
        if (!out.isEmpty() && !out.endsWith('\n'))
            out.append('\n');
        out.append(std::max(0, d) * 2, ' ');
    };
    static const char *const voidTags[] = {"area", "base", "br", "col", "embed", "hr", "img", "input",
                                           "link", "meta", "source", "track", "wbr", "!doctype", "!--"};
    while (i < html.size()) {
        if (html[i] == '<') {
            const qsizetype close = html.indexOf('>', i);
            const qsizetype end = close < 0 ? html.size() : close + 1;
            const QByteArray tag = html.mid(i, end - i);
            const bool closing = tag.startsWith("</");
            QByteArray name = tag.mid(closing ? 2 : 1);
            qsizetype stop = 0;
            while (stop < name.size() && name[stop] != ' ' && name[stop] != '>' && name[stop] != '/'
                   && name[stop] != '\n')
                ++stop;
            name = name.left(stop).toLower();
            bool isVoid = tag.endsWith("/>");
            for (const char *v : voidTags)
                isVoid = isVoid || name == v;
            if (closing)
                --depth;
            newline(depth);
            out.append(tag);
            if (!closing && !isVoid)
                ++depth;
            i = end;
            // <script> and <style> bodies go as they are.
            if (!closing && (name == "script" || name == "style")) {
                const qsizetype endTag = html.indexOf(QByteArray("</" + name), i);
                const qsizetype stopAt = endTag < 0 ? html.size() : endTag;
                const QByteArray inner = html.mid(i, stopAt - i).trimmed();
                if (!inner.isEmpty()) {
                    newline(depth);
                    out.append(inner);
                }
                i = stopAt;
            }
        } else {
            const qsizetype next = html.indexOf('<', i);
            const qsizetype end = next < 0 ? html.size() : next;
            const QByteArray text = html.mid(i, end - i).trimmed();
            if (!text.isEmpty()) {
                newline(depth);
                out.append(text);
            }
            i = end;
        }
    }
    out.append('\n');
    return out;
}

} // namespace stampede::studio
