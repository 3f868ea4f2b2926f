#include "ui/editor/codeeditor.h"

#include "ui/editor/syntaxrepository.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>
#include <QPlainTextDocumentLayout>
#include <QTextBlock>

using namespace Qt::StringLiterals;

namespace stampede::ui {

class LineNumberArea : public QWidget
{
public:
    explicit LineNumberArea(CodeEditor *editor)
        : QWidget(editor)
        , m_editor(editor)
    {
    }
    QSize sizeHint() const override { return {m_editor->lineNumberAreaWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *event) override { m_editor->paintLineNumbers(event); }

private:
    CodeEditor *m_editor;
};

CodeEditor::CodeEditor(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_lineNumberArea(new LineNumberArea(this))
{
    setObjectName(u"codeEditor"_s);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setCenterOnScroll(false);

    connect(this, &QPlainTextEdit::blockCountChanged, this, &CodeEditor::updateLineNumberAreaWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, &CodeEditor::updateLineNumberArea);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &CodeEditor::highlightCurrentLine);

    applyFont();
    setTextDocument(document());
}

CodeEditor::~CodeEditor() = default;

void CodeEditor::setTextDocument(QTextDocument *doc)
{
    m_highlighter.reset(); // detaches from the previous document
    if (doc != document()) {
        // QPlainTextEdit needs a plain-text layout on the document it shows.
        if (!qobject_cast<QPlainTextDocumentLayout *>(doc->documentLayout()))
            doc->setDocumentLayout(new QPlainTextDocumentLayout(doc));
        setDocument(doc);
        applyFont();
    }
    doc->setDocumentMargin(6); // a little air between the line numbers and the text
    m_highlighter = std::make_unique<KSyntaxHighlighting::SyntaxHighlighter>();
    const KSyntaxHighlighting::Definition definition = syntaxRepository().definitionForName(u"JavaScript"_s);
    if (definition.isValid())
        m_highlighter->setDefinition(definition);
    else
        qWarning("CodeEditor: no JavaScript syntax definition; highlighting is off");
    m_highlighter->setDocument(doc);
    applyTheme();
    updateLineNumberAreaWidth();
    highlightCurrentLine();
}

QString CodeEditor::syntaxName() const
{
    return m_highlighter ? m_highlighter->definition().name() : QString();
}

QString CodeEditor::themeName() const
{
    return m_highlighter ? m_highlighter->theme().name() : QString();
}

void CodeEditor::applyFont()
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setStyleHint(QFont::Monospace);
    font.setFixedPitch(true);
    setFont(font);
    document()->setDefaultFont(font);
    setTabStopDistance(QFontMetricsF(font).horizontalAdvance(u' ') * 4);
}

void CodeEditor::applyTheme()
{
    if (!m_highlighter || m_applyingTheme)
        return;
    m_applyingTheme = true;
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    const KSyntaxHighlighting::Theme theme = syntaxRepository().defaultTheme(
        dark ? KSyntaxHighlighting::Repository::DarkTheme : KSyntaxHighlighting::Repository::LightTheme);
    m_highlighter->setTheme(theme);
    m_highlighter->rehighlight();

    QPalette pal = palette();
    if (theme.isValid()) {
        pal.setColor(QPalette::Base, QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::BackgroundColor)));
        pal.setColor(QPalette::Text, QColor::fromRgba(theme.textColor(KSyntaxHighlighting::Theme::Normal)));
        pal.setColor(QPalette::Highlight, QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::TextSelection)));
        m_currentLineColor = QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::CurrentLine));
        m_lineNumberColor = QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::LineNumbers));
        m_currentLineNumberColor = QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::CurrentLineNumber));
        m_gutterColor = QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::IconBorder));
        setPalette(pal);
    } else {
        m_currentLineColor = pal.color(QPalette::AlternateBase);
        m_lineNumberColor = pal.color(QPalette::PlaceholderText);
        m_currentLineNumberColor = pal.color(QPalette::Text);
        m_gutterColor = pal.color(QPalette::Window);
    }
    m_applyingTheme = false;
    highlightCurrentLine();
    m_lineNumberArea->update();
}

