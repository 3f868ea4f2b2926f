#include "core/util/exitcodes.h"

namespace stampede {

const char *describeExitCode(int code)
{
    switch (static_cast<ExitCode>(code)) {
    case ExitCode::Ok: return "the test finished and all thresholds passed";
    case ExitCode::GenericError: return "the test could not run (see the error above)";
    case ExitCode::CloudTestRunFailed: return "the cloud test run failed";
    case ExitCode::CloudFailedToGetProgress: return "the cloud test run's progress could not be read";
    case ExitCode::ThresholdsHaveFailed: return "one or more thresholds failed";
    case ExitCode::SetupTimeout: return "setup() timed out";
    case ExitCode::TeardownTimeout: return "teardown() timed out";
    case ExitCode::GenericTimeout: return "the test timed out";
    case ExitCode::StoppedViaRestApi: return "the test was stopped through the REST API";
    case ExitCode::InvalidConfig: return "the configuration is invalid";
    case ExitCode::ExternalAbort: return "the test was interrupted (signal)";
    case ExitCode::CannotStartRestApi: return "the REST API could not be started";
    case ExitCode::ScriptException: return "the script threw an exception";
    case ExitCode::ScriptAborted: return "the script aborted the test (test.abort())";
    case ExitCode::MarkedAsFailed: return "the test was marked as failed";
    }
    return "unknown exit code";
}

} // namespace stampede
