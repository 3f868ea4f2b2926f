#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QPair>
#include <QSet>

#include <optional>

namespace stampede::testserver {

// The small "application" behind the bundled examples: a login form with a
// CSRF token and a session cookie, a JSON CRUD API, a multipart upload and an
// HTML product list. In-memory, single-threaded, never persisted. Endpoints are
// listed in README.md next to this file.
class DemoApp
{
public:
    using HeaderList = QList<QPair<QByteArray, QByteArray>>;

    struct Request
    {
        QByteArray method;
        QByteArray path;
        QByteArray query;
        HeaderList headers;
        QByteArray body;
        QByteArray header(QByteArrayView name) const;
    };

    struct Response
    {
        int status = 200;
        QByteArray contentType;
        QByteArray body;
        HeaderList headers;
    };

    // The response for `request`, or nothing if the path is not one of the demo's.
    std::optional<Response> handle(const Request &request);

    // The demo's fixed credentials.
    static constexpr const char *kUser = "alice";
    static constexpr const char *kPassword = "wonderland";

private:
    Response login(const Request &request);
    Response profile(const Request &request);
    Response logout(const Request &request);
    Response items(const Request &request);
    Response item(const Request &request, qint64 id);
    Response upload(const Request &request);
    Response products(const Request &request) const;
    QByteArray sessionUser(const Request &request) const;

    QMap<QByteArray, QByteArray> m_sessions; // session id -> user
    QSet<QByteArray> m_csrfTokens;           // issued, not yet used
    QMap<qint64, QByteArray> m_items;        // id -> JSON object text
    qint64 m_nextItemId = 1;
    quint64 m_nextToken = 1;
};

} // namespace stampede::testserver
