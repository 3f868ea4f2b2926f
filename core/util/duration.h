#pragma once

#include "core/util/error.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace stampede {

using Nanos = std::chrono::nanoseconds;

// Parses Go-style durations as k6 accepts them: "1h30m10s", "500ms", "1.5s",
// "300us"/"300µs", "10ns", "-2s", and "0". A bare number is milliseconds
// (k6 treats numeric JSON durations that way).
Result<Nanos> parseDuration(std::string_view text);

// Go's time.Duration.String(): "1h30m0s", "1.5s", "500ms", "0s".
std::string formatGoDuration(Nanos d);

// k6 summary formatting of a time value given in milliseconds:
// "0s", "512ns", "1.23µs", "45.67ms", "1.5s", "1m30s", "2h0m5s".
std::string humanizeDurationMs(double ms);

// k6 summary formatting of a time value in a fixed unit ("s", "ms", "us"/"µs", "ns", "m", "h"),
// as --summary-time-unit asks: two decimals. Returns empty if the unit is unknown.
std::string formatDurationInUnit(double ms, std::string_view unit);

// k6 summary formatting of byte counts: "812 B", "8.5 kB", "12 MB" (base 1000).
std::string humanizeBytes(double bytes);

// Like JavaScript's toFixed() followed by trimming trailing zeros, truncating instead of rounding.
std::string toFixedNoTrailingZerosTrunc(double value, int decimals);
// Rounds to `decimals` and trims trailing zeros.
std::string toFixedNoTrailingZeros(double value, int decimals);

} // namespace stampede
