#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace stampede::studio {

// The engine's status as its REST API (`stampede run --address`) reports it.
struct ControlStatus
{
    bool valid = false; // false until the first answer
    int executionStatus = 0;
    bool paused = false;
    qint64 vus = 0;
    qint64 vusMax = 0;
    bool stopped = false;
    bool running = false;
};

// A client for k6's REST control API on a running engine: polls GET /v1/status
// and changes it with PATCH /v1/status (pause, resume, VUs of an
// externally-controlled scenario). Asynchronous (QNetworkAccessManager) on the
// owner's thread. Until the engine answers for the first time, connection
// errors are expected (it is still starting) and not reported.
class RestControlClient : public QObject
{
    Q_OBJECT
public:
    explicit RestControlClient(QObject *parent = nullptr);
    ~RestControlClient() override;

    // A free TCP port on 127.0.0.1 right now (0 if none), for `--address 127.0.0.1:<port>`.
    static quint16 findFreePort();

    // http://127.0.0.1:<port>; an empty URL detaches the client.
    void setBaseUrl(const QUrl &url);
    QUrl baseUrl() const { return m_baseUrl; }
    // Polls the status every `intervalMs` until stopPolling(); refreshes right away.
    void startPolling(int intervalMs = 1000);
    void stopPolling();
    bool isPolling() const { return m_pollTimer.isActive(); }

    const ControlStatus &status() const { return m_status; }
    QString lastError() const { return m_lastError; }

    void refresh();
    void setPaused(bool paused);
    void setVus(qint64 vus);

Q_SIGNALS:
    void statusChanged(const stampede::studio::ControlStatus &status);
    // A request failed; `message` says which and why (the engine's own explanation when it gave one).
    void errorOccurred(const QString &message);

private:
    void patch(const QByteArray &attributes, const QString &what);
    // `isPoll`: a status poll, whose connection errors before the first answer are expected.
    void handleReply(QNetworkReply *reply, const QString &what, bool isPoll);

    QNetworkAccessManager *m_network; // child
    QUrl m_baseUrl;
    QTimer m_pollTimer;
    ControlStatus m_status;
    QString m_lastError;
    bool m_statusInFlight = false;
    quint64 m_generation = 0; // bumped by setBaseUrl(): answers for an older run are dropped
};

} // namespace stampede::studio

Q_DECLARE_METATYPE(stampede::studio::ControlStatus)
