#include "ui/harimport/harrequestmodel.h"

#include "core/har/util.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

using namespace Qt::StringLiterals;

namespace stampede::ui {

namespace {

QString fromStd(const std::string &s)
{
    return QString::fromStdString(s);
}

QColor highlightColor()
{
    // A soft tint of the palette's highlight, readable with the normal text colour.
    const QPalette pal = QGuiApplication::palette();
    QColor c = pal.color(QPalette::Highlight);
    c.setAlpha(55);
    return c;
}

} // namespace

HarRequestModel::HarRequestModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void HarRequestModel::setArchive(std::shared_ptr<const har::Archive> archive)
{
    beginResetModel();
    m_archive = std::move(archive);
    m_marks.clear();
    endResetModel();
}

void HarRequestModel::setMarks(std::vector<har::EntryMarks> marks)
{
    if (!m_archive || marks.size() != m_archive->entries.size())
        return;
    std::vector<int> changed;
    for (size_t i = 0; i < marks.size(); ++i) {
        const bool same = i < m_marks.size() && m_marks[i].included == marks[i].included &&
                          m_marks[i].skipReason == marks[i].skipReason && m_marks[i].hits.size() == marks[i].hits.size() &&
                          std::equal(marks[i].hits.begin(), marks[i].hits.end(), m_marks[i].hits.begin(),
                                     [](const har::RuleHit &a, const har::RuleHit &b) {
                                         return a.kind == b.kind && a.role == b.role && a.name == b.name;
                                     });
        if (!same)
            changed.push_back(int(i));
    }
    m_marks = std::move(marks);
    if (changed.empty())
        return;
    // One signal per run of changed rows keeps a large table cheap to update.
    size_t i = 0;
    while (i < changed.size()) {
        size_t j = i;
        while (j + 1 < changed.size() && changed[j + 1] == changed[j] + 1)
            ++j;
        Q_EMIT dataChanged(index(changed[i], 0), index(changed[j], ColumnCount - 1));
        i = j + 1;
    }
}

int HarRequestModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_archive ? 0 : int(m_archive->entries.size());
}

int HarRequestModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HarRequestModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole)
            return section; // log.entries index, as rules and messages count
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Method:
        return tr("Method");
    case Host:
        return tr("Host");
    case Path:
        return tr("Path");
    case Status:
        return tr("Status");
    case Type:
        return tr("Type");
    case Size:
        return tr("Size");
    case Time:
        return tr("Time");
    case Rules:
        return tr("Rules");
    default:
        return {};
    }
}

QString HarRequestModel::toolTip(int row) const
{
    const har::Entry &e = m_archive->entries[size_t(row)];
    QStringList lines;
    lines << fromStd(e.request.method) + u' ' + fromStd(e.request.url).toHtmlEscaped();
    if (size_t(row) >= m_marks.size())
        return lines.join(u"<br>"_s);
    const har::EntryMarks &m = m_marks[size_t(row)];
    if (!m.included)
        lines << tr("Left out: %1").arg(fromStd(m.skipReason).toHtmlEscaped());
    for (const har::RuleHit &h : m.hits) {
        const QString name = fromStd(h.name).toHtmlEscaped();
        switch (h.kind) {
        case har::RuleHit::Kind::Correlation:
            lines << (h.role == har::RuleHit::Role::Extracts
                          ? tr("Correlation rule <b>%1</b>: the value is extracted from this response").arg(name)
                          : tr("Correlation rule <b>%1</b>: this request sends the extracted value").arg(name));
            break;
        case har::RuleHit::Kind::Parameter:
            lines << tr("Parameter rule <b>%1</b>: replaces a recorded value in this request").arg(name);
            break;
        case har::RuleHit::Kind::Verification:
            lines << tr("Verification rule <b>%1</b>: checks this response").arg(name);
            break;
        case har::RuleHit::Kind::CustomCode:
            lines << tr("Custom code rule <b>%1</b>: runs with this request").arg(name);
            break;
        }
    }
    return lines.join(u"<br>"_s);
}

QVariant HarRequestModel::data(const QModelIndex &index, int role) const
{
    if (!m_archive || !index.isValid() || index.row() >= rowCount())
        return {};
    const har::Entry &e = m_archive->entries[size_t(index.row())];
    const har::EntryMarks *marks = size_t(index.row()) < m_marks.size() ? &m_marks[size_t(index.row())] : nullptr;
    const bool excluded = marks && !marks->included;
    switch (role) {
    case Qt::DisplayRole: {
        switch (index.column()) {
        case Method:
            return fromStd(e.request.method);
        case Host: {
            const har::UrlParts u = har::splitUrl(e.request.url);
            return u.port.empty() ? fromStd(u.host) : fromStd(u.host + ':' + u.port);
        }
        case Path: {
            const har::UrlParts u = har::splitUrl(e.request.url);
            return u.query.empty() ? fromStd(u.path) : fromStd(u.path + '?' + u.query);
        }
        case Status:
            return e.response.status == 0 ? QVariant(u"—"_s) : QVariant(e.response.status);
        case Type: {
            const QString mime = fromStd(e.response.mimeType.substr(0, e.response.mimeType.find(';')));
            if (e.resourceType.empty())
                return mime;
            return mime.isEmpty() ? fromStd(e.resourceType) : fromStd(e.resourceType) + u" · "_s + mime;
        }
        case Size: {
            const qint64 size = e.response.size >= 0 ? e.response.size : qint64(e.response.body.size());
            return QLocale().formattedDataSize(size, 1, QLocale::DataSizeTraditionalFormat);
        }
        case Time:
            //: Request duration in milliseconds
            return tr("%1 ms").arg(QLocale().toString(e.timeMs, 'f', 0));
        case Rules:
            return data(index, RuleNamesRole).toStringList().join(u", "_s);
        default:
            return {};
        }
    }
    case Qt::TextAlignmentRole:
        if (index.column() == Status || index.column() == Size || index.column() == Time)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (excluded)
            return QBrush(QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text));
        if (index.column() == Status && e.response.status >= 400)
            return QBrush(QColor(0xc0, 0x39, 0x2b));
        return {};
    case Qt::BackgroundRole:
        if (marks && !marks->hits.empty() && !excluded)
            return QBrush(highlightColor());
        return {};
    case Qt::FontRole:
        if (excluded) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case Qt::ToolTipRole:
        return toolTip(index.row());
    case ExcludedRole:
        return excluded;
    case RuleNamesRole: {
        QStringList names;
        if (marks)
            for (const har::RuleHit &h : marks->hits)
                if (!names.contains(fromStd(h.name)))
                    names << fromStd(h.name);
        return names;
    }
    case EntryIndexRole:
        return index.row();
    default:
        return {};
    }
}

HarRequestFilterModel::HarRequestFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

void HarRequestFilterModel::setShowExcluded(bool show)
{
    if (show == m_showExcluded)
        return;
    m_showExcluded = show;
    invalidateFilter();
}

bool HarRequestFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_showExcluded)
        return true;
    return !sourceModel()->index(sourceRow, 0, sourceParent).data(HarRequestModel::ExcludedRole).toBool();
}

} // namespace stampede::ui
