#pragma once

#include "core/studio/livesnapshot.h"

#include <QAbstractTableModel>
#include <QHash>

namespace stampede::ui {

// The live per-request table (method, name, count, rate, errors, avg, p95).
// Rows are keyed by method + name and never reordered: a snapshot updates the
// rows in place with one ranged dataChanged and appends new ones with
// beginInsertRows, so views keep their selection and scroll position.
class EndpointTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Method, Name, Count, Rate, Errors, Avg, P95, ColumnCount };
    Q_ENUM(Column)

    explicit EndpointTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void update(const QList<stampede::studio::LiveEndpoint> &endpoints);
    void clear();

    const stampede::studio::LiveEndpoint &endpoint(int row) const { return m_rows.at(row); }

private:
    QList<stampede::studio::LiveEndpoint> m_rows;
    QHash<QString, int> m_rowOf; // method + '\n' + name -> row
};

} // namespace stampede::ui
