#pragma once

#include <QObject>
#include <QString>
#include <QTemporaryDir>

#include <memory>

class QLocalServer;
class QLocalSocket;

namespace stampede::studio {

class LiveRunModel;

// Listens on a local socket in a private temporary directory for the engine's
// live stream and feeds what arrives into a LiveRunModel. Pass outArgument()
// to `stampede run --out`. Everything runs on the owner's (GUI) thread with
// asynchronous I/O: one read per readyRead, never a blocking wait.
class LiveReceiver : public QObject
{
    Q_OBJECT
public:
    explicit LiveReceiver(LiveRunModel *model, QObject *parent = nullptr);
    ~LiveReceiver() override;

    // Starts listening on a fresh socket; returns false (see errorString()) on failure.
    bool listen();
    void close();
    bool isListening() const;

    QString socketPath() const { return m_socketPath; }
    // "live=unix:<socket path>", the value for `--out`.
    QString outArgument() const;
    bool isConnected() const { return m_connection != nullptr; }
    QString errorString() const { return m_error; }

Q_SIGNALS:
    void connected();
    void disconnected();

private:
    void onNewConnection();
    void readConnection();

    LiveRunModel *m_model;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QLocalServer> m_server;
    QLocalSocket *m_connection = nullptr; // child of m_server
    QString m_socketPath;
    QString m_error;
};

} // namespace stampede::studio
