#include "ui/mainwindow/mainwindow.h"

#include "core/studio/debugruncontroller.h"
#include "core/studio/document.h"
#include "core/studio/examples.h"
#include "core/studio/livereceiver.h"
#include "core/studio/liverunmodel.h"
#include "core/studio/outputline.h"
#include "core/studio/scriptenv.h"
#include "core/studio/session.h"
#include "resources/resourcepaths.h"
#include "ui/editor/codeeditor.h"
#include "ui/editor/findbar.h"
#include "ui/history/compareview.h"
#include "ui/history/historyview.h"
#include "ui/harimport/harimportdialog.h"
#include "ui/mainwindow/localrunsupport.h"
#include "ui/mainwindow/prompts.h"
#include "ui/run/livepanel.h"
#include "ui/run/outputpane.h"
#include "ui/run/runcontrolbar.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemModel>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTextDocument>
#include <QToolBar>
#include <QTreeView>
#include <QUuid>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stampede::ui {

namespace {
QIcon themedIcon(const QString &themeName, const QString &fallback)
{
    return QIcon::fromTheme(themeName, QIcon(fallback));
}

constexpr qsizetype kMaxSummaryLines = 4000;
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_run(new studio::RunController(this))
    , m_liveModel(new studio::LiveRunModel(7200, this))
    , m_prompts(std::make_unique<DialogPrompts>())
    , m_settings(std::make_unique<QSettings>())
{
    setObjectName(u"mainWindow"_s);
    setWindowIcon(QIcon(resources::appIconPath()));
    m_liveReceiver = new studio::LiveReceiver(m_liveModel, this);
    if (!m_api.load(resources::k6ApiPath()))
        qWarning("MainWindow: the bundled k6 API description is missing; completion is off");

    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    m_tabs = new QTabWidget(central);
    m_tabs->setObjectName(u"editorTabs"_s);
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_findBar = new FindBar(central);
    m_findBar->hide();
    centralLayout->addWidget(m_tabs, 1);
    centralLayout->addWidget(m_findBar);
    setCentralWidget(central);

    m_statusLabel = new QLabel(tr("Ready"), this);
    m_statusLabel->setObjectName(u"runStatus"_s);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addWidget(m_statusLabel, 1);
    m_localRun = new LocalRunSupport(statusBar(), this);
    connect(m_localRun, &LocalRunSupport::message, this, &MainWindow::setStatus);
    m_examplesDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/examples"_s;

    createDocks();
    createCheckAndOptionsDocks();
    createActions();
    createMenusAndToolBar();

    m_autosaveTimer.setSingleShot(true);
    m_autosaveTimer.setInterval(3000);
    connect(&m_autosaveTimer, &QTimer::timeout, this, &MainWindow::writeRecoveryFiles);

    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        updateTitle();
        m_findBar->setEditor(editor());
        attachOptionsPanel();
    });
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(m_run, &studio::RunController::stateChanged, this, &MainWindow::updateRunActions);
    connect(m_run, &studio::RunController::outputReceived, m_output, &OutputPane::appendLines);
    connect(m_run, &studio::RunController::outputReceived, this, [this](const studio::OutputLines &lines) {
        for (const studio::OutputLine &line : lines)
            if (line.channel == studio::OutputLine::Channel::Stdout)
                m_runStdout.append(line.text);
        if (m_runStdout.size() > kMaxSummaryLines)
            m_runStdout.erase(m_runStdout.begin(), m_runStdout.begin() + (m_runStdout.size() - kMaxSummaryLines));
    });
    connect(m_run, &studio::RunController::started, this, [this](const QString &commandLine) {
        m_output->appendNote(u"$ "_s + commandLine);
        setStatus(tr("Running %1…").arg(m_runScriptName));
    });
    connect(m_run, &studio::RunController::finished, this, &MainWindow::onRunFinished);
    connect(m_liveModel, &studio::LiveRunModel::thresholdFailed, this,
            [this](const QString &metric, const QString &expression) {
                setStatus(tr("Threshold failed: %1 %2").arg(metric, expression));
            });

    addTab(new studio::Document());
    updateRunActions();
    resize(1280, 860);
    resizeDocks({m_outputDock}, {220}, Qt::Vertical);
    resizeDocks({m_projectDock}, {220}, Qt::Horizontal);
    editor()->setFocus();
}

MainWindow::~MainWindow()
{
    // Every editor shows its document's text; it must go before the document does.
    for (Tab &tab : m_tabList) {
        delete tab.editor;
        delete tab.document;
    }
    m_tabList.clear();
}

