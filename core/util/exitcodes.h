#pragma once

namespace stampede {

// Process exit codes, identical to k6's so CI pipelines keep working.
enum class ExitCode : int {
    Ok = 0,
    GenericError = 255, // bad flags, missing files, other failures before a test starts (k6: -1)
    CloudTestRunFailed = 97,
    CloudFailedToGetProgress = 98,
    ThresholdsHaveFailed = 99,
    SetupTimeout = 100,
    TeardownTimeout = 101,
    GenericTimeout = 102,
    StoppedViaRestApi = 103,
    InvalidConfig = 104,
    ExternalAbort = 105,
    CannotStartRestApi = 106,
    ScriptException = 107,
    ScriptAborted = 108,
    MarkedAsFailed = 110,
};

} // namespace stampede
