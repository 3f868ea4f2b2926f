#include "ui/models/deltatablemodel.h"

#include "core/storage/runfigures.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace stampede::ui {

namespace {
const QColor kRegressionBackground(0xff, 0xcd, 0xd2);
const QColor kRegressionText(0xb7, 0x1c, 0x1c);
const QColor kImprovementBackground(0xc8, 0xe6, 0xc9);
const QColor kImprovementText(0x1b, 0x5e, 0x20);

QString signedPercent(double fraction)
{
    const QLocale locale;
    const QString number = locale.toString(fraction * 100.0, 'f', 1);
    return fraction > 0 ? u"+"_s + number : number;
}
} // namespace

DeltaTableModel::DeltaTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void DeltaTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void DeltaTableModel::setComparison(const storage::Comparison &c)
{
    beginResetModel();
    m_rows.clear();
    auto stateOf = [&c](const storage::Delta &d) {
        return d.regression ? State::Regression : storage::isImprovement(d, c.tolerance) ? State::Improvement : State::Neutral;
    };
    for (const storage::Delta &d : c.overall)
        m_rows.push_back({QString(), d, false, 0, 0, stateOf(d)});
    for (const storage::EndpointComparison &e : c.endpoints) {
        const QString scope = QString::fromStdString(e.method.empty() ? e.name : e.method + ' ' + e.name);
        if (e.deltas.empty()) {
            Row row{scope, {}, true, e.baseRequests, e.candidateRequests, State::Neutral};
            row.delta.metric = "requests";
            row.delta.base = double(e.baseRequests);
            row.delta.candidate = double(e.candidateRequests);
            m_rows.push_back(std::move(row));
            continue;
        }
        for (const storage::Delta &d : e.deltas)
            m_rows.push_back({scope, d, false, e.baseRequests, e.candidateRequests, stateOf(d)});
    }
    endResetModel();
}

DeltaTableModel::State DeltaTableModel::stateAt(int row) const
{
    return row >= 0 && size_t(row) < m_rows.size() ? m_rows[size_t(row)].state : State::Neutral;
}

int DeltaTableModel::rowOf(const QString &metric, const QString &scope) const
{
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].scope == scope && QString::fromStdString(m_rows[i].delta.metric) == metric)
            return int(i);
    return -1;
}

QString DeltaTableModel::judgementText(const storage::Judgement &j)
{
    //: A bootstrap judgement of a latency change: statistic, relative change, its 95 % confidence interval, verdict.
    return tr("%1 %2 % [95 % CI %3 %..%4 %], %5")
        .arg(metricText(j.statistic), signedPercent(j.relative), signedPercent(j.ciLow), signedPercent(j.ciHigh),
             j.significant ? tr("significant") : tr("not significant"));
}

QString DeltaTableModel::metricText(const std::string &metric)
{
    if (metric == "avg")
        return tr("avg");
    if (metric == "error rate")
        return tr("error rate");
    if (metric == "rps")
        return tr("requests/s");
    if (metric == "requests")
        return tr("requests");
    return QString::fromStdString(metric); // p90, p95, p99
}

QString DeltaTableModel::valueText(const Row &row, double v) const
{
    const QLocale locale;
    const std::string &m = row.delta.metric;
    if (m == "error rate")
        return tr("%1 %").arg(locale.toString(v * 100.0, 'f', 2));
    if (m == "rps")
        return tr("%1/s").arg(locale.toString(v, 'f', 1));
    if (m == "requests")
        return locale.toString(qulonglong(v));
    return tr("%1 ms").arg(locale.toString(v, 'f', 2));
}

int DeltaTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DeltaTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeltaTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    const storage::Delta &d = row.delta;
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Scope:
            return row.scope.isEmpty() ? tr("All requests") : row.scope;
        case Metric:
            return metricText(d.metric);
        case Base:
            return valueText(row, d.base);
        case Candidate:
            return valueText(row, d.candidate);
        case Change:
            if (row.tooFew)
                return QString();
            if (d.metric == "error rate" && !d.relative && d.candidate > 0)
                return tr("+%1 pp").arg(QLocale().toString((d.candidate - d.base) * 100.0, 'f', 2));
            return d.relative ? tr("%1 %").arg(signedPercent(*d.relative)) : u"–"_s;
        case Judgement:
            if (row.tooFew)
                return tr("too few requests to compare");
            if (d.judgement)
                return judgementText(*d.judgement);
            return row.state == State::Regression ? tr("regression")
                   : row.state == State::Improvement ? tr("improvement")
                                                     : QString();
        case ColumnCount:
            break;
        }
        return {};
    case StateRole:
        return row.state == State::Regression ? 1 : row.state == State::Improvement ? -1 : 0;
    case Qt::BackgroundRole:
        if (row.state == State::Regression)
            return QBrush(kRegressionBackground);
        if (row.state == State::Improvement)
            return QBrush(kImprovementBackground);
        return {};
    case Qt::ForegroundRole:
        if (row.state == State::Regression)
            return QBrush(kRegressionText);
        if (row.state == State::Improvement)
            return QBrush(kImprovementText);
        return {};
    case Qt::FontRole:
        if (row.scope.isEmpty() || (row.state != State::Neutral && index.column() == Change)) {
            QFont f;
            f.setBold(row.state != State::Neutral || index.column() == Scope);
            return f;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Base || index.column() == Candidate || index.column() == Change)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (row.state == State::Regression)
            return tr("Regression: worse than the base run beyond the tolerance");
        if (row.state == State::Improvement)
            return tr("Improvement: better than the base run beyond the tolerance");
        return {};
    default:
        return {};
    }
}

QVariant DeltaTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Scope:
        return tr("Request");
    case Metric:
        return tr("Metric");
    case Base:
        return tr("Base");
    case Candidate:
        return tr("Candidate");
    case Change:
        return tr("Change");
    case Judgement:
        return tr("Judgement");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace stampede::ui
