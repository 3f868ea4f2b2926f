#pragma once

#include <string>
#include <utility>
#include <vector>

namespace stampede::storage {

// Inline SVG line charts for the self-contained HTML reports (no scripts, no fonts to fetch).
struct ChartSeries
{
    std::string label;
    std::string color; // CSS color, e.g. "#1f77b4"
    std::vector<std::pair<double, double>> points; // (x, y), x ascending
    bool dashed = false;
};

// A line chart with axes, "nice" ticks, a title and a legend. x is elapsed seconds.
std::string lineChartSvg(const std::string &title, const std::string &yUnit, const std::vector<ChartSeries> &series,
                         int width = 760, int height = 260);

// Escapes text for HTML/SVG content and attributes.
std::string htmlEscape(const std::string &text);

} // namespace stampede::storage
