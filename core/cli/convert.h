#pragma once

#include <string>
#include <vector>

namespace stampede::cli {

// `stampede convert recording.har -O script.js`: HAR (Chrome, Firefox, Safari, LI-HAR) to a k6
// script, with filters, rules (<har>.rules.json beside the recording) and offline auto-correlation.
// Returns the process exit code.
int convertCommand(const std::vector<std::string> &args);

} // namespace stampede::cli