void MainWindow::createDocks()
{
    m_output = new OutputPane(this);
    m_outputDock = new QDockWidget(tr("Output"), this);
    m_outputDock->setObjectName(u"outputDock"_s);
    m_outputDock->setWidget(m_output);
    m_outputDock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::RightDockWidgetArea | Qt::LeftDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_outputDock);

    m_live = new LivePanel(m_liveModel, this);
    connect(m_localRun->control(), &studio::RestControlClient::statusChanged, m_live,
            [this](const studio::ControlStatus &status) { m_live->setPaused(status.paused); });
    m_liveDock = new QDockWidget(tr("Live Run"), this);
    m_liveDock->setObjectName(u"liveDock"_s);
    auto *liveBox = new QWidget(this);
    auto *liveLayout = new QVBoxLayout(liveBox);
    liveLayout->setContentsMargins(4, 4, 4, 0);
    liveLayout->setSpacing(0);
    liveLayout->addWidget(m_localRun->controlBar());
    liveLayout->addWidget(m_live, 1);
    m_liveDock->setWidget(liveBox);
    m_liveDock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::RightDockWidgetArea | Qt::TopDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_liveDock);
    tabifyDockWidget(m_outputDock, m_liveDock);
    m_outputDock->raise();
    createDebugDock();

    m_fsModel = new QFileSystemModel(this);
    m_fsModel->setNameFilters({u"*.js"_s, u"*.mjs"_s, u"*.cjs"_s, u"*.ts"_s, u"*.json"_s, u"*.csv"_s, u"*.har"_s,
                               u"*.txt"_s, u"*.md"_s});
    m_fsModel->setNameFilterDisables(false);
    m_fsModel->setReadOnly(true);
    m_projectTree = new QTreeView(this);
    m_projectTree->setObjectName(u"projectTree"_s);
    m_projectTree->header()->hide();
    m_projectTree->setEnabled(false); // the model is set when a folder is opened
    connect(m_projectTree, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (!m_fsModel->isDir(index))
            openFile(m_fsModel->filePath(index));
    });
    m_projectDock = new QDockWidget(tr("Project"), this);
    m_projectDock->setObjectName(u"projectDock"_s);
    m_projectDock->setWidget(m_projectTree);
    addDockWidget(Qt::LeftDockWidgetArea, m_projectDock);
    m_projectDock->hide(); // until a folder is opened
    createHistoryDocks();
}

void MainWindow::createHistoryDocks()
{
    m_history = new HistoryView(this);
    m_historyDock = new QDockWidget(tr("Run History"), this);
    m_historyDock->setObjectName(u"historyDock"_s);
    m_historyDock->setWidget(m_history);
    addDockWidget(Qt::BottomDockWidgetArea, m_historyDock);
    tabifyDockWidget(m_outputDock, m_historyDock);

    m_compare = new CompareView(this);
    m_compareDock = new QDockWidget(tr("Compare Runs"), this);
    m_compareDock->setObjectName(u"compareDock"_s);
    m_compareDock->setWidget(m_compare);
    addDockWidget(Qt::BottomDockWidgetArea, m_compareDock);
    tabifyDockWidget(m_outputDock, m_compareDock);
    m_outputDock->raise();

    m_compareBaselineAction = new QAction(tr("Compare with &Baseline"), this);
    m_compareBaselineAction->setObjectName(u"compareBaselineAction"_s);
    m_compareBaselineAction->setStatusTip(tr("Compare the run selected in the history with the baseline of its test"));
    m_compareBaselineAction->setEnabled(false);
    connect(m_compareBaselineAction, &QAction::triggered, this, [this] {
        const auto ids = m_history->selectedRunIds();
        if (ids.size() == 1)
            m_history->compareWithBaseline(ids.front());
    });
    connect(m_history, &HistoryView::selectionChanged, this,
            [this] { m_compareBaselineAction->setEnabled(m_history->selectedRunIds().size() == 1); });
    connect(m_history, &HistoryView::compareRequested, this, [this](qint64 base, qint64 candidate) {
        if (!m_history->database() || !m_compare->compare(*m_history->database(), base, candidate)) {
            m_prompts->showError(this, tr("Cannot Compare"), m_compare->errorString());
            return;
        }
        m_compareDock->show();
        m_compareDock->raise();
        if (m_compareDock->height() < height() / 2)
            resizeDocks({m_compareDock}, {height() * 3 / 5}, Qt::Vertical);
    });
    connect(m_history, &HistoryView::rerunRequested, this,
            [this](const QString &script, const QStringList &arguments, const QString &note) {
                runWithArguments(script, arguments, note);
            });
}

void MainWindow::setPrompts(std::unique_ptr<Prompts> prompts)
{
    m_prompts = prompts ? std::move(prompts) : std::make_unique<DialogPrompts>();
}

void MainWindow::setSettings(std::unique_ptr<QSettings> settings)
{
    m_settings = settings ? std::move(settings) : std::make_unique<QSettings>();
}

void MainWindow::setRecoveryDirectory(const QString &directory)
{
    m_recovery = studio::RecoveryStore(directory);
}

QString MainWindow::statusText() const
{
    return m_statusLabel->text();
}

// --- tabs -------------------------------------------------------------------

