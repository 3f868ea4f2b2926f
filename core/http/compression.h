#pragma once

#include "core/util/error.h"

#include <string>

namespace stampede::http {

// Compresses a request body as k6's `compression` param asks: "gzip", "deflate",
// "br", "zstd", or a comma-separated list applied in order (stacked). Returns the
// Content-Encoding header value to send ("gzip, br").
Result<std::string> compressBody(std::string &body, const std::string &algorithms);

// The reverse, for tests: decodes one algorithm.
Result<std::string> decompress(const std::string &data, const std::string &algorithm);

} // namespace stampede::http
