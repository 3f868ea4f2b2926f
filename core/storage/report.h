#pragma once

#include "core/storage/compare.h"

#include <nlohmann/json.hpp>

#include <string>

namespace stampede::storage {

// Exports of a run or a comparison. HTML reports are self-contained: inline CSS and
// inline SVG charts, no scripts, no external references.
nlohmann::json runToJson(const RunData &run);       // record, totals, per-second series, endpoints
std::string runToCsv(const RunData &run);           // one line per second
std::string comparisonToCsv(const Comparison &c);   // one line per (endpoint, metric)
std::string runToHtml(const RunData &run);
std::string comparisonToHtml(const Comparison &c, const RunData &base, const RunData &candidate);

} // namespace stampede::storage
