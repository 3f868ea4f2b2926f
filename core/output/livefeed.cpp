#include "core/output/livefeed.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace stampede::output {

LiveFeed::LiveFeed(OutputContext ctx, std::string target) : ThreadedOutput(std::move(ctx)), m_target(std::move(target))
{
}

LiveFeed::~LiveFeed()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

Status LiveFeed::open()
{
    if (m_target.rfind("unix:", 0) == 0) {
        const std::string path = m_target.substr(5);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        if (path.empty() || path.size() >= sizeof addr.sun_path)
            return Error{"invalid socket path for the live stream: \"" + path + "\""};
        std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
        m_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (m_fd < 0 || ::connect(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0)
            return Error{std::string("cannot connect the live stream to ") + path + ": " + std::strerror(errno)};
    } else {
        m_fd = ::open(m_target.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (m_fd < 0)
            return Error{std::string("cannot create the file: ") + std::strerror(errno), m_target};
    }
    m_start = m_lastEmit = std::chrono::steady_clock::now();
    return {};
}

void LiveFeed::setThresholdStates(const nlohmann::json &states)
{
    std::lock_guard lock(m_thresholdMutex);
    m_thresholds = states;
}

void LiveFeed::write(const metrics::SampleBatch &batch)
{
    const auto &b = m_ctx.registry->builtin();
    static const std::string empty;
    for (const metrics::Sample &s : batch) {
        const std::string *scenario = s.tags ? s.tags->find("scenario") : nullptr;
        if (s.metric == b.vus) {
            m_vus = s.value;
        } else if (s.metric == b.vusMax) {
            m_vusMax = s.value;
        } else if (s.metric == b.iterations) {
            ++m_iterations;
            ++m_intervalIterations;
            if (scenario) {
                auto &sc = m_scenarios[*scenario];
                ++sc.iterations;
                ++sc.intervalIterations;
            }
        } else if (s.metric == b.httpReqs) {
            ++m_requests;
            ++m_intervalRequests;
        } else if (s.metric == b.httpReqFailed) {
            ++m_intervalFailedSamples;
            if (s.value != 0) {
                ++m_failed;
                ++m_intervalFailed;
            }
            if (s.tags) {
                const std::string *name = s.tags->find("name");
                const std::string *method = s.tags->find("method");
                auto it = m_endpoints.find({method ? *method : empty, name ? *name : empty});
                if (it != m_endpoints.end() && s.value != 0)
                    ++it->second.errors;
            }
        } else if (s.metric == b.httpReqDuration) {
            m_intervalDuration.add(s.value);
            if (scenario)
                m_scenarios[*scenario].intervalDuration.add(s.value);
            if (s.tags) {
                const std::string *name = s.tags->find("name");
                const std::string *method = s.tags->find("method");
                std::pair<std::string, std::string> key{method ? *method : empty, name ? *name : empty};
                auto it = m_endpoints.find(key);
                if (it == m_endpoints.end() && m_endpoints.size() < kMaxEndpoints)
                    it = m_endpoints.emplace(std::move(key), Endpoint{}).first;
                if (it != m_endpoints.end()) {
                    ++it->second.count;
                    ++it->second.intervalCount;
                    it->second.duration.add(s.value);
                }
            }
        } else if (s.metric == b.dataSent) {
            m_sent += s.value;
            m_intervalSent += s.value;
        } else if (s.metric == b.dataReceived) {
            m_received += s.value;
            m_intervalReceived += s.value;
        } else if (s.metric == b.checks && s.tags) {
            const std::string *name = s.tags->find("check");
            const std::string *group = s.tags->find("group");
            if (!name)
                continue;
            std::pair<std::string, std::string> key{group ? *group : empty, *name};
            auto it = std::find_if(m_checks.begin(), m_checks.end(), [&](const auto &c) { return c.first == key; });
            if (it == m_checks.end()) {
                m_checks.push_back({key, {0, 0}});
                it = m_checks.end() - 1;
            }
            (s.value != 0 ? it->second.first : it->second.second)++;
        }
    }
}

void LiveFeed::tick()
{
    const auto now = std::chrono::steady_clock::now();
    if (now - m_lastEmit >= std::chrono::seconds(1))
        emit(false);
}

void LiveFeed::emit(bool final)
{
    using nlohmann::json;
    const auto now = std::chrono::steady_clock::now();
    const double interval = std::max(1e-3, std::chrono::duration<double>(now - m_lastEmit).count());
    m_lastEmit = now;
    json snap = {{"type", "snapshot"},
                 {"elapsed", std::chrono::duration<double>(now - m_start).count()},
                 {"final", final},
                 {"vus", m_vus},
                 {"vusMax", m_vusMax},
                 {"iterations", {{"total", m_iterations}, {"rate", double(m_intervalIterations) / interval}}},
                 {"http",
                  {{"total", m_requests},
                   {"rate", double(m_intervalRequests) / interval},
                   {"failed", m_failed},
                   {"failedRate", m_intervalFailedSamples ? double(m_intervalFailed) / double(m_intervalFailedSamples) : 0.0},
                   {"avg", m_intervalDuration.mean()},
                   {"p50", m_intervalDuration.percentile(50)},
                   {"p90", m_intervalDuration.percentile(90)},
                   {"p95", m_intervalDuration.percentile(95)},
                   {"p99", m_intervalDuration.percentile(99)},
                   {"max", m_intervalDuration.max()}}},
                 {"data",
                  {{"sent", m_sent},
                   {"received", m_received},
                   {"sentRate", m_intervalSent / interval},
                   {"receivedRate", m_intervalReceived / interval}}}};
    json scenarios = json::array();
    for (auto &[name, sc] : m_scenarios) {
        scenarios.push_back({{"name", name},
                             {"iterations", sc.iterations},
                             {"rate", double(sc.intervalIterations) / interval},
                             {"p95", sc.intervalDuration.percentile(95)}});
        sc.intervalIterations = 0;
        sc.intervalDuration.clear();
    }
    snap["scenarios"] = scenarios;
    json endpoints = json::array();
    for (auto &[key, ep] : m_endpoints) {
        endpoints.push_back({{"method", key.first},
                             {"name", key.second},
                             {"count", ep.count},
                             {"rate", double(ep.intervalCount) / interval},
                             {"errors", ep.errors},
                             {"avg", ep.duration.mean()},
                             {"p95", ep.duration.percentile(95)}});
        ep.intervalCount = 0;
    }
    snap["endpoints"] = endpoints;
    json checks = json::array();
    for (const auto &[key, counts] : m_checks)
        checks.push_back({{"group", key.first}, {"name", key.second}, {"passes", counts.first}, {"fails", counts.second}});
    snap["checks"] = checks;
    {
        std::lock_guard lock(m_thresholdMutex);
        snap["thresholds"] = m_thresholds;
    }
    m_intervalIterations = m_intervalRequests = m_intervalFailed = m_intervalFailedSamples = 0;
    m_intervalSent = m_intervalReceived = 0;
    m_intervalDuration.clear();
    send(snap.dump() + "\n");
}

void LiveFeed::send(const std::string &line)
{
    if (m_fd < 0 || m_broken)
        return;
    size_t off = 0;
    while (off < line.size()) {
        const ssize_t n = m_target.rfind("unix:", 0) == 0
                              ? ::send(m_fd, line.data() + off, line.size() - off, MSG_NOSIGNAL)
                              : ::write(m_fd, line.data() + off, line.size() - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            m_broken = true;
            if (m_ctx.warn)
                m_ctx.warn("the live stream to " + m_target + " was closed: " + std::strerror(errno));
            return;
        }
        off += size_t(n);
    }
}

Status LiveFeed::close()
{
    emit(true);
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    return {};
}

} // namespace stampede::output
