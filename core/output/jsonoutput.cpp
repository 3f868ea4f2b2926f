#include "core/output/jsonoutput.h"

#include "core/output/format.h"
#include "core/metrics/thresholds.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>

namespace stampede::output {

JsonOutput::JsonOutput(OutputContext ctx, std::string path) : FileOutput(std::move(ctx), std::move(path)) {}

void JsonOutput::write(const metrics::SampleBatch &batch)
{
    if (failed())
        return;
    for (const metrics::Sample &s : batch) {
        if (s.metric >= m_announced.size())
            m_announced.resize(s.metric + 1, false);
        const metrics::MetricDesc d = m_ctx.registry->desc(s.metric);
        if (!m_announced[s.metric]) {
            m_announced[s.metric] = true;
            nlohmann::json thresholds = nlohmann::json::array();
            if (m_ctx.thresholds && m_ctx.thresholds->is_object() && m_ctx.thresholds->contains(d.name)) {
                const nlohmann::json &t = (*m_ctx.thresholds)[d.name];
                for (const auto &item : t.is_array() ? t : nlohmann::json::array({t})) {
                    if (item.is_string())
                        thresholds.push_back(item);
                    else if (item.is_object() && item.contains("threshold"))
                        thresholds.push_back(item["threshold"]);
                }
            }
            nlohmann::json metric = {{"metric", d.name},
                                     {"type", "Metric"},
                                     {"data",
                                      {{"name", d.name},
                                       {"type", metrics::toString(d.type)},
                                       {"contains", metrics::toString(d.valueType)},
                                       {"thresholds", thresholds},
                                       {"submetrics", nullptr}}}};
            if (!writeText(metric.dump() + "\n"))
                return;
        }
        m_line.clear();
        m_line += "{\"metric\":";
        appendJsonString(m_line, d.name);
        m_line += ",\"type\":\"Point\",\"data\":{\"time\":\"";
        m_line += formatRfc3339Nano(s.timeUnixNs);
        m_line += "\",\"value\":";
        m_line += formatNumber(s.value);
        m_line += ",\"tags\":{";
        if (s.tags) {
            bool first = true;
            for (const auto &[k, v] : s.tags->tags()) {
                if (!first)
                    m_line += ',';
                first = false;
                appendJsonString(m_line, k);
                m_line += ':';
                appendJsonString(m_line, v);
            }
        }
        m_line += "}}}\n";
        if (!writeText(m_line))
            return;
    }
}

} // namespace stampede::output
