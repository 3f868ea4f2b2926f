#pragma once

#include <QPlainTextEdit>

#include <memory>

namespace KSyntaxHighlighting {
class SyntaxHighlighter;
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

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    friend class LineNumberArea;
    void paintLineNumbers(QPaintEvent *event);
    void updateLineNumberAreaWidth();
    void updateLineNumberArea(const QRect &rect, int dy);
    void highlightCurrentLine();
    void applyTheme();
    void applyFont();

    QWidget *m_lineNumberArea = nullptr; // child widget
    std::unique_ptr<KSyntaxHighlighting::SyntaxHighlighter> m_highlighter;
    QColor m_currentLineColor;
    QColor m_lineNumberColor;
    QColor m_currentLineNumberColor;
    QColor m_gutterColor;
    bool m_applyingTheme = false;
};

} // namespace stampede::ui
