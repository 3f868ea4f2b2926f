#pragma once

#include "core/storage/historydb.h"

#include <QDate>
#include <QStringList>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace stampede::ui {

class HistoryPrompts;
class RunListModel;

// The local run history (the same SQLite database as `stampede history`): the recorded
// runs with their verdicts and headline figures, filters by test, date range and
// verdict, and what can be done with a run: star it as its test's baseline, compare it,
// run it again with the same options, export it, delete it.
class HistoryView : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryView(QWidget *parent = nullptr);
    ~HistoryView() override;

    // Opens the database (created if missing). Default: HistoryDb::defaultPath(),
    // i.e. $STAMPEDE_HISTORY_DB or the user's data directory, like the CLI.
    bool setDatabasePath(const QString &path);
    QString databasePath() const;
    storage::HistoryDb *database() const { return m_db.get(); }
    QString errorString() const { return m_error; }

    // Replaces the dialogs (tests inject scripted answers). Never null.
    void setPrompts(std::unique_ptr<HistoryPrompts> prompts);
    // Where re-runs put the recorded options and snapshots. Default: <app data>/rerun.
    void setWorkDirectory(const QString &directory) { m_workDir = directory; }

    // Filters. An empty test (or nullopt verdict, or invalid date) means "any".
    void setTestFilter(const QString &test);
    void setVerdictFilter(std::optional<storage::Verdict> verdict);
    void setDateRange(const QDate &from, const QDate &to);
    QStringList tests() const; // the tests offered by the test filter (full paths)

    RunListModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    // The runs shown, top to bottom (after sorting).
    std::vector<int64_t> visibleRunIds() const;
    std::vector<int64_t> selectedRunIds() const;
    void selectRuns(const std::vector<int64_t> &ids);

    // Actions on runs; errors go to the prompts' showError.
    bool setBaseline(int64_t runId, bool on);
    bool deleteRuns(const std::vector<int64_t> &ids); // asks first
    bool exportRun(int64_t runId, const QString &path); // format from the extension: html, csv, else json
    bool rerun(int64_t runId);
    // Emits compareRequested(older, newer) for two runs, or (baseline, run) for one.
    bool compareSelected();
    bool compareWithBaseline(int64_t runId);

public Q_SLOTS:
    // Reloads the runs (after a run finished, or on request).
    void refresh();

Q_SIGNALS:
    void compareRequested(qint64 baseRunId, qint64 candidateRunId);
    // Run `script` with `arguments` (before the script); `note` says why a snapshot is used.
    void rerunRequested(const QString &script, const QStringList &arguments, const QString &note);
    void selectionChanged();

private:
    void updateActions();
    void reloadTests();
    storage::RunFilter currentFilter() const;
    void showError(const QString &title, const QString &message);
    const storage::RunRecord *recordOf(int64_t runId) const;

    std::unique_ptr<storage::HistoryDb> m_db;
    std::unique_ptr<HistoryPrompts> m_prompts;
    QString m_error;
    QString m_workDir;
    RunListModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QComboBox *m_testFilter = nullptr;
    QComboBox *m_verdictFilter = nullptr;
    QCheckBox *m_fromCheck = nullptr;
    QCheckBox *m_toCheck = nullptr;
    QDateEdit *m_fromDate = nullptr;
    QDateEdit *m_toDate = nullptr;
    QLabel *m_countLabel = nullptr;
    QPushButton *m_baselineButton = nullptr;
    QPushButton *m_compareButton = nullptr;
    QPushButton *m_compareBaselineButton = nullptr;
    QPushButton *m_rerunButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    bool m_reloading = false;
};

} // namespace stampede::ui
