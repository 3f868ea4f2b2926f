#include "core/studio/exitcodes.h"

#include <QCoreApplication>

namespace stampede::studio {

using stampede::ExitCode;

QString explainExitCode(int code)
{
    QString what;
    switch (code) {
    case 1: // some tools report generic failures as 1
        what = QCoreApplication::translate("stampede::studio::ExitCode",
                                           "Error: bad command-line flag, missing file or other failure");
        break;
    case int(ExitCode::Ok):
        what = QCoreApplication::translate("stampede::studio::ExitCode", "Test finished successfully");
        break;
    case int(ExitCode::GenericError):
        what = QCoreApplication::translate("stampede::studio::ExitCode",
                                           "Error: bad command-line flag, missing file or other failure");
        break;
    case int(ExitCode::ThresholdsHaveFailed):
        what = QCoreApplication::translate("stampede::studio::ExitCode", "Thresholds failed");
        break;
    case int(ExitCode::SetupTimeout):
        what = QCoreApplication::translate("stampede::studio::ExitCode", "setup() timed out");
        break;
    case int(ExitCode::TeardownTimeout):
        what = QCoreApplication::translate("stampede::studio::ExitCode", "teardown() timed out");
        break;
    case int(ExitCode::GenericTimeout):
        what = QCoreApplication::translate("stampede::studio::ExitCode", "Test timed out");
        break;
    case int(ExitCode::StoppedViaRestApi):
        what = QCoreApplication::translate("stampede::studio::ExitCode", "Stopped through the REST API");
        break;
    case int(ExitCode::InvalidConfig):
        what = QCoreApplication::translate("stampede::studio::ExitCode", "Invalid configuration");
        break;
    case int(ExitCode::ExternalAbort):
        what = QCoreApplication::translate("stampede::studio::ExitCode", "Interrupted by a signal");
        break;
    case int(ExitCode::CannotStartRestApi):
        what = QCoreApplication::translate("stampede::studio::ExitCode", "Could not start the REST API");
        break;
    case int(ExitCode::ScriptException):
        what = QCoreApplication::translate("stampede::studio::ExitCode", "The script threw an exception");
        break;
    case int(ExitCode::ScriptAborted):
        what = QCoreApplication::translate("stampede::studio::ExitCode", "The script called test.abort()");
        break;
    case int(ExitCode::MarkedAsFailed):
        what = QCoreApplication::translate("stampede::studio::ExitCode", "The test was marked as failed");
        break;
    default:
        what = QCoreApplication::translate("stampede::studio::ExitCode", "Unknown error");
        break;
    }
    return QCoreApplication::translate("stampede::studio::ExitCode", "%1 (exit code %2)").arg(what).arg(code);
}

} // namespace stampede::studio
