#pragma once

#include "core/studio/restcontrolclient.h"
#include "core/studio/scriptinspector.h"

#include <QWidget>

class QAction;
class QLabel;
class QPushButton;
class QSpinBox;

namespace stampede::ui {

// The live controls of a local run, above the charts: the engine's state as its
// REST API reports it (running or paused, VUs of VUs max), Pause and Resume, and
// for externally-controlled scenarios a VUs box that scales the run live.
// Errors from the API (e.g. more VUs than maxVUs) are shown in red and passed on
// through message() for the status bar. Pause and Resume are also actions for the
// Run menu (shortcut F6 for both: only one of them is enabled at a time); the buttons
// trigger them, so menu, shortcut and buttons take the same path.
class RunControlBar : public QWidget
{
    Q_OBJECT
public:
    explicit RunControlBar(studio::RestControlClient *client, QWidget *parent = nullptr);

    // A run started with `--address`: the controls follow its status.
    void runStarted();
    // A run the studio cannot control (no free port, or the user passed --address): says why.
    void runWithoutControl(const QString &why);
    // What `stampede inspect` found: shows the VUs box if a scenario can be scaled.
    void setControlInfo(const studio::ScriptControlInfo &info);
    // The run is over: the controls are disabled, the last state stays visible.
    void runFinished();

    QAction *pauseAction() const { return m_pauseAction; }
    QAction *resumeAction() const { return m_resumeAction; }
    QPushButton *pauseButton() const { return m_pause; }
    QPushButton *resumeButton() const { return m_resume; }
    QSpinBox *vusBox() const { return m_vus; }
    QPushButton *applyVusButton() const { return m_applyVus; }
    QString stateText() const;
    QString errorText() const;

Q_SIGNALS:
    void message(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void onStatus(const studio::ControlStatus &status);
    void onError(const QString &text);
    void setPaused(bool paused);
    void updateEnabled();
    void retranslate();

    studio::RestControlClient *m_client;
    QLabel *m_caption = nullptr;
    QLabel *m_state = nullptr;
    QPushButton *m_pause = nullptr;
    QPushButton *m_resume = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_resumeAction = nullptr;
    QLabel *m_vusLabel = nullptr;
    QSpinBox *m_vus = nullptr;
    QPushButton *m_applyVus = nullptr;
    QLabel *m_error = nullptr;
    bool m_active = false;
    bool m_scalable = false;
    bool m_vusEdited = false; // the user typed a value that was not applied yet
};

} // namespace stampede::ui
