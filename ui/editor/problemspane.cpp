#include "ui/editor/problemspane.h"

#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stampede::ui {

ProblemsPane::ProblemsPane(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"problemsPane"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    m_status = new QLabel(tr("Not checked yet. Save the script or use Run ▸ Check Script."), this);
    m_status->setObjectName(u"problemsStatus"_s);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(u"problemsList"_s);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    //: Columns of the Problems list.
    m_list->setHeaderLabels({tr("Message"), tr("File"), tr("Line")});
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    layout->addWidget(m_list, 1);
    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const int row = m_list->indexOfTopLevelItem(item);
        if (row >= 0 && row < m_diagnostics.size())
            Q_EMIT problemActivated(m_diagnostics.at(row));
    });
}

void ProblemsPane::clear()
{
    m_diagnostics.clear();
    m_list->clear();
}

void ProblemsPane::setChecking(const QString &scriptName)
{
    m_status->setText(tr("Checking %1…").arg(scriptName));
}

void ProblemsPane::showResult(const studio::CheckResult &result)
{
    clear();
    m_diagnostics = result.diagnostics;
    const QIcon errorIcon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warningIcon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (const studio::Diagnostic &d : result.diagnostics) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setIcon(0, d.severity == studio::Diagnostic::Severity::Error ? errorIcon : warningIcon);
        // The first line of the message; the whole message as the tooltip.
        item->setText(0, d.message.section(u'\n', 0, 0));
        item->setToolTip(0, d.message);
        item->setText(1, d.file.isEmpty() ? tr("Untitled") : QFileInfo(d.file).fileName());
        item->setToolTip(1, QDir::toNativeSeparators(d.file));
        //: Line and column of a problem, e.g. "12:5".
        item->setText(2, d.line <= 0 ? QString() : d.column > 0 ? tr("%1:%2").arg(d.line).arg(d.column)
                                                                  : QString::number(d.line));
    }
    const QString name = result.scriptPath.isEmpty() ? tr("Untitled") : QFileInfo(result.scriptPath).fileName();
    m_status->setText(tr("%1: %2").arg(name, result.summary));
    if (!m_diagnostics.isEmpty())
        m_list->setCurrentItem(m_list->topLevelItem(0));
}

int ProblemsPane::problemCount() const
{
    return int(m_diagnostics.size());
}

QString ProblemsPane::statusText() const
{
    return m_status->text();
}

} // namespace stampede::ui
