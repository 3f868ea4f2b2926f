#include "ui/run/outputpane.h"

#include <QFontDatabase>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>

using namespace Qt::StringLiterals;

namespace stampede::ui {

OutputPane::OutputPane(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setObjectName(u"outputPane"_s);
    setReadOnly(true);
    setUndoRedoEnabled(false);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setMaximumBlockCount(DefaultMaximumLines);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setStyleHint(QFont::Monospace);
    setFont(font);
    updateFormats();
}

void OutputPane::updateFormats()
{
    const QColor text = palette().color(QPalette::Text);
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    const auto make = [](const QColor &color) {
        QTextCharFormat f;
        f.setForeground(color);
        return f;
    };
    m_normalFormat = make(text);
    // Progress and logs on stderr: readable, but quieter than the results.
    m_logFormat = make(dark ? text.darker(130) : QColor(0x55, 0x5b, 0x66));
    m_successFormat = make(dark ? QColor(0x7f, 0xd8, 0x8f) : QColor(0x1d, 0x7a, 0x3a));
    m_warningFormat = make(dark ? QColor(0xff, 0xc8, 0x57) : QColor(0x9a, 0x60, 0x00));
    m_errorFormat = make(dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x20, 0x20));
    m_noteFormat = make(dark ? QColor(0x80, 0xb0, 0xff) : QColor(0x20, 0x50, 0xa0));
    m_noteFormat.setFontItalic(true);
}

const QTextCharFormat &OutputPane::formatFor(const studio::OutputLine &line) const
{
    switch (studio::classifyLine(line)) {
    case studio::LineSeverity::Log:
        return m_logFormat;
    case studio::LineSeverity::Success:
        return m_successFormat;
    case studio::LineSeverity::Warning:
        return m_warningFormat;
    case studio::LineSeverity::Error:
        return m_errorFormat;
    case studio::LineSeverity::Normal:
        break;
    }
    return m_normalFormat;
}

void OutputPane::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        updateFormats();
}

void OutputPane::appendLines(const stampede::studio::OutputLines &lines)
{
    if (lines.isEmpty())
        return;
    QScrollBar *bar = verticalScrollBar();
    const bool follow = bar->value() >= bar->maximum() - 2;

    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    cursor.beginEditBlock();
    bool first = document()->isEmpty();
    for (const studio::OutputLine &line : lines) {
        if (!first)
            cursor.insertBlock();
        first = false;
        cursor.insertText(line.text, formatFor(line));
    }
    cursor.endEditBlock();

    if (follow)
        bar->setValue(bar->maximum());
}

void OutputPane::appendNote(const QString &text)
{
    QScrollBar *bar = verticalScrollBar();
    const bool follow = bar->value() >= bar->maximum() - 2;
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    if (!document()->isEmpty())
        cursor.insertBlock();
    cursor.insertText(text, m_noteFormat);
    if (follow)
        bar->setValue(bar->maximum());
}

} // namespace stampede::ui
