#pragma once

#include "core/studio/scriptchecker.h"

#include <QWidget>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace stampede::ui {

// The Problems list: what the last script check found, one row per diagnostic
// (file, line:column, message). Activating a row asks to show that place.
class ProblemsPane : public QWidget
{
    Q_OBJECT
public:
    explicit ProblemsPane(QWidget *parent = nullptr);

    void showResult(const studio::CheckResult &result);
    // "Checking…" while a check runs.
    void setChecking(const QString &scriptName);
    void clear();

    QTreeWidget *list() const { return m_list; }
    int problemCount() const;
    QList<studio::Diagnostic> diagnostics() const { return m_diagnostics; }
    QString statusText() const;

Q_SIGNALS:
    void problemActivated(const stampede::studio::Diagnostic &diagnostic);

private:
    QLabel *m_status = nullptr;
    QTreeWidget *m_list = nullptr;
    QList<studio::Diagnostic> m_diagnostics;
};

} // namespace stampede::ui
