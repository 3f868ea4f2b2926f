#include "ui/editor/findbar.h"

#include "core/studio/edittools.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace stampede::ui {

FindBar::FindBar(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"findBar"_s);
    m_find = new QLineEdit(this);
    m_find->setObjectName(u"findEdit"_s);
    m_find->setPlaceholderText(tr("Find"));
    m_find->setClearButtonEnabled(true);
    m_replace = new QLineEdit(this);
    m_replace->setObjectName(u"replaceEdit"_s);
    m_replace->setPlaceholderText(tr("Replace with (\\1 inserts a group)"));
    m_regex = new QCheckBox(tr("Regular e&xpression"), this);
    m_case = new QCheckBox(tr("Match &case"), this);
    m_status = new QLabel(this);

    auto button = [this](const QString &text, const QString &tip) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        return b;
    };
    QToolButton *next = button(tr("Next"), tr("Find the next match (F3)"));
    QToolButton *previous = button(tr("Previous"), tr("Find the previous match (Shift+F3)"));
    QToolButton *replace = button(tr("Replace"), tr("Replace the current match and find the next"));
    QToolButton *replaceAllButton = button(tr("Replace All"), tr("Replace every match in the document"));
    QToolButton *close = button(u"✕"_s, tr("Close the find bar (Esc)"));

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setSpacing(4);
    layout->addWidget(m_find, 0, 0);
    layout->addWidget(next, 0, 1);
    layout->addWidget(previous, 0, 2);
    layout->addWidget(m_regex, 0, 3);
    layout->addWidget(m_case, 0, 4);
    layout->addWidget(m_status, 0, 5);
    layout->addWidget(close, 0, 6);
    layout->addWidget(m_replace, 1, 0);
    layout->addWidget(replace, 1, 1);
    layout->addWidget(replaceAllButton, 1, 2);
    layout->setColumnStretch(0, 2);
    layout->setColumnStretch(5, 1);

    connect(next, &QToolButton::clicked, this, &FindBar::findNext);
    connect(previous, &QToolButton::clicked, this, &FindBar::findPrevious);
    connect(replace, &QToolButton::clicked, this, &FindBar::replaceCurrent);
    connect(replaceAllButton, &QToolButton::clicked, this, &FindBar::replaceAll);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    connect(m_find, &QLineEdit::returnPressed, this, &FindBar::findNext);
    connect(m_replace, &QLineEdit::returnPressed, this, &FindBar::replaceCurrent);
}

void FindBar::activate(bool replace)
{
    show();
    if (m_editor && m_editor->textCursor().hasSelection() && !m_editor->textCursor().selectedText().contains(QChar::ParagraphSeparator))
        m_find->setText(m_editor->textCursor().selectedText());
    QLineEdit *focus = replace && !m_find->text().isEmpty() ? m_replace : m_find;
    focus->setFocus();
    focus->selectAll();
}

void FindBar::setRegularExpression(bool on)
{
    m_regex->setChecked(on);
}

void FindBar::setCaseSensitive(bool on)
{
    m_case->setChecked(on);
}

QString FindBar::statusText() const
{
    return m_status->text();
}

void FindBar::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    QPalette pal = palette();
    if (error)
        pal.setColor(QPalette::WindowText, QColor(0xd3, 0x2f, 0x2f));
    m_status->setPalette(pal);
}

bool FindBar::find(bool backward)
{
    if (!m_editor || m_find->text().isEmpty())
        return false;
    studio::FindOptions options;
    options.regularExpression = m_regex->isChecked();
    options.caseSensitive = m_case->isChecked();
    options.backward = backward;
    if (options.regularExpression && !QRegularExpression(m_find->text()).isValid()) {
        setStatus(tr("Invalid regular expression"), true);
        return false;
    }
    QTextCursor from = m_editor->textCursor();
    if (backward && from.hasSelection())
        from.setPosition(from.selectionStart());
    const QTextCursor found = studio::findText(m_editor->document(), m_find->text(), from, options);
    if (found.isNull()) {
        setStatus(tr("No matches"), true);
        return false;
    }
    setStatus({});
    m_editor->setTextCursor(found);
    m_editor->ensureCursorVisible();
    return true;
}

bool FindBar::findNext()
{
    return find(false);
}

bool FindBar::findPrevious()
{
    return find(true);
}

bool FindBar::replaceCurrent()
{
    if (!m_editor || m_editor->isReadOnly())
        return false;
    studio::FindOptions options;
    options.regularExpression = m_regex->isChecked();
    options.caseSensitive = m_case->isChecked();
    QTextCursor cursor = m_editor->textCursor();
    // Replace only when the selection is a whole match; otherwise just find one.
    const QString selected = cursor.selectedText();
    bool isMatch = false;
    if (cursor.hasSelection()) {
        if (options.regularExpression) {
            const QRegularExpression whole(QRegularExpression::anchoredPattern(m_find->text()),
                                           options.caseSensitive ? QRegularExpression::NoPatternOption
                                                                 : QRegularExpression::CaseInsensitiveOption);
            isMatch = whole.isValid() && whole.match(selected).hasMatch();
        } else {
            isMatch = selected.compare(m_find->text(), options.caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive) == 0;
        }
    }
    if (isMatch) {
        cursor.insertText(studio::expandReplacement(cursor.selectedText(), m_find->text(), m_replace->text(), options));
        m_editor->setTextCursor(cursor);
    }
    findNext();
    return isMatch;
}

int FindBar::replaceAll()
{
    if (!m_editor || m_editor->isReadOnly())
        return 0;
    studio::FindOptions options;
    options.regularExpression = m_regex->isChecked();
    options.caseSensitive = m_case->isChecked();
    const int n = studio::replaceAll(m_editor->document(), m_find->text(), m_replace->text(), options);
    if (n < 0)
        setStatus(tr("Invalid regular expression"), true);
    else
        setStatus(tr("%n replacement(s)", nullptr, n), n == 0);
    return qMax(0, n);
}

void FindBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        hide();
        if (m_editor)
            m_editor->setFocus();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace stampede::ui
