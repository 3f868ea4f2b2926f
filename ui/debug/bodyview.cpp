#include "ui/debug/bodyview.h"

#include "ui/debug/debugrequestmodel.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QHeaderView>
#include <QTableView>
#include <QVBoxLayout>

#include <climits>

using namespace Qt::StringLiterals;

namespace stampede::ui {

BodyLinesModel::BodyLinesModel(QObject *parent) : QAbstractListModel(parent) {}

void BodyLinesModel::setBuffer(std::shared_ptr<const studio::BodyBuffer> buffer, Mode mode)
{
    beginResetModel();
    m_buffer = std::move(buffer);
    m_mode = mode;
    qint64 rows = 0;
    if (m_buffer)
        rows = mode == Mode::Hex ? m_buffer->hexRowCount() : m_buffer->lineCount();
    m_rows = int(std::min<qint64>(rows, INT_MAX));
    endResetModel();
}

int BodyLinesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

QVariant BodyLinesModel::data(const QModelIndex &index, int role) const
{
    if (role != Qt::DisplayRole || !m_buffer || !index.isValid() || index.row() >= m_rows)
        return {};
    return m_mode == Mode::Hex ? m_buffer->hexRow(index.row()) : m_buffer->line(index.row());
}

BodyView::BodyView(QWidget *parent) : QWidget(parent)
{
    m_viewCombo = new QComboBox(this);
    m_viewCombo->setObjectName(u"bodyViewMode"_s);
    //: How a body is shown: chosen from its content.
    m_viewCombo->addItem(tr("Auto"), int(View::Auto));
    //: Pretty-printed JSON or HTML.
    m_viewCombo->addItem(tr("Pretty"), int(View::Pretty));
    m_viewCombo->addItem(tr("Raw"), int(View::Raw));
    m_viewCombo->addItem(tr("Hex"), int(View::Hex));
    m_info = new QLabel(this);
    m_info->setObjectName(u"bodyInfo"_s);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_model = new BodyLinesModel(this);
    m_list = new QTableView(this);
    m_list->setObjectName(u"bodyLines"_s);
    m_list->setModel(m_model);
    m_list->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setShowGrid(false);
    m_list->setWordWrap(false);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->horizontalHeader()->hide();
    m_list->horizontalHeader()->setStretchLastSection(true);
    m_list->verticalHeader()->hide();
    // Fixed row heights: the view never measures rows one by one, so 3 million hex rows cost nothing.
    m_list->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_list->verticalHeader()->setMinimumSectionSize(1);
    m_list->verticalHeader()->setDefaultSectionSize(QFontMetrics(m_list->font()).height() + 2);
    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_info, 1);
    top->addWidget(m_viewCombo);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_list, 1);
    connect(m_viewCombo, &QComboBox::currentIndexChanged, this, [this] { rebuild(); });
}

void BodyView::clear()
{
    m_body = {};
    m_raw.reset();
    m_model->setBuffer(nullptr, BodyLinesModel::Mode::Text);
    m_info->clear();
}

void BodyView::setBody(const studio::DebugBody &body, const QString &contentType, bool discarded)
{
    m_discarded = discarded;
    m_body = body;
    m_contentType = contentType;
    m_raw = std::make_shared<studio::BodyBuffer>(body);
    rebuild();
}

int BodyView::rowCount() const
{
    return m_model->rowCount();
}

QString BodyView::rowText(int row) const
{
    return m_model->data(m_model->index(row)).toString();
}

void BodyView::rebuild()
{
    if (!m_raw) {
        m_model->setBuffer(nullptr, BodyLinesModel::Mode::Text);
        return;
    }
    const auto kind = m_raw->detectKind(m_contentType);
    QString info;
    if (m_discarded) {
        info = tr("Not kept: the script asked for no body (responseType: 'none' or discardResponseBodies)");
    } else if (m_body.size == 0) {
        info = tr("No body");
    } else {
        info = DebugRequestModel::formatSize(m_body.size);
        if (m_body.truncated)
            //: %1 is how much of the body was kept, e.g. "64.0 MiB".
            info += u" — "_s + tr("truncated: the first %1 are shown").arg(DebugRequestModel::formatSize(m_raw->size()));
    }
    if (!m_raw->errorString().isEmpty())
        info += u" — "_s + m_raw->errorString();
    View view = View(m_viewCombo->currentData().toInt());
    if (view == View::Auto) {
        if (kind == studio::BodyBuffer::Kind::Binary)
            view = View::Hex;
        else if ((kind == studio::BodyBuffer::Kind::Json || kind == studio::BodyBuffer::Kind::Html)
                 && m_raw->size() <= kMaxPrettyBytes)
            view = View::Pretty;
        else
            view = View::Raw;
    }
    if (view == View::Pretty && m_raw->size() > kMaxPrettyBytes) {
        view = View::Raw;
        info += u" — "_s + tr("too large to pretty-print");
    }
    std::shared_ptr<const studio::BodyBuffer> shown = m_raw;
    if (view == View::Pretty) {
        const QByteArray bytes(m_raw->data(), m_raw->size());
        QByteArray pretty = kind == studio::BodyBuffer::Kind::Json ? studio::BodyBuffer::prettyJson(bytes)
                            : kind == studio::BodyBuffer::Kind::Html ? studio::BodyBuffer::prettyHtml(bytes)
                                                                     : QByteArray();
        if (pretty.isEmpty()) {
            view = View::Raw;
        } else {
            studio::DebugBody b;
            b.data = std::move(pretty);
            b.size = b.data.size();
            shown = std::make_shared<studio::BodyBuffer>(b);
        }
    }
    //: How the body is shown, after its size in the body view's info line.
    const QString shownAs = view == View::Hex ? tr("hex") : view == View::Pretty ? tr("pretty-printed") : tr("text");
    if (m_body.size > 0)
        info += u" · "_s + (m_contentType.isEmpty() ? shownAs : m_contentType + u" · "_s + shownAs);
    m_effective = view;
    m_model->setBuffer(shown, view == View::Hex ? BodyLinesModel::Mode::Hex : BodyLinesModel::Mode::Text);
    m_info->setText(info);
}

} // namespace stampede::ui
