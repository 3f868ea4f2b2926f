#include "ui/run/livepanel.h"

#include "ui/charts/timechart.h"
#include "ui/run/endpointtablemodel.h"

#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QFontDatabase>
#include <QGraphicsLayout>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QTreeWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;
using Series = stampede::studio::LiveRunModel::Series;

namespace stampede::ui {

namespace {
const QColor kFailColor(0xd3, 0x2f, 0x2f);
const QColor kPassColor(0x2e, 0x7d, 0x32);

// More points than a chart is wide in pixels only cost time: a long run (7,200 points
// per series after two hours) would spend ~45 ms per second in QLineSeries::replace()
// alone. Above this many points a series is drawn from the minimum and the maximum of
// each of kMaxChartPoints / 2 buckets, so spikes stay visible.
constexpr qsizetype kMaxChartPoints = 1000;

QList<QPointF> pointsOf(const studio::RingBuffer<QPointF> &ring)
{
    const qsizetype n = ring.size();
    QList<QPointF> points;
    if (n <= kMaxChartPoints) {
        points.reserve(n);
        for (qsizetype i = 0; i < n; ++i)
            points.append(ring.at(i));
        return points;
    }
    const qsizetype buckets = kMaxChartPoints / 2;
    points.reserve(kMaxChartPoints + 2);
    points.append(ring.at(0));
    for (qsizetype b = 0; b < buckets; ++b) {
        const qsizetype from = b * n / buckets;
        const qsizetype to = (b + 1) * n / buckets;
        qsizetype lo = from, hi = from;
        for (qsizetype i = from + 1; i < to; ++i) {
            const double y = ring.at(i).y();
            if (y < ring.at(lo).y())
                lo = i;
            if (y > ring.at(hi).y())
                hi = i;
        }
        for (qsizetype i : {qMin(lo, hi), qMax(lo, hi)})
            if (points.constLast().x() < ring.at(i).x())
                points.append(ring.at(i));
    }
    if (points.constLast().x() < ring.last().x())
        points.append(ring.last()); // the latest value is always exact
    return points;
}

// A "nice" upper bound for an axis: 1, 2 or 5 times a power of ten.
double niceCeiling(double v)
{
    if (v <= 0)
        return 1;
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (v <= m * p)
            return m * p;
    return 10 * p;
}

} // namespace

LivePanel::LivePanel(studio::LiveRunModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    setObjectName(u"livePanel"_s);

    m_headline = new QLabel(tr("No run yet. Run a script to see live results here."), this);
    m_headline->setObjectName(u"liveHeadline"_s);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result = new QLabel(this);
    m_result->setObjectName(u"liveResult"_s);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setWordWrap(true);
    QFont bold = m_result->font();
    bold.setBold(true);
    m_result->setFont(bold);
    m_result->hide();

    // Charts.
    auto *chartGrid = new QWidget(this);
    auto *grid = new QGridLayout(chartGrid);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(2);
    {
        Chart vus = makeChart(tr("Virtual users"), tr("VUs"));
        m_charts.push_back(vus);
        addSeries(m_charts.back(), tr("VUs"), Series::Vus);

        m_charts.push_back(makeChart(tr("Requests per second"), tr("req/s")));
        addSeries(m_charts.back(), tr("req/s"), Series::RequestRate);

        m_charts.push_back(makeChart(tr("Response time"), tr("ms")));
        addSeries(m_charts.back(), tr("p50"), Series::P50);
        addSeries(m_charts.back(), tr("p90"), Series::P90);
        addSeries(m_charts.back(), tr("p95"), Series::P95);
        addSeries(m_charts.back(), tr("p99"), Series::P99);
        addSeries(m_charts.back(), tr("max"), Series::Max);

        m_charts.push_back(makeChart(tr("Error rate"), tr("%")));
        addSeries(m_charts.back(), tr("failed requests"), Series::ErrorRate)->setColor(kFailColor);

        m_charts.push_back(makeChart(tr("Data per second"), tr("kB/s")));
        addSeries(m_charts.back(), tr("sent"), Series::SentRate);
        addSeries(m_charts.back(), tr("received"), Series::ReceivedRate);

        m_scenarioChart = makeChart(tr("Scenarios"), tr("iterations/s"));
        m_scenarioChart.y2 = new QValueAxis(m_scenarioChart.chart);
        m_scenarioChart.y2->setLabelFormat(u"%g"_s);
        m_scenarioChart.y2->setRange(0, 1);
        m_scenarioChart.y2->setTickCount(3);
        //: Title of the right axis of the scenarios chart: each scenario's p95 iteration duration.
        m_scenarioChart.y2->setTitleText(tr("p95 ms (dashed)"));
        m_scenarioChart.y2->setTitleFont(m_scenarioChart.y->titleFont());
        m_scenarioChart.y2->setLabelsFont(m_scenarioChart.y->labelsFont());
        m_scenarioChart.chart->addAxis(m_scenarioChart.y2, Qt::AlignRight);
    }
    for (size_t i = 0; i < m_charts.size(); ++i)
        grid->addWidget(m_charts[i].view, int(i / 3), int(i % 3));
    grid->addWidget(m_scenarioChart.view, 1, 2);

    // Requests table.
    m_endpoints = new EndpointTableModel(this);
    m_endpointView = new QTableView(this);
    m_endpointView->setObjectName(u"endpointTable"_s);
    m_endpointView->setModel(m_endpoints);
    m_endpointView->verticalHeader()->hide();
    m_endpointView->verticalHeader()->setDefaultSectionSize(m_endpointView->fontMetrics().height() + 6);
    m_endpointView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_endpointView->setAlternatingRowColors(true);
    m_endpointView->setWordWrap(false);
    m_endpointView->setTextElideMode(Qt::ElideMiddle);
    QHeaderView *header = m_endpointView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(EndpointTableModel::Name, QHeaderView::Stretch);
    header->setHighlightSections(false);

    // Checks and thresholds.
    m_checks = new QTreeWidget(this);
    m_checks->setObjectName(u"checksTree"_s);
    m_checks->setColumnCount(3);
    m_checks->setHeaderLabels({tr("Check"), tr("Passes"), tr("Fails")});
    m_checks->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_checks->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_checks->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_checks->header()->setStretchLastSection(false);
    m_checks->setRootIsDecorated(true);
    m_checks->setUniformRowHeights(true);

    m_thresholds = new QListWidget(this);
    m_thresholds->setObjectName(u"thresholdList"_s);
    m_thresholds->setUniformItemSizes(true);

    m_summary = new QPlainTextEdit(this);
    m_summary->setObjectName(u"summaryView"_s);
    m_summary->setReadOnly(true);
    m_summary->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_summary->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_summary->setPlaceholderText(tr("The end-of-test summary appears here when the run is over."));

    auto titled = [this](const QString &title, QWidget *content) {
        auto *box = new QWidget(this);
        auto *layout = new QVBoxLayout(box);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(2);
        auto *label = new QLabel(title, box);
        QFont f = label->font();
        f.setBold(true);
        label->setFont(f);
        layout->addWidget(label);
        layout->addWidget(content, 1);
        return box;
    };

    auto *checksAndThresholds = new QSplitter(Qt::Horizontal, this);
    checksAndThresholds->addWidget(titled(tr("Checks"), m_checks));
    checksAndThresholds->addWidget(titled(tr("Thresholds"), m_thresholds));
    checksAndThresholds->setChildrenCollapsible(false);

    auto *side = new QSplitter(Qt::Vertical, this);
    side->setObjectName(u"liveSide"_s);
    side->addWidget(titled(tr("Requests"), m_endpointView));
    side->addWidget(checksAndThresholds);
    side->addWidget(titled(tr("Summary"), m_summary));
    side->setStretchFactor(0, 5);
    side->setStretchFactor(1, 3);
    side->setStretchFactor(2, 2);
    side->setChildrenCollapsible(false);

    auto *main = new QSplitter(Qt::Horizontal, this);
    main->setObjectName(u"liveSplitter"_s);
    main->addWidget(chartGrid);
    main->addWidget(side);
    main->setStretchFactor(0, 3);
    main->setStretchFactor(1, 2);
    main->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_headline);
    layout->addWidget(m_result);
    layout->addWidget(main, 1);

