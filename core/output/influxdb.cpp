#include "core/output/influxdb.h"

#include "core/http/httpclient.h"
#include "core/output/format.h"

namespace stampede::output {

namespace {

// Line protocol escaping: measurement (commas, spaces), tag keys/values (commas, equals, spaces).
void appendEscaped(std::string &out, std::string_view s, bool isMeasurement)
{
    for (char c : s) {
        if (c == ',' || c == ' ' || (!isMeasurement && c == '='))
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
}

} // namespace

InfluxDbOutput::InfluxDbOutput(OutputContext ctx, std::string url) : ThreadedOutput(std::move(ctx)), m_url(std::move(url))
{
}

void InfluxDbOutput::appendLine(std::string &out, const std::string &metric, const metrics::Sample &s)
{
    appendEscaped(out, metric, true);
    if (s.tags) {
        for (const auto &[k, v] : s.tags->tags()) {
            if (v.empty())
                continue; // line protocol has no empty tag values
            out += ',';
            appendEscaped(out, k, false);
            out += '=';
            appendEscaped(out, v, false);
        }
    }
    out += " value=";
    out += formatNumber(s.value);
    out += ' ';
    out += std::to_string(s.timeUnixNs);
}

Status InfluxDbOutput::open()
{
    // http://host:port/db -> http://host:port/write?db=db
    const size_t scheme = m_url.find("://");
    if (scheme == std::string::npos || (m_url.rfind("http://", 0) != 0 && m_url.rfind("https://", 0) != 0))
        return Error{"invalid InfluxDB URL \"" + m_url + "\": expected http(s)://host:port/database"};
    const size_t pathStart = m_url.find('/', scheme + 3);
    std::string db = pathStart == std::string::npos ? std::string() : m_url.substr(pathStart + 1);
    if (const size_t q = db.find('?'); q != std::string::npos)
        db = db.substr(0, q);
    if (db.empty())
        db = "k6"; // k6's default database name
    const std::string base = pathStart == std::string::npos ? m_url : m_url.substr(0, pathStart);
    m_writeUrl = base + "/write?db=" + db + "&precision=ns";
    m_lastPush = std::chrono::steady_clock::now();
    return {};
}

void InfluxDbOutput::write(const metrics::SampleBatch &batch)
{
    for (const metrics::Sample &s : batch) {
        appendLine(m_pending, m_ctx.registry->desc(s.metric).name, s);
        m_pending += '\n';
        ++m_pendingLines;
    }
}

void InfluxDbOutput::tick()
{
    if (std::chrono::steady_clock::now() - m_lastPush >= std::chrono::seconds(1))
        push();
}

void InfluxDbOutput::push()
{
    m_lastPush = std::chrono::steady_clock::now();
    if (m_pending.empty())
        return;
    static thread_local http::Client client;
    http::Request req;
    req.method = "POST";
    req.url = m_writeUrl;
    req.body = std::move(m_pending);
    req.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
    req.timeout = std::chrono::seconds(10);
    m_pending.clear();
    m_pendingLines = 0;
    const http::Response resp = client.perform(req);
    if (!resp.error.empty() || resp.status / 100 != 2) {
        ++m_failedPushes;
        m_lastError = resp.error.empty() ? "HTTP " + std::to_string(resp.status) + ": " + resp.body.substr(0, 200)
                                         : resp.error;
        if (m_failedPushes == 1 && m_ctx.warn)
            m_ctx.warn("InfluxDB output: cannot write to " + m_url + ": " + m_lastError + " (the test goes on)");
    }
}

Status InfluxDbOutput::close()
{
    push();
    if (m_failedPushes > 0)
        return Error{"InfluxDB output: " + std::to_string(m_failedPushes) + " pushes to " + m_url
                     + " failed; last error: " + m_lastError};
    return {};
}

} // namespace stampede::output
