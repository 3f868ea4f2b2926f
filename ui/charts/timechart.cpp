#include "ui/charts/timechart.h"

#include <QChart>
#include <QGraphicsLayout>
#include <QLegend>
#include <QPalette>
#include <QValueAxis>

using namespace Qt::StringLiterals;

namespace stampede::ui {

TimeChart makeTimeChart(const QFont &base, const QString &title, const QString &yTitle, int xTicks, int yTicks)
{
    TimeChart c;
    c.chart = new QChart();
    c.chart->setTitle(title);
    QFont titleFont = base;
    titleFont.setBold(true);
    c.chart->setTitleFont(titleFont);
    c.chart->setMargins(QMargins(2, 2, 2, 2));
    c.chart->layout()->setContentsMargins(0, 0, 0, 0);
    c.chart->setBackgroundRoundness(0);
    c.chart->setAnimationOptions(QChart::NoAnimation); // one repaint per update, no animation cost
    c.small = base;
    c.small.setPointSizeF(qMax(6.0, c.small.pointSizeF() * 0.85));
    c.chart->legend()->setAlignment(Qt::AlignBottom);
    c.chart->legend()->setFont(c.small);
    c.x = new QValueAxis(c.chart);
    c.x->setLabelFormat(u"%ds"_s);
    c.x->setLabelsFont(c.small);
    c.x->setRange(0, 10);
    c.x->setTickCount(xTicks);
    c.y = new QValueAxis(c.chart);
    c.y->setLabelFormat(u"%g"_s);
    c.y->setLabelsFont(c.small);
    c.y->setTitleText(yTitle);
    c.y->setTitleFont(c.small);
    c.y->setRange(0, 1);
    c.y->setTickCount(yTicks);
    c.chart->addAxis(c.x, Qt::AlignBottom);
    c.chart->addAxis(c.y, Qt::AlignLeft);
    return c;
}

void applyChartPalette(QChart *chart, std::initializer_list<QValueAxis *> axes, const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    chart->setBackgroundBrush(palette.brush(QPalette::Base));
    chart->setTitleBrush(palette.brush(QPalette::Text));
    chart->legend()->setLabelColor(palette.color(QPalette::Text));
    for (QValueAxis *axis : axes) {
        if (!axis)
            continue;
        axis->setLabelsColor(palette.color(QPalette::Text));
        axis->setTitleBrush(palette.brush(QPalette::Text));
        axis->setGridLineColor(dark ? QColor(0x50, 0x50, 0x50) : QColor(0xe0, 0xe0, 0xe0));
    }
}

} // namespace stampede::ui
