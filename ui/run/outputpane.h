#pragma once

#include "core/studio/outputline.h"

#include <QPlainTextEdit>
#include <QTextCharFormat>

namespace stampede::ui {

// Read-only, monospace view of a run's output. Appends batches of lines in one
// edit block, keeps following the end unless the user scrolled up, and keeps at
// most maximumLines() lines so a chatty script cannot exhaust memory.
class OutputPane : public QPlainTextEdit
{
    Q_OBJECT
public:
    static constexpr int DefaultMaximumLines = 20000;

    explicit OutputPane(QWidget *parent = nullptr);

    void appendLines(const stampede::studio::OutputLines &lines);
    // A line written by the studio itself (command line, result), shown in a distinct style.
    void appendNote(const QString &text);

    int maximumLines() const { return maximumBlockCount(); }
    void setMaximumLines(int lines) { setMaximumBlockCount(lines); }

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateFormats();

    const QTextCharFormat &formatFor(const stampede::studio::OutputLine &line) const;

    QTextCharFormat m_normalFormat;
    QTextCharFormat m_logFormat;
    QTextCharFormat m_successFormat;
    QTextCharFormat m_warningFormat;
    QTextCharFormat m_errorFormat;
    QTextCharFormat m_noteFormat;
};

} // namespace stampede::ui