    applyChartTheme();
    connect(m_model, &studio::LiveRunModel::snapshotAdded, this, &LivePanel::onSnapshot);
}

LivePanel::~LivePanel() = default;

LivePanel::Chart LivePanel::makeChart(const QString &title, const QString &yTitle)
{
    const TimeChart t = makeTimeChart(font(), title, yTitle, 3, 3);
    Chart c;
    c.chart = t.chart;
    c.x = t.x;
    c.y = t.y;
    c.view = new QChartView(c.chart, this);
    c.view->setRenderHint(QPainter::Antialiasing);
    c.view->setMinimumSize(160, 120);
    return c;
}

QLineSeries *LivePanel::addSeries(Chart &chart, const QString &name, Series which, QValueAxis *y)
{
    auto *series = new QLineSeries(chart.chart);
    series->setName(name);
    series->setUseOpenGL(false);
    chart.chart->addSeries(series);
    series->attachAxis(chart.x);
    series->attachAxis(y ? y : chart.y);
    // A single-series chart needs no legend.
    chart.chart->legend()->setVisible(chart.chart->series().size() > 1);
    m_series[which] = {series, size_t(&chart - m_charts.data())};
    return series;
}

QLineSeries *LivePanel::series(Series which) const
{
    const auto it = m_series.find(which);
    return it == m_series.end() ? nullptr : it->second.first;
}

