#pragma once

// What the tests of the studio's main window share (tst_editor, tst_studio): the engine they run,
// screenshots, scripted prompts, and a main window set up for an offscreen test.

#include "core/studio/runcontroller.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/mainwindow/prompts.h"

#include <QDir>
#include <QFileInfo>
#include <QPixmap>
#include <QSettings>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QTest>

#include <memory>

namespace stampede::test {

// Prompts for a window test: scripted answers instead of modal dialogs, and a log of what was asked.
class ScriptedPrompts : public ui::Prompts
{
public:
    struct Answers
    {
        SaveChoice save = SaveChoice::Discard; // to "save the changes?"
        bool recover = false;                  // to "recover the unsaved documents?"
        int line = 0;                          // to "go to line"
    };
    struct Log
    {
        QStringList saveQuestions;    // the documents it was asked about
        QStringList recoverQuestions; // the documents it offered to recover
        QStringList errors;           // the messages it was asked to show
        int stopQuestions = 0;
    };

    ScriptedPrompts(Log *log, const Answers &answers)
        : m_log(log)
        , m_answers(answers)
    {
    }

    SaveChoice askSaveChanges(QWidget *, const QString &name) override
    {
        m_log->saveQuestions.append(name);
        return m_answers.save;
    }
    QString askOpenFileName(QWidget *, const QString &) override { return {}; }
    QString askSaveFileName(QWidget *, const QString &) override { return {}; }
    bool confirmStopRun(QWidget *) override
    {
        ++m_log->stopQuestions;
        return true;
    }
    void showError(QWidget *, const QString &, const QString &message) override { m_log->errors.append(message); }
    bool askRecover(QWidget *, const QStringList &names) override
    {
        m_log->recoverQuestions += names;
        return m_answers.recover;
    }
    int askLineNumber(QWidget *, int, int) override { return m_answers.line; }
    QString askFolder(QWidget *, const QString &) override { return {}; }

private:
    Log *m_log;
    Answers m_answers;
};

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
    w->setSettings(
        std::make_unique<QSettings>(QDir(dir).filePath(QStringLiteral("settings.ini")), QSettings::IniFormat));
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
