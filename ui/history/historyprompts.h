#pragma once

#include <QCoreApplication>
#include <QString>

class QWidget;

namespace stampede::ui {

// The questions the history view asks, behind an interface like Prompts so tests can
// answer without a modal dialog.
class HistoryPrompts
{
public:
    virtual ~HistoryPrompts() = default;
    // Delete `count` runs (described by `what`) for good?
    virtual bool confirmDelete(QWidget *parent, int count, const QString &what) = 0;
    // Where to export; the extension (.html, .json, .csv) picks the format. Empty = cancelled.
    virtual QString askExportFileName(QWidget *parent, const QString &suggestedPath) = 0;
    virtual void showError(QWidget *parent, const QString &title, const QString &message) = 0;
};

// The real thing: QMessageBox and QFileDialog.
class DialogHistoryPrompts : public HistoryPrompts
{
    Q_DECLARE_TR_FUNCTIONS(stampede::ui::DialogHistoryPrompts)
public:
    bool confirmDelete(QWidget *parent, int count, const QString &what) override;
    QString askExportFileName(QWidget *parent, const QString &suggestedPath) override;
    void showError(QWidget *parent, const QString &title, const QString &message) override;
};

} // namespace stampede::ui