void CodeEditor::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::ApplicationPaletteChange || event->type() == QEvent::StyleChange) {
        // Back to the application palette, then pick the matching theme.
        setPalette(QPalette());
        applyTheme();
    } else if (event->type() == QEvent::FontChange) {
        updateLineNumberAreaWidth();
    }
}

int CodeEditor::lineNumberAreaWidth() const
{
    int digits = 1;
    for (int max = qMax(1, blockCount()); max >= 10; max /= 10)
        ++digits;
    digits = qMax(3, digits);
    return 12 + fontMetrics().horizontalAdvance(u'9') * digits;
}

void CodeEditor::updateLineNumberAreaWidth()
{
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
}

void CodeEditor::updateLineNumberArea(const QRect &rect, int dy)
{
    if (dy)
        m_lineNumberArea->scroll(0, dy);
    else
        m_lineNumberArea->update(0, rect.y(), m_lineNumberArea->width(), rect.height());
    if (rect.contains(viewport()->rect()))
        updateLineNumberAreaWidth();
}

void CodeEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect cr = contentsRect();
    m_lineNumberArea->setGeometry(QRect(cr.left(), cr.top(), lineNumberAreaWidth(), cr.height()));
}

void CodeEditor::keyPressEvent(QKeyEvent *event)
{
    // Enter keeps the indentation of the current line.
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) &&
        !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))) {
        const QString line = textCursor().block().text();
        const int column = textCursor().positionInBlock();
        qsizetype indent = 0;
        while (indent < qMin<qsizetype>(line.size(), column) && (line.at(indent) == u' ' || line.at(indent) == u'\t'))
            ++indent;
        QPlainTextEdit::keyPressEvent(event);
        if (indent > 0) {
            QTextCursor cursor = textCursor();
            cursor.insertText(line.left(indent));
            setTextCursor(cursor);
        }
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

void CodeEditor::highlightCurrentLine()
{
    QList<QTextEdit::ExtraSelection> selections;
    if (!isReadOnly()) {
        QTextEdit::ExtraSelection selection;
        selection.format.setBackground(m_currentLineColor.isValid() ? m_currentLineColor
                                                                    : palette().color(QPalette::AlternateBase));
        selection.format.setProperty(QTextFormat::FullWidthSelection, true);
        selection.cursor = textCursor();
        selection.cursor.clearSelection();
        selections.append(selection);
    }
    setExtraSelections(selections);
    m_lineNumberArea->update();
}

void CodeEditor::paintLineNumbers(QPaintEvent *event)
{
    QPainter painter(m_lineNumberArea);
    painter.fillRect(event->rect(), m_gutterColor.isValid() ? m_gutterColor : palette().color(QPalette::Window));
    painter.setFont(font());

    const int currentBlock = textCursor().blockNumber();
    QTextBlock block = firstVisibleBlock();
    int number = block.blockNumber();
    qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
    const int width = m_lineNumberArea->width() - 6;
    const int lineHeight = fontMetrics().height();
    while (block.isValid() && top <= event->rect().bottom()) {
        const qreal bottom = top + blockBoundingRect(block).height();
        if (block.isVisible() && bottom >= event->rect().top()) {
            const bool current = number == currentBlock;
            painter.setPen(current ? m_currentLineNumberColor : m_lineNumberColor);
            QFont f = font();
            f.setBold(current);
            painter.setFont(f);
            painter.drawText(0, qRound(top), width, lineHeight, Qt::AlignRight | Qt::AlignVCenter,
                             QString::number(number + 1));
        }
        block = block.next();
        top = bottom;
        ++number;
    }
}

} // namespace stampede::ui