int MainWindow::addTab(studio::Document *doc)
{
    auto *ed = new CodeEditor(m_tabs);
    // Attaching an editor (layout, font, margin) must not count as an edit.
    const bool wasModified = doc->isModified();
    ed->setTextDocument(doc->textDocument());
    doc->setModified(wasModified);
    ed->setCompletionApi(m_api.isLoaded() ? &m_api : nullptr);
    m_tabList.push_back({doc, ed, QUuid::createUuid().toString(QUuid::WithoutBraces),
                         studio::loadScriptEnvironment(*m_settings, doc->filePath())});
    const int index = m_tabs->addTab(ed, doc->displayName());
    connect(doc, &studio::Document::modificationChanged, this, [this, ed] {
        updateTabTitle(m_tabs->indexOf(ed));
        if (ed == editor())
            updateTitle();
    });
    connect(doc, &studio::Document::filePathChanged, this, [this, ed] {
        updateTabTitle(m_tabs->indexOf(ed));
        if (ed == editor()) {
            updateTitle();
            attachOptionsPanel(); // a script saved as data.json has no options any more
        }
    });
    connect(doc->textDocument(), &QTextDocument::contentsChanged, this, [this] { m_autosaveTimer.start(); });
    updateTabTitle(index);
    m_tabs->setCurrentIndex(index);
    updateTitle();
    return index;
}

const MainWindow::Tab *MainWindow::tabFor(const studio::Document *doc) const
{
    for (const Tab &t : m_tabList)
        if (t.document == doc)
            return &t;
    return nullptr;
}

studio::Document *MainWindow::documentAt(int index) const
{
    auto *ed = qobject_cast<CodeEditor *>(m_tabs->widget(index));
    for (const Tab &t : m_tabList)
        if (t.editor == ed)
            return t.document;
    return nullptr;
}

CodeEditor *MainWindow::editorAt(int index) const
{
    return qobject_cast<CodeEditor *>(m_tabs->widget(index));
}

studio::Document *MainWindow::document() const
{
    return documentAt(m_tabs->currentIndex());
}

CodeEditor *MainWindow::editor() const
{
    return editorAt(m_tabs->currentIndex());
}

int MainWindow::tabCount() const
{
    return m_tabs->count();
}

int MainWindow::currentTab() const
{
    return m_tabs->currentIndex();
}

void MainWindow::setCurrentTab(int index)
{
    m_tabs->setCurrentIndex(index);
}

QString MainWindow::tabTitle(int index) const
{
    return m_tabs->tabText(index);
}

int MainWindow::indexOfFile(const QString &path) const
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    for (int i = 0; i < m_tabs->count(); ++i)
        if (documentAt(i) && documentAt(i)->filePath() == absolute)
            return i;
    return -1;
}

bool MainWindow::reuseCurrentTab() const
{
    const studio::Document *doc = document();
    return doc && doc->isUntitled() && !doc->isModified() && doc->text().isEmpty();
}

void MainWindow::updateTabTitle(int index)
{
    const studio::Document *doc = documentAt(index);
    if (!doc)
        return;
    //: Tab title of a document with unsaved changes; %1 is the file name.
    m_tabs->setTabText(index, doc->isModified() ? tr("%1 ●").arg(doc->displayName()) : doc->displayName());
    m_tabs->setTabToolTip(index, doc->isUntitled() ? doc->displayName() : QDir::toNativeSeparators(doc->filePath()));
}

bool MainWindow::closeTab(int index)
{
    CodeEditor *ed = editorAt(index);
    if (!ed || !maybeSave(index))
        return false;
    auto it = std::find_if(m_tabList.begin(), m_tabList.end(), [ed](const Tab &t) { return t.editor == ed; });
    if (it == m_tabList.end())
        return false;
    m_recovery.remove(it->recoveryId);
    studio::Document *doc = it->document;
    m_tabList.erase(it);
    m_tabs->removeTab(index);
    delete ed;
    delete doc;
    if (m_tabs->count() == 0)
        addTab(new studio::Document());
    updateTitle();
    return true;
}

void MainWindow::closeCurrentTab()
{
    closeTab(m_tabs->currentIndex());
}

// --- actions and menus ----------------------------------------------------------

