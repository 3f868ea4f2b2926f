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

CsvOutput::CsvOutput(OutputContext ctx, std::string path) : FileOutput(std::move(ctx), std::move(path)) {}

void CsvOutput::onOpened()
{
    std::string header = "metric_name,timestamp,metric_value";
    for (const char *c : kColumns)
        header += std::string(",") + c;
    header += ",extra_tags,metadata\n";
    writeText(header);
}

void CsvOutput::write(const metrics::SampleBatch &batch)
{
    if (failed())
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
        if (!writeText(m_row))
            return;
    }
}

} // namespace stampede::output
