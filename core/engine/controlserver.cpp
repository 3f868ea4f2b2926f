#include "core/engine/controlserver.h"

#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace stampede::engine {

using json = nlohmann::json;

namespace {

json statusBody(const ControlApi::Status &s)
{
    return {{"data",
             {{"type", "status"},
              {"id", "default"},
              {"attributes",
               {{"status", s.executionStatus},
                {"paused", s.paused},
                {"vus", s.vus},
                {"vus-max", s.vusMax},
                {"stopped", s.stopped},
                {"running", s.running},
                {"tainted", s.tainted}}}}}};
}

json metricResource(const std::string &name, const json &m)
{
    return {{"type", "metrics"},
            {"id", name},
            {"attributes",
             {{"type", m.value("type", "")}, {"contains", m.value("contains", "")}, {"tainted", nullptr},
              {"sample", m.value("values", json::object())}}}};
}

json groupResource(const json &g)
{
    json groups = json::array();
    for (const json &child : g["groups"])
        groups.push_back({{"type", "groups"}, {"id", child["id"]}});
    json checks = json::array();
    for (const json &c : g["checks"])
        checks.push_back({{"id", c["id"]}, {"name", c["name"]}, {"path", c["path"]}, {"passes", c["passes"]},
                          {"fails", c["fails"]}});
    return {{"type", "groups"},
            {"id", g["id"]},
            {"attributes", {{"path", g["path"]}, {"name", g["name"]}, {"checks", checks}}},
            {"relationships", {{"groups", {{"data", groups}}}}}};
}

void collectGroups(const json &g, json &out)
{
    out.push_back(groupResource(g));
    for (const json &child : g["groups"])
        collectGroups(child, out);
}

std::string errorBody(const std::string &title, const std::string &detail)
{
    return json{{"errors", json::array({{{"title", title}, {"detail", detail}}})}}.dump();
}

const char *reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 500: return "Internal Server Error";
    default: return "Status";
    }
}

} // namespace

ControlServer::ControlServer(ControlApi &api) : m_api(api) {}

ControlServer::~ControlServer()
{
    stop();
}

Status ControlServer::listen(const std::string &address)
{
    const size_t colon = address.rfind(':');
    if (colon == std::string::npos)
        return Error{"invalid --address \"" + address + "\": expected host:port, e.g. localhost:6565"};
    std::string host = address.substr(0, colon);
    const std::string portText = address.substr(colon + 1);
    if (host.empty() || host == "localhost")
        host = "127.0.0.1";
    char *end = nullptr;
    const long port = std::strtol(portText.c_str(), &end, 10);
    if (portText.empty() || *end || port < 0 || port > 65535)
        return Error{"invalid --address \"" + address + "\": the port must be a number from 0 to 65535"};
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(uint16_t(port));
    if (inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1)
        return Error{"invalid --address \"" + address + "\": use an IPv4 address or localhost"};
    m_listenFd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int one = 1;
    ::setsockopt(m_listenFd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (m_listenFd < 0 || ::bind(m_listenFd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0
        || ::listen(m_listenFd, 16) != 0) {
        const std::string why = std::strerror(errno);
        if (m_listenFd >= 0)
            ::close(m_listenFd);
        m_listenFd = -1;
        return Error{"cannot start the REST API on " + address + ": " + why};
    }
    socklen_t len = sizeof addr;
    ::getsockname(m_listenFd, reinterpret_cast<sockaddr *>(&addr), &len);
    m_port = ntohs(addr.sin_port);
    m_thread = std::thread([this] { loop(); });
    return {};
}

void ControlServer::stop()
{
    m_stopping = true;
    if (m_thread.joinable())
        m_thread.join();
    if (m_listenFd >= 0)
        ::close(m_listenFd);
    m_listenFd = -1;
}

void ControlServer::loop()
{
    while (!m_stopping.load()) {
        pollfd p{m_listenFd, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0)
            continue;
        const int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd >= 0) {
            serve(fd);
            ::close(fd);
        }
    }
}

void ControlServer::serve(int fd)
{
    // One request per connection (Connection: close); small bodies only.
    std::string data;
    char buf[4096];
    size_t headerEnd = std::string::npos;
    size_t contentLength = 0;
    for (int waited = 0; waited < 50;) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) {
            ++waited;
            continue;
        }
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0)
            return;
        data.append(buf, size_t(n));
        if (data.size() > (1 << 20))
            return;
        if (headerEnd == std::string::npos) {
            headerEnd = data.find("\r\n\r\n");
            if (headerEnd != std::string::npos) {
                std::string lower = data.substr(0, headerEnd);
                for (char &c : lower)
                    c = char(std::tolower(static_cast<unsigned char>(c)));
                const size_t cl = lower.find("content-length:");
                if (cl != std::string::npos)
                    contentLength = size_t(std::strtoul(lower.c_str() + cl + 15, nullptr, 10));
            }
        }
        if (headerEnd != std::string::npos && data.size() >= headerEnd + 4 + contentLength)
            break;
    }
    if (headerEnd == std::string::npos)
        return;
    const size_t sp1 = data.find(' ');
    const size_t sp2 = data.find(' ', sp1 + 1);
    if (sp1 == std::string::npos || sp2 == std::string::npos)
        return;
    const std::string method = data.substr(0, sp1);
    std::string path = data.substr(sp1 + 1, sp2 - sp1 - 1);
    if (const size_t q = path.find('?'); q != std::string::npos)
        path = path.substr(0, q);
    const auto [status, body] = handle(method, path, data.substr(headerEnd + 4, contentLength));
    const std::string response = "HTTP/1.1 " + std::to_string(status) + " " + reason(status)
                                 + "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: "
                                 + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    size_t off = 0;
    while (off < response.size()) {
        const ssize_t n = ::send(fd, response.data() + off, response.size() - off, MSG_NOSIGNAL);
        if (n <= 0)
            return;
        off += size_t(n);
    }
}

