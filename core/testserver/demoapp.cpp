#include "core/testserver/demoapp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace stampede::testserver {

namespace {

// Bounds so a long load test against the demo cannot grow the server without limit.
constexpr qsizetype kMaxSessions = 100'000;
constexpr qsizetype kMaxTokens = 100'000;
constexpr qsizetype kMaxItems = 10'000;

DemoApp::Response json(int status, const QJsonValue &value, DemoApp::HeaderList headers = {})
{
    const QByteArray body = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                            : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return {status, "application/json", body, std::move(headers)};
}

DemoApp::Response error(int status, const QString &message)
{
    return json(status, QJsonObject{{u"error"_s, message}});
}

DemoApp::Response html(int status, const QByteArray &body, DemoApp::HeaderList headers = {})
{
    return {status, "text/html; charset=utf-8", body, std::move(headers)};
}

// application/x-www-form-urlencoded, '+' meaning a space.
QMap<QString, QString> parseForm(QByteArray body)
{
    body.replace('+', ' ');
    QMap<QString, QString> out;
    const QUrlQuery query(QString::fromUtf8(body));
    const auto items = query.queryItems(QUrl::FullyDecoded);
    for (const auto &[k, v] : items)
        out.insert(k, v);
    return out;
}

// The value of `name=` in a header like `multipart/form-data; boundary=xyz` or a cookie list.
QByteArray parameter(const QByteArray &header, QByteArrayView name, char separator)
{
    const QList<QByteArray> parts = header.split(separator);
    for (const QByteArray &p : parts) {
        const QByteArray t = p.trimmed();
        const qsizetype eq = t.indexOf('=');
        if (eq > 0 && t.left(eq).trimmed().compare(name, Qt::CaseInsensitive) == 0) {
            QByteArray v = t.mid(eq + 1).trimmed();
            if (v.size() >= 2 && v.startsWith('"') && v.endsWith('"'))
                v = v.mid(1, v.size() - 2);
            return v;
        }
    }
    return {};
}

const struct Product
{
    int id;
    const char *name;
    const char *price;
} kProducts[] = {{1, "Anvil", "49.90"}, {2, "Rocket skates", "129.00"}, {3, "Giant magnet", "75.50"},
                 {4, "Bird seed", "3.20"}};

} // namespace

QByteArray DemoApp::Request::header(QByteArrayView name) const
{
    QByteArray out;
    for (const auto &[k, v] : headers) {
        if (k.compare(name, Qt::CaseInsensitive) == 0) {
            if (!out.isEmpty())
                out += "; ";
            out += v;
        }
    }
    return out;
}

std::optional<DemoApp::Response> DemoApp::handle(const Request &r)
{
    const QByteArray &p = r.path;
    if (p == "/app/login")
        return login(r);
    if (p == "/app/profile")
        return profile(r);
    if (p == "/app/logout")
        return logout(r);
    if (p == "/app/products")
        return products(r);
    if (p == "/api/items")
        return items(r);
    if (p.startsWith("/api/items/")) {
        bool ok = false;
        const qint64 id = p.mid(11).toLongLong(&ok);
        return ok && id > 0 ? item(r, id) : error(404, u"no such item"_s);
    }
    if (p == "/upload")
        return upload(r);
    return std::nullopt;
}

QByteArray DemoApp::sessionUser(const Request &r) const
{
    const QByteArray id = parameter(r.header("Cookie"), "session", ';');
    return id.isEmpty() ? QByteArray() : m_sessions.value(id);
}

