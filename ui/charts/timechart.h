#pragma once

#include <QFont>
#include <QString>

#include <initializer_list>

class QChart;
class QPalette;
class QValueAxis;

namespace stampede::ui {

// The compact chart style of the live run and the run comparison: bold title, small legend at the
// bottom, no animation, a seconds x axis ("%ds", 0-10) and a y axis titled `yTitle`, both added.
struct TimeChart
{
    QChart *chart = nullptr;
    QValueAxis *x = nullptr;
    QValueAxis *y = nullptr;
    QFont small; // the font of the legend and the axes
};
TimeChart makeTimeChart(const QFont &base, const QString &title, const QString &yTitle, int xTicks, int yTicks);

// Background, title, legend and the given axes follow the palette (light or dark); series keep
// their colours. Null axes are skipped.
void applyChartPalette(QChart *chart, std::initializer_list<QValueAxis *> axes, const QPalette &palette);

} // namespace stampede::ui