void MainWindow::createActions()
{
    m_newAction = new QAction(themedIcon(u"document-new"_s, resources::actionIconPath(u"document-new"_s)), tr("&New"), this);
    m_newAction->setShortcut(QKeySequence::New);
    m_newAction->setStatusTip(tr("Start a new, empty script in a new tab"));
    connect(m_newAction, &QAction::triggered, this, &MainWindow::newFile);

    m_openAction = new QAction(themedIcon(u"document-open"_s, resources::actionIconPath(u"document-open"_s)), tr("&Open…"), this);
    m_openAction->setShortcut(QKeySequence::Open);
    m_openAction->setStatusTip(tr("Open a k6 script"));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::open);

    m_openFolderAction = new QAction(themedIcon(u"folder-open"_s, QString()), tr("Open &Folder…"), this);
    m_openFolderAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_openFolderAction->setStatusTip(tr("Open a folder as a project"));
    connect(m_openFolderAction, &QAction::triggered, this, &MainWindow::openFolderDialog);

    m_exampleAction = new QAction(tr("hello.js as a &New Untitled Script"), this);
    m_exampleAction->setStatusTip(tr("Start from the bundled hello.js example"));
    connect(m_exampleAction, &QAction::triggered, this, &MainWindow::openExample);

    m_saveAction = new QAction(themedIcon(u"document-save"_s, resources::actionIconPath(u"document-save"_s)), tr("&Save"), this);
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAction->setStatusTip(tr("Save the script"));
    connect(m_saveAction, &QAction::triggered, this, &MainWindow::save);

    m_saveAsAction = new QAction(themedIcon(u"document-save-as"_s, resources::actionIconPath(u"document-save-as"_s)),
                                 tr("Save &As…"), this);
    m_saveAsAction->setShortcut(QKeySequence::SaveAs);
    m_saveAsAction->setStatusTip(tr("Save the script under a new name"));
    connect(m_saveAsAction, &QAction::triggered, this, &MainWindow::saveAs);

    m_closeTabAction = new QAction(tr("&Close Tab"), this);
    m_closeTabAction->setShortcut(QKeySequence::Close);
    connect(m_closeTabAction, &QAction::triggered, this, &MainWindow::closeCurrentTab);

    m_quitAction = new QAction(themedIcon(u"application-exit"_s, QString()), tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_runAction = new QAction(QIcon(resources::actionIconPath(u"run"_s)), tr("&Run"), this);
    m_runAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R)); // F5 is Debug
    m_runAction->setStatusTip(tr("Save the script and run it locally with stampede run"));
    connect(m_runAction, &QAction::triggered, this, &MainWindow::run);

    m_stopAction = new QAction(QIcon(resources::actionIconPath(u"stop"_s)), tr("S&top"), this);
    m_stopAction->setShortcuts({QKeySequence(Qt::SHIFT | Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_Period)});
    m_stopAction->setStatusTip(tr("Stop the running test (forcefully if it does not stop within the grace period)"));
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stop);

    m_debugAction = new QAction(QIcon(resources::actionIconPath(u"debug"_s)), tr("&Debug"), this);
    m_debugAction->setObjectName(u"debugAction"_s);
    m_debugAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_debugAction->setStatusTip(tr("Save the script and run one iteration with one VU, showing every request"));
    connect(m_debugAction, &QAction::triggered, this, &MainWindow::debug);
}