QList<QLineSeries *> LivePanel::scenarioSeries() const
{
    QList<QLineSeries *> out;
    for (const auto &[name, pair] : m_scenarioLines)
        out << pair.first << pair.second;
    return out;
}

QString LivePanel::headline() const
{
    return m_headline->text();
}

QString LivePanel::resultText() const
{
    return m_result->isHidden() ? QString() : m_result->text();
}

QString LivePanel::summaryText() const
{
    return m_summary->toPlainText();
}

void LivePanel::setPaused(bool paused)
{
    m_paused = paused;
}

void LivePanel::runStarted()
{
    m_paused = false;
    for (auto &[which, entry] : m_series)
        entry.first->clear();
    for (auto &[name, pair] : m_scenarioLines) {
        m_scenarioChart.chart->removeSeries(pair.first);
        m_scenarioChart.chart->removeSeries(pair.second);
        delete pair.first;
        delete pair.second;
    }
    m_scenarioLines.clear();
    m_scenarioChart.chart->legend()->setVisible(false);
    m_endpoints->clear();
    m_checks->clear();
    m_checkItems.clear();
    m_thresholds->clear();
    m_summary->clear();
    m_result->clear();
    m_result->hide();
    m_headline->setText(tr("Starting…"));
    updateCharts();
}

void LivePanel::runFinished(const studio::RunResult &result, const QString &summary)
{
    const bool ok = result.outcome == studio::RunResult::Outcome::Exited && result.exitCode == 0;
    m_result->setText(result.explanation);
    QPalette pal = m_result->palette();
    pal.setColor(QPalette::WindowText, ok ? kPassColor : kFailColor);
    m_result->setPalette(pal);
    m_result->show();
    m_summary->setPlainText(summary);
    // The run is over: the summary is what matters now, give it half of the side column.
    if (auto *side = findChild<QSplitter *>(u"liveSide"_s)) {
        const int h = side->height();
        side->setSizes({h * 3 / 10, h / 5, h / 2});
    }
    if (!m_model->hasSnapshot())
        m_headline->setText(tr("The run ended without live data."));
}