DemoApp::Response DemoApp::login(const Request &r)
{
    if (r.method == "GET" || r.method == "HEAD") {
        if (m_csrfTokens.size() >= kMaxTokens)
            m_csrfTokens.clear();
        const quint64 serial = m_nextToken++;
        const QByteArray token = "csrf-" + QByteArray::number(serial, 16) + "-"
                                 + QByteArray::number((serial * 2654435761u) % 1000003u, 36);
        m_csrfTokens.insert(token);
        return html(200, "<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>\n"
                         "<h1>Sign in</h1>\n"
                         "<form id=\"login\" method=\"post\" action=\"/app/login\">\n"
                         "  <input type=\"hidden\" name=\"csrf\" value=\"" + token + "\">\n"
                         "  <label>User <input name=\"user\"></label>\n"
                         "  <label>Password <input name=\"password\" type=\"password\"></label>\n"
                         "  <button type=\"submit\">Sign in</button>\n"
                         "</form>\n</body></html>\n");
    }
    if (r.method != "POST")
        return {405, "text/plain", "use GET or POST\n", {{"Allow", "GET, POST"}}};
    const QMap<QString, QString> form = parseForm(r.body);
    const QByteArray token = form.value(u"csrf"_s).toUtf8();
    if (token.isEmpty() || !m_csrfTokens.remove(token))
        return html(403, "<!DOCTYPE html>\n<html><head><title>Forbidden</title></head><body>"
                         "<p class=\"error\">Missing or reused CSRF token: load the form first.</p></body></html>\n");
    if (form.value(u"user"_s) != QLatin1String(kUser) || form.value(u"password"_s) != QLatin1String(kPassword))
        return html(401, "<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>"
                         "<p class=\"error\">Wrong user name or password.</p></body></html>\n");
    if (m_sessions.size() >= kMaxSessions)
        m_sessions.clear();
    const QByteArray session = "s" + QByteArray::number(m_nextToken++, 16) + QByteArray::number(m_sessions.size(), 36);
    m_sessions.insert(session, kUser);
    return {303, "text/plain", {}, {{"Location", "/app/profile"},
                                    {"Set-Cookie", "session=" + session + "; Path=/; HttpOnly; SameSite=Lax"}}};
}

DemoApp::Response DemoApp::profile(const Request &r)
{
    const QByteArray user = sessionUser(r);
    if (user.isEmpty())
        return error(401, u"not signed in"_s);
    return json(200, QJsonObject{{u"user"_s, QString::fromUtf8(user)}, {u"authenticated"_s, true}});
}

DemoApp::Response DemoApp::logout(const Request &r)
{
    if (r.method != "POST")
        return {405, "text/plain", "use POST\n", {{"Allow", "POST"}}};
    const QByteArray id = parameter(r.header("Cookie"), "session", ';');
    const bool wasSignedIn = !id.isEmpty() && m_sessions.remove(id) > 0;
    return json(200, QJsonObject{{u"signedOut"_s, wasSignedIn}},
                {{"Set-Cookie", "session=; Path=/; Max-Age=0"}});
}

DemoApp::Response DemoApp::items(const Request &r)
{
    if (r.method == "GET" || r.method == "HEAD") {
        QJsonArray list;
        for (auto it = m_items.cbegin(); it != m_items.cend(); ++it)
            list.append(QJsonDocument::fromJson(it.value()).object());
        return json(200, list);
    }
    if (r.method != "POST")
        return {405, "text/plain", "use GET or POST\n", {{"Allow", "GET, POST"}}};
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(r.body, &parseError);
    if (!doc.isObject())
        return error(400, u"the body must be a JSON object: "_s + parseError.errorString());
    QJsonObject obj = doc.object();
    if (!obj.value(u"name"_s).isString() || obj.value(u"name"_s).toString().isEmpty())
        return error(400, u"\"name\" must be a non-empty string"_s);
    if (m_items.size() >= kMaxItems)
        m_items.erase(m_items.begin());
    const qint64 id = m_nextItemId++;
    obj.insert(u"id"_s, double(id));
    m_items.insert(id, QJsonDocument(obj).toJson(QJsonDocument::Compact));
    return json(201, obj, {{"Location", "/api/items/" + QByteArray::number(id)}});
}

