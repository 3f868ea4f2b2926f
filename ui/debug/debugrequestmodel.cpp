#include "ui/debug/debugrequestmodel.h"

#include "core/studio/debugsession.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace stampede::ui {

DebugRequestModel::DebugRequestModel(studio::DebugSession *session, QObject *parent)
    : QAbstractTableModel(parent)
    , m_session(session)
{
    connect(session, &studio::DebugSession::requestAdded, this, [this](int index) {
        beginInsertRows({}, index, index);
        m_rows = index + 1;
        endInsertRows();
    });
    connect(session, &studio::DebugSession::checkAdded, this, [this](int index) {
        // A failed check turns its request's row red too: repaint it.
        const int row = m_session->indexOfRequest(m_session->checks()[size_t(index)].requestId);
        if (row >= 0 && row < m_rows)
            Q_EMIT dataChanged(this->index(row, 0), this->index(row, ColumnCount - 1));
    });
    connect(session, &studio::DebugSession::cleared, this, [this] {
        beginResetModel();
        m_rows = 0;
        endResetModel();
    });
}

int DebugRequestModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int DebugRequestModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DebugRequestModel::formatSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString DebugRequestModel::formatMs(double ms)
{
    //: A duration in milliseconds in the debug request list.
    return tr("%1 ms").arg(ms, 0, 'f', ms < 10 ? 2 : 1);
}

QVariant DebugRequestModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows)
        return {};
    const studio::DebugRequest &r = m_session->requests()[size_t(index.row())];
    bool checkFailed = false;
    for (int c : r.checks)
        checkFailed = checkFailed || !m_session->checks()[size_t(c)].ok;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Method: return r.method;
        case Url: return r.url;
        case Status:
            if (r.status == 0)
                //: Status column of a request that got no response.
                return r.errorCode ? tr("failed (%1)").arg(r.errorCode) : tr("failed");
            return r.status;
        case Size: return formatSize(r.responseBody.size);
        case Time: return formatMs(r.timings.duration);
        case Stage: return r.stage;
        }
        break;
    case Qt::ToolTipRole: {
        QString tip = r.method + u' ' + r.url;
        if (!r.statusText.isEmpty())
            tip += u"\n"_s + r.statusText;
        if (!r.error.isEmpty())
            tip += u"\n"_s + r.error;
        if (r.location.isValid())
            //: Tooltip of a debug request: where the script made it.
            tip += u"\n"_s + tr("Made at %1 (double-click to go there)").arg(r.location.toString());
        return tip;
    }
    case Qt::ForegroundRole:
        if (r.failed() || checkFailed)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        if (r.hop > 0 || (r.status >= 300 && r.status < 400))
            return QBrush(QColor(0x6a, 0x6a, 0x6a));
        break;
    case Qt::FontRole:
        if (r.failed()) {
            QFont f;
            f.setBold(true);
            return f;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == Status || index.column() == Size || index.column() == Time)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case LocationFileRole: return r.location.file;
    case LocationLineRole: return r.location.line;
    case LocationColumnRole: return r.location.column;
    case FailedRole: return r.failed() || checkFailed;
    }
    return {};
}

QVariant DebugRequestModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Method: return tr("Method");
    case Url: return tr("URL");
    case Status: return tr("Status");
    case Size: return tr("Size");
    case Time: return tr("Time");
    //: Column: setup, default (the iteration) or teardown.
    case Stage: return tr("Stage");
    }
    return {};
}

} // namespace stampede::ui
