#include "ui/history/compareview.h"

#include "ui/charts/timechart.h"

#include "core/storage/historydb.h"
#include "ui/models/deltatablemodel.h"
#include "ui/models/runlistmodel.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QEvent>
#include <QGraphicsLayout>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QPen>
#include <QRegularExpression>
#include <QSplitter>
#include <QTableView>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;
using stampede::storage::SeriesKind;

namespace stampede::ui {

namespace {
const QColor kBaseColor(0x1e, 0x88, 0xe5);
const QColor kCandidateColor(0xef, 0x6c, 0x00);
const QColor kRegressionColor(0xc6, 0x28, 0x28);
const QColor kImprovementColor(0x2e, 0x7d, 0x32);

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

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}
} // namespace

CompareView::CompareView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"compareView"_s);
    m_headline = new QLabel(tr("Select two runs of a test in the history (or one run and its baseline) to compare them."),
                            this);
    m_headline->setObjectName(u"compareHeadline"_s);
    m_headline->setWordWrap(true);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verdict = new QLabel(this);
    m_verdict->setObjectName(u"compareVerdict"_s);
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_verdict->font();
    bold.setBold(true);
    m_verdict->setFont(bold);
    m_judgements = new QLabel(this);
    m_judgements->setObjectName(u"compareJudgements"_s);
    m_judgements->setTextFormat(Qt::RichText);
    m_judgements->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *chartGrid = new QWidget(this);
    auto *grid = new QGridLayout(chartGrid);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(2);
    const std::pair<SeriesKind, std::pair<QString, QString>> charts[] = {
        {SeriesKind::RequestRate, {tr("Requests per second"), tr("req/s")}},
        {SeriesKind::P95, {tr("p95 response time"), tr("ms")}},
        {SeriesKind::ErrorRate, {tr("Error rate"), tr("%")}},
        {SeriesKind::Vus, {tr("Virtual users"), tr("VUs")}},
    };
    int i = 0;
    for (const auto &[kind, titles] : charts) {
        m_charts[kind] = makeChart(titles.first, titles.second);
        grid->addWidget(m_charts[kind].view, i / 2, i % 2);
        ++i;
    }

    m_deltas = new DeltaTableModel(this);
    m_deltaView = new QTableView(this);
    m_deltaView->setObjectName(u"deltaTable"_s);
    m_deltaView->setModel(m_deltas);
    m_deltaView->verticalHeader()->hide();
    m_deltaView->verticalHeader()->setDefaultSectionSize(m_deltaView->fontMetrics().height() + 6);
    m_deltaView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_deltaView->setWordWrap(false);
    m_deltaView->setTextElideMode(Qt::ElideMiddle);
    QHeaderView *header = m_deltaView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(DeltaTableModel::Judgement, QHeaderView::Stretch);
    header->setHighlightSections(false);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(4);
    topLayout->addWidget(m_headline);
    topLayout->addWidget(m_verdict);
    topLayout->addWidget(m_judgements);
    topLayout->addWidget(chartGrid, 1);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(u"compareSplitter"_s);
    split->addWidget(top);
    split->addWidget(m_deltaView);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    applyChartTheme();
    clear();
}

CompareView::~CompareView() = default;

CompareView::Chart CompareView::makeChart(const QString &title, const QString &yTitle)
{
    const TimeChart t = makeTimeChart(font(), title, yTitle, 6, 5);
    Chart c;
    c.chart = t.chart;
    c.x = t.x;
    c.y = t.y;
    c.x->setTitleText(tr("elapsed"));
    c.x->setTitleFont(t.small);
    // The candidate first, so the dashed base line stays visible where both are equal.
    for (bool candidate : {true, false}) {
        auto *s = new QLineSeries(c.chart);
        QPen pen(candidate ? kCandidateColor : kBaseColor);
        pen.setWidthF(2.0);
        if (!candidate)
            pen.setStyle(Qt::DashLine);
        s->setPen(pen);
        c.chart->addSeries(s);
        s->attachAxis(c.x);
        s->attachAxis(c.y);
        (candidate ? c.candidate : c.base) = s;
    }
    c.view = new QChartView(c.chart, this);
    c.view->setRenderHint(QPainter::Antialiasing);
    c.view->setMinimumSize(200, 150);
    return c;
}

void CompareView::clear()
{
    m_comparison.reset();
    for (auto &[kind, c] : m_charts) {
        c.base->clear();
        c.candidate->clear();
        c.base->setName(tr("base"));
        c.candidate->setName(tr("candidate"));
    }
    m_deltas->clear();
    m_verdict->clear();
    m_judgements->clear();
}

bool CompareView::compare(storage::HistoryDb &db, int64_t baseRunId, int64_t candidateRunId, double tolerance)
{
    auto base = storage::loadRun(db, baseRunId);
    if (!base) {
        m_error = qs(base.error().toString());
        return false;
    }
    auto candidate = storage::loadRun(db, candidateRunId);
    if (!candidate) {
        m_error = qs(candidate.error().toString());
        return false;
    }
    m_error.clear();
    setRuns(std::move(*base), std::move(*candidate), tolerance);
    return true;
}

