#include "core/studio/document.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStringDecoder>
#include <QStringEncoder>
#include <QTextBlock>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace stampede::studio {

Document::Document(QObject *parent)
    : QObject(parent)
    , m_text(new QTextDocument(this))
{
    connect(m_text, &QTextDocument::modificationChanged, this, &Document::modificationChanged);
}

Document::~Document() = default;

QString Document::displayName() const
{
    return m_path.isEmpty() ? tr("Untitled") : QFileInfo(m_path).fileName();
}

QString Document::text() const
{
    // Not QTextDocument::toPlainText(): it turns non-breaking spaces into plain ones.
    QString result;
    for (QTextBlock block = m_text->begin(); block.isValid(); block = block.next()) {
        if (block != m_text->begin())
            result += u'\n';
        result += block.text();
    }
    return result;
}

void Document::setText(const QString &text)
{
    m_text->setPlainText(text);
    m_text->setModified(true);
}

bool Document::isModified() const
{
    return m_text->isModified();
}

void Document::setModified(bool modified)
{
    m_text->setModified(modified);
}

void Document::clear()
{
    m_crlf = false;
    m_bom = false;
    resetText(QString());
    setFilePath(QString());
}

void Document::loadUntitled(const QString &text)
{
    m_crlf = false;
    m_bom = false;
    resetText(text);
    setFilePath(QString());
}

void Document::resetText(const QString &text)
{
    m_text->setPlainText(text); // also clears the undo stack
    m_text->setModified(false);
}

bool Document::load(const QString &path)
{
    const QString shown = QDir::toNativeSeparators(path);
    if (path.isEmpty()) {
        m_error = tr("Cannot open a file without a name.");
        return false;
    }
    const QFileInfo info(path);
    if (!info.exists()) {
        m_error = tr("Cannot open \"%1\": the file does not exist.").arg(shown);
        return false;
    }
    if (info.isDir()) {
        m_error = tr("Cannot open \"%1\": it is a directory.").arg(shown);
        return false;
    }
    if (info.size() > MaxFileSize) {
        m_error = tr("Cannot open \"%1\": the file is too large (%2 MiB; the limit is %3 MiB).")
                      .arg(shown)
                      .arg(info.size() / (1024 * 1024))
                      .arg(MaxFileSize / (1024 * 1024));
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_error = tr("Cannot open \"%1\": %2").arg(shown, file.errorString());
        return false;
    }
    const QByteArray bytes = file.read(MaxFileSize + 1);
    if (file.error() != QFileDevice::NoError) {
        m_error = tr("Cannot read \"%1\": %2").arg(shown, file.errorString());
        return false;
    }
    if (bytes.size() > MaxFileSize) {
        m_error = tr("Cannot open \"%1\": the file is too large (the limit is %2 MiB).")
                      .arg(shown)
                      .arg(MaxFileSize / (1024 * 1024));
        return false;
    }
    const bool bom = bytes.startsWith("\xEF\xBB\xBF");
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bom ? QByteArrayView(bytes).sliced(3) : QByteArrayView(bytes));
    if (decoder.hasError()) {
        m_error = tr("Cannot open \"%1\": the file is not valid UTF-8 text.").arg(shown);
        return false;
    }
    if (text.contains(QChar(0))) {
        m_error = tr("Cannot open \"%1\": the file looks binary (it contains NUL bytes).").arg(shown);
        return false;
    }
    const bool crlf = text.contains(u"\r\n"_s);
    if (crlf)
        text.replace(u"\r\n"_s, u"\n"_s);

    m_crlf = crlf;
    m_bom = bom;
    resetText(text);
    setFilePath(info.absoluteFilePath());
    m_error.clear();
    return true;
}

bool Document::save()
{
    if (m_path.isEmpty()) {
        m_error = tr("The document has no file name yet: use Save As.");
        return false;
    }
    return writeTo(m_path);
}

bool Document::saveAs(const QString &path)
{
    if (path.isEmpty()) {
        m_error = tr("Cannot save without a file name.");
        return false;
    }
    if (!writeTo(path))
        return false;
    setFilePath(QFileInfo(path).absoluteFilePath());
    return true;
}

bool Document::writeTo(const QString &path)
{
    const QString shown = QDir::toNativeSeparators(path);
    QString content = text();
    if (m_crlf)
        content.replace(u"\n"_s, u"\r\n"_s);
    QStringEncoder encoder(QStringEncoder::Utf8, m_bom ? QStringEncoder::Flag::WriteBom : QStringEncoder::Flag::Default);
    const QByteArray bytes = encoder.encode(content);

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        m_error = tr("Cannot save \"%1\": %2").arg(shown, file.errorString());
        return false;
    }
    if (file.write(bytes) != bytes.size()) {
        m_error = tr("Cannot save \"%1\": %2").arg(shown, file.errorString());
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        m_error = tr("Cannot save \"%1\": %2").arg(shown, file.errorString());
        return false;
    }
    m_text->setModified(false);
    m_error.clear();
    return true;
}

void Document::setFilePath(const QString &path)
{
    if (m_path == path)
        return;
    m_path = path;
    Q_EMIT filePathChanged(path);
}

} // namespace stampede::studio
