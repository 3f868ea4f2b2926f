#include "ui/mainwindow/prompts.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace stampede::ui {

namespace {
QString scriptFilter()
{
    return QCoreApplication::translate("stampede::ui::Prompts", "k6 scripts (*.js *.mjs *.ts);;Data files (*.csv *.json *.har);;All files (*)");
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


bool DialogPrompts::askRecover(QWidget *parent, const QStringList &documentNames)
{
    QMessageBox box(QMessageBox::Question, QCoreApplication::translate("stampede::ui::Prompts", "Recover Unsaved Work"),
                    QCoreApplication::translate("stampede::ui::Prompts",
                                                "Stampede Studio did not close properly. Unsaved changes to %n "
                                                "document(s) were kept.", nullptr, int(documentNames.size())),
                    QMessageBox::NoButton, parent);
    box.setInformativeText(documentNames.join(u'\n'));
    QPushButton *recover = box.addButton(QCoreApplication::translate("stampede::ui::Prompts", "Recover"),
                                         QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Discard);
    box.setDefaultButton(recover);
    box.exec();
    return box.clickedButton() == recover;
}

int DialogPrompts::askLineNumber(QWidget *parent, int currentLine, int lineCount)
{
    bool ok = false;
    const int line = QInputDialog::getInt(parent, QCoreApplication::translate("stampede::ui::Prompts", "Go to Line"),
                                          QCoreApplication::translate("stampede::ui::Prompts", "Line (1–%1):").arg(lineCount),
                                          currentLine, 1, qMax(1, lineCount), 1, &ok);
    return ok ? line : 0;
}

QString DialogPrompts::askFolder(QWidget *parent, const QString &directory)
{
    return QFileDialog::getExistingDirectory(parent, QCoreApplication::translate("stampede::ui::Prompts", "Open Project Folder"),
                                             directory);
}

} // namespace stampede::ui
