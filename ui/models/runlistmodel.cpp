#include "ui/models/runlistmodel.h"

#include "core/studio/exitcodes.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QDir>
#include <QFont>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace stampede::ui {

namespace {
const QColor kFailColor(0xc6, 0x28, 0x28);
const QColor kPassColor(0x2e, 0x7d, 0x32);
const QColor kMutedColor(0x75, 0x75, 0x75);
} // namespace

RunListModel::RunListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void RunListModel::setRuns(std::vector<storage::RunRecord> runs)
{
    beginResetModel();
    m_runs = std::move(runs);
    m_figures.clear();
    m_figures.reserve(m_runs.size());
    for (const storage::RunRecord &r : m_runs)
        m_figures.push_back(storage::runFigures(r));
    endResetModel();
}

const storage::RunRecord *RunListModel::runAt(int row) const
{
    return row >= 0 && size_t(row) < m_runs.size() ? &m_runs[size_t(row)] : nullptr;
}

int RunListModel::rowOf(int64_t runId) const
{
    for (size_t i = 0; i < m_runs.size(); ++i)
        if (m_runs[i].id == runId)
            return int(i);
    return -1;
}

QString RunListModel::verdictText(storage::Verdict verdict)
{
    switch (verdict) {
    case storage::Verdict::Running:
        return tr("Running");
    case storage::Verdict::Passed:
        return tr("Passed");
    case storage::Verdict::ThresholdsFailed:
        return tr("Thresholds failed");
    case storage::Verdict::Aborted:
        return tr("Aborted");
    case storage::Verdict::Interrupted:
        return tr("Interrupted");
    case storage::Verdict::Error:
        return tr("Error");
    }
    return {};
}

int RunListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunListModel::data(const QModelIndex &index, int role) const
{
    const storage::RunRecord *r = runAt(index.row());
    if (!r || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    const storage::RunFigures &f = m_figures[size_t(index.row())];
    const QLocale locale;
    if (role == RunIdRole)
        return qlonglong(r->id);
    if (role == Qt::DisplayRole) {
        switch (Column(index.column())) {
        case Baseline:
            return r->baseline ? u"★"_s : QString();
        case Started:
            return locale.toString(QDateTime::fromMSecsSinceEpoch(r->startedMs), u"yyyy-MM-dd HH:mm:ss"_s);
        case Test:
            return QString::fromStdString(r->scriptName);
        case Verdict:
            return verdictText(r->verdict);
        case Exit:
            return r->exitCode < 0 ? tr("unknown") : studio::explainExitCode(r->exitCode);
        case Duration:
            return r->durationSeconds() > 0 ? tr("%1 s").arg(locale.toString(r->durationSeconds(), 'f', 1)) : u"–"_s;
        case VusMax:
            return f.vusMax ? locale.toString(*f.vusMax, 'f', 0) : u"–"_s;
        case Requests:
            return f.requests ? locale.toString(qlonglong(*f.requests)) : u"–"_s;
        case P95:
            return f.p95 ? tr("%1 ms").arg(locale.toString(*f.p95, 'f', 2)) : u"–"_s;
        case ErrorRate:
            return f.errorRate ? tr("%1 %").arg(locale.toString(*f.errorRate * 100.0, 'f', 2)) : u"–"_s;
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == SortRole) {
        switch (Column(index.column())) {
        case Baseline:
            return r->baseline ? 1 : 0;
        case Started:
            return qlonglong(r->startedMs);
        case Test:
            return QString::fromStdString(r->scriptName);
        case Verdict:
            return int(r->verdict);
        case Exit:
            return r->exitCode;
        case Duration:
            return r->durationSeconds();
        case VusMax:
            return f.vusMax.value_or(-1);
        case Requests:
            return f.requests.value_or(-1);
        case P95:
            return f.p95.value_or(-1);
        case ErrorRate:
            return f.errorRate.value_or(-1);
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == Test)
            return QDir::toNativeSeparators(QString::fromStdString(r->test));
        if (index.column() == Baseline && r->baseline)
            return tr("The baseline of this test");
        return tr("Run #%1").arg(r->id);
    }
    if (role == Qt::ForegroundRole && index.column() == Verdict) {
        switch (r->verdict) {
        case storage::Verdict::Passed:
            return QBrush(kPassColor);
        case storage::Verdict::Running:
        case storage::Verdict::Interrupted:
            return QBrush(kMutedColor);
        default:
            return QBrush(kFailColor);
        }
    }
    if (role == Qt::ForegroundRole && index.column() == Baseline)
        return QBrush(QColor(0xf9, 0xa8, 0x25));
    if (role == Qt::FontRole && index.column() == Verdict) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::TextAlignmentRole) {
        switch (Column(index.column())) {
        case Duration:
        case VusMax:
        case Requests:
        case P95:
        case ErrorRate:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        case Baseline:
            return int(Qt::AlignCenter);
        default:
            return int(Qt::AlignLeft | Qt::AlignVCenter);
        }
    }
    return {};
}

QVariant RunListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == Baseline)
        return tr("Baseline: the run others of the same test are compared with");
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Baseline:
        return u"★"_s;
    case Started:
        return tr("Started");
    case Test:
        return tr("Test");
    case Verdict:
        return tr("Verdict");
    case Exit:
        return tr("Exit");
    case Duration:
        return tr("Duration");
    case VusMax:
        return tr("VUs max");
    case Requests:
        return tr("Requests");
    case P95:
        return tr("p95");
    case ErrorRate:
        return tr("Error rate");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace stampede::ui
