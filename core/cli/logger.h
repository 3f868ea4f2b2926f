#pragma once

#include "core/script/runtime.h"

#include <chrono>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <mutex>
#include <string>

namespace stampede::cli {

// k6-style log lines on stderr: "INFO[0003] message  source=console".
// Thread-safe; console output can go to a file instead (--console-output).
class Logger
{
public:
    Logger();
    ~Logger();

    void setVerbose(bool on) { m_verbose = on; }
    void setColor(bool on) { m_color = on; }
    bool setConsoleFile(const std::string &path, std::string *error);

    void log(script::LogLevel level, const std::string &text, const char *source = nullptr);
    void console(script::LogLevel level, const std::string &text) { log(level, text, "console"); }

    // Also sees every line logged (before it is printed); set before the run starts.
    using Tap = std::function<void(script::LogLevel, const std::string &, const char *source)>;
    void setTap(Tap tap) { m_tap = std::move(tap); }

    // Clears a progress line drawn on the terminal before printing.
    void setProgressLineActive(bool active);
    std::mutex &mutex() { return m_mutex; }

private:
    std::mutex m_mutex;
    std::chrono::steady_clock::time_point m_start;
    bool m_verbose = false;
    bool m_color = false;
    bool m_progressLine = false;
    FILE *m_consoleFile = nullptr;
    Tap m_tap;
};

} // namespace stampede::cli
