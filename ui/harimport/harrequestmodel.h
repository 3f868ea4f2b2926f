#pragma once

#include "core/har/importpreview.h"
#include "core/har/model.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <memory>
#include <vector>

namespace stampede::ui {

// Every request of a HAR archive, one row each, with what the filters and rules make of it:
// rows the filters leave out are greyed (ExcludedRole), rows a rule touches are highlighted
// (RuleNamesRole), and the tooltip says why.
class HarRequestModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Method, Host, Path, Status, Type, Size, Time, Rules, ColumnCount };
    enum Role {
        ExcludedRole = Qt::UserRole + 1, // bool: the filters leave the request out
        RuleNamesRole,                   // QStringList: the rules that apply ("csrfToken", ...)
        EntryIndexRole,                  // int: index in log.entries
    };

    explicit HarRequestModel(QObject *parent = nullptr);

    // A new archive (shared, never modified); clears the marks.
    void setArchive(std::shared_ptr<const har::Archive> archive);
    // Marks from the latest preview (one per entry); updates the look without a reset.
    void setMarks(std::vector<har::EntryMarks> marks);
    const har::Archive *archive() const { return m_archive.get(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString toolTip(int row) const;

    std::shared_ptr<const har::Archive> m_archive;
    std::vector<har::EntryMarks> m_marks;
};

// Hides the rows the filters leave out unless showExcluded is on.
class HarRequestFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit HarRequestFilterModel(QObject *parent = nullptr);
    bool showExcluded() const { return m_showExcluded; }
    void setShowExcluded(bool show);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_showExcluded = true;
};

} // namespace stampede::ui