void MainWindow::createMenusAndToolBar()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newAction);
    m_templatesMenu = file->addMenu(tr("New from &Template"));
    m_templatesMenu->setObjectName(u"templatesMenu"_s);
    const QList<resources::Template> templates = resources::scriptTemplates();
    for (const resources::Template &t : templates) {
        QString title;
        if (t.id == u"smoke"_s)
            title = tr("&Smoke Test");
        else if (t.id == u"load-stages"_s)
            title = tr("&Load Test with Stages");
        else if (t.id == u"arrival-rate"_s)
            title = tr("&Arrival Rate");
        else if (t.id == u"thresholds"_s)
            title = tr("&Thresholds");
        else if (t.id == u"multi-scenario"_s)
            title = tr("&Multiple Scenarios");
        else
            title = t.id;
        QAction *a = m_templatesMenu->addAction(title);
        a->setData(t.id);
        const QString id = t.id;
        connect(a, &QAction::triggered, this, [this, id] { newFromTemplate(id); });
    }
    file->addAction(m_openAction);
    file->addAction(m_openFolderAction);
    m_recentMenu = file->addMenu(tr("&Recent Projects"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    m_examplesMenu = file->addMenu(tr("Open &Example"));
    m_examplesMenu->setObjectName(u"examplesMenu"_s);
    const QList<resources::Example> examples = resources::exampleScripts();
    for (const resources::Example &e : examples) {
        QAction *a = m_examplesMenu->addAction(e.id + u".js"_s);
        a->setData(e.id);
        //: Tooltip of an entry of File > Open Example.
        a->setStatusTip(tr("Open an editable copy of the bundled example %1.js").arg(e.id));
        const QString id = e.id;
        connect(a, &QAction::triggered, this, [this, id] { openExampleById(id); });
    }
    m_examplesMenu->addSeparator();
    m_examplesMenu->addAction(m_exampleAction);
    QAction *importHar = file->addAction(tr("Import &HAR…"), this, [this] {
        auto *wizard = new HarImportDialog(this);
        wizard->setAttribute(Qt::WA_DeleteOnClose);
        wizard->show();
        wizard->browse();
    });
    importHar->setObjectName(u"importHarAction"_s);
    importHar->setStatusTip(tr("Turn a browser recording (HAR file) into a k6 script"));
    file->addSeparator();
    file->addAction(m_saveAction);
    file->addAction(m_saveAsAction);
    file->addAction(m_closeTabAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = edit->addAction(tr("&Undo"), QKeySequence::Undo, this, [this] { editor()->undo(); });
    QAction *redo = edit->addAction(tr("&Redo"), QKeySequence::Redo, this, [this] { editor()->redo(); });
    Q_UNUSED(undo)
    Q_UNUSED(redo)
    edit->addSeparator();
    edit->addAction(tr("Cu&t"), QKeySequence::Cut, this, [this] { editor()->cut(); });
    edit->addAction(tr("&Copy"), QKeySequence::Copy, this, [this] { editor()->copy(); });
    edit->addAction(tr("&Paste"), QKeySequence::Paste, this, [this] { editor()->paste(); });
    edit->addSeparator();
    edit->addAction(tr("Select &All"), QKeySequence::SelectAll, this, [this] { editor()->selectAll(); });
    edit->addSeparator();
    edit->addAction(tr("&Find…"), QKeySequence::Find, this, [this] {
        m_findBar->setEditor(editor());
        m_findBar->activate(false);
    });
    edit->addAction(tr("R&eplace…"), QKeySequence(Qt::CTRL | Qt::Key_H), this, [this] {
        m_findBar->setEditor(editor());
        m_findBar->activate(true);
    });
    edit->addAction(tr("Find &Next"), QKeySequence::FindNext, m_findBar, &FindBar::findNext);
    edit->addAction(tr("Find Pre&vious"), QKeySequence::FindPrevious, m_findBar, &FindBar::findPrevious);
    edit->addAction(tr("&Go to Line…"), QKeySequence(Qt::CTRL | Qt::Key_L), this, &MainWindow::goToLine);
    edit->addAction(tr("Toggle &Comment"), QKeySequence(Qt::CTRL | Qt::Key_Slash), this,
                    [this] { editor()->toggleComment(); });
    edit->addAction(tr("Complete"), QKeySequence(Qt::CTRL | Qt::Key_Space), this,
                    [this] { editor()->requestCompletion(true); });

    QMenu *runMenu = menuBar()->addMenu(tr("&Run"));
    runMenu->addAction(m_runAction);
    runMenu->addAction(m_debugAction);
    runMenu->addAction(m_stopAction);
    runMenu->addAction(m_localRun->controlBar()->pauseAction());
    runMenu->addAction(m_localRun->controlBar()->resumeAction());
    runMenu->addAction(m_checkAction);
    runMenu->addSeparator();
    runMenu->addAction(m_compareBaselineAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *toggleProject = m_projectDock->toggleViewAction();
    toggleProject->setText(tr("&Project"));
    view->addAction(toggleProject);
    QAction *toggleLive = m_liveDock->toggleViewAction();
    toggleLive->setText(tr("&Live Run"));
    view->addAction(toggleLive);
    QAction *toggleOutput = m_outputDock->toggleViewAction();
    toggleOutput->setText(tr("&Output Pane"));
    view->addAction(toggleOutput);
    QAction *toggleHistory = m_historyDock->toggleViewAction();
    toggleHistory->setText(tr("Run &History"));
    toggleHistory->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    view->addAction(toggleHistory);
    QAction *toggleCompare = m_compareDock->toggleViewAction();
    toggleCompare->setText(tr("Co&mpare Runs"));
    view->addAction(toggleCompare);
    QAction *toggleDebug = m_debugDock->toggleViewAction();
    toggleDebug->setText(tr("De&bug Run"));
    view->addAction(toggleDebug);
    QAction *toggleOptions = m_optionsDock->toggleViewAction();
    toggleOptions->setText(tr("&Options"));
    view->addAction(toggleOptions);
    QAction *toggleProblems = m_problemsDock->toggleViewAction();
    toggleProblems->setText(tr("Probl&ems"));
    view->addAction(toggleProblems);
    view->addAction(tr("&Clear Output"), m_output, &QPlainTextEdit::clear);

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    tools->setObjectName(u"toolsMenu"_s);
    tools->addAction(m_localRun->testServerAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QMenu *helpExamples = help->addMenu(tr("&Examples"));
    helpExamples->addActions(m_examplesMenu->actions());
    helpExamples->addSeparator();
    helpExamples->addAction(m_localRun->testServerAction());
    QAction *aboutAction = help->addAction(tr("&About Stampede Studio"), this, &MainWindow::about);
    aboutAction->setMenuRole(QAction::AboutRole);

    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(u"mainToolBar"_s);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_newAction);
    bar->addAction(m_openAction);
    bar->addAction(m_saveAction);
    bar->addAction(m_saveAsAction);
    bar->addSeparator();
    bar->addAction(m_runAction);
    bar->addAction(m_debugAction);
    bar->addAction(m_stopAction);
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = studio::recentProjects(*m_settings);
    if (recent.isEmpty()) {
        m_recentMenu->addAction(tr("No recent projects"))->setEnabled(false);
        return;
    }
    for (const QString &folder : recent) {
        QAction *a = m_recentMenu->addAction(QDir::toNativeSeparators(folder));
        connect(a, &QAction::triggered, this, [this, folder] { openFolder(folder); });
    }
}

void MainWindow::updateTitle()
{
    const studio::Document *doc = document();
    if (!doc)
        return;
    const QString project = m_projectFolder.isEmpty() ? QString() : QFileInfo(m_projectFolder).fileName();
    //: Window title: %1 is the file name; [*] is where Qt shows the unsaved-changes marker.
    QString title = tr("%1[*] — Stampede Studio").arg(doc->displayName());
    if (!project.isEmpty())
        //: Window title with a project: %1 is the file name, %2 the project folder's name.
        title = tr("%1[*] — %2 — Stampede Studio").arg(doc->displayName(), project);
    setWindowTitle(title);
    setWindowFilePath(doc->filePath());
    setWindowModified(doc->isModified());
}

void MainWindow::updateRunActions()
{
    const auto state = m_run->state();
    const auto debugState = m_debug->process()->state();
    const bool idle = state == studio::RunController::State::Idle && debugState == studio::RunController::State::Idle;
    m_runAction->setEnabled(idle);
    m_debugAction->setEnabled(idle && document() != nullptr);
    m_stopAction->setEnabled(state == studio::RunController::State::Running
                             || debugState == studio::RunController::State::Running);
    if (state == studio::RunController::State::Stopping)
        setStatus(tr("Stopping… (the engine is killed if it does not stop within %n second(s))", nullptr,
                     (m_run->stopGracePeriodMs() + 999) / 1000));
}

void MainWindow::setStatus(const QString &text)
{
    m_statusLabel->setText(text);
}

// --- files --------------------------------------------------------------------

bool MainWindow::maybeSave(int index)
{
    studio::Document *doc = documentAt(index);
    if (!doc || !doc->isModified())
        return true;
    m_tabs->setCurrentIndex(index);
    switch (m_prompts->askSaveChanges(this, doc->displayName())) {
    case Prompts::SaveChoice::Save:
        return saveTab(index);
    case Prompts::SaveChoice::Discard:
        return true;
    case Prompts::SaveChoice::Cancel:
        return false;
    }
    return false;
}

void MainWindow::newFile()
{
    if (!reuseCurrentTab())
        addTab(new studio::Document());
    editor()->setFocus();
    setStatus(tr("New script"));
}

bool MainWindow::newFromTemplate(const QString &id)
{
    QString path;
    const QList<resources::Template> templates = resources::scriptTemplates();
    for (const resources::Template &t : templates)
        if (t.id == id)
            path = t.path;
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        m_prompts->showError(this, tr("Cannot Open Template"), tr("The template \"%1\" is missing.").arg(id));
        return false;
    }
    if (!reuseCurrentTab())
        addTab(new studio::Document());
    document()->loadUntitled(QString::fromUtf8(file.readAll()));
    updateTitle();
    updateTabTitle(currentTab());
    setStatus(tr("New script from the template \"%1\"; save it to run it").arg(id));
    return true;
}

void MainWindow::open()
{
    const studio::Document *doc = document();
    QString dir = !m_projectFolder.isEmpty() ? m_projectFolder
                                             : QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (doc && !doc->isUntitled())
        dir = QFileInfo(doc->filePath()).absolutePath();
    const QString path = m_prompts->askOpenFileName(this, dir);
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::openFile(const QString &path)
{
    const int existing = indexOfFile(path);
    if (existing >= 0) {
        m_tabs->setCurrentIndex(existing);
        return true;
    }
    auto doc = std::make_unique<studio::Document>();
    if (!doc->load(path)) {
        m_prompts->showError(this, tr("Cannot Open Script"), doc->errorString());
        setStatus(doc->errorString());
        return false;
    }
    if (reuseCurrentTab()) {
        // Replace the empty untitled tab.
        const int index = currentTab();
        CodeEditor *ed = editorAt(index);
        auto it = std::find_if(m_tabList.begin(), m_tabList.end(), [ed](const Tab &t) { return t.editor == ed; });
        studio::Document *old = it->document;
        m_tabList.erase(it);
        m_tabs->removeTab(index);
        delete ed;
        delete old;
    }
    addTab(doc.release());
    editor()->moveCursor(QTextCursor::Start);
    setStatus(tr("Opened %1").arg(QDir::toNativeSeparators(document()->filePath())));
    return true;
}

void MainWindow::openFolderDialog()
{
    const QString dir = m_projectFolder.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
                                                  : m_projectFolder;
    const QString folder = m_prompts->askFolder(this, dir);
    if (!folder.isEmpty())
        openFolder(folder);
}

bool MainWindow::openFolder(const QString &folder)
{
    const QFileInfo info(folder);
    if (!info.isDir()) {
        m_prompts->showError(this, tr("Cannot Open Folder"),
                             tr("\"%1\" is not a folder.").arg(QDir::toNativeSeparators(folder)));
        return false;
    }
    m_projectFolder = QDir::cleanPath(info.absoluteFilePath());
    m_fsModel->setRootPath(m_projectFolder);
    if (m_projectTree->model() != m_fsModel) {
        m_projectTree->setModel(m_fsModel);
        for (int column = 1; column < m_fsModel->columnCount(); ++column)
            m_projectTree->hideColumn(column);
    }
    m_projectTree->setRootIndex(m_fsModel->index(m_projectFolder));
    m_projectTree->setEnabled(true);
    m_projectDock->setWindowTitle(tr("Project: %1").arg(info.fileName()));
    m_projectDock->show();
    studio::addRecentProject(*m_settings, m_projectFolder);
    updateTitle();
    setStatus(tr("Opened the project %1").arg(QDir::toNativeSeparators(m_projectFolder)));
    return true;
}

bool MainWindow::openExampleById(const QString &id)
{
    QString path;
    const QList<resources::Example> examples = resources::exampleScripts();
    for (const resources::Example &e : examples)
        if (e.id == id)
            path = e.path;
    bool reused = false;
    QString error;
    const QString copy = path.isEmpty() ? QString() : studio::copyExample(path, m_examplesDir, &reused, &error);
    if (copy.isEmpty()) {
        if (error.isEmpty())
            error = tr("There is no bundled example \"%1\".").arg(id);
        m_prompts->showError(this, tr("Cannot Open Example"), error);
        setStatus(error);
        return false;
    }
    if (!openFile(copy))
        return false;
    const QString hint = m_localRun->testServer()->isRunning()
                             ? tr("Run it with Ctrl+R: it runs against the test server.")
                             : tr("Start the test server (Tools) and run it with Ctrl+R.");
    //: %1 is the path of the user's copy of an example.
    setStatus((reused ? tr("Opened your copy of the example: %1.") : tr("Opened a copy of the example: %1."))
                  .arg(QDir::toNativeSeparators(copy)) + u' ' + hint);
    return true;
}

void MainWindow::openExample()
{
    QFile example(resources::exampleScriptPath());
    if (!example.open(QIODevice::ReadOnly)) {
        m_prompts->showError(this, tr("Cannot Open Example"), tr("The bundled example script is missing."));
        return;
    }
    if (!reuseCurrentTab())
        addTab(new studio::Document());
    document()->loadUntitled(QString::fromUtf8(example.readAll()));
    updateTitle();
    updateTabTitle(currentTab());
    setStatus(tr("Example script loaded; save it to run it"));
}

bool MainWindow::save()
{
    return saveTab(currentTab());
}

bool MainWindow::saveAs()
{
    return saveTabAs(currentTab());
}

bool MainWindow::saveTab(int index)
{
    studio::Document *doc = documentAt(index);
    if (!doc)
        return false;
    if (doc->isUntitled())
        return saveTabAs(index);
    if (!doc->save()) {
        m_prompts->showError(this, tr("Cannot Save Script"), doc->errorString());
        setStatus(doc->errorString());
        return false;
    }
    if (const Tab *t = tabFor(doc))
        m_recovery.remove(t->recoveryId);
    setStatus(tr("Saved %1").arg(QDir::toNativeSeparators(doc->filePath())));
    checkTab(index);
    return true;
}

bool MainWindow::saveTabAs(int index)
{
    studio::Document *doc = documentAt(index);
    if (!doc)
        return false;
    QString suggestion = doc->filePath();
    if (suggestion.isEmpty())
        suggestion = QDir(m_projectFolder.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
                                                    : m_projectFolder)
                         .filePath(u"script.js"_s);
    const QString path = m_prompts->askSaveFileName(this, suggestion);
    if (path.isEmpty())
        return false;
    if (!doc->saveAs(path)) {
        m_prompts->showError(this, tr("Cannot Save Script"), doc->errorString());
        setStatus(doc->errorString());
        return false;
    }
    if (const Tab *t = tabFor(doc)) {
        m_recovery.remove(t->recoveryId);
        studio::saveScriptEnvironment(*m_settings, doc->filePath(), t->environment);
    }
    updateTitle();
    updateTabTitle(index);
    setStatus(tr("Saved %1").arg(QDir::toNativeSeparators(doc->filePath())));
    checkTab(index);
    return true;
}

void MainWindow::goToLine()
{
    CodeEditor *ed = editor();
    const int line = m_prompts->askLineNumber(this, ed->textCursor().blockNumber() + 1, ed->document()->blockCount());
    if (line > 0)
        ed->goToLine(line);
}

// --- recovery and session -------------------------------------------------------

void MainWindow::writeRecoveryFiles()
{
    m_autosaveTimer.stop();
    for (const Tab &t : m_tabList) {
        if (t.document->isModified()) {
            if (!m_recovery.write({t.recoveryId, t.document->filePath(), t.document->text(), {}}))
                setStatus(m_recovery.errorString());
        } else {
            m_recovery.remove(t.recoveryId);
        }
    }
}

void MainWindow::offerRecovery()
{
    const QList<studio::RecoveryStore::Entry> entries = m_recovery.entries();
    if (entries.isEmpty())
        return;
    QStringList names;
    for (const auto &e : entries)
        names.append(e.filePath.isEmpty() ? tr("Untitled") : QDir::toNativeSeparators(e.filePath));
    const bool recover = m_prompts->askRecover(this, names);
    m_recovery.clear();
    if (!recover)
        return;
    for (const auto &e : entries) {
        if (!e.filePath.isEmpty() && QFileInfo(e.filePath).isFile() && openFile(e.filePath)) {
            document()->setText(e.text);
        } else {
            if (!reuseCurrentTab())
                addTab(new studio::Document());
            document()->setText(e.text);
        }
        updateTabTitle(currentTab());
    }
    updateTitle();
    // The recovered text is still unsaved: keep it safe right away.
    writeRecoveryFiles();
    setStatus(tr("Recovered %n document(s); save them to keep the changes", nullptr, int(entries.size())));
}

void MainWindow::saveSessionState()
{
    studio::Session s;
    s.folder = m_projectFolder;
    for (int i = 0; i < m_tabs->count(); ++i) {
        const studio::Document *doc = documentAt(i);
        if (doc && !doc->isUntitled()) {
            if (i == m_tabs->currentIndex())
                s.current = int(s.files.size());
            s.files.append(doc->filePath());
        }
    }
    studio::saveSession(*m_settings, s);
    m_settings->sync();
}

void MainWindow::restoreSession()
{
    const studio::Session s = studio::loadSession(*m_settings);
    if (!s.folder.isEmpty())
        openFolder(s.folder);
    for (const QString &f : s.files)
        openFile(f);
    if (s.current >= 0) {
        const int index = indexOfFile(s.files.value(s.current));
        if (index >= 0)
            m_tabs->setCurrentIndex(index);
    }
}

void MainWindow::startUp(const QStringList &files)
{
    if (files.isEmpty())
        restoreSession();
    for (const QString &f : files)
        openFile(f);
    offerRecovery();
}

// --- running --------------------------------------------------------------------

void MainWindow::run()
{
    if (m_run->isBusy() || m_debug->isBusy())
        return;
    // The engine reads the file, so what runs must be what the user sees.
    studio::Document *doc = document();
    if (doc->isUntitled() || doc->isModified()) {
        if (!save())
            return;
    }
    startRun(doc->filePath(), environmentAt(currentTab()));
}

bool MainWindow::runWithArguments(const QString &scriptPath, const QStringList &arguments, const QString &note)
{
    if (m_run->isBusy() || !openFile(scriptPath))
        return false;
    // The file on disk is what was recorded; unsaved edits in its tab are not part of the re-run.
    startRun(document()->filePath(), arguments);
    if (!note.isEmpty())
        m_output->appendNote(note);
    return true;
}

void MainWindow::startRun(const QString &scriptPath, const QStringList &arguments)
{
    m_output->clear();
    m_runStdout.clear();
    m_runScriptName = QFileInfo(scriptPath).fileName();
    m_liveModel->reset();
    m_live->runStarted();
    QStringList args = arguments;
    if (m_liveReceiver->listen()) {
        args << u"--out"_s << m_liveReceiver->outArgument();
    } else {
        m_output->appendNote(tr("No live charts for this run: %1").arg(m_liveReceiver->errorString()));
    }
    // Record into the history the studio shows.
    if (!m_history->databasePath().isEmpty())
        args << u"--history-db"_s << m_history->databasePath();
    m_localRun->setEnginePath(m_run->enginePath());
    args = m_localRun->prepareRun(scriptPath, args);
    m_liveDock->show();
    m_liveDock->raise();
    // The charts need room: give the live view most of the height while it runs.
    if (m_liveDock->height() < height() / 2)
        resizeDocks({m_liveDock}, {height() * 3 / 5}, Qt::Vertical);
    m_run->start(scriptPath, args);
}

void MainWindow::stop()
{
    m_run->stop();
    m_debug->stop();
}

void MainWindow::onRunFinished(const studio::RunResult &result)
{
    m_localRun->runFinished();
    m_output->appendNote(u"— "_s + result.explanation);
    setStatus(result.explanation);
    m_live->runFinished(result, studio::summaryFromOutput(m_runStdout));
    m_history->refresh();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_run->isBusy() || m_debug->isBusy()) {
        if (!m_prompts->confirmStopRun(this)) {
            event->ignore();
            return;
        }
        m_run->stop();
        m_debug->stop();
    }
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (!maybeSave(i)) {
            event->ignore();
            return;
        }
    }
    saveSessionState();
    // A clean exit: nothing to recover next time.
    m_autosaveTimer.stop();
    m_recovery.clear();
    event->accept();
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About Stampede Studio"),
                       tr("<h3>Stampede Studio %1</h3>"
                          "<p>A native desktop load-testing studio that runs k6 scripts unchanged.</p>"
                          "<p>Completion: %2.</p>")
                           .arg(QStringLiteral(STAMPEDE_VERSION), m_api.source().toHtmlEscaped()));
}

} // namespace stampede::ui
