#include "core/script/debugevents.h"

#include "core/script/modules/base64.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <chrono>
#include <cstring>

namespace stampede::script {

namespace fs = std::filesystem;

Result<std::unique_ptr<DebugEventWriter>> DebugEventWriter::open(const fs::path &path, std::string scriptPath)
{
    std::unique_ptr<DebugEventWriter> w(new DebugEventWriter);
    w->m_path = path;
    w->m_bodies = fs::path(path.string() + ".bodies");
    w->m_file = std::fopen(path.c_str(), "wb");
    if (!w->m_file)
        return Error{"cannot write the debug event stream: " + std::string(std::strerror(errno)), path.string()};
    std::error_code ec;
    fs::create_directories(w->m_bodies, ec);
    if (ec)
        return Error{"cannot create the directory for large bodies: " + ec.message(), w->m_bodies.string()};
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    w->write({{"type", "start"},
              {"version", 1},
              {"script", std::move(scriptPath)},
              {"time_unix_ms", std::chrono::duration_cast<std::chrono::milliseconds>(now).count()}});
    return w;
}

DebugEventWriter::~DebugEventWriter()
{
    finish();
    if (m_file)
        std::fclose(m_file);
}

void DebugEventWriter::setLimits(size_t inlineBody, size_t maxStoredBody)
{
    m_inlineBody = inlineBody;
    m_maxStoredBody = maxStoredBody;
}

void DebugEventWriter::write(const nlohmann::json &record)
{
    // Bodies are base64 and texts may hold any bytes: invalid UTF-8 is replaced, never thrown on.
    const std::string line = record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::lock_guard lock(m_mutex);
    if (!m_file || m_finished)
        return;
    std::fwrite(line.data(), 1, line.size(), m_file);
    std::fputc('\n', m_file);
    std::fflush(m_file);
}

nlohmann::json DebugEventWriter::body(int64_t id, std::string_view which, std::string_view bytes)
{
    nlohmann::json b = {{"size", bytes.size()}};
    if (bytes.size() <= m_inlineBody) {
        b["encoding"] = "base64";
        b["data"] = base64::encode(bytes, base64::Variant{});
        return b;
    }
    const fs::path file = m_bodies / (std::to_string(id) + "-" + std::string(which) + ".bin");
    const size_t stored = std::min(bytes.size(), m_maxStoredBody);
    if (std::FILE *f = std::fopen(file.c_str(), "wb")) {
        const size_t written = std::fwrite(bytes.data(), 1, stored, f);
        std::fclose(f);
        b["file"] = file.string();
        b["stored"] = written;
        b["truncated"] = written < bytes.size();
    } else {
        b["error"] = "cannot write " + file.string() + ": " + std::strerror(errno);
        b["stored"] = 0;
        b["truncated"] = true;
    }
    return b;
}

void DebugEventWriter::finish()
{
    std::lock_guard lock(m_mutex);
    if (m_finished || !m_file)
        return;
    std::fputs("{\"type\":\"end\"}\n", m_file);
    std::fflush(m_file);
    m_finished = true;
}

} // namespace stampede::script
