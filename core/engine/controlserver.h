#pragma once

#include "core/util/error.h"

#include <nlohmann/json_fwd.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>

namespace stampede::engine {

// What the REST control API can see and do; the Runner implements it. Called from
// the server's thread: implementations must be thread-safe.
class ControlApi
{
public:
    virtual ~ControlApi() = default;
    struct Status
    {
        bool paused = false;
        bool stopped = false;
        bool running = false;
        bool tainted = false; // a threshold failed
        int vus = 0;
        int vusMax = 0;
        int executionStatus = 0; // k6's lib.ExecutionStatus numbering
    };
    virtual Status status() const = 0;
    // Applies a PATCH /v1/status; throws std::runtime_error with the reason for what cannot be done.
    virtual Status patchStatus(const nlohmann::json &attributes) = 0;
    virtual nlohmann::json metrics() const = 0; // {"name": {"type","contains","values"}}
    virtual nlohmann::json rootGroup() const = 0; // summary root_group
    virtual Result<std::string> runSetup() = 0;
    virtual Result<std::string> currentSetupData() const = 0;
    virtual stampede::Status setSetupData(const std::string &json) = 0;
    virtual stampede::Status runTeardown() = 0;
};

// k6's REST control API (JSON:API bodies) on a local address, off unless --address
// is given: GET/PATCH /v1/status, GET /v1/metrics[/id], GET /v1/groups[/id],
// GET/POST/PUT /v1/setup, POST /v1/teardown.
class ControlServer
{
public:
    explicit ControlServer(ControlApi &api);
    ~ControlServer();

    // "127.0.0.1:6565", "localhost:0", ":6565". Port 0 picks a free port.
    Status listen(const std::string &address);
    int port() const { return m_port; }
    void stop();

    // Handles one request (exposed for tests): method, path, body -> status, JSON body.
    std::pair<int, std::string> handle(const std::string &method, const std::string &path, const std::string &body);

private:
    void loop();
    void serve(int fd);

    ControlApi &m_api;
    int m_listenFd = -1;
    int m_port = 0;
    std::atomic<bool> m_stopping{false};
    std::thread m_thread;
};

} // namespace stampede::engine
