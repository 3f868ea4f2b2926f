#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace stampede::output {

// RFC 3339 time with nanoseconds in UTC, as Go's time.RFC3339Nano prints it.
std::string formatRfc3339Nano(int64_t unixNs);
// Shortest decimal text that reads back as the same double ("1", "0.25", "1e-07").
std::string formatNumber(double v);
// Appends `s` as a JSON string literal (with quotes).
void appendJsonString(std::string &out, std::string_view s);
// Appends `s` as a CSV field, quoted when needed.
void appendCsvField(std::string &out, std::string_view s);

} // namespace stampede::output
