#pragma once

#include "core/util/exitcodes.h"

#include <QString>

namespace stampede::studio {

// The engine's exit codes are stampede::ExitCode (core/util/exitcodes.h), k6's codes.

// A short, translated explanation of an engine exit code for the status line,
// e.g. "Thresholds failed (exit code 99)". Unknown codes still get a sentence.
QString explainExitCode(int code);

} // namespace stampede::studio