void LivePanel::onSnapshot(const studio::LiveSnapshot &s)
{
    const QLocale locale;
    const int secs = int(s.elapsed);
    m_headline->setText(
        (s.final ? tr("Finished after %1:%2") : m_paused ? tr("Paused at %1:%2") : tr("Running for %1:%2"))
            .arg(secs / 60, 2, 10, QChar(u'0')).arg(secs % 60, 2, 10, QChar(u'0')) +
        u"   ·   "_s + tr("%1 of %2 VUs").arg(locale.toString(s.vus, 'f', 0), locale.toString(s.vusMax, 'f', 0)) +
        u"   ·   "_s + tr("%n request(s)", nullptr, int(qMin<qint64>(s.http.total, INT_MAX))) +
        u"   ·   "_s + tr("%1 failed").arg(locale.toString(s.http.failed)) + u"   ·   "_s +
        tr("%n iteration(s)", nullptr, int(qMin<qint64>(s.iterations, INT_MAX))));
    // Several snapshots in one chunk (the GUI was busy): redraw the charts once, for the last.
    if (!m_model->moreInChunk())
        updateCharts();
    m_endpoints->update(s.endpoints);
    updateChecks(s.checks);
    updateThresholds(s.thresholds);
}

void LivePanel::updateCharts()
{
    std::vector<double> yMax(m_charts.size(), 0.0);
    double xMin = 0, xMax = 10;
    bool any = false;
    for (auto &[which, entry] : m_series) {
        const auto &ring = m_model->series(which);
        QList<QPointF> points = pointsOf(ring);
        if (which == Series::SentRate || which == Series::ReceivedRate)
            for (QPointF &p : points)
                p.ry() /= 1000.0; // kB/s
        entry.first->replace(points); // one signal per series and second
        for (const QPointF &p : points)
            yMax[entry.second] = qMax(yMax[entry.second], p.y());
        if (!points.isEmpty()) {
            xMin = any ? qMin(xMin, points.constFirst().x()) : points.constFirst().x();
            xMax = qMax(xMax, points.constLast().x());
            any = true;
        }
    }
    xMin = std::floor(xMin);
    xMax = std::ceil(xMax);

    // Scenarios: a rate line (left axis) and a dashed p95 line (right axis) each.
    double rateMax = 0, p95Max = 0;
    const QStringList names = m_model->scenarioNames();
    for (const QString &name : names) {
        auto it = m_scenarioLines.find(name);
        if (it == m_scenarioLines.end()) {
            auto *rate = new QLineSeries(m_scenarioChart.chart);
            rate->setName(tr("%1 rate").arg(name));
            auto *p95 = new QLineSeries(m_scenarioChart.chart);
            //: Legend entry of a scenario's p95 iteration duration line, drawn dashed against the right axis (ms).
            p95->setName(tr("%1 p95").arg(name));
            m_scenarioChart.chart->addSeries(rate);
            m_scenarioChart.chart->addSeries(p95);
            rate->attachAxis(m_scenarioChart.x);
            rate->attachAxis(m_scenarioChart.y);
            p95->attachAxis(m_scenarioChart.x);
            p95->attachAxis(m_scenarioChart.y2);
            QPen pen = p95->pen();
            pen.setColor(rate->color());
            pen.setStyle(Qt::DashLine);
            p95->setPen(pen);
            it = m_scenarioLines.emplace(name, std::make_pair(rate, p95)).first;
            m_scenarioChart.chart->legend()->setVisible(true);
        }
        const auto *rings = m_model->scenarioSeries(name);
        const QList<QPointF> ratePoints = pointsOf(rings->rate);
        const QList<QPointF> p95Points = pointsOf(rings->p95);
        it->second.first->replace(ratePoints);
        it->second.second->replace(p95Points);
        for (const QPointF &p : ratePoints)
            rateMax = qMax(rateMax, p.y());
        for (const QPointF &p : p95Points)
            p95Max = qMax(p95Max, p.y());
    }

    for (size_t i = 0; i < m_charts.size(); ++i) {
        m_charts[i].x->setRange(xMin, xMax);
        m_charts[i].y->setRange(0, niceCeiling(yMax[i] * 1.05));
    }
    m_scenarioChart.x->setRange(xMin, xMax);
    m_scenarioChart.y->setRange(0, niceCeiling(rateMax * 1.05));
    m_scenarioChart.y2->setRange(0, niceCeiling(p95Max * 1.05));
}

