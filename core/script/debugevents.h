#pragma once

// The debug event stream (`stampede run --debug-events PATH`): one JSON object per line
// (NDJSON) for every HTTP request/response hop, check, console line and group the script
// makes, with the script location that made it. The studio's debug run reads it.
//
// Record types ("type"):
//   start    {version, script, time_unix_ms}
//   request  {id, first_id, hop, vu, iter, stage, scenario, group, method, url, proto, status, status_text,
//             request:{headers:[[k,v]..], body}, response:{headers, body}, cookies_sent:[{name,value}],
//             cookies_received:[{name,value,domain,path,http_only,secure,max_age}], timings:{blocked,
//             connecting, tls_handshaking, sending, waiting, receiving, duration}, start_unix_ns,
//             error, error_code, remote_ip, remote_port, tls_version, bytes_sent, bytes_received, location}
//   check    {name, ok, group, request_id, vu, iter, stage, location}
//   console  {level (debug|info|warn|error), source (console|stacktrace|runtime), text, stage, location}
//   group    {event (enter|leave), name, path, stage, location}
//   end      {}
// A body is {size, encoding:"base64", data} when small, or {size, file, stored, truncated} when it was
// written to a side file (PATH.bodies/<id>-<request|response>.bin; at most maxStoredBody bytes kept).
// A location is {file, line, column} of the innermost user-script frame, or absent.

#include "core/util/error.h"

#include <nlohmann/json_fwd.hpp>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace stampede::script {

class DebugEventWriter
{
public:
    static constexpr size_t kDefaultInlineBody = 256 * 1024;            // bodies up to this go inline (base64)
    static constexpr size_t kDefaultMaxStoredBody = 64ull * 1024 * 1024; // side files keep at most this much

    // Creates (truncates) `path` and the directory PATH.bodies for large bodies.
    static Result<std::unique_ptr<DebugEventWriter>> open(const std::filesystem::path &path, std::string scriptPath);
    ~DebugEventWriter();
    DebugEventWriter(const DebugEventWriter &) = delete;
    DebugEventWriter &operator=(const DebugEventWriter &) = delete;

    // Appends one record as a line and flushes it. Thread-safe.
    void write(const nlohmann::json &record);
    // A body as a JSON object (inline base64, or a side file named after `id` and `which`).
    nlohmann::json body(int64_t id, std::string_view which, std::string_view bytes);
    int64_t nextRequestId() { return m_nextId.fetch_add(1) + 1; }
    void finish(); // writes the end record (once)

    void setLimits(size_t inlineBody, size_t maxStoredBody);
    const std::filesystem::path &path() const { return m_path; }

private:
    DebugEventWriter() = default;
    std::filesystem::path m_path;
    std::filesystem::path m_bodies;
    std::FILE *m_file = nullptr;
    std::mutex m_mutex;
    std::atomic<int64_t> m_nextId{0};
    size_t m_inlineBody = kDefaultInlineBody;
    size_t m_maxStoredBody = kDefaultMaxStoredBody;
    bool m_finished = false;
};

} // namespace stampede::script
