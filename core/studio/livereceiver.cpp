#include "core/studio/livereceiver.h"

#include "core/studio/liverunmodel.h"

#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>

using namespace Qt::StringLiterals;

namespace stampede::studio {

LiveReceiver::LiveReceiver(LiveRunModel *model, QObject *parent)
    : QObject(parent)
    , m_model(model)
{
}

LiveReceiver::~LiveReceiver()
{
    close();
}

bool LiveReceiver::listen()
{
    close();
    // Unix socket paths are limited to ~107 bytes: keep the directory short.
    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/stampede-XXXXXX"_s);
    if (!m_dir->isValid()) {
        m_error = tr("Cannot create a directory for the live stream socket: %1").arg(m_dir->errorString());
        m_dir.reset();
        return false;
    }
    m_socketPath = m_dir->filePath(u"live.sock"_s);
    m_server = std::make_unique<QLocalServer>();
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server.get(), &QLocalServer::newConnection, this, &LiveReceiver::onNewConnection);
    if (!m_server->listen(m_socketPath)) {
        m_error = tr("Cannot listen on %1: %2").arg(m_socketPath, m_server->errorString());
        m_server.reset();
        m_dir.reset();
        return false;
    }
    m_error.clear();
    return true;
}

void LiveReceiver::close()
{
    if (m_connection) {
        m_connection->disconnect(this);
        readConnection();
        m_connection = nullptr;
    }
    if (m_server) {
        m_server->disconnect(this);
        m_server->close();
        m_server.reset(); // deletes the sockets it parents
    }
    m_dir.reset();
}

bool LiveReceiver::isListening() const
{
    return m_server && m_server->isListening();
}

QString LiveReceiver::outArgument() const
{
    return u"live=unix:"_s + m_socketPath;
}

void LiveReceiver::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        if (m_connection) {
            // One engine, one stream: refuse anyone else.
            socket->abort();
            socket->deleteLater();
            continue;
        }
        m_connection = socket;
        connect(socket, &QLocalSocket::readyRead, this, &LiveReceiver::readConnection);
        connect(socket, &QLocalSocket::disconnected, this, [this, socket] {
            if (m_connection != socket)
                return;
            readConnection();
            m_model->finishStream();
            m_connection = nullptr;
            socket->deleteLater();
            Q_EMIT disconnected();
        });
        Q_EMIT connected();
        readConnection();
    }
}

void LiveReceiver::readConnection()
{
    if (m_connection && m_connection->bytesAvailable() > 0)
        m_model->feed(m_connection->readAll());
}

} // namespace stampede::studio
