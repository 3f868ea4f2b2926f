#include "ui/mainwindow/prompts.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QMessageBox>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace stampede::ui {

namespace {
QString scriptFilter()
{
    return QCoreApplication::translate("stampede::ui::Prompts", "k6 scripts (*.js *.mjs);;All files (*)");
}
} // namespace

Prompts::SaveChoice DialogPrompts::askSaveChanges(QWidget *parent, const QString &documentName)
{
    QMessageBox box(QMessageBox::Warning, QCoreApplication::translate("stampede::ui::Prompts", "Unsaved Changes"),
                    QCoreApplication::translate("stampede::ui::Prompts", "\"%1\" has unsaved changes.").arg(documentName),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, parent);
    box.setInformativeText(QCoreApplication::translate("stampede::ui::Prompts", "Do you want to save them?"));
    box.setDefaultButton(QMessageBox::Save);
    box.setEscapeButton(QMessageBox::Cancel);
    switch (box.exec()) {
    case QMessageBox::Save:
        return SaveChoice::Save;
    case QMessageBox::Discard:
        return SaveChoice::Discard;
    default:
        return SaveChoice::Cancel;
    }
}

QString DialogPrompts::askOpenFileName(QWidget *parent, const QString &directory)
{
    return QFileDialog::getOpenFileName(parent, QCoreApplication::translate("stampede::ui::Prompts", "Open Script"),
                                        directory, scriptFilter());
}

QString DialogPrompts::askSaveFileName(QWidget *parent, const QString &suggestedPath)
{
    return QFileDialog::getSaveFileName(parent, QCoreApplication::translate("stampede::ui::Prompts", "Save Script As"),
                                        suggestedPath, scriptFilter());
}

bool DialogPrompts::confirmStopRun(QWidget *parent)
{
    QMessageBox box(QMessageBox::Question, QCoreApplication::translate("stampede::ui::Prompts", "Test Running"),
                    QCoreApplication::translate("stampede::ui::Prompts", "A load test is still running."),
                    QMessageBox::NoButton, parent);
    box.setInformativeText(QCoreApplication::translate("stampede::ui::Prompts", "Stop it and continue?"));
    QPushButton *stop = box.addButton(QCoreApplication::translate("stampede::ui::Prompts", "Stop Test"),
                                      QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == stop;
}

void DialogPrompts::showError(QWidget *parent, const QString &title, const QString &message)
{
    QMessageBox::critical(parent, title, message);
}

} // namespace stampede::ui
