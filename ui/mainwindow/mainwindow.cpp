#include "ui/mainwindow/mainwindow.h"

#include "core/studio/document.h"
#include "resources/resourcepaths.h"
#include "ui/editor/codeeditor.h"
#include "ui/mainwindow/prompts.h"
#include "ui/run/outputpane.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolBar>

using namespace Qt::StringLiterals;

namespace stampede::ui {

namespace {
QIcon themedIcon(const QString &themeName, const QString &fallback)
{
    return QIcon::fromTheme(themeName, QIcon(fallback));
}
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_document(new studio::Document(this))
    , m_run(new studio::RunController(this))
    , m_prompts(std::make_unique<DialogPrompts>())
{
    setObjectName(u"mainWindow"_s);
    setWindowIcon(QIcon(resources::appIconPath()));

    m_editor = new CodeEditor(this);
    m_editor->setTextDocument(m_document->textDocument());
    setCentralWidget(m_editor);

    m_output = new OutputPane(this);
    m_outputDock = new QDockWidget(tr("Output"), this);
    m_outputDock->setObjectName(u"outputDock"_s);
    m_outputDock->setWidget(m_output);
    m_outputDock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::RightDockWidgetArea | Qt::LeftDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_outputDock);

    m_statusLabel = new QLabel(tr("Ready"), this);
    m_statusLabel->setObjectName(u"runStatus"_s);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addWidget(m_statusLabel, 1);

    createActions();
    createMenusAndToolBar();

    connect(m_document, &studio::Document::modificationChanged, this, &QWidget::setWindowModified);
    connect(m_document, &studio::Document::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_run, &studio::RunController::stateChanged, this, &MainWindow::updateRunActions);
    connect(m_run, &studio::RunController::outputReceived, m_output, &OutputPane::appendLines);
    connect(m_run, &studio::RunController::started, this, [this](const QString &commandLine) {
        m_output->appendNote(u"$ "_s + commandLine);
        setStatus(tr("Running %1…").arg(m_document->displayName()));
    });
    connect(m_run, &studio::RunController::finished, this, &MainWindow::onRunFinished);

    updateTitle();
    updateRunActions();
    resize(1100, 760);
    resizeDocks({m_outputDock}, {220}, Qt::Vertical);
    m_editor->setFocus();
}

MainWindow::~MainWindow()
{
    // The editor shows m_document's text; it must go before the document does
    // (children are otherwise destroyed in creation order, document first).
    delete m_editor;
    m_editor = nullptr;
}

void MainWindow::setPrompts(std::unique_ptr<Prompts> prompts)
{
    m_prompts = prompts ? std::move(prompts) : std::make_unique<DialogPrompts>();
}

QString MainWindow::statusText() const
{
    return m_statusLabel->text();
}

void MainWindow::createActions()
{
    m_newAction = new QAction(themedIcon(u"document-new"_s, resources::actionIconPath(u"document-new"_s)), tr("&New"), this);
    m_newAction->setShortcut(QKeySequence::New);
    m_newAction->setStatusTip(tr("Start a new, empty script"));
    connect(m_newAction, &QAction::triggered, this, &MainWindow::newFile);

    m_openAction = new QAction(themedIcon(u"document-open"_s, resources::actionIconPath(u"document-open"_s)), tr("&Open…"), this);
    m_openAction->setShortcut(QKeySequence::Open);
    m_openAction->setStatusTip(tr("Open a k6 script"));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::open);

    m_exampleAction = new QAction(tr("Open &Example Script"), this);
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

    m_quitAction = new QAction(themedIcon(u"application-exit"_s, QString()), tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_runAction = new QAction(QIcon(resources::actionIconPath(u"run"_s)), tr("&Run"), this);
    m_runAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_R), QKeySequence(Qt::Key_F5)});
    m_runAction->setStatusTip(tr("Save the script and run it locally with stampede run"));
    connect(m_runAction, &QAction::triggered, this, &MainWindow::run);

    m_stopAction = new QAction(QIcon(resources::actionIconPath(u"stop"_s)), tr("S&top"), this);
    m_stopAction->setShortcuts({QKeySequence(Qt::SHIFT | Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_Period)});
    m_stopAction->setStatusTip(tr("Stop the running test"));
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stop);
}

