#include "ui/editor/codeeditor.h"

#include "ui/editor/syntaxrepository.h"

#include "core/studio/edittools.h"
#include "core/studio/k6api.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QAbstractItemView>
#include <QCompleter>
#include <QFontDatabase>
#include <QScrollBar>
#include <QStandardItemModel>
#include <QKeyEvent>
#include <QPainter>
#include <QPlainTextDocumentLayout>
#include <QTextBlock>
#include <QToolTip>

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
    bool event(QEvent *event) override
    {
        if (event->type() == QEvent::ToolTip) {
            auto *help = static_cast<QHelpEvent *>(event);
            const QTextCursor cursor = m_editor->cursorForPosition(QPoint(0, help->pos().y()));
            const QString tip = m_editor->markerToolTip(cursor.blockNumber() + 1);
            if (tip.isEmpty())
                QToolTip::hideText();
            else
                QToolTip::showText(help->globalPos(), tip, this);
            return true;
        }
        return QWidget::event(event);
    }

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

    m_completionModel = new QStandardItemModel(this);
    m_completer = new QCompleter(m_completionModel, this);
    m_completer->setWidget(this);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseSensitive);
    m_completer->setModelSorting(QCompleter::CaseInsensitivelySortedModel);
    m_completer->setMaxVisibleItems(12);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this, &CodeEditor::insertCompletion);
}

CodeEditor::~CodeEditor()
{
    // The highlighter "changes" the document as it detaches: nothing here may listen any more.
    if (document())
        disconnect(document(), nullptr, this, nullptr);
    m_markers.clear();
    m_highlighter.reset();
}

void CodeEditor::setTextDocument(QTextDocument *doc)
{
    m_highlighter.reset(); // detaches from the previous document
    if (doc != document()) {
        disconnect(document(), &QTextDocument::contentsChange, this, &CodeEditor::onContentsChange);
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
    m_markers.clear();
    connect(doc, &QTextDocument::contentsChange, this, &CodeEditor::onContentsChange, Qt::UniqueConnection);
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
    return markerAreaWidth() + 8 + fontMetrics().horizontalAdvance(u'9') * digits;
}

int CodeEditor::markerAreaWidth() const
{
    return fontMetrics().height();
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

void CodeEditor::setCompletionApi(const studio::K6Api *api)
{
    m_api = api;
}

QStringList CodeEditor::completionNames() const
{
    QStringList names;
    for (int row = 0; row < m_completionModel->rowCount(); ++row)
        names.append(m_completionModel->item(row)->text());
    return names;
}

void CodeEditor::requestCompletion(bool explicitRequest)
{
    if (!m_api || isReadOnly())
        return;
    const studio::K6Api::Completions c = m_api->complete(toPlainText(), textCursor().position());
    const QChar before = document()->characterAt(textCursor().position() - 1);
    if (c.items.isEmpty() || (!explicitRequest && c.prefix.isEmpty() && before != u'.' && before != u'/' &&
                              before != u'\'' && before != u'"')) {
        m_completer->popup()->hide();
        return;
    }
    m_completionModel->clear();
    for (const studio::K6Api::Entry &e : c.items) {
        auto *item = new QStandardItem(e.name);
        item->setEditable(false);
        QString detail = e.kind;
        if (!e.signature.isEmpty())
            detail += u"  "_s + e.name + e.signature;
        if (!e.doc.isEmpty())
            detail += u"\n"_s + e.doc;
        item->setToolTip(detail);
        m_completionModel->appendRow(item);
    }
    m_completionPrefix = c.prefix;
    m_completer->setCompletionPrefix(c.prefix);
    m_completer->popup()->setCurrentIndex(m_completer->completionModel()->index(0, 0));
    QRect rect = cursorRect();
    rect.setWidth(m_completer->popup()->sizeHintForColumn(0) + m_completer->popup()->verticalScrollBar()->sizeHint().width() + 8);
    m_completer->complete(rect);
}

void CodeEditor::insertCompletion(const QString &completion)
{
    if (m_completer->widget() != this)
        return;
    QTextCursor cursor = textCursor();
    cursor.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, int(m_completionPrefix.size()));
    cursor.insertText(completion);
    setTextCursor(cursor);
    m_completionPrefix.clear();
}

void CodeEditor::toggleComment()
{
    if (isReadOnly())
        return;
    QTextCursor cursor = textCursor();
    studio::toggleLineComments(cursor);
}

void CodeEditor::goToLine(int line)
{
    QTextCursor cursor = textCursor();
    studio::goToLine(cursor, line);
    setTextCursor(cursor);
    centerCursor();
}

void CodeEditor::keyPressEvent(QKeyEvent *event)
{
    // While the popup is open, these keys belong to it.
    if (m_completer->popup()->isVisible()) {
        switch (event->key()) {
        case Qt::Key_Enter:
        case Qt::Key_Return:
        case Qt::Key_Escape:
        case Qt::Key_Tab:
        case Qt::Key_Backtab:
            event->ignore();
            return;
        default:
            break;
        }
    }
    if (event->key() == Qt::Key_Space && (event->modifiers() & Qt::ControlModifier)) {
        requestCompletion(true);
        return;
    }
    if (event->key() == Qt::Key_Slash && (event->modifiers() & Qt::ControlModifier)) {
        toggleComment();
        return;
    }
    const QString typed = event->text();
    const bool wordOrDot = !typed.isEmpty() && !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier)) &&
                           (typed.at(typed.size() - 1).isLetterOrNumber() || typed.endsWith(u'.') ||
                            typed.endsWith(u'_') || typed.endsWith(u'/') || typed.endsWith(u'\''));
    keyPressEventWithoutCompletion(event);
    if (m_api && wordOrDot)
        requestCompletion(false);
    else if (m_completer->popup()->isVisible() && (event->key() == Qt::Key_Backspace))
        requestCompletion(false);
    else if (!wordOrDot && !typed.isEmpty())
        m_completer->popup()->hide();
}