DemoApp::Response DemoApp::item(const Request &r, qint64 id)
{
    const auto it = m_items.find(id);
    if (it == m_items.end())
        return error(404, u"no item %1"_s.arg(id));
    if (r.method == "GET" || r.method == "HEAD")
        return json(200, QJsonDocument::fromJson(it.value()).object());
    if (r.method == "DELETE") {
        m_items.erase(it);
        return {204, {}, {}, {}};
    }
    if (r.method == "PUT" || r.method == "PATCH") {
        const QJsonDocument doc = QJsonDocument::fromJson(r.body);
        if (!doc.isObject())
            return error(400, u"the body must be a JSON object"_s);
        QJsonObject obj = r.method == "PUT" ? QJsonObject() : QJsonDocument::fromJson(it.value()).object();
        const QJsonObject changes = doc.object();
        for (auto c = changes.begin(); c != changes.end(); ++c)
            obj.insert(c.key(), c.value());
        if (!obj.value(u"name"_s).isString() || obj.value(u"name"_s).toString().isEmpty())
            return error(400, u"\"name\" must be a non-empty string"_s);
        obj.insert(u"id"_s, double(id));
        it.value() = QJsonDocument(obj).toJson(QJsonDocument::Compact);
        return json(200, obj);
    }
    return {405, "text/plain", "use GET, PUT, PATCH or DELETE\n", {{"Allow", "GET, PUT, PATCH, DELETE"}}};
}

DemoApp::Response DemoApp::upload(const Request &r)
{
    if (r.method != "POST")
        return {405, "text/plain", "use POST\n", {{"Allow", "POST"}}};
    const QByteArray type = r.header("Content-Type");
    const QByteArray boundary = parameter(type, "boundary", ';');
    if (!type.trimmed().startsWith("multipart/form-data") || boundary.isEmpty())
        return error(400, u"expected multipart/form-data with a boundary"_s);
    const QByteArray delimiter = "--" + boundary;
    const QByteArray partEnd = "\r\n" + delimiter;
    QJsonObject fields;
    QJsonArray files;
    qsizetype pos = r.body.indexOf(delimiter);
    if (pos < 0)
        return error(400, u"no multipart boundary in the body"_s);
    for (;;) {
        pos += delimiter.size();
        if (r.body.mid(pos, 2) == "--")
            break; // the closing delimiter
        if (r.body.mid(pos, 2) == "\r\n")
            pos += 2;
        const qsizetype headEnd = r.body.indexOf("\r\n\r\n", pos);
        const qsizetype next = r.body.indexOf(partEnd, pos);
        if (headEnd < 0 || next < 0 || headEnd > next)
            return error(400, u"a malformed multipart part"_s);
        const QList<QByteArray> headLines = r.body.mid(pos, headEnd - pos).split('\n');
        QByteArray disposition, partType;
        for (const QByteArray &line : headLines) {
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed();
            if (name.compare("Content-Disposition", Qt::CaseInsensitive) == 0)
                disposition = line.mid(colon + 1).trimmed();
            else if (name.compare("Content-Type", Qt::CaseInsensitive) == 0)
                partType = line.mid(colon + 1).trimmed();
        }
        const QByteArray content = r.body.mid(headEnd + 4, next - headEnd - 4);
        const QString field = QString::fromUtf8(parameter(disposition, "name", ';'));
        if (disposition.contains("filename=")) {
            files.append(QJsonObject{{u"field"_s, field},
                                     {u"filename"_s, QString::fromUtf8(parameter(disposition, "filename", ';'))},
                                     {u"contentType"_s, QString::fromLatin1(partType)},
                                     {u"size"_s, double(content.size())}});
        } else {
            fields.insert(field, QString::fromUtf8(content));
        }
        pos = next + 2;
    }
    return json(200, QJsonObject{{u"fields"_s, fields}, {u"files"_s, files}});
}

DemoApp::Response DemoApp::products(const Request &r) const
{
    if (r.method != "GET" && r.method != "HEAD")
        return {405, "text/plain", "use GET\n", {{"Allow", "GET"}}};
    QByteArray rows;
    for (const Product &p : kProducts)
        rows += "    <tr class=\"product\" data-id=\"" + QByteArray::number(p.id) + "\"><td class=\"name\"><a href=\"/app/products?item="
                + QByteArray::number(p.id) + "\">" + p.name + "</a></td><td class=\"price\">" + p.price + "</td></tr>\n";
    return html(200, "<!DOCTYPE html>\n<html><head><title>Products</title>"
                     "<meta name=\"description\" content=\"The demo shop of stampede-testserver\"></head><body>\n"
                     "<h1>Products</h1>\n<table id=\"products\">\n    <tr><th>Name</th><th>Price</th></tr>\n"
                     + rows + "</table>\n<p class=\"footer\">" + QByteArray::number(std::size(kProducts))
                     + " products</p>\n</body></html>\n");
}

} // namespace stampede::testserver
