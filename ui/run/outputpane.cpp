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
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    m_stdoutFormat = QTextCharFormat();
    m_stdoutFormat.setForeground(palette().color(QPalette::Text));
    m_stderrFormat = QTextCharFormat();
    m_stderrFormat.setForeground(dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x20, 0x20));
    m_noteFormat = QTextCharFormat();
    m_noteFormat.setForeground(dark ? QColor(0x80, 0xb0, 0xff) : QColor(0x20, 0x50, 0xa0));
    m_noteFormat.setFontItalic(true);
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
        cursor.insertText(line.text, line.channel == studio::OutputLine::Channel::Stderr ? m_stderrFormat
                                                                                       : m_stdoutFormat);
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
