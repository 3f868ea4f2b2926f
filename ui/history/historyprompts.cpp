#include "ui/history/historyprompts.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QMessageBox>
#include <QPushButton>

namespace stampede::ui {

bool DialogHistoryPrompts::confirmDelete(QWidget *parent, int count, const QString &what)
{
    QMessageBox box(QMessageBox::Warning, tr("Delete Runs"),
                    tr("Delete %n run(s) from the history for good?", nullptr, count), QMessageBox::NoButton, parent);
    box.setInformativeText(what);
    QPushButton *remove = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == remove;
}

QString DialogHistoryPrompts::askExportFileName(QWidget *parent, const QString &suggestedPath)
{
    return QFileDialog::getSaveFileName(parent, tr("Export Run"), suggestedPath,
                                        tr("HTML report (*.html);;JSON (*.json);;CSV (*.csv)"));
}

void DialogHistoryPrompts::showError(QWidget *parent, const QString &title, const QString &message)
{
    QMessageBox::warning(parent, title, message);
}

} // namespace stampede::ui
