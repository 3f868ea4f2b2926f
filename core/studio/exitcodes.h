#pragma once

#include <QString>

namespace stampede::studio {

// Exit codes of `stampede run`; they are k6's, so CI pipelines keep working.
namespace EngineExit {
inline constexpr int Ok = 0;
inline constexpr int GenericErrorLegacy = 1; // some tools report generic failures as 1
inline constexpr int ThresholdsFailed = 99;
inline constexpr int SetupTimeout = 100;
inline constexpr int TeardownTimeout = 101;
inline constexpr int GenericTimeout = 102;
inline constexpr int StoppedViaRestApi = 103;
inline constexpr int InvalidConfig = 104;
inline constexpr int InterruptedBySignal = 105;
inline constexpr int CannotStartRestApi = 106;
inline constexpr int ScriptException = 107;
inline constexpr int ScriptAborted = 108;
inline constexpr int MarkedAsFailed = 110;
inline constexpr int GenericError = 255; // k6 exits with -1 => 255: bad flag, missing file
} // namespace EngineExit

// A short, translated explanation of an engine exit code for the status line,
// e.g. "Thresholds failed (exit code 99)". Unknown codes still get a sentence.
QString explainExitCode(int code);

} // namespace stampede::studio
