#pragma once

#include "core/storage/compare.h"
#include "core/storage/runfigures.h"

#include <QWidget>

#include <map>
#include <optional>

class QChart;
class QChartView;
class QLabel;
class QLineSeries;
class QTableView;
class QValueAxis;

namespace stampede::storage {
class HistoryDb;
}

namespace stampede::ui {

class DeltaTableModel;

// Two recorded runs of a test side by side: their per-second series overlaid on
// elapsed time (requests/s, p95 latency, error rate, VUs), the statistical judgement
// of the latency change, and the deltas per metric for the whole run and per request,
// regressions in red and improvements in green.
class CompareView : public QWidget
{
    Q_OBJECT
public:
    explicit CompareView(QWidget *parent = nullptr);
    ~CompareView() override;

    // Loads both runs from `db` and compares them. False (see errorString()) on failure.
    bool compare(storage::HistoryDb &db, int64_t baseRunId, int64_t candidateRunId, double tolerance = 0.10);
    void setRuns(storage::RunData base, storage::RunData candidate, double tolerance = 0.10);
    void clear();
    QString errorString() const { return m_error; }

    bool hasComparison() const { return m_comparison.has_value(); }
    const std::optional<storage::Comparison> &comparison() const { return m_comparison; }
    DeltaTableModel *deltaModel() const { return m_deltas; }
    QTableView *deltaView() const { return m_deltaView; }
    // The overlay series of a chart: the base run's (candidate = false) or the candidate's.
    QLineSeries *series(storage::SeriesKind kind, bool candidate) const;
    QString headline() const;
    QString verdictText() const;
    // The latency judgements, one per line ("p95 +12.0 % [95 % CI ...], significant").
    QString judgementText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Chart
    {
        QChart *chart = nullptr;
        QChartView *view = nullptr;
        QValueAxis *x = nullptr;
        QValueAxis *y = nullptr;
        QLineSeries *base = nullptr;
        QLineSeries *candidate = nullptr;
    };
    Chart makeChart(const QString &title, const QString &yTitle);
    void applyChartTheme();

    std::optional<storage::Comparison> m_comparison;
    QString m_error;
    QLabel *m_headline = nullptr;
    QLabel *m_verdict = nullptr;
    QLabel *m_judgements = nullptr;
    std::map<storage::SeriesKind, Chart> m_charts;
    DeltaTableModel *m_deltas = nullptr;
    QTableView *m_deltaView = nullptr;
};

} // namespace stampede::ui
