// Stampede Studio: the desktop editor and runner for k6 scripts.
#include "core/studio/runcontroller.h"
#include "translations/i18n.h"
#include "ui/mainwindow/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QIcon>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"Stampede Studio"_s);
    QApplication::setOrganizationName(u"Stampede"_s);
    QApplication::setApplicationVersion(QStringLiteral(STAMPEDE_VERSION));
    QApplication::setDesktopFileName(u"stampede-studio"_s);
    QApplication::setWindowIcon(QIcon(u":/icons/stampede.svg"_s));

    stampede::i18n::installTranslators(&app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "Edit and run k6 load-test scripts."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption engineOption(u"engine"_s,
                                    QCoreApplication::translate("main", "Use <path> as the stampede engine."),
                                    QCoreApplication::translate("main", "path"));
    parser.addOption(engineOption);
    parser.addPositionalArgument(u"scripts"_s, QCoreApplication::translate("main", "The scripts to open."),
                                 u"[scripts...]"_s);
    parser.process(app);

    stampede::ui::MainWindow window;
    if (parser.isSet(engineOption))
        window.runController()->setEnginePath(QFileInfo(parser.value(engineOption)).absoluteFilePath());
    window.show();
    // Restores the last session (or opens the given scripts) and offers to recover unsaved work.
    window.startUp(parser.positionalArguments());

    return app.exec();
}
