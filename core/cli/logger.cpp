#include "core/cli/logger.h"

namespace stampede::cli {

Logger::Logger() : m_start(std::chrono::steady_clock::now()) {}

Logger::~Logger()
{
    if (m_consoleFile)
        std::fclose(m_consoleFile);
}

bool Logger::setConsoleFile(const std::string &path, std::string *error)
{
    FILE *f = std::fopen(path.c_str(), "a");
    if (!f) {
        if (error)
            *error = "cannot open console output file " + path + ": " + std::strerror(errno);
        return false;
    }
    m_consoleFile = f;
    return true;
}

void Logger::setProgressLineActive(bool active)
{
    m_progressLine = active;
}

void Logger::log(script::LogLevel level, const std::string &text, const char *source)
{
    if (m_tap)
        m_tap(level, text, source);
    if (level == script::LogLevel::Debug && !m_verbose)
        return;
    const char *name = "INFO";
    const char *color = "36";
    switch (level) {
    case script::LogLevel::Debug: name = "DEBU"; color = "37"; break;
    case script::LogLevel::Info: break;
    case script::LogLevel::Warning: name = "WARN"; color = "33"; break;
    case script::LogLevel::Error: name = "ERRO"; color = "31"; break;
    }
    const auto secs = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - m_start);
    char stamp[32];
    std::snprintf(stamp, sizeof stamp, "[%04lld]", static_cast<long long>(secs.count()));
    std::lock_guard lock(m_mutex);
    const bool toFile = m_consoleFile && source && std::string_view(source) == "console";
    FILE *out = toFile ? m_consoleFile : stderr;
    const bool color_ = m_color && !toFile;
    if (m_progressLine && !toFile)
        std::fputs("\r\x1b[K", stderr);
    std::string line = color_ ? std::string("\x1b[") + color + "m" + name + "\x1b[0m" + stamp : std::string(name) + stamp;
    line += " " + text;
    if (source)
        line += std::string("  ") + (color_ ? "\x1b[36msource\x1b[0m=" : "source=") + source;
    line += "\n";
    std::fputs(line.c_str(), out);
    std::fflush(out);
}

} // namespace stampede::cli
