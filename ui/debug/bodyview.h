#pragma once

#include "core/studio/bodybuffer.h"

#include <QAbstractListModel>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QTableView;

namespace stampede::ui {

// Rows of a body on demand: text lines or hex rows. Nothing is formatted until a row is
// painted, so a 50 MB body costs one mmap and (for text) one line index.
class BodyLinesModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum class Mode { Text, Hex };
    explicit BodyLinesModel(QObject *parent = nullptr);
    void setBuffer(std::shared_ptr<const studio::BodyBuffer> buffer, Mode mode);
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const studio::BodyBuffer> m_buffer;
    Mode m_mode = Mode::Text;
    int m_rows = 0;
};

// A request or response body: pretty JSON / HTML, plain text or a hex dump, virtualised.
class BodyView : public QWidget
{
    Q_OBJECT
public:
    enum class View { Auto, Pretty, Raw, Hex };
    explicit BodyView(QWidget *parent = nullptr);

    // `discarded`: the script kept no body (responseType 'none'), so there is nothing to show.
    void setBody(const studio::DebugBody &body, const QString &contentType, bool discarded = false);
    void clear();

    // What is shown (for tests): the effective view and the number of rows.
    View effectiveView() const { return m_effective; }
    int rowCount() const;
    QString rowText(int row) const;
    QTableView *listView() const { return m_list; }
    QLabel *infoLabel() const { return m_info; }

    // Bodies up to this size are pretty-printed; larger ones are shown raw.
    static constexpr qint64 kMaxPrettyBytes = 4 * 1024 * 1024;

private:
    void rebuild();

    QComboBox *m_viewCombo = nullptr;
    QLabel *m_info = nullptr;
    QTableView *m_list = nullptr; // a table: fixed-height rows cost nothing per row, even millions
    BodyLinesModel *m_model = nullptr;
    studio::DebugBody m_body;
    QString m_contentType;
    bool m_discarded = false;
    std::shared_ptr<const studio::BodyBuffer> m_raw;
    View m_effective = View::Raw;
};

} // namespace stampede::ui
