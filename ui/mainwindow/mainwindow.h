#pragma once

#include "core/studio/k6api.h"
#include "core/studio/recovery.h"
#include "core/studio/runcontroller.h"
#include "core/studio/scriptchecker.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <vector>

class QAction;
class QDockWidget;
class QFileSystemModel;
class QLabel;
class QMenu;
class QSettings;
class QTabWidget;
class QTreeView;

namespace stampede::studio {
class DebugRunController;
class Document;
class LiveReceiver;
class LiveRunModel;
}

namespace stampede::ui {

class CodeEditor;
class CompareView;
class DebugPanel;
class FindBar;
class HistoryView;
class LivePanel;
class LocalRunSupport;
class OptionsPanel;
class OutputPane;
class ProblemsPane;
class Prompts;

// Stampede Studio's main window: a project tree on the left, one editor tab per
// open file in the middle (with a find/replace bar), the run's live charts and
// tables and its output in docks at the bottom, and a status line with the
// run result. Editor contents are autosaved to recovery files; the session
// (folder, tabs) is restored at the next start.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Replaces the dialogs (tests inject scripted answers). Never null.
    void setPrompts(std::unique_ptr<Prompts> prompts);
    // Where recent projects and the session are kept (tests inject an INI file). Default: QSettings().
    void setSettings(std::unique_ptr<QSettings> settings);
    QSettings *settings() const { return m_settings.get(); }
    // Where editor contents are autosaved. Default: RecoveryStore::defaultDirectory().
    void setRecoveryDirectory(const QString &directory);
    QString recoveryDirectory() const { return m_recovery.directory(); }
    // Inactivity before the editor contents are written to the recovery directory. Default 3000 ms.
    void setAutosaveDelay(int ms) { m_autosaveTimer.setInterval(ms); }

    // After construction: offers to recover autosaved contents and, if no files
    // are given, restores the last session; then opens `files`.
    void startUp(const QStringList &files = {});

    // The current tab's document and editor (there is always at least one tab).
    studio::Document *document() const;
    CodeEditor *editor() const;
    int tabCount() const;
    studio::Document *documentAt(int index) const;
    CodeEditor *editorAt(int index) const;
    int currentTab() const;
    void setCurrentTab(int index);
    QTabWidget *tabWidget() const { return m_tabs; }
    // The tab's title including the unsaved-changes marker.
    QString tabTitle(int index) const;

    OutputPane *outputPane() const { return m_output; }
    LivePanel *livePanel() const { return m_live; }
    FindBar *findBar() const { return m_findBar; }
    studio::RunController *runController() const { return m_run; }
    studio::LiveRunModel *liveModel() const { return m_liveModel; }
    const studio::K6Api &k6Api() const { return m_api; }
    QString statusText() const;
    Prompts *prompts() const { return m_prompts.get(); }
    QString projectFolder() const { return m_projectFolder; }
    QTreeView *projectTree() const { return m_projectTree; }
    QDockWidget *liveDock() const { return m_liveDock; }
    HistoryView *historyView() const { return m_history; }
    CompareView *compareView() const { return m_compare; }
    QDockWidget *historyDock() const { return m_historyDock; }
    QDockWidget *compareDock() const { return m_compareDock; }
    QAction *compareWithBaselineAction() const { return m_compareBaselineAction; }
    // Script checks (error markers) and the options form.
    studio::ScriptChecker *scriptChecker() const { return m_checker; }
    ProblemsPane *problemsPane() const { return m_problems; }
    QDockWidget *problemsDock() const { return m_problemsDock; }
    OptionsPanel *optionsPanel() const { return m_optionsPanel; }
    QDockWidget *optionsDock() const { return m_optionsDock; }
    QAction *checkAction() const { return m_checkAction; }
    // The environment variables (KEY=VALUE) runs of tab `index` get as -e.
    QStringList environmentAt(int index) const;

    QAction *newAction() const { return m_newAction; }
    QAction *openAction() const { return m_openAction; }
    QAction *saveAction() const { return m_saveAction; }
    QAction *saveAsAction() const { return m_saveAsAction; }
    QAction *runAction() const { return m_runAction; }
    QAction *debugAction() const { return m_debugAction; }
    studio::DebugRunController *debugController() const { return m_debug; }
    DebugPanel *debugPanel() const { return m_debugPanel; }
    QDockWidget *debugDock() const { return m_debugDock; }
    QAction *stopAction() const { return m_stopAction; }
    QMenu *templatesMenu() const { return m_templatesMenu; }
    QMenu *examplesMenu() const { return m_examplesMenu; }
    // The test server, the REST run control and its bar (Pause / Resume / VUs).
    LocalRunSupport *localRun() const { return m_localRun; }
    // Where File > Open Example puts the editable copies. Default: <AppDataLocation>/examples.
    void setExamplesDirectory(const QString &directory) { m_examplesDir = directory; }
    // Opens a copy of the bundled example `id` ("json-api", ...); false (and an error) if it fails.
    bool openExampleById(const QString &id);

