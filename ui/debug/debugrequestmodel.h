#pragma once

#include <QAbstractTableModel>

namespace stampede::studio {
class DebugSession;
}

namespace stampede::ui {

// The debug run's requests, one row per request/response hop: method, URL, status, size, time.
// Failed requests (no response, 4xx/5xx, transport errors) are red.
class DebugRequestModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Method, Url, Status, Size, Time, Stage, ColumnCount };
    enum Role { LocationFileRole = Qt::UserRole + 1, LocationLineRole, LocationColumnRole, FailedRole };

    explicit DebugRequestModel(studio::DebugSession *session, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString formatSize(qint64 bytes);
    static QString formatMs(double ms);

private:
    studio::DebugSession *m_session;
    int m_rows = 0;
};

} // namespace stampede::ui