void CodeEditor::keyPressEventWithoutCompletion(QKeyEvent *event)
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
    // The bracket next to the cursor and its partner; an unmatched one in red.
    const studio::BracketMatch match = studio::matchBracket(document(), textCursor().position());
    m_brackets = {match.bracket, match.partner};
    if (!isReadOnly()) {
        QTextEdit::ExtraSelection selection;
        selection.format.setBackground(m_currentLineColor.isValid() ? m_currentLineColor
                                                                    : palette().color(QPalette::AlternateBase));
        selection.format.setProperty(QTextFormat::FullWidthSelection, true);
        selection.cursor = textCursor();
        selection.cursor.clearSelection();
        selections.append(selection);
    }
    if (match.bracket >= 0) {
        const bool dark = palette().color(QPalette::Base).lightness() < 128;
        for (int pos : {match.bracket, match.partner}) {
            if (pos < 0)
                continue;
            QTextEdit::ExtraSelection bracket;
            bracket.cursor = QTextCursor(document());
            bracket.cursor.setPosition(pos);
            bracket.cursor.setPosition(pos + 1, QTextCursor::KeepAnchor);
            if (match.partner < 0) {
                bracket.format.setBackground(QColor(0xd3, 0x2f, 0x2f, 120));
            } else {
                bracket.format.setBackground(dark ? QColor(0x3a, 0x6e, 0x3a) : QColor(0xb4, 0xe6, 0xb4));
                bracket.format.setFontWeight(QFont::Bold);
            }
            selections.append(bracket);
        }
    }
    appendMarkerSelections(selections);
    setExtraSelections(selections);
    m_lineNumberArea->update();
}

// --- error markers ------------------------------------------------------------------

void CodeEditor::setDiagnostics(const QList<studio::Diagnostic> &diagnostics)
{
    m_markers.clear();
    QTextDocument *doc = document();
    for (const studio::Diagnostic &d : diagnostics) {
        QTextBlock block = doc->findBlockByNumber(qMax(0, d.line - 1));
        if (!block.isValid())
            block = doc->lastBlock();
        const QString text = block.text();
        int from = 0;
        int to = int(text.size());
        if (d.column > 0) {
            from = qMin(d.column - 1, int(text.size()));
            // Underline the word (or the one character) at the column.
            to = from;
            while (to < text.size() && (text.at(to).isLetterOrNumber() || text.at(to) == u'_' || text.at(to) == u'$'))
                ++to;
            if (to == from && to < text.size())
                ++to;
        } else {
            while (from < to && text.at(from).isSpace())
                ++from;
        }
        if (from == to && from > 0)
            --from; // the end of the line: underline the last character
        Marker m;
        m.diagnostic = d;
        m.range = QTextCursor(doc);
        m.range.setPosition(block.position() + from);
        m.range.setPosition(block.position() + to, QTextCursor::KeepAnchor);
        m.lineText = text;
        m_markers.push_back(m);
    }
    highlightCurrentLine();
    m_lineNumberArea->update();
}

