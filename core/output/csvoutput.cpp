#include "core/output/csvoutput.h"

#include "core/output/format.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

namespace stampede::output {

namespace {

// k6's fixed tag columns, in order.
constexpr std::array<const char *, 14> kColumns = {"check", "error", "error_code", "expected_response", "group",
                                                   "method", "name", "proto", "scenario", "service", "status",
                                                   "subproto", "tls_version", "url"};

} // namespace

CsvOutput::CsvOutput(OutputContext ctx, std::string path) : ThreadedOutput(std::move(ctx)), m_path(std::move(path)) {}

CsvOutput::~CsvOutput()
{
    if (m_file)
        std::fclose(m_file);
}

Status CsvOutput::open()
{
    m_file = std::fopen(m_path.c_str(), "w");
    if (!m_file)
        return Error{std::string("cannot create the file: ") + std::strerror(errno), m_path};
    std::setvbuf(m_file, nullptr, _IOFBF, 1 << 20);
    std::string header = "metric_name,timestamp,metric_value";
    for (const char *c : kColumns)
        header += std::string(",") + c;
    header += ",extra_tags,metadata\n";
    std::fwrite(header.data(), 1, header.size(), m_file);
    return {};
}

void CsvOutput::write(const metrics::SampleBatch &batch)
{
    if (m_writeFailed)
        return;
    for (const metrics::Sample &s : batch) {
        m_row.clear();
        appendCsvField(m_row, m_ctx.registry->desc(s.metric).name);
        m_row += ',' + std::to_string(s.timeUnixNs / 1000000000) + ',' + formatNumber(s.value);
        std::string extra;
        for (const char *c : kColumns) {
            m_row += ',';
            if (s.tags) {
                if (const std::string *v = s.tags->find(c))
                    appendCsvField(m_row, *v);
            }
        }
        if (s.tags) {
            for (const auto &[k, v] : s.tags->tags()) {
                if (std::find_if(kColumns.begin(), kColumns.end(), [&](const char *c) { return k == c; })
                    != kColumns.end())
                    continue;
                if (!extra.empty())
                    extra += '&';
                extra += k + "=" + v;
            }
        }
        m_row += ',';
        appendCsvField(m_row, extra);
        m_row += ",\n";
        if (std::fwrite(m_row.data(), 1, m_row.size(), m_file) != m_row.size()) {
            m_writeFailed = true;
            if (m_ctx.warn)
                m_ctx.warn("cannot write to " + m_path + ": " + std::strerror(errno));
            return;
        }
    }
}

Status CsvOutput::close()
{
    if (!m_file)
        return {};
    const bool ok = std::fflush(m_file) == 0 && !m_writeFailed;
    std::fclose(m_file);
    m_file = nullptr;
    if (!ok)
        return Error{"could not write all results", m_path};
    return {};
}

} // namespace stampede::output