void LivePanel::updateChecks(const QList<studio::LiveCheck> &checks)
{
    // Group paths "::outer::inner" become nested items; counts update in place.
    auto groupItem = [this](const QString &group) {
        QTreeWidgetItem *parent = nullptr;
        QString path;
        const QStringList parts = group.split(u"::"_s, Qt::SkipEmptyParts);
        for (const QString &part : parts) {
            path += u"::"_s + part;
            QTreeWidgetItem *&item = m_checkItems[path];
            if (!item) {
                item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_checks);
                item->setText(0, part);
                item->setIcon(0, QIcon::fromTheme(u"folder"_s));
                item->setExpanded(true);
            }
            parent = item;
        }
        return parent;
    };
    QHash<QTreeWidgetItem *, std::pair<qint64, qint64>> groupTotals;
    for (const studio::LiveCheck &c : checks) {
        QTreeWidgetItem *parent = groupItem(c.group);
        QTreeWidgetItem *&item = m_checkItems[c.group + u'\n' + c.name];
        if (!item) {
            item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_checks);
            item->setText(0, c.name);
            item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
            item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
            if (parent)
                parent->setExpanded(true);
        }
        const QLocale locale;
        item->setText(1, locale.toString(c.passes));
        item->setText(2, locale.toString(c.fails));
        const bool failing = c.fails > 0;
        for (int col = 0; col < 3; ++col)
            item->setForeground(col, failing ? QBrush(kFailColor) : QBrush());
        item->setText(0, (failing ? u"✗ "_s : u"✓ "_s) + c.name);
        for (QTreeWidgetItem *p = parent; p; p = p->parent()) {
            auto &totals = groupTotals[p];
            totals.first += c.passes;
            totals.second += c.fails;
        }
    }
    for (auto it = groupTotals.cbegin(); it != groupTotals.cend(); ++it) {
        const QLocale locale;
        it.key()->setText(1, locale.toString(it.value().first));
        it.key()->setText(2, locale.toString(it.value().second));
        it.key()->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        it.key()->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        for (int col = 0; col < 3; ++col)
            it.key()->setForeground(col, it.value().second > 0 ? QBrush(kFailColor) : QBrush());
    }
}

void LivePanel::updateThresholds(const QList<studio::LiveThreshold> &thresholds)
{
    // One item per metric + expression, in the snapshot's (sorted) order; a failed one stays red.
    for (int i = 0; i < thresholds.size(); ++i) {
        const studio::LiveThreshold &t = thresholds.at(i);
        const QString text = t.metric + u": "_s + t.expression;
        QListWidgetItem *item = nullptr;
        for (int row = 0; row < m_thresholds->count() && !item; ++row)
            if (m_thresholds->item(row)->data(Qt::UserRole).toString() == text)
                item = m_thresholds->item(row);
        if (!item) {
            item = new QListWidgetItem(m_thresholds);
            item->setData(Qt::UserRole, text);
        }
        const bool failed = !t.ok || m_model->hasThresholdFailed(t.metric, t.expression);
        item->setText((failed ? u"✗ "_s : u"✓ "_s) + text);
        item->setData(Qt::UserRole + 1, failed);
        item->setForeground(failed ? QBrush(Qt::white) : QBrush(kPassColor));
        item->setBackground(failed ? QBrush(kFailColor) : QBrush());
        item->setToolTip(failed ? tr("This threshold failed: the run will exit with code 99.")
                                : tr("This threshold holds so far."));
    }
}

void LivePanel::applyChartTheme()
{
    // Keep the series colours; only the background and text follow the palette.
    for (Chart &c : m_charts)
        applyChartPalette(c.chart, {c.x, c.y, c.y2}, palette());
    applyChartPalette(m_scenarioChart.chart, {m_scenarioChart.x, m_scenarioChart.y, m_scenarioChart.y2}, palette());
}

void LivePanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        applyChartTheme();
}

} // namespace stampede::ui
