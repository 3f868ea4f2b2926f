#pragma once

#include "core/studio/liverunmodel.h"
#include "core/studio/runcontroller.h"

#include <QHash>
#include <QWidget>

#include <map>

class QChart;
class QChartView;
class QLabel;
class QLineSeries;
class QListWidget;
class QPlainTextEdit;
class QTableView;
class QTreeWidget;
class QTreeWidgetItem;
class QValueAxis;

namespace stampede::ui {

class EndpointTableModel;

// The live view of a local run: charts (VUs, requests/s, response time
// percentiles, error rate, data rates, per-scenario rate and p95) on the left;
// the per-request table, the checks tree and the thresholds on the right; the
// result and the end-of-test summary once the run is over. Repaints once per
// snapshot (once per chunk when several arrive together) from the LiveRunModel's
// ring buffers, drawing at most ~1,000 points per line (min/max per bucket).
class LivePanel : public QWidget
{
    Q_OBJECT
public:
    explicit LivePanel(studio::LiveRunModel *model, QWidget *parent = nullptr);
    ~LivePanel() override;

    // A new run starts: clears everything.
    void runStarted();
    // The run is over: shows the result in words and the summary text.
    void runFinished(const studio::RunResult &result, const QString &summary);
    // The engine reports the run paused (REST API): the headline says so until it resumes.
    void setPaused(bool paused);

    // For tests and screenshots.
    QLineSeries *series(studio::LiveRunModel::Series which) const;
    QList<QLineSeries *> scenarioSeries() const;
    EndpointTableModel *endpointModel() const { return m_endpoints; }
    QTreeWidget *checksTree() const { return m_checks; }
    QListWidget *thresholdList() const { return m_thresholds; }
    QString headline() const;
    QString resultText() const;
    QString summaryText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Chart
    {
        QChart *chart = nullptr;
        QChartView *view = nullptr;
        QValueAxis *x = nullptr;
        QValueAxis *y = nullptr;
        QValueAxis *y2 = nullptr; // scenarios: p95 on the right
    };
    Chart makeChart(const QString &title, const QString &yTitle);
    QLineSeries *addSeries(Chart &chart, const QString &name, studio::LiveRunModel::Series which, QValueAxis *y = nullptr);
    void onSnapshot(const studio::LiveSnapshot &snapshot);
    void updateCharts();
    void updateChecks(const QList<studio::LiveCheck> &checks);
    void updateThresholds(const QList<studio::LiveThreshold> &thresholds);
    void applyChartTheme();

    studio::LiveRunModel *m_model;
    QLabel *m_headline = nullptr;
    bool m_paused = false;
    QLabel *m_result = nullptr;
    std::vector<Chart> m_charts;
    Chart m_scenarioChart;
    std::map<studio::LiveRunModel::Series, std::pair<QLineSeries *, size_t>> m_series; // -> series, chart index
    std::map<QString, std::pair<QLineSeries *, QLineSeries *>> m_scenarioLines;        // rate, p95
    EndpointTableModel *m_endpoints = nullptr;
    QTableView *m_endpointView = nullptr;
    QTreeWidget *m_checks = nullptr;
    QHash<QString, QTreeWidgetItem *> m_checkItems; // "group\ncheck" and "group" -> item
    QListWidget *m_thresholds = nullptr;
    QPlainTextEdit *m_summary = nullptr;
};

} // namespace stampede::ui
