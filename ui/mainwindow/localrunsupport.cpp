#include "ui/mainwindow/localrunsupport.h"

#include "ui/run/runcontrolbar.h"

#include <QAction>
#include <QFileInfo>
#include <QLabel>
#include <QStatusBar>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace stampede::ui {

LocalRunSupport::LocalRunSupport(QStatusBar *statusBar, QObject *parent)
    : QObject(parent)
    , m_server(new studio::TestServerController(this))
    , m_control(new studio::RestControlClient(this))
    , m_inspector(new studio::ScriptInspector(this))
    , m_bar(new RunControlBar(m_control))
    , m_serverAction(new QAction(this))
    , m_serverLabel(new QLabel(statusBar))
{
    m_serverAction->setObjectName(u"testServerAction"_s);
    m_serverLabel->setObjectName(u"testServerLabel"_s);
    m_serverLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar->addPermanentWidget(m_serverLabel);
    connect(m_serverAction, &QAction::triggered, this, &LocalRunSupport::toggleServer);
    connect(m_server, &studio::TestServerController::stateChanged, this, &LocalRunSupport::updateServerUi);
    connect(m_server, &studio::TestServerController::started, this, [this](const QUrl &url) {
        Q_EMIT message(tr("Test server running at %1; runs get it as BASE_URL").arg(url.toString()));
    });
    connect(m_server, &studio::TestServerController::failed, this, [this](const QString &error) {
        Q_EMIT message(error);
    });
    connect(m_server, &studio::TestServerController::stopped, this, [this](bool unexpected) {
        Q_EMIT message(unexpected ? m_server->errorString() : tr("Test server stopped"));
    });
    connect(m_inspector, &studio::ScriptInspector::inspected, m_bar, &RunControlBar::setControlInfo);
    connect(m_bar, &RunControlBar::message, this, &LocalRunSupport::message);
    updateServerUi();
}

LocalRunSupport::~LocalRunSupport() = default;

void LocalRunSupport::setEnginePath(const QString &path)
{
    m_inspector->setEnginePath(path);
    const QString besideEngine = QFileInfo(path).absolutePath() + u"/stampede-testserver"_s;
    if (!QFileInfo(m_server->serverPath()).isExecutable() && QFileInfo(besideEngine).isExecutable())
        m_server->setServerPath(besideEngine);
}

void LocalRunSupport::toggleServer()
{
    if (m_server->state() == studio::TestServerController::State::Stopped)
        m_server->start();
    else
        m_server->stop();
}

void LocalRunSupport::updateServerUi()
{
    switch (m_server->state()) {
    case studio::TestServerController::State::Stopped:
        m_serverAction->setText(tr("Start &Test Server"));
        m_serverAction->setStatusTip(
            tr("Start the local test server the examples run against; its URL is passed to runs as BASE_URL"));
        m_serverLabel->clear();
        m_serverLabel->hide();
        break;
    case studio::TestServerController::State::Starting:
        m_serverAction->setText(tr("Stop &Test Server"));
        //: Status bar: the local test server is starting.
        m_serverLabel->setText(tr("Test server: starting…"));
        m_serverLabel->show();
        break;
    case studio::TestServerController::State::Running:
        m_serverAction->setText(tr("Stop &Test Server"));
        m_serverAction->setStatusTip(tr("Stop the local test server"));
        //: Status bar: %1 is the local test server's URL.
        m_serverLabel->setText(tr("Test server: %1").arg(m_server->baseUrl()));
        m_serverLabel->show();
        break;
    }
}

QStringList LocalRunSupport::prepareRun(const QString &scriptPath, const QStringList &arguments)
{
    QStringList args = arguments;
    QStringList env;
    if (m_server->isRunning()) {
        bool hasBaseUrl = false;
        for (qsizetype i = 0; i + 1 < args.size(); ++i)
            if ((args[i] == u"-e"_s || args[i] == u"--env"_s) && args[i + 1].startsWith(u"BASE_URL="_s))
                hasBaseUrl = true;
        if (!hasBaseUrl) {
            args << u"-e"_s << u"BASE_URL="_s + m_server->baseUrl();
            env << u"BASE_URL="_s + m_server->baseUrl();
        }
    }
    m_bar->runStarted();
    const quint16 port = studio::RestControlClient::findFreePort();
    if (args.contains(u"--address"_s) || args.contains(u"-a"_s)) {
        m_control->setBaseUrl({});
        m_bar->runWithoutControl(tr("not available: the run has its own --address"));
    } else if (port == 0) {
        m_control->setBaseUrl({});
        m_bar->runWithoutControl(tr("not available: no free port on 127.0.0.1"));
    } else {
        args << u"--address"_s << u"127.0.0.1:%1"_s.arg(port);
        m_control->setBaseUrl(QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
        m_control->startPolling(1000);
        // Not in the same event as the engine's start: two process spawns in a row would be one longer stall.
        QTimer::singleShot(0, m_inspector, [this, scriptPath, args, env] {
            if (m_control->isPolling()) // still this run
                m_inspector->inspect(scriptPath, args, env);
        });
    }
    return args;
}

void LocalRunSupport::runFinished()
{
    m_control->stopPolling();
    m_inspector->cancel();
    m_bar->runFinished();
}

} // namespace stampede::ui