void MainWindow::createMenusAndToolBar()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newAction);
    file->addAction(m_openAction);
    file->addAction(m_exampleAction);
    file->addSeparator();
    file->addAction(m_saveAction);
    file->addAction(m_saveAsAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = edit->addAction(tr("&Undo"), QKeySequence::Undo, m_editor, &QPlainTextEdit::undo);
    QAction *redo = edit->addAction(tr("&Redo"), QKeySequence::Redo, m_editor, &QPlainTextEdit::redo);
    undo->setEnabled(false);
    redo->setEnabled(false);
    connect(m_editor, &QPlainTextEdit::undoAvailable, undo, &QAction::setEnabled);
    connect(m_editor, &QPlainTextEdit::redoAvailable, redo, &QAction::setEnabled);
    edit->addSeparator();
    edit->addAction(tr("Cu&t"), QKeySequence::Cut, m_editor, &QPlainTextEdit::cut);
    edit->addAction(tr("&Copy"), QKeySequence::Copy, m_editor, &QPlainTextEdit::copy);
    edit->addAction(tr("&Paste"), QKeySequence::Paste, m_editor, &QPlainTextEdit::paste);
    edit->addSeparator();
    edit->addAction(tr("Select &All"), QKeySequence::SelectAll, m_editor, &QPlainTextEdit::selectAll);

    QMenu *runMenu = menuBar()->addMenu(tr("&Run"));
    runMenu->addAction(m_runAction);
    runMenu->addAction(m_stopAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *toggleOutput = m_outputDock->toggleViewAction();
    toggleOutput->setText(tr("&Output Pane"));
    view->addAction(toggleOutput);
    view->addAction(tr("&Clear Output"), m_output, &QPlainTextEdit::clear);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
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
    bar->addAction(m_stopAction);
}

void MainWindow::updateTitle()
{
    //: Window title: %1 is the file name; [*] is where Qt shows the unsaved-changes marker.
    setWindowTitle(tr("%1[*] — Stampede Studio").arg(m_document->displayName()));
    setWindowFilePath(m_document->filePath());
    setWindowModified(m_document->isModified());
}

void MainWindow::updateRunActions()
{
    const auto state = m_run->state();
    m_runAction->setEnabled(state == studio::RunController::State::Idle);
    m_stopAction->setEnabled(state == studio::RunController::State::Running);
    if (state == studio::RunController::State::Stopping)
        setStatus(tr("Stopping…"));
}

void MainWindow::setStatus(const QString &text)
{
    m_statusLabel->setText(text);
}

bool MainWindow::maybeSave()
{
    if (!m_document->isModified())
        return true;
    switch (m_prompts->askSaveChanges(this, m_document->displayName())) {
    case Prompts::SaveChoice::Save:
        return save();
    case Prompts::SaveChoice::Discard:
        return true;
    case Prompts::SaveChoice::Cancel:
        return false;
    }
    return false;
}

void MainWindow::newFile()
{
    if (!maybeSave())
        return;
    m_document->clear();
    updateTitle();
    setStatus(tr("New script"));
}

void MainWindow::open()
{
    if (!maybeSave())
        return;
    const QString dir = m_document->isUntitled()
                            ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
                            : QFileInfo(m_document->filePath()).absolutePath();
    const QString path = m_prompts->askOpenFileName(this, dir);
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::openFile(const QString &path)
{
    if (!m_document->load(path)) {
        m_prompts->showError(this, tr("Cannot Open Script"), m_document->errorString());
        setStatus(m_document->errorString());
        return false;
    }
    updateTitle();
    m_editor->moveCursor(QTextCursor::Start);
    setStatus(tr("Opened %1").arg(QDir::toNativeSeparators(m_document->filePath())));
    return true;
}

void MainWindow::openExample()
{
    if (!maybeSave())
        return;
    QFile example(resources::exampleScriptPath());
    if (!example.open(QIODevice::ReadOnly)) {
        m_prompts->showError(this, tr("Cannot Open Example"), tr("The bundled example script is missing."));
        return;
    }
    m_document->loadUntitled(QString::fromUtf8(example.readAll()));
    updateTitle();
    setStatus(tr("Example script loaded; save it to run it"));
}

bool MainWindow::save()
{
    if (m_document->isUntitled())
        return saveAs();
    if (!m_document->save()) {
        m_prompts->showError(this, tr("Cannot Save Script"), m_document->errorString());
        setStatus(m_document->errorString());
        return false;
    }
    setStatus(tr("Saved %1").arg(QDir::toNativeSeparators(m_document->filePath())));
    return true;
}

bool MainWindow::saveAs()
{
    QString suggestion = m_document->filePath();
    if (suggestion.isEmpty())
        suggestion = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                         .filePath(u"script.js"_s);
    const QString path = m_prompts->askSaveFileName(this, suggestion);
    if (path.isEmpty())
        return false;
    if (!m_document->saveAs(path)) {
        m_prompts->showError(this, tr("Cannot Save Script"), m_document->errorString());
        setStatus(m_document->errorString());
        return false;
    }
    updateTitle();
    setStatus(tr("Saved %1").arg(QDir::toNativeSeparators(m_document->filePath())));
    return true;
}

void MainWindow::run()
{
    if (m_run->isBusy())
        return;
    // The engine reads the file, so what runs must be what the user sees.
    if (m_document->isUntitled() || m_document->isModified()) {
        if (!save())
            return;
    }
    m_output->clear();
    m_outputDock->show();
    m_outputDock->raise();
    m_run->start(m_document->filePath());
}

void MainWindow::stop()
{
    m_run->stop();
}

void MainWindow::onRunFinished(const studio::RunResult &result)
{
    m_output->appendNote(u"— "_s + result.explanation);
    setStatus(result.explanation);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_run->isBusy()) {
        if (!m_prompts->confirmStopRun(this)) {
            event->ignore();
            return;
        }
        m_run->stop();
    }
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    event->accept();
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About Stampede Studio"),
                       tr("<h3>Stampede Studio %1</h3>"
                          "<p>A native desktop load-testing studio that runs k6 scripts unchanged.</p>")
                           .arg(QStringLiteral(STAMPEDE_VERSION)));
}

} // namespace stampede::ui
