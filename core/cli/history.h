#pragma once

#include <string>
#include <vector>

namespace stampede::cli {

// `stampede history list|show|compare|export|baseline|delete`: the local run history.
// `compare` exits 1 when the candidate regressed beyond --tolerance (0 otherwise), so CI
// can gate on it; errors (unknown run, bad flags) exit 255.
int historyCommand(const std::vector<std::string> &args);

} // namespace stampede::cli
