#pragma once

#include "core/studio/scriptchecker.h"

#include <QPlainTextEdit>
#include <QTextBlock>
#include <QTextCursor>

#include <memory>

namespace KSyntaxHighlighting {
class SyntaxHighlighter;
}

class QCompleter;
class QStandardItemModel;

namespace stampede::studio {
class K6Api;
}

namespace stampede::ui {

// The script editor: a plain-text editor with line numbers, a highlighted
// current line and JavaScript syntax highlighting whose theme follows the palette.
class CodeEditor : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit CodeEditor(QWidget *parent = nullptr);
    ~CodeEditor() override;

    // Shows `document` (owned elsewhere, e.g. by studio::Document) and highlights it.
    void setTextDocument(QTextDocument *document);

    // The syntax definition in use ("JavaScript"); empty if highlighting is unavailable.
    QString syntaxName() const;
    // The colour theme in use, e.g. "Breeze Light".
    QString themeName() const;

    int lineNumberAreaWidth() const;

    // Offers completions from `api` (owned elsewhere; null turns completion off).
    void setCompletionApi(const studio::K6Api *api);
    QCompleter *completer() const { return m_completer; }
    // The names the popup offers right now (after the last completion request).
    QStringList completionNames() const;
    // Asks for completions at the cursor; `explicitRequest` (Ctrl+Space) also shows them for an empty prefix.
    void requestCompletion(bool explicitRequest = true);

    // Comments the current line or the selected lines out with "//", or back in.
    void toggleComment();
    // Moves the cursor to the start of 1-based `line`.
    void goToLine(int line);
    // The positions of the bracket at the cursor and its partner (-1/-1 if none), as highlighted.
    std::pair<int, int> matchedBrackets() const { return m_brackets; }

    // Error markers: a dot in the gutter, a wavy underline at line:column and the
    // message as a tooltip. Markers follow edits; editing a marked line clears its marker.
    struct Marker
    {
        QTextCursor range; // what is underlined; moves with the text
        studio::Diagnostic diagnostic;
        QString lineText; // the line as it was when marked
        int line() const { return range.isNull() ? 0 : range.block().blockNumber() + 1; }
    };
    // Shows the diagnostics that belong to this editor's text (the caller picks them).
    void setDiagnostics(const QList<studio::Diagnostic> &diagnostics);
    void clearDiagnostics() { setDiagnostics({}); }
    const std::vector<Marker> &markers() const { return m_markers; }
    // 1-based lines that carry a marker now.
    QList<int> markedLines() const;
    // The messages of the markers on 1-based `line`, one per line of text.
    QString markerToolTip(int line) const;
    // The width of the marker column at the gutter's left edge.
    int markerAreaWidth() const;

protected:
    bool viewportEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyPressEventWithoutCompletion(QKeyEvent *event);

private:
    friend class LineNumberArea;
    void paintLineNumbers(QPaintEvent *event);
    void updateLineNumberAreaWidth();
    void updateLineNumberArea(const QRect &rect, int dy);
    void highlightCurrentLine();
    void applyTheme();
    void applyFont();
    void insertCompletion(const QString &completion);
    void onContentsChange(int position, int removed, int added);
    void appendMarkerSelections(QList<QTextEdit::ExtraSelection> &selections) const;

    QWidget *m_lineNumberArea = nullptr; // child widget
    std::unique_ptr<KSyntaxHighlighting::SyntaxHighlighter> m_highlighter;
    QColor m_currentLineColor;
    QColor m_lineNumberColor;
    QColor m_currentLineNumberColor;
    QColor m_gutterColor;
    bool m_applyingTheme = false;
    const studio::K6Api *m_api = nullptr;
    QCompleter *m_completer = nullptr;          // child
    QStandardItemModel *m_completionModel = nullptr; // child
    QString m_completionPrefix;
    std::pair<int, int> m_brackets{-1, -1};
    std::vector<Marker> m_markers;
};

} // namespace stampede::ui
