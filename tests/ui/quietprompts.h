#pragma once

#include "ui/mainwindow/prompts.h"

#include <QStringList>

// Prompts for offscreen tests: never blocks; discards unsaved changes, declines recovery, and
// keeps the error messages it was asked to show.
class QuietPrompts : public stampede::ui::Prompts
{
public:
    SaveChoice askSaveChanges(QWidget *, const QString &) override { return SaveChoice::Discard; }
    QString askOpenFileName(QWidget *, const QString &) override { return {}; }
    QString askSaveFileName(QWidget *, const QString &) override { return {}; }
    bool confirmStopRun(QWidget *) override { return true; }
    void showError(QWidget *, const QString &, const QString &message) override { errors.append(message); }
    bool askRecover(QWidget *, const QStringList &) override { return false; }
    int askLineNumber(QWidget *, int, int) override { return 0; }
    QString askFolder(QWidget *, const QString &) override { return {}; }
    QStringList errors;
};
