#pragma once

// What the tests of the studio's main window share (tst_editor, tst_studio): the engine they run,
// screenshots, and a main window set up for an offscreen test.

#include "core/studio/runcontroller.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/mainwindow/prompts.h"

#include <QDir>
#include <QFileInfo>
#include <QPixmap>
#include <QSettings>
#include <QSize>
#include <QString>
#include <QTest>

#include <memory>

namespace stampede::test {

// The stampede CLI the tests run: $STAMPEDE_TEST_ENGINE, else the one in the build; empty if it is not there.
inline QString realEngine()
{
    QString engine = qEnvironmentVariable("STAMPEDE_TEST_ENGINE");
    if (engine.isEmpty())
        engine = QStringLiteral(STAMPEDE_BIN_DIR "/stampede");
    return QFileInfo(engine).isExecutable() ? engine : QString();
}

// Saves what `w` shows as STAMPEDE_SCREENSHOT_DIR/<name> (a warning if it cannot).
inline void saveScreenshot(QWidget *w, const QString &name)
{
    const QPixmap shot = w->grab();
    const QString dir = QStringLiteral(STAMPEDE_SCREENSHOT_DIR);
    if (shot.isNull() || !QDir().mkpath(dir) || !shot.save(dir + u'/' + name))
        qWarning("could not write the screenshot %s to %s", qPrintable(name), qPrintable(dir));
}

// A main window for a test: it asks `prompts` instead of showing dialogs, keeps its settings
// (settings.ini) and recovery files (recovery/) in `dir` instead of the user's, and runs `engine`
// when one is given.
inline std::unique_ptr<ui::MainWindow> makeMainWindow(std::unique_ptr<ui::Prompts> prompts, const QString &dir,
                                                      const QString &engine = {})
{
    auto w = std::make_unique<ui::MainWindow>();
    w->setPrompts(std::move(prompts));
    w->setSettings(std::make_unique<QSettings>(QDir(dir).filePath(QStringLiteral("settings.ini")), QSettings::IniFormat));
    w->setRecoveryDirectory(QDir(dir).filePath(QStringLiteral("recovery")));
    if (!engine.isEmpty())
        w->runController()->setEnginePath(engine);
    return w;
}

// Shows `w` (at `size`, if one is given) and waits until it is on the (offscreen) screen.
[[nodiscard]] inline bool showMainWindow(ui::MainWindow *w, QSize size = {})
{
    if (size.isValid())
        w->resize(size);
    w->show();
    return QTest::qWaitForWindowExposed(w);
}

} // namespace stampede::test
