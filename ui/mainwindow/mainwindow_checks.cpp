// MainWindow: script checks (error markers, the Problems dock) and the Options dock.
#include "ui/mainwindow/mainwindow.h"

#include "core/studio/document.h"
#include "core/studio/scriptenv.h"
#include "ui/editor/codeeditor.h"
#include "ui/editor/problemspane.h"
#include "ui/options/optionspanel.h"
#include "ui/run/outputpane.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QSettings>
#include <QTabWidget>

using namespace Qt::StringLiterals;

namespace stampede::ui {

void MainWindow::createCheckAndOptionsDocks()
{
    m_checker = new studio::ScriptChecker(this);
    m_checker->setEnginePath(m_run->enginePath());
    connect(m_checker, &studio::ScriptChecker::finished, this, &MainWindow::onCheckFinished);

    m_problems = new ProblemsPane(this);
    m_problemsDock = new QDockWidget(tr("Problems"), this);
    m_problemsDock->setObjectName(u"problemsDock"_s);
    m_problemsDock->setWidget(m_problems);
    addDockWidget(Qt::BottomDockWidgetArea, m_problemsDock);
    tabifyDockWidget(m_outputDock, m_problemsDock);
    m_outputDock->raise();
    connect(m_problems, &ProblemsPane::problemActivated, this, &MainWindow::showProblem);

    m_optionsPanel = new OptionsPanel(this);
    m_optionsDock = new QDockWidget(tr("Options"), this);
    m_optionsDock->setObjectName(u"optionsDock"_s);
    m_optionsDock->setWidget(m_optionsPanel);
    addDockWidget(Qt::RightDockWidgetArea, m_optionsDock);
    connect(m_optionsPanel, &OptionsPanel::environmentChanged, this, &MainWindow::onEnvironmentEdited);

    m_checkAction = new QAction(tr("&Check Script"), this);
    m_checkAction->setObjectName(u"checkScriptAction"_s);
    m_checkAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_checkAction->setStatusTip(tr("Load the script as a run would (syntax, imports, options) and mark the errors"));
    connect(m_checkAction, &QAction::triggered, this, &MainWindow::checkScript);
}

MainWindow::Tab *MainWindow::tabForEditor(const CodeEditor *ed)
{
    for (Tab &t : m_tabList)
        if (t.editor == ed)
            return &t;
    return nullptr;
}

QStringList MainWindow::environmentAt(int index) const
{
    const CodeEditor *ed = editorAt(index);
    for (const Tab &t : m_tabList)
        if (t.editor == ed)
            return studio::environmentArguments(t.environment);
    return {};
}

namespace {
// Scripts get checked on save and have options; data files (JSON, CSV, HAR) do not.
bool isScript(const studio::Document *doc)
{
    static const QStringList suffixes = {u"js"_s, u"mjs"_s, u"cjs"_s, u"ts"_s};
    return doc->isUntitled() || suffixes.contains(QFileInfo(doc->filePath()).suffix().toLower());
}
} // namespace

void MainWindow::attachOptionsPanel()
{
    if (!m_optionsPanel)
        return;
    const Tab *t = tabForEditor(editor());
    m_optionsPanel->setTextDocument(t && isScript(t->document) ? t->document->textDocument() : nullptr);
    m_optionsPanel->setEnvironment(t ? t->environment : QStringList());
}

void MainWindow::onEnvironmentEdited(const QStringList &keyValues)
{
    Tab *t = tabForEditor(editor());
    if (!t)
        return;
    t->environment = keyValues;
    if (!t->document->isUntitled()) {
        studio::saveScriptEnvironment(*m_settings, t->document->filePath(), keyValues);
        m_settings->sync();
    }
}

void MainWindow::checkScript()
{
    checkTab(currentTab(), true);
}

void MainWindow::checkTab(int index, bool explicitRequest)
{
    CodeEditor *ed = editorAt(index);
    const studio::Document *doc = documentAt(index);
    if (!ed || !doc || (!explicitRequest && !isScript(doc)))
        return;
    m_checkEditor = ed;
    m_checkExplicit = explicitRequest;
    m_problems->setChecking(doc->displayName());
    if (explicitRequest)
        setStatus(tr("Checking %1…").arg(doc->displayName()));
    m_checker->check(doc->filePath(), doc->text());
}

void MainWindow::onCheckFinished(const studio::CheckResult &result)
{
    m_problems->showResult(result);
    if (m_checkExplicit || !result.diagnostics.isEmpty())
        setStatus(result.summary);
    // Markers go to every open editor whose file has diagnostics; the checked one is always refreshed.
    for (const Tab &t : m_tabList) {
        const bool checked = t.editor == m_checkEditor;
        const QString path = t.document->filePath();
        QList<studio::Diagnostic> mine;
        for (const studio::Diagnostic &d : result.diagnostics) {
            if ((checked && d.file.isEmpty()) || (!path.isEmpty() && QFileInfo(d.file).absoluteFilePath() == path))
                mine.append(d);
        }
        if (checked || !mine.isEmpty())
            t.editor->setDiagnostics(mine);
    }
    if (!result.diagnostics.isEmpty()) {
        m_problemsDock->show();
        m_problemsDock->raise();
    }
}

void MainWindow::showProblem(const studio::Diagnostic &diagnostic)
{
    CodeEditor *target = nullptr;
    const Tab *checked = m_checkEditor ? tabForEditor(m_checkEditor) : nullptr;
    if (checked && (diagnostic.file.isEmpty() ||
                    checked->document->filePath() == QFileInfo(diagnostic.file).absoluteFilePath())) {
        target = m_checkEditor;
        m_tabs->setCurrentWidget(target);
    } else if (!diagnostic.file.isEmpty() && openFile(diagnostic.file)) {
        // An imported module: open it and mark it too.
        target = editor();
        QList<studio::Diagnostic> mine;
        for (const studio::Diagnostic &d : m_problems->diagnostics())
            if (!d.file.isEmpty() && QFileInfo(d.file).absoluteFilePath() == document()->filePath())
                mine.append(d);
        target->setDiagnostics(mine);
    }
    if (!target)
        return;
    target->goToLine(qMax(1, diagnostic.line));
    if (diagnostic.column > 1) {
        QTextCursor cursor = target->textCursor();
        cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor,
                            qMin(diagnostic.column - 1, cursor.block().length() - 1));
        target->setTextCursor(cursor);
    }
    target->setFocus();
}

} // namespace stampede::ui
