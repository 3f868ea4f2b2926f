#pragma once

#include "core/har/model.h"
#include "core/util/error.h"

#include <string>
#include <string_view>

namespace stampede::har {

// Parses a HAR 1.2 archive (Chrome, Firefox, Safari) or an LI-HAR file (har-to-k6's extension)
// into the request model. The file is read as a stream with a SAX parser: only one entry at a
// time exists as a JSON tree, so a 100 MB archive never sits in memory twice.
//
// Errors name the file, the JSON path and the reason, e.g.
//   "recording.har: log.entries[3].request.url: expected a string, got a number";
// JSON syntax errors carry line and column (Error::line/column).
Result<Archive> parseHarFile(const std::string &path);

// The same for a document in memory; `sourceName` is used in messages.
Result<Archive> parseHarText(std::string_view text, const std::string &sourceName);

} // namespace stampede::har
