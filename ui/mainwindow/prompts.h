#pragma once

#include <QString>
#include <QStringList>

class QWidget;

namespace stampede::ui {

// Every question the main window asks the user, behind one interface so tests
// (and future headless tools) can answer without a modal dialog.
class Prompts
{
public:
    enum class SaveChoice { Save, Discard, Cancel };

    virtual ~Prompts() = default;

    // "<name> has unsaved changes. Save them?"
    virtual SaveChoice askSaveChanges(QWidget *parent, const QString &documentName) = 0;
    // Empty string = cancelled.
    virtual QString askOpenFileName(QWidget *parent, const QString &directory) = 0;
    virtual QString askSaveFileName(QWidget *parent, const QString &suggestedPath) = 0;
    // A test is running: stop it and continue (true) or go back (false)?
    virtual bool confirmStopRun(QWidget *parent) = 0;
    virtual void showError(QWidget *parent, const QString &title, const QString &message) = 0;
    // Autosaved contents of `documentNames` survived a crash: restore them (true) or discard them (false)?
    virtual bool askRecover(QWidget *parent, const QStringList &documentNames) = 0;
    // 1-based line number, 0 = cancelled.
    virtual int askLineNumber(QWidget *parent, int currentLine, int lineCount) = 0;
    // A project folder; empty = cancelled.
    virtual QString askFolder(QWidget *parent, const QString &directory) = 0;
};

// The real thing: QMessageBox and QFileDialog.
class DialogPrompts : public Prompts
{
public:
    SaveChoice askSaveChanges(QWidget *parent, const QString &documentName) override;
    QString askOpenFileName(QWidget *parent, const QString &directory) override;
    QString askSaveFileName(QWidget *parent, const QString &suggestedPath) override;
    bool confirmStopRun(QWidget *parent) override;
    void showError(QWidget *parent, const QString &title, const QString &message) override;
    bool askRecover(QWidget *parent, const QStringList &documentNames) override;
    int askLineNumber(QWidget *parent, int currentLine, int lineCount) override;
    QString askFolder(QWidget *parent, const QString &directory) override;
};

} // namespace stampede::ui