void CompareView::setRuns(storage::RunData base, storage::RunData candidate, double tolerance)
{
    clear();
    m_comparison = storage::compareRuns(base, candidate, tolerance);
    const storage::Comparison &c = *m_comparison;
    const QLocale locale;
    auto describe = [&locale](const storage::RunRecord &r) {
        return tr("#%1 of %2 (%3)")
            .arg(r.id)
            .arg(locale.toString(QDateTime::fromMSecsSinceEpoch(r.startedMs), QLocale::ShortFormat),
                 RunListModel::verdictText(r.verdict));
    };
    m_headline->setText(tr("%1: base run %2 against run %3")
                            .arg(qs(c.candidate.scriptName), describe(c.base), describe(c.candidate)));

    QPalette pal = m_verdict->palette();
    if (c.regression()) {
        QStringList what;
        for (const storage::Delta &d : c.overall)
            if (d.regression)
                what.append(DeltaTableModel::metricText(d.metric));
        const auto regressedRequests =
            std::count_if(c.endpoints.begin(), c.endpoints.end(), [](const auto &e) { return e.regression; });
        if (regressedRequests > 0)
            what.append(tr("%n request(s)", nullptr, int(regressedRequests)));
        m_verdict->setText(tr("Regression beyond the tolerance of %1 %: %2")
                               .arg(locale.toString(c.tolerance * 100.0, 'f', 0), what.join(u", "_s)));
        pal.setColor(QPalette::WindowText, kRegressionColor);
    } else {
        m_verdict->setText(tr("No regression beyond the tolerance of %1 %.").arg(locale.toString(c.tolerance * 100.0, 'f', 0)));
        pal.setColor(QPalette::WindowText, kImprovementColor);
    }
    m_verdict->setPalette(pal);

    QStringList lines;
    for (const storage::Delta &d : c.overall) {
        if (!d.judgement)
            continue;
        const QString text = DeltaTableModel::judgementText(*d.judgement).toHtmlEscaped();
        const bool improvement = storage::isImprovement(d, c.tolerance);
        if (d.regression || improvement)
            lines.append(u"<span style=\"color:%1; font-weight:bold\">%2</span>"_s.arg(
                (d.regression ? kRegressionColor : kImprovementColor).name(), text));
        else
            lines.append(text);
    }
    m_judgements->setText(lines.isEmpty() ? tr("Too few requests for a statistical judgement of the latency.")
                                          : lines.join(u"<br>"_s));

    for (auto &[kind, chart] : m_charts) {
        double maxX = 1, maxY = 0;
        for (bool isCandidate : {false, true}) {
            const storage::RunData &run = isCandidate ? candidate : base;
            QList<QPointF> points;
            for (const auto &[x, y] : storage::runSeries(run, kind)) {
                points.append(QPointF(x, y));
                maxX = std::max(maxX, x);
                maxY = std::max(maxY, y);
            }
            QLineSeries *s = isCandidate ? chart.candidate : chart.base;
            s->replace(points);
            s->setName(isCandidate ? tr("candidate #%1").arg(run.run.id) : tr("base #%1").arg(run.run.id));
        }
        // Whole seconds on x and round numbers on y, about five ticks each.
        const double xMax = std::max(1.0, std::ceil(maxX));
        const double xStep = std::max(1.0, niceCeiling(xMax / 6));
        chart.x->setTickType(QValueAxis::TicksDynamic);
        chart.x->setTickAnchor(0);
        chart.x->setTickInterval(xStep);
        chart.x->setRange(0, xStep * std::ceil(xMax / xStep));
        const double yStep = niceCeiling(std::max(maxY * 1.05, 1e-9) / 4);
        chart.y->setTickType(QValueAxis::TicksDynamic);
        chart.y->setTickAnchor(0);
        chart.y->setTickInterval(maxY > 0 ? yStep : 0.25);
        chart.y->setRange(0, maxY > 0 ? yStep * std::ceil(maxY * 1.05 / yStep) : 1);
    }
    m_deltas->setComparison(c);
}

QLineSeries *CompareView::series(SeriesKind kind, bool candidate) const
{
    const auto it = m_charts.find(kind);
    if (it == m_charts.end())
        return nullptr;
    return candidate ? it->second.candidate : it->second.base;
}

QString CompareView::headline() const
{
    return m_headline->text();
}

QString CompareView::verdictText() const
{
    return m_verdict->text();
}

QString CompareView::judgementText() const
{
    QString text = m_judgements->text();
    text.replace(u"<br>"_s, u"\n"_s);
    static const QRegularExpression tags(u"<[^>]*>"_s);
    text.remove(tags);
    return text;
}

void CompareView::applyChartTheme()
{
    for (auto &[kind, c] : m_charts)
        applyChartPalette(c.chart, {c.x, c.y}, palette());
}

void CompareView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        applyChartTheme();
}

} // namespace stampede::ui
