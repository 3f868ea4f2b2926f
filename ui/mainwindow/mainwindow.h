#pragma once

#include "core/studio/runcontroller.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QDockWidget;
class QLabel;

namespace stampede::studio {
class Document;
}

namespace stampede::ui {

class CodeEditor;
class OutputPane;
class Prompts;

// Stampede Studio's main window: the script editor in the middle, the run's
// output in a dock, File and Run menus, and a status line with the run result.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Replaces the dialogs (tests inject scripted answers). Never null.
    void setPrompts(std::unique_ptr<Prompts> prompts);

    studio::Document *document() const { return m_document; }
    CodeEditor *editor() const { return m_editor; }
    OutputPane *outputPane() const { return m_output; }
    studio::RunController *runController() const { return m_run; }
    QString statusText() const;

    QAction *newAction() const { return m_newAction; }
    QAction *openAction() const { return m_openAction; }
    QAction *saveAction() const { return m_saveAction; }
    QAction *saveAsAction() const { return m_saveAsAction; }
    QAction *runAction() const { return m_runAction; }
    QAction *stopAction() const { return m_stopAction; }

    // Opens `path` without asking about unsaved changes; shows an error and returns false on failure.
    bool openFile(const QString &path);

public Q_SLOTS:
    void newFile();
    void open();
    bool save();
    bool saveAs();
    void openExample();
    void run();
    void stop();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenusAndToolBar();
    void updateTitle();
    void updateRunActions();
    // Asks about unsaved changes; true if the caller may go on (saved or discarded).
    bool maybeSave();
    void onRunFinished(const studio::RunResult &result);
    void setStatus(const QString &text);
    void about();

    studio::Document *m_document = nullptr;   // child
    studio::RunController *m_run = nullptr;   // child
    CodeEditor *m_editor = nullptr;           // central widget
    OutputPane *m_output = nullptr;           // in m_outputDock
    QDockWidget *m_outputDock = nullptr;
    QLabel *m_statusLabel = nullptr;
    std::unique_ptr<Prompts> m_prompts;

    QAction *m_newAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_exampleAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_saveAsAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_stopAction = nullptr;
};

} // namespace stampede::ui
