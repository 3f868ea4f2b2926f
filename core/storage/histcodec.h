#pragma once

#include "core/metrics/histogram.h"
#include "core/util/error.h"

#include <cstdint>
#include <vector>

namespace stampede::storage {

// A compact, versioned binary form of a metrics::Histogram for the history database:
// format byte, count, sum, min, max, then the non-empty buckets as
// (sign, zig-zag delta of the bucket index, count) varints. Zeros are implied by
// count minus the bucket counts, so percentiles can be recomputed exactly as the
// live histogram would have reported them.
std::vector<uint8_t> encodeHistogram(const metrics::Histogram &h);
Result<metrics::Histogram> decodeHistogram(const std::vector<uint8_t> &blob);

} // namespace stampede::storage
