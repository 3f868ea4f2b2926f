#pragma once

#include "core/studio/restcontrolclient.h"
#include "core/studio/scriptinspector.h"
#include "core/studio/testservercontroller.h"

#include <QObject>
#include <QString>
#include <QStringList>

class QAction;
class QLabel;
class QStatusBar;

namespace stampede::ui {

class RunControlBar;

// What the main window adds to a local run, kept out of mainwindow.cpp:
// - the local test server (Tools > Start Test Server): its URL in the status bar,
//   passed to runs as BASE_URL;
// - the REST control of the running engine (`--address 127.0.0.1:<free port>`):
//   the RunControlBar with Pause / Resume / VUs above the live charts.
class LocalRunSupport : public QObject
{
    Q_OBJECT
public:
    LocalRunSupport(QStatusBar *statusBar, QObject *parent);
    ~LocalRunSupport() override;

    studio::TestServerController *testServer() const { return m_server; }
    studio::RestControlClient *control() const { return m_control; }
    studio::ScriptInspector *inspector() const { return m_inspector; }
    // Owned by whoever it is put into (the live dock); created here.
    RunControlBar *controlBar() const { return m_bar; }
    QAction *testServerAction() const { return m_serverAction; }
    QLabel *serverLabel() const { return m_serverLabel; }

    // The engine `stampede inspect` runs with; the test server is looked for next to it too
    // when it is not next to the studio.
    void setEnginePath(const QString &path);

    // The arguments for `stampede run` of `scriptPath`: `arguments` plus --address and, while the
    // test server runs and BASE_URL is not set already, -e BASE_URL=<its URL>. Starts following the run.
    QStringList prepareRun(const QString &scriptPath, const QStringList &arguments);
    // The engine ended.
    void runFinished();

Q_SIGNALS:
    // A line for the status bar.
    void message(const QString &text);

private:
    void toggleServer();
    void updateServerUi();

    studio::TestServerController *m_server;  // child
    studio::RestControlClient *m_control;    // child
    studio::ScriptInspector *m_inspector;    // child
    RunControlBar *m_bar;                    // parented by the live dock
    QAction *m_serverAction;                 // child
    QLabel *m_serverLabel;                   // in the status bar
};

} // namespace stampede::ui
