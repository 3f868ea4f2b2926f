#include "core/studio/restcontrolclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpServer>

using namespace Qt::StringLiterals;

namespace stampede::studio {

namespace {
constexpr int kRequestTimeoutMs = 5000;

// The engine's own explanation from a JSON:API error document, if any.
QString errorDetail(const QByteArray &body)
{
    const QJsonArray errors = QJsonDocument::fromJson(body).object().value(u"errors"_s).toArray();
    QStringList parts;
    for (const QJsonValue &e : errors) {
        const QJsonObject o = e.toObject();
        const QString detail = o.value(u"detail"_s).toString();
        parts.append(detail.isEmpty() ? o.value(u"title"_s).toString() : detail);
    }
    parts.removeAll(QString());
    return parts.join(u"; "_s);
}
} // namespace

RestControlClient::RestControlClient(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    qRegisterMetaType<ControlStatus>();
    connect(&m_pollTimer, &QTimer::timeout, this, &RestControlClient::refresh);
}

RestControlClient::~RestControlClient() = default;

quint16 RestControlClient::findFreePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

void RestControlClient::setBaseUrl(const QUrl &url)
{
    ++m_generation;
    m_baseUrl = url;
    m_status = ControlStatus();
    m_lastError.clear();
    m_statusInFlight = false;
    if (url.isEmpty())
        stopPolling();
}

void RestControlClient::startPolling(int intervalMs)
{
    m_pollTimer.start(intervalMs);
    refresh();
}

void RestControlClient::stopPolling()
{
    m_pollTimer.stop();
}

void RestControlClient::refresh()
{
    if (m_baseUrl.isEmpty() || m_statusInFlight)
        return;
    QNetworkRequest request(m_baseUrl.resolved(QUrl(u"/v1/status"_s)));
    request.setTransferTimeout(kRequestTimeoutMs);
    m_statusInFlight = true;
    QNetworkReply *reply = m_network->get(request);
    const quint64 generation = m_generation;
    connect(reply, &QNetworkReply::finished, this, [this, reply, generation] {
        if (generation == m_generation)
            m_statusInFlight = false;
        if (generation != m_generation) {
            reply->deleteLater();
            return;
        }
        handleReply(reply, tr("Reading the run status"), true);
    });
}

void RestControlClient::setPaused(bool paused)
{
    patch(paused ? "\"paused\":true" : "\"paused\":false", paused ? tr("Pausing the run") : tr("Resuming the run"));
}

void RestControlClient::setVus(qint64 vus)
{
    patch("\"vus\":" + QByteArray::number(vus), tr("Setting the VUs to %1").arg(vus));
}

void RestControlClient::patch(const QByteArray &attributes, const QString &what)
{
    if (m_baseUrl.isEmpty()) {
        m_lastError = tr("%1 failed: no run is being controlled").arg(what);
        Q_EMIT errorOccurred(m_lastError);
        return;
    }
    QNetworkRequest request(m_baseUrl.resolved(QUrl(u"/v1/status"_s)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    request.setTransferTimeout(kRequestTimeoutMs);
    const QByteArray body =
        R"({"data":{"type":"status","id":"default","attributes":{)" + attributes + "}}}";
    QNetworkReply *reply = m_network->sendCustomRequest(request, "PATCH", body);
    const quint64 generation = m_generation;
    connect(reply, &QNetworkReply::finished, this, [this, reply, generation, what] {
        if (generation != m_generation) {
            reply->deleteLater();
            return;
        }
        handleReply(reply, what, false);
    });
}

void RestControlClient::handleReply(QNetworkReply *reply, const QString &what, bool isPoll)
{
    reply->deleteLater();
    const QByteArray body = reply->readAll();
    const int httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError || httpStatus != 200) {
        const QString detail = errorDetail(body);
        // Before the first answer the engine may simply not be listening yet.
        const bool starting = isPoll && !m_status.valid && httpStatus == 0
                              && reply->error() == QNetworkReply::ConnectionRefusedError;
        if (starting)
            return;
        m_lastError = tr("%1 failed: %2").arg(what, detail.isEmpty() ? reply->errorString() : detail);
        Q_EMIT errorOccurred(m_lastError);
        return;
    }
    const QJsonObject attrs =
        QJsonDocument::fromJson(body).object().value(u"data"_s).toObject().value(u"attributes"_s).toObject();
    if (attrs.isEmpty()) {
        m_lastError = tr("%1 failed: the engine's answer is not a status document").arg(what);
        Q_EMIT errorOccurred(m_lastError);
        return;
    }
    ControlStatus s;
    s.valid = true;
    s.executionStatus = attrs.value(u"status"_s).toInt();
    s.paused = attrs.value(u"paused"_s).toBool();
    s.vus = qint64(attrs.value(u"vus"_s).toDouble());
    s.vusMax = qint64(attrs.value(u"vus-max"_s).toDouble());
    s.stopped = attrs.value(u"stopped"_s).toBool();
    s.running = attrs.value(u"running"_s).toBool();
    m_status = s;
    Q_EMIT statusChanged(m_status);
}

} // namespace stampede::studio
