#include "ui/run/endpointtablemodel.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace stampede::ui {

namespace {
QString keyOf(const studio::LiveEndpoint &e)
{
    return e.method + u'\n' + e.name;
}

bool sameFigures(const studio::LiveEndpoint &a, const studio::LiveEndpoint &b)
{
    return a.count == b.count && a.rate == b.rate && a.errors == b.errors && a.avg == b.avg && a.p95 == b.p95;
}
} // namespace

EndpointTableModel::EndpointTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int EndpointTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EndpointTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EndpointTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const studio::LiveEndpoint &e = m_rows.at(index.row());
    const QLocale locale;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Method: return e.method;
        case Name: return e.name;
        case Count: return locale.toString(e.count);
        case Rate: return locale.toString(e.rate, 'f', 1);
        case Errors: return locale.toString(e.errors);
        case Avg: return tr("%1 ms").arg(locale.toString(e.avg, 'f', 1));
        case P95: return tr("%1 ms").arg(locale.toString(e.p95, 'f', 1));
        default: return {};
        }
    }
    if (role == Qt::EditRole || role == Qt::UserRole) { // raw values, for sorting and tests
        switch (index.column()) {
        case Method: return e.method;
        case Name: return e.name;
        case Count: return e.count;
        case Rate: return e.rate;
        case Errors: return e.errors;
        case Avg: return e.avg;
        case P95: return e.p95;
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() >= Count)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == Errors && e.errors > 0)
        return QBrush(QColor(0xd3, 0x2f, 0x2f));
    if (role == Qt::ToolTipRole && index.column() == Name)
        return e.name;
    return {};
}

QVariant EndpointTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Method: return tr("Method");
    case Name: return tr("Name");
    case Count: return tr("Count");
    case Rate: return tr("Rate/s");
    case Errors: return tr("Errors");
    case Avg: return tr("Avg");
    case P95: return tr("p95");
    default: return {};
    }
}

void EndpointTableModel::update(const QList<studio::LiveEndpoint> &endpoints)
{
    int firstChanged = -1;
    int lastChanged = -1;
    QList<studio::LiveEndpoint> added;
    for (const studio::LiveEndpoint &e : endpoints) {
        const auto it = m_rowOf.constFind(keyOf(e));
        if (it == m_rowOf.cend()) {
            added.append(e);
            continue;
        }
        const int row = *it;
        if (sameFigures(m_rows.at(row), e))
            continue;
        m_rows[row] = e;
        firstChanged = firstChanged < 0 ? row : qMin(firstChanged, row);
        lastChanged = qMax(lastChanged, row);
    }
    if (firstChanged >= 0)
        Q_EMIT dataChanged(index(firstChanged, Count), index(lastChanged, P95), {Qt::DisplayRole, Qt::EditRole});
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (const studio::LiveEndpoint &e : added) {
            m_rowOf.insert(keyOf(e), int(m_rows.size()));
            m_rows.append(e);
        }
        endInsertRows();
    }
}

void EndpointTableModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    endResetModel();
}

} // namespace stampede::ui
