// MainWindow's debug run: the Debug dock, F5, and jumping from a request, check or console
// line to the script line that made it. Kept apart from mainwindow.cpp.

#include "ui/mainwindow/mainwindow.h"

#include "core/studio/debugruncontroller.h"
#include "core/studio/document.h"
#include "ui/debug/debugpanel.h"
#include "ui/editor/codeeditor.h"
#include "ui/run/outputpane.h"

#include <QDockWidget>
#include <QFileInfo>
#include <QTextBlock>

using namespace Qt::StringLiterals;

namespace stampede::ui {

void MainWindow::createDebugDock()
{
    m_debug = new studio::DebugRunController(this);
    m_debugPanel = new DebugPanel(m_debug->session(), this);
    m_debugDock = new QDockWidget(tr("Debug Run"), this);
    m_debugDock->setObjectName(u"debugDock"_s);
    m_debugDock->setWidget(m_debugPanel);
    m_debugDock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::RightDockWidgetArea | Qt::TopDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_debugDock);
    tabifyDockWidget(m_outputDock, m_debugDock);
    m_outputDock->raise();

    connect(m_debug->process(), &studio::RunController::stateChanged, this, &MainWindow::updateRunActions);
    connect(m_debug->process(), &studio::RunController::outputReceived, m_output, &OutputPane::appendLines);
    connect(m_debug, &studio::DebugRunController::started, this, [this](const QString &commandLine) {
        m_output->appendNote(u"$ "_s + commandLine);
        m_debugPanel->runStarted();
        //: Status line while a debug run goes on; %1 is the script's file name.
        setStatus(tr("Debugging %1…").arg(m_runScriptName));
    });
    connect(m_debug, &studio::DebugRunController::finished, this, &MainWindow::onDebugFinished);
    connect(m_debugPanel, &DebugPanel::locationActivated, this,
            [this](const QString &file, int line, int column) { showScriptLocation(file, line, column); });
}

void MainWindow::debug()
{
    if (m_run->isBusy() || m_debug->isBusy())
        return;
    // The engine reads the file, so what runs must be what the user sees.
    studio::Document *doc = document();
    if (!doc)
        return;
    if (doc->isUntitled() || doc->isModified()) {
        if (!save())
            return;
    }
    m_output->clear();
    m_runScriptName = QFileInfo(doc->filePath()).fileName();
    m_debugDock->show();
    m_debugDock->raise();
    // The inspector needs room.
    if (m_debugDock->height() < height() / 2)
        resizeDocks({m_debugDock}, {height() * 3 / 5}, Qt::Vertical);
    m_debug->start(doc->filePath());
}

bool MainWindow::showScriptLocation(const QString &file, int line, int column)
{
    if (file.isEmpty() || line <= 0)
        return false;
    if (!openFile(file))
        return false;
    CodeEditor *ed = editor();
    ed->goToLine(line);
    if (column > 1) {
        QTextCursor cursor = ed->textCursor();
        const int length = cursor.block().length() - 1;
        cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, std::min(column - 1, std::max(0, length)));
        ed->setTextCursor(cursor);
    }
    ed->setFocus();
    return true;
}

void MainWindow::onDebugFinished(const studio::RunResult &result)
{
    m_output->appendNote(u"— "_s + result.explanation);
    for (const QString &e : m_debug->session()->errors())
        m_output->appendNote(e);
    m_debugPanel->runFinished(result.explanation);
    setStatus(result.explanation);
}

} // namespace stampede::ui
