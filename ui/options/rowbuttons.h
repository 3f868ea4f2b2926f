#pragma once

#include <QStringList>
#include <QWidget>

class QAbstractItemView;
class QTableWidget;
class QToolButton;

namespace stampede::ui {

// The "+" and "−" buttons (and, with Moving, "↑" and "↓") that edit the rows of a list or table of
// the Options panel. They act on the view's current row: remove and move say which row, and do
// nothing while there is none.
class RowButtons : public QWidget
{
    Q_OBJECT
public:
    enum class Moves { No, Yes };
    struct Tips
    {
        QString add;
        QString remove;
        QString up = {};
        QString down = {};
    };

    RowButtons(QAbstractItemView *view, const Tips &tips, Moves moves, QWidget *parent);

    QToolButton *addButton() const { return m_add; }
    QToolButton *removeButton() const { return m_remove; }

Q_SIGNALS:
    void addClicked();
    void removeClicked(int row);
    void moveClicked(int row, int delta);

private:
    QAbstractItemView *m_view;
    QToolButton *m_add;
    QToolButton *m_remove;
};

// Appends a row of text cells to `table` and makes its first cell current; returns the row.
int appendRow(QTableWidget *table, const QStringList &texts);

// Whether `row` is a row of `table`.
bool hasRow(const QTableWidget *table, int row);

} // namespace stampede::ui