QList<int> CodeEditor::markedLines() const
{
    QList<int> lines;
    for (const Marker &m : m_markers)
        if (!lines.contains(m.line()))
            lines.append(m.line());
    std::sort(lines.begin(), lines.end());
    return lines;
}

QString CodeEditor::markerToolTip(int line) const
{
    QStringList messages;
    for (const Marker &m : m_markers)
        if (m.line() == line)
            messages.append(m.diagnostic.message);
    return messages.join(u'\n');
}

void CodeEditor::onContentsChange(int position, int removed, int added)
{
    Q_UNUSED(removed)
    if (m_markers.empty())
        return;
    // Highlighting also reports "changes" (formats only): a marker goes when its line's text changed.
    const int first = document()->findBlock(position).blockNumber() + 1;
    const int last = document()->findBlock(position + added).blockNumber() + 1;
    const auto before = m_markers.size();
    std::erase_if(m_markers, [&](const Marker &m) {
        const int line = m.line();
        return line >= first && line <= last && m.range.block().text() != m.lineText;
    });
    if (m_markers.size() != before) {
        highlightCurrentLine();
        m_lineNumberArea->update();
    }
}

void CodeEditor::appendMarkerSelections(QList<QTextEdit::ExtraSelection> &selections) const
{
    for (const Marker &m : m_markers) {
        // The whole line lightly tinted, so a one-character error is easy to spot.
        QTextEdit::ExtraSelection line;
        line.cursor = m.range;
        line.cursor.clearSelection();
        line.format.setProperty(QTextFormat::FullWidthSelection, true);
        line.format.setBackground(m.diagnostic.severity == studio::Diagnostic::Severity::Error
                                      ? QColor(0xe0, 0x1b, 0x24, 36)
                                      : QColor(0xe5, 0xa5, 0x0a, 36));
        selections.append(line);
        QTextEdit::ExtraSelection underline;
        underline.cursor = m.range;
        underline.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        underline.format.setUnderlineColor(m.diagnostic.severity == studio::Diagnostic::Severity::Error
                                               ? QColor(0xe0, 0x1b, 0x24)
                                               : QColor(0xe5, 0xa5, 0x0a));
        underline.format.setToolTip(m.diagnostic.message);
        selections.append(underline);
    }
}

bool CodeEditor::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip && !m_markers.empty()) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QTextCursor cursor = cursorForPosition(help->pos());
        const QString tip = markerToolTip(cursor.blockNumber() + 1);
        if (!tip.isEmpty()) {
            QToolTip::showText(help->globalPos(), tip, viewport());
            return true;
        }
        QToolTip::hideText();
    }
    return QPlainTextEdit::viewportEvent(event);
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
    const QList<int> marked = markedLines();
    while (block.isValid() && top <= event->rect().bottom()) {
        const qreal bottom = top + blockBoundingRect(block).height();
        if (block.isVisible() && bottom >= event->rect().top()) {
            if (marked.contains(number + 1)) {
                // A red dot with a white bar: the line has an error.
                const int size = qMax(8, lineHeight - 4);
                const QRectF dot(2 + (markerAreaWidth() - size) / 2.0, top + (lineHeight - size) / 2.0, size, size);
                painter.save();
                painter.setRenderHint(QPainter::Antialiasing);
                painter.setPen(Qt::NoPen);
                painter.setBrush(QColor(0xe0, 0x1b, 0x24));
                painter.drawEllipse(dot);
                painter.setPen(QPen(Qt::white, qMax(1.5, size / 7.0), Qt::SolidLine, Qt::RoundCap));
                painter.drawLine(QPointF(dot.center().x(), dot.top() + size * 0.25),
                                 QPointF(dot.center().x(), dot.top() + size * 0.58));
                painter.drawPoint(QPointF(dot.center().x(), dot.top() + size * 0.76));
                painter.restore();
            }
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
