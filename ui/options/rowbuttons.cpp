#include "ui/options/rowbuttons.h"

#include <QAbstractItemView>
#include <QHBoxLayout>
#include <QTableWidget>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace stampede::ui {

namespace {

QToolButton *toolButton(const QString &text, const QString &tip, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(tip);
    b->setAutoRaise(true);
    return b;
}

} // namespace

RowButtons::RowButtons(QAbstractItemView *view, const Tips &tips, Moves moves, QWidget *parent)
    : QWidget(parent)
    , m_view(view)
    , m_add(toolButton(u"+"_s, tips.add, this))
    , m_remove(toolButton(u"−"_s, tips.remove, this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_add);
    layout->addWidget(m_remove);
    connect(m_add, &QToolButton::clicked, this, &RowButtons::addClicked);
    connect(m_remove, &QToolButton::clicked, this, [this] { Q_EMIT removeClicked(m_view->currentIndex().row()); });
    if (moves == Moves::Yes) {
        QToolButton *up = toolButton(u"↑"_s, tips.up, this);
        QToolButton *down = toolButton(u"↓"_s, tips.down, this);
        layout->addWidget(up);
        layout->addWidget(down);
        connect(up, &QToolButton::clicked, this, [this] { Q_EMIT moveClicked(m_view->currentIndex().row(), -1); });
        connect(down, &QToolButton::clicked, this, [this] { Q_EMIT moveClicked(m_view->currentIndex().row(), +1); });
    }
}

int appendRow(QTableWidget *table, const QStringList &texts)
{
    const int row = table->rowCount();
    table->insertRow(row);
    for (int column = 0; column < texts.size(); ++column)
        table->setItem(row, column, new QTableWidgetItem(texts.at(column)));
    table->setCurrentCell(row, 0);
    return row;
}

bool hasRow(const QTableWidget *table, int row)
{
    return row >= 0 && row < table->rowCount();
}

} // namespace stampede::ui
