#include "core/storage/svgchart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace stampede::storage {

namespace {

std::string num(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

std::string tickLabel(double v)
{
    char buf[32];
    if (std::fabs(v) >= 1000)
        std::snprintf(buf, sizeof buf, "%.0f", v);
    else if (std::fabs(v - std::round(v)) < 1e-9)
        std::snprintf(buf, sizeof buf, "%.0f", v);
    else
        std::snprintf(buf, sizeof buf, "%.2g", v);
    return buf;
}

// A step of 1, 2 or 5 x 10^k giving about `target` ticks over [0, max].
double niceStep(double max, int target)
{
    if (max <= 0)
        return 1;
    const double raw = max / target;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (raw <= m * mag)
            return m * mag;
    }
    return 10 * mag;
}

} // namespace

std::string htmlEscape(const std::string &text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string lineChartSvg(const std::string &title, const std::string &yUnit, const std::vector<ChartSeries> &series,
                         int width, int height)
{
    const double left = 64, right = 16, top = 34, bottom = 40;
    const double pw = width - left - right, ph = height - top - bottom;
    double xMax = 1, yMax = 0;
    for (const auto &s : series) {
        for (const auto &[x, y] : s.points) {
            if (std::isfinite(x))
                xMax = std::max(xMax, x);
            if (std::isfinite(y))
                yMax = std::max(yMax, y);
        }
    }
    const double yStep = niceStep(yMax > 0 ? yMax : 1, 5);
    const double yTop = std::max(yStep, std::ceil((yMax > 0 ? yMax : 1) / yStep) * yStep);
    const double xStep = niceStep(xMax, 8);
    const double xRight = std::max(xStep, std::ceil(xMax / xStep) * xStep);
    auto X = [&](double x) { return left + x / xRight * pw; };
    auto Y = [&](double y) { return top + ph - y / yTop * ph; };

    std::string svg = "<svg class=\"chart\" width=\"" + std::to_string(width) +
                      "\" height=\"" + std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(width) + " " +
                      std::to_string(height) + "\" role=\"img\" aria-label=\"" + htmlEscape(title) + "\">\n";
    svg += "<rect x=\"0\" y=\"0\" width=\"" + std::to_string(width) + "\" height=\"" + std::to_string(height) +
           "\" fill=\"#ffffff\"/>\n";
    svg += "<text x=\"" + num(left) + "\" y=\"20\" font-size=\"14\" font-weight=\"bold\" fill=\"#222\">" +
           htmlEscape(title) + (yUnit.empty() ? "" : " (" + htmlEscape(yUnit) + ")") + "</text>\n";
    for (double y = 0; y <= yTop + 1e-9; y += yStep) {
        svg += "<line x1=\"" + num(left) + "\" y1=\"" + num(Y(y)) + "\" x2=\"" + num(left + pw) + "\" y2=\"" +
               num(Y(y)) + "\" stroke=\"#e3e3e3\"/>\n";
        svg += "<text x=\"" + num(left - 6) + "\" y=\"" + num(Y(y) + 4) +
               "\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">" + tickLabel(y) + "</text>\n";
    }
    for (double x = 0; x <= xRight + 1e-9; x += xStep) {
        svg += "<line x1=\"" + num(X(x)) + "\" y1=\"" + num(top + ph) + "\" x2=\"" + num(X(x)) + "\" y2=\"" +
               num(top + ph + 4) + "\" stroke=\"#888\"/>\n";
        svg += "<text x=\"" + num(X(x)) + "\" y=\"" + num(top + ph + 16) +
               "\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">" + tickLabel(x) + "s</text>\n";
    }
    svg += "<line x1=\"" + num(left) + "\" y1=\"" + num(top + ph) + "\" x2=\"" + num(left + pw) + "\" y2=\"" +
           num(top + ph) + "\" stroke=\"#888\"/>\n";
    svg += "<line x1=\"" + num(left) + "\" y1=\"" + num(top) + "\" x2=\"" + num(left) + "\" y2=\"" + num(top + ph) +
           "\" stroke=\"#888\"/>\n";
    svg += "<text x=\"" + num(left + pw / 2) + "\" y=\"" + num(height - 6.0) +
           "\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">elapsed time</text>\n";
    double legendX = left + pw;
    for (auto it = series.rbegin(); it != series.rend(); ++it) {
        const double w = 30 + 7.0 * double(it->label.size());
        legendX -= w;
        svg += "<line x1=\"" + num(legendX) + "\" y1=\"16\" x2=\"" + num(legendX + 18) + "\" y2=\"16\" stroke=\"" +
               htmlEscape(it->color) + "\" stroke-width=\"2\"" + (it->dashed ? " stroke-dasharray=\"5,3\"" : "") + "/>\n";
        svg += "<text x=\"" + num(legendX + 22) + "\" y=\"20\" font-size=\"11\" fill=\"#333\">" + htmlEscape(it->label) +
               "</text>\n";
    }
    for (const auto &s : series) {
        if (s.points.empty())
            continue;
        std::string pts;
        for (const auto &[x, y] : s.points) {
            if (!std::isfinite(x) || !std::isfinite(y))
                continue;
            pts += num(X(x)) + "," + num(Y(y)) + " ";
        }
        svg += "<polyline class=\"series\" fill=\"none\" stroke=\"" + htmlEscape(s.color) +
               "\" stroke-width=\"1.8\"" + (s.dashed ? " stroke-dasharray=\"5,3\"" : "") + " points=\"" + pts +
               "\"/>\n";
    }
    svg += "</svg>\n";
    return svg;
}

} // namespace stampede::storage
