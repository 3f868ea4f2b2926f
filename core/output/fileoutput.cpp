#include "core/output/fileoutput.h"

#include <cerrno>
#include <cstring>

namespace stampede::output {

FileOutput::FileOutput(OutputContext ctx, std::string path) : ThreadedOutput(std::move(ctx)), m_path(std::move(path)) {}

FileOutput::~FileOutput()
{
    if (m_file && m_file != stdout)
        std::fclose(m_file);
}

Status FileOutput::open()
{
    m_file = m_path == "-" ? stdout : std::fopen(m_path.c_str(), "w");
    if (!m_file)
        return Error{std::string("cannot create the file: ") + std::strerror(errno), m_path};
    std::setvbuf(m_file, nullptr, _IOFBF, 1 << 20);
    onOpened();
    return {};
}

bool FileOutput::writeText(const std::string &data)
{
    if (m_writeFailed || !m_file)
        return false;
    if (std::fwrite(data.data(), 1, data.size(), m_file) != data.size()) {
        m_writeFailed = true;
        if (m_ctx.warn)
            m_ctx.warn("cannot write to " + m_path + ": " + std::strerror(errno));
        return false;
    }
    return true;
}

Status FileOutput::close()
{
    if (!m_file)
        return {};
    const bool ok = std::fflush(m_file) == 0 && !m_writeFailed;
    if (m_file != stdout)
        std::fclose(m_file);
    m_file = nullptr;
    if (!ok)
        return Error{"could not write all results", m_path};
    return {};
}

} // namespace stampede::output
