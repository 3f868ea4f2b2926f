#include "ui/debug/waterfallwidget.h"

#include <QPainter>
#include <QPaintEvent>

using namespace Qt::StringLiterals;

namespace stampede::ui {

namespace {
constexpr int kRowHeight = 26;
constexpr int kTop = 12;
constexpr int kLabelWidth = 120;
constexpr int kValueWidth = 90;
} // namespace

WaterfallWidget::WaterfallWidget(QWidget *parent) : QWidget(parent)
{
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
}

void WaterfallWidget::setTimings(const studio::DebugTimings &timings)
{
    m_timings = timings;
    m_set = true;
    update();
}

QSize WaterfallWidget::sizeHint() const
{
    return {520, kTop * 2 + kRowHeight * 8};
}

QSize WaterfallWidget::minimumSizeHint() const
{
    return {kLabelWidth + kValueWidth + 80, kTop * 2 + kRowHeight * 8};
}

QList<WaterfallWidget::Phase> WaterfallWidget::phases() const
{
    const studio::DebugTimings &t = m_timings;
    // k6's phases: blocked overlaps connecting and TLS (it includes waiting for a connection);
    // connecting and TLS come before sending; then waiting (TTFB) and receiving.
    QList<Phase> out;
    double at = 0;
    auto add = [&](const QString &label, double length, QColor color) {
        out.append({label, at, std::max(0.0, length), color});
        at += std::max(0.0, length);
    };
    add(tr("Blocked"), std::max(0.0, t.blocked - t.connecting - t.tlsHandshaking), QColor(0x9e, 0x9e, 0x9e));
    add(tr("Connecting"), t.connecting, QColor(0xff, 0x98, 0x00));
    //: The TLS handshake phase of a request.
    add(tr("TLS handshake"), t.tlsHandshaking, QColor(0x9c, 0x27, 0xb0));
    add(tr("Sending"), t.sending, QColor(0x21, 0x96, 0xf3));
    //: Waiting for the first byte of the response (TTFB).
    add(tr("Waiting"), t.waiting, QColor(0x4c, 0xaf, 0x50));
    add(tr("Receiving"), t.receiving, QColor(0x00, 0x96, 0x88));
    return out;
}

void WaterfallWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    if (!m_set) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("Select a request to see its timings"));
        return;
    }
    const QList<Phase> list = phases();
    double total = 0;
    for (const Phase &ph : list)
        total = std::max(total, ph.start + ph.length);
    total = std::max(total, 0.001);
    const int barLeft = kLabelWidth;
    const int barWidth = std::max(40, width() - kLabelWidth - kValueWidth - 12);
    // A light grid: quarters of the total.
    p.setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DotLine));
    for (int q = 0; q <= 4; ++q) {
        const int x = barLeft + barWidth * q / 4;
        p.drawLine(x, kTop - 4, x, kTop + kRowHeight * int(list.size()) + 2);
    }
    int y = kTop;
    for (const Phase &ph : list) {
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRect(8, y, kLabelWidth - 12, kRowHeight), Qt::AlignVCenter | Qt::AlignLeft, ph.label);
        const double x0 = barLeft + barWidth * (ph.start / total);
        const double w = std::max(ph.length > 0 ? 2.0 : 0.0, barWidth * (ph.length / total));
        if (w > 0) {
            p.setPen(Qt::NoPen);
            p.setBrush(ph.color);
            p.drawRoundedRect(QRectF(x0, y + 6, w, kRowHeight - 12), 2, 2);
        }
        p.setPen(pal.color(QPalette::Text));
        //: A phase's duration in the timings waterfall.
        p.drawText(QRect(barLeft + barWidth + 8, y, kValueWidth, kRowHeight), Qt::AlignVCenter | Qt::AlignRight,
                   tr("%1 ms").arg(ph.length, 0, 'f', 3));
        y += kRowHeight;
    }
    // The total, under the bars.
    y += 4;
    p.setPen(QPen(pal.color(QPalette::Text), 1));
    p.drawLine(barLeft, y, barLeft + barWidth, y);
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    //: Total request duration (sending + waiting + receiving, as k6 counts it).
    p.drawText(QRect(8, y + 2, kLabelWidth - 12, kRowHeight), Qt::AlignVCenter | Qt::AlignLeft, tr("Duration"));
    p.drawText(QRect(barLeft + barWidth + 8, y + 2, kValueWidth, kRowHeight), Qt::AlignVCenter | Qt::AlignRight,
               tr("%1 ms").arg(m_timings.duration, 0, 'f', 3));
    p.setFont(font());
    p.setPen(pal.color(QPalette::PlaceholderText));
    p.drawText(QRect(barLeft, y + 2, barWidth, kRowHeight), Qt::AlignVCenter | Qt::AlignRight,
               //: Under the waterfall: the time the bars span.
               tr("0 – %1 ms").arg(total, 0, 'f', 2));
}

} // namespace stampede::ui
