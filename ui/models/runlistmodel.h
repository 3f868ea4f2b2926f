#pragma once

#include "core/storage/historydb.h"
#include "core/storage/runfigures.h"

#include <QAbstractTableModel>

#include <vector>

namespace stampede::ui {

// The recorded runs of the history, one row each (newest first, as listed).
// Qt::DisplayRole is the text; Qt::UserRole is a sortable value (numbers, times).
class RunListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Baseline, Started, Test, Verdict, Exit, Duration, VusMax, Requests, P95, ErrorRate, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;
    static constexpr int RunIdRole = Qt::UserRole + 1;

    explicit RunListModel(QObject *parent = nullptr);

    void setRuns(std::vector<storage::RunRecord> runs);
    const std::vector<storage::RunRecord> &runs() const { return m_runs; }
    // The run in `row`, or null.
    const storage::RunRecord *runAt(int row) const;
    int rowOf(int64_t runId) const;

    // The verdict in words, translated ("Passed", "Thresholds failed", ...).
    static QString verdictText(storage::Verdict verdict);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<storage::RunRecord> m_runs;
    std::vector<storage::RunFigures> m_figures;
};

} // namespace stampede::ui