    // Opens `path` in a tab (or switches to its tab) without asking anything;
    // shows an error and returns false on failure.
    bool openFile(const QString &path);
    // Shows `folder` in the project tree and remembers it as a recent project.
    bool openFolder(const QString &folder);
    // A new untitled tab with the text of a bundled template ("smoke", "load-stages", ...).
    bool newFromTemplate(const QString &id);
    // Writes the recovery files now (the autosave timer does this after a pause in typing).
    void writeRecoveryFiles();
    // Opens `scriptPath` and runs it with `arguments` before the script (the history's
    // "Run Again"); `note` is shown in the output first. False if a run is going on.
    bool runWithArguments(const QString &scriptPath, const QStringList &arguments, const QString &note = {});
    void saveSessionState();
    void restoreSession();

public Q_SLOTS:
    void newFile();
    void open();
    void openFolderDialog();
    bool save();
    bool saveAs();
    void openExample();
    void closeCurrentTab();
    bool closeTab(int index);
    void goToLine();
    void run();
    void stop();
    // Runs the current script once with one VU and shows every request in the debug panel (F5).
    void debug();
    // Opens `file` (or switches to its tab) and puts the cursor on `line`, `column`.
    bool showScriptLocation(const QString &file, int line, int column = 0);
    // Checks the current tab's text with `stampede inspect` (Run > Check Script); markers follow.
    void checkScript();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    struct Tab
    {
        studio::Document *document = nullptr; // owned: deleted after its editor
        CodeEditor *editor = nullptr;         // owned by the tab widget
        QString recoveryId;
        QStringList environment; // -e KEY=VALUE for runs
    };

    void createActions();
    void createMenusAndToolBar();
    void createDocks();
    int addTab(studio::Document *document);
    int indexOfFile(const QString &path) const;
    const Tab *tabFor(const studio::Document *document) const;
    bool reuseCurrentTab() const;
    void updateTitle();
    void updateTabTitle(int index);
    void updateRunActions();
    void rebuildRecentMenu();
    // Asks about unsaved changes in tab `index`; true if the caller may go on (saved or discarded).
    bool maybeSave(int index);
    bool saveTab(int index);
    bool saveTabAs(int index);
    void offerRecovery();
    void onRunFinished(const studio::RunResult &result);
    void createHistoryDocks();
    void createDebugDock(); // in debugrun.cpp
    void onDebugFinished(const studio::RunResult &result);
    void startRun(const QString &scriptPath, const QStringList &arguments);
    void setStatus(const QString &text);
    void about();
    // mainwindow_checks.cpp
    void createCheckAndOptionsDocks();
    // `explicitRequest`: Run > Check Script (the status line always tells the result); else a check after saving
    // (the status line keeps "Saved …" unless there are problems).
    void checkTab(int index, bool explicitRequest = false);
    void onCheckFinished(const studio::CheckResult &result);
    void showProblem(const studio::Diagnostic &diagnostic);
    void attachOptionsPanel();
    void onEnvironmentEdited(const QStringList &keyValues);
    Tab *tabForEditor(const CodeEditor *editor);

    std::vector<Tab> m_tabList; // in creation order; the tab widget decides the visual order
    QTabWidget *m_tabs = nullptr;
    FindBar *m_findBar = nullptr;
    studio::RunController *m_run = nullptr;        // child
    studio::LiveRunModel *m_liveModel = nullptr;   // child
    studio::LiveReceiver *m_liveReceiver = nullptr; // child
    studio::K6Api m_api;
    studio::RecoveryStore m_recovery;
    QTimer m_autosaveTimer;
    OutputPane *m_output = nullptr;
    LivePanel *m_live = nullptr;
    QDockWidget *m_outputDock = nullptr;
    QDockWidget *m_liveDock = nullptr;
    QDockWidget *m_projectDock = nullptr;
    HistoryView *m_history = nullptr;
    CompareView *m_compare = nullptr;
    QDockWidget *m_historyDock = nullptr;
    QDockWidget *m_compareDock = nullptr;
    QAction *m_compareBaselineAction = nullptr;
    studio::ScriptChecker *m_checker = nullptr; // child
    ProblemsPane *m_problems = nullptr;
    QDockWidget *m_problemsDock = nullptr;
    OptionsPanel *m_optionsPanel = nullptr;
    QDockWidget *m_optionsDock = nullptr;
    QAction *m_checkAction = nullptr;
    QPointer<CodeEditor> m_checkEditor; // the editor whose text is being checked
    bool m_checkExplicit = false;
    QTreeView *m_projectTree = nullptr;
    QFileSystemModel *m_fsModel = nullptr;
    QString m_projectFolder;
    QLabel *m_statusLabel = nullptr;
    std::unique_ptr<Prompts> m_prompts;
    std::unique_ptr<QSettings> m_settings;
    QStringList m_runStdout; // the current run's stdout, for the summary (bounded)
    QString m_runScriptName;

    QAction *m_newAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_openFolderAction = nullptr;
    QAction *m_exampleAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_saveAsAction = nullptr;
    QAction *m_closeTabAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_debugAction = nullptr;
    studio::DebugRunController *m_debug = nullptr; // child
    DebugPanel *m_debugPanel = nullptr;
    QDockWidget *m_debugDock = nullptr;
    QMenu *m_templatesMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_examplesMenu = nullptr;
    LocalRunSupport *m_localRun = nullptr; // child
    QString m_examplesDir;
};

} // namespace stampede::ui
