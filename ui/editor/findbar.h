#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace stampede::ui {

// The find/replace bar under the editor: plain text or regular expression,
// case sensitivity, next/previous (wrapping), replace and replace all.
class FindBar : public QWidget
{
    Q_OBJECT
public:
    explicit FindBar(QWidget *parent = nullptr);

    void setEditor(QPlainTextEdit *editor) { m_editor = editor; }
    // Shows the bar with the editor's selection as the search text; `replace` also focuses the replacement.
    void activate(bool replace);

    QLineEdit *findEdit() const { return m_find; }
    QLineEdit *replaceEdit() const { return m_replace; }
    void setRegularExpression(bool on);
    void setCaseSensitive(bool on);
    QString statusText() const;

public Q_SLOTS:
    bool findNext();
    bool findPrevious();
    bool replaceCurrent();
    int replaceAll();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    bool find(bool backward);
    void setStatus(const QString &text, bool error = false);

    QPlainTextEdit *m_editor = nullptr;
    QLineEdit *m_find = nullptr;
    QLineEdit *m_replace = nullptr;
    QCheckBox *m_regex = nullptr;
    QCheckBox *m_case = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace stampede::ui