std::pair<int, std::string> ControlServer::handle(const std::string &method, const std::string &path,
                                                  const std::string &body)
{
    auto parseBody = [&](json &out) -> bool {
        try {
            out = body.empty() ? json::object() : json::parse(body);
            return true;
        } catch (const std::exception &) {
            return false;
        }
    };
    if (path == "/v1/status") {
        if (method == "GET")
            return {200, statusBody(m_api.status()).dump()};
        if (method == "PATCH") {
            json req;
            if (!parseBody(req) || !req.is_object())
                return {400, errorBody("invalid body", "expected a JSON:API status document")};
            const json attrs = req.contains("data") ? req["data"].value("attributes", json::object())
                                                    : req.value("attributes", json::object());
            try {
                return {200, statusBody(m_api.patchStatus(attrs)).dump()};
            } catch (const std::exception &e) {
                return {400, errorBody("cannot change the status", e.what())};
            }
        }
        return {405, errorBody("method not allowed", method + " " + path)};
    }
    if (path == "/v1/metrics" || path.rfind("/v1/metrics/", 0) == 0) {
        if (method != "GET")
            return {405, errorBody("method not allowed", method + " " + path)};
        const json metrics = m_api.metrics();
        if (path == "/v1/metrics") {
            json list = json::array();
            for (auto it = metrics.begin(); it != metrics.end(); ++it)
                list.push_back(metricResource(it.key(), it.value()));
            return {200, json{{"data", list}}.dump()};
        }
        const std::string id = path.substr(12);
        if (!metrics.contains(id))
            return {404, errorBody("not found", "no metric named " + id)};
        return {200, json{{"data", metricResource(id, metrics[id])}}.dump()};
    }
    if (path == "/v1/groups" || path.rfind("/v1/groups/", 0) == 0) {
        if (method != "GET")
            return {405, errorBody("method not allowed", method + " " + path)};
        json all = json::array();
        collectGroups(m_api.rootGroup(), all);
        if (path == "/v1/groups")
            return {200, json{{"data", all}}.dump()};
        const std::string id = path.substr(11);
        for (const json &g : all) {
            if (g["id"] == id)
                return {200, json{{"data", g}}.dump()};
        }
        return {404, errorBody("not found", "no group with id " + id)};
    }
    if (path == "/v1/setup") {
        Result<std::string> data = Error{"unsupported"};
        if (method == "GET") {
            data = m_api.currentSetupData();
        } else if (method == "POST") {
            data = m_api.runSetup();
        } else if (method == "PUT") {
            if (Status s = m_api.setSetupData(body.empty() ? "null" : body); !s)
                return {400, errorBody("cannot set the setup data", s.error().message)};
            data = m_api.currentSetupData();
        } else {
            return {405, errorBody("method not allowed", method + " " + path)};
        }
        if (!data)
            return {500, errorBody("setup failed", data.error().toString())};
        json parsed;
        try {
            parsed = json::parse(*data);
        } catch (const std::exception &) {
            parsed = nullptr;
        }
        return {200, json{{"data", {{"type", "setupData"}, {"id", "default"}, {"attributes", {{"data", parsed}}}}}}.dump()};
    }
    if (path == "/v1/teardown") {
        if (method != "POST")
            return {405, errorBody("method not allowed", method + " " + path)};
        if (Status s = m_api.runTeardown(); !s)
            return {500, errorBody("teardown failed", s.error().toString())};
        return {200, json{{"data", {{"type", "teardown"}, {"id", "default"}}}}.dump()};
    }
    return {404, errorBody("not found", path)};
}

} // namespace stampede::engine
