#include "ui/options/stagegraph.h"

#include "core/util/duration.h"

#include <QPainter>
#include <QPainterPath>

#include <chrono>

using namespace Qt::StringLiterals;

namespace stampede::ui {

StageGraph::StageGraph(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"stageGraph"_s);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    //: Caption under the stage graph.
    m_caption = tr("target VUs over time");
}

void StageGraph::setCaption(const QString &caption)
{
    m_caption = caption;
    update();
}

void StageGraph::setStages(const QJsonArray &stages, double startVUs)
{
    m_profile = studio::stageProfile(stages, startVUs);
    setToolTip(m_profile.error);
    update();
}

void StageGraph::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    const QFontMetrics fm = fontMetrics();
    const int left = fm.horizontalAdvance(u"0000"_s) + 8;
    const int bottom = fm.height() + 6;
    const QRectF plot(left, 8, width() - left - 12, height() - bottom - 14);
    p.setPen(pal.color(QPalette::Mid));
    p.drawRect(plot);

    if (m_profile.points.size() < 2 || m_profile.totalSeconds <= 0) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(plot, Qt::AlignCenter | Qt::TextWordWrap,
                   m_profile.error.isEmpty() ? tr("Add stages to see the VU profile") : m_profile.error);
        return;
    }
    const double maxY = qMax(1.0, m_profile.maxTarget * 1.1);
    auto map = [&](const QPointF &pt) {
        return QPointF(plot.left() + pt.x() / m_profile.totalSeconds * plot.width(),
                       plot.bottom() - pt.y() / maxY * plot.height());
    };
    // Grid and labels: 0, max VUs; 0, total time.
    p.setPen(QPen(pal.color(QPalette::Midlight), 1, Qt::DashLine));
    const double yMax = m_profile.maxTarget;
    p.drawLine(map({0, yMax}), map({m_profile.totalSeconds, yMax}));
    p.setPen(pal.color(QPalette::Text));
    p.drawText(QRectF(0, map({0, yMax}).y() - fm.height() / 2.0, left - 4, fm.height()),
               Qt::AlignRight | Qt::AlignVCenter, QString::number(yMax));
    p.drawText(QRectF(0, plot.bottom() - fm.height() / 2.0, left - 4, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
               u"0"_s);
    const QString total = QString::fromStdString(formatGoDuration(
        std::chrono::duration_cast<Nanos>(std::chrono::duration<double>(m_profile.totalSeconds))));
    p.drawText(QRectF(plot.left(), plot.bottom() + 3, plot.width(), fm.height()), Qt::AlignLeft, u"0s"_s);
    p.drawText(QRectF(plot.left(), plot.bottom() + 3, plot.width(), fm.height()), Qt::AlignRight, total);
    p.drawText(QRectF(plot.left(), plot.bottom() + 3, plot.width(), fm.height()), Qt::AlignHCenter, m_caption);

    QPainterPath line;
    line.moveTo(map(m_profile.points.first()));
    for (qsizetype i = 1; i < m_profile.points.size(); ++i)
        line.lineTo(map(m_profile.points.at(i)));
    QPainterPath area = line;
    area.lineTo(map({m_profile.totalSeconds, 0}));
    area.lineTo(map({0, 0}));
    area.closeSubpath();
    QColor accent = pal.color(QPalette::Highlight);
    QColor fill = accent;
    fill.setAlpha(60);
    p.fillPath(area, fill);
    p.setPen(QPen(accent, 2));
    p.drawPath(line);
    p.setBrush(accent);
    for (const QPointF &pt : m_profile.points)
        p.drawEllipse(map(pt), 3, 3);
    if (!m_profile.error.isEmpty()) {
        p.setPen(QColor(0xe0, 0x1b, 0x24));
        p.drawText(plot.adjusted(4, 2, -4, -2), Qt::AlignTop | Qt::AlignLeft, m_profile.error);
    }
}

} // namespace stampede::ui
