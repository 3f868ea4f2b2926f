#pragma once

#include "core/storage/compare.h"

#include <QAbstractTableModel>

#include <vector>

namespace stampede::ui {

// The per-metric deltas of a comparison: the whole run first, then each request
// (method and name). Regressions are shaded red, improvements green.
class DeltaTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Scope, Metric, Base, Candidate, Change, Judgement, ColumnCount };
    enum class State { Neutral, Regression, Improvement };
    // An int: -1 improvement, 0 neutral, 1 regression.
    static constexpr int StateRole = Qt::UserRole;

    explicit DeltaTableModel(QObject *parent = nullptr);

    void setComparison(const storage::Comparison &comparison);
    void clear();

    State stateAt(int row) const;
    // The row of `metric` ("p95", "error rate", "rps", ...) for the whole run, or for the
    // request "METHOD name"; -1 if none.
    int rowOf(const QString &metric, const QString &scope = {}) const;

    // "p95 +12.0 % [95 % CI +8.0 %..+16.0 %], significant", translated.
    static QString judgementText(const storage::Judgement &j);
    static QString metricText(const std::string &metric);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString scope;     // empty = the whole run
        storage::Delta delta;
        bool tooFew = false; // a request with too few samples on one side to compare
        uint64_t baseRequests = 0, candidateRequests = 0;
        State state = State::Neutral;
    };
    QString valueText(const Row &row, double v) const;

    std::vector<Row> m_rows;
};

} // namespace stampede::ui
