#include "core/studio/exitcodes.h"

#include <QCoreApplication>

namespace stampede::studio {

QString explainExitCode(int code)
{
    QString what;
    switch (code) {
    case EngineExit::Ok:
        what = QCoreApplication::translate("stampede::studio::ExitCode", "Test finished successfully");
        break;
    case EngineExit::GenericErrorLegacy:
    case EngineExit::GenericError:
        what = QCoreApplication::translate("stampede::studio::ExitCode",
                                           "Error: bad command-line flag, missing file or other failure");
        break;
    case EngineExit::ThresholdsFailed:
        what = QCoreApplication::translate("stampede::studio::ExitCode", "Thresholds failed");
        break;
    case EngineExit::SetupTimeout:
        what = QCoreApplication::translate("stampede::studio::ExitCode", "setup() timed out");
        break;
    case EngineExit::TeardownTimeout:
        what = QCoreApplication::translate("stampede::studio::ExitCode", "teardown() timed out");
        break;
    case EngineExit::GenericTimeout:
        what = QCoreApplication::translate("stampede::studio::ExitCode", "Test timed out");
        break;
    case EngineExit::StoppedViaRestApi:
        what = QCoreApplication::translate("stampede::studio::ExitCode", "Stopped through the REST API");
        break;
    case EngineExit::InvalidConfig:
        what = QCoreApplication::translate("stampede::studio::ExitCode", "Invalid configuration");
        break;
    case EngineExit::InterruptedBySignal:
        what = QCoreApplication::translate("stampede::studio::ExitCode", "Interrupted by a signal");
        break;
    case EngineExit::CannotStartRestApi:
        what = QCoreApplication::translate("stampede::studio::ExitCode", "Could not start the REST API");
        break;
    case EngineExit::ScriptException:
        what = QCoreApplication::translate("stampede::studio::ExitCode", "The script threw an exception");
        break;
    case EngineExit::ScriptAborted:
        what = QCoreApplication::translate("stampede::studio::ExitCode", "The script called test.abort()");
        break;
    case EngineExit::MarkedAsFailed:
        what = QCoreApplication::translate("stampede::studio::ExitCode", "The test was marked as failed");
        break;
    default:
        what = QCoreApplication::translate("stampede::studio::ExitCode", "Unknown error");
        break;
    }
    return QCoreApplication::translate("stampede::studio::ExitCode", "%1 (exit code %2)").arg(what).arg(code);
}

} // namespace stampede::studio
