#pragma once

#include "core/output/output.h"

#include <chrono>
#include <string>

namespace stampede::output {

// --out influxdb=http://host:8086/database: InfluxDB 1.x line protocol over HTTP,
// as k6's influxdb output writes it (measurement = metric name, the sample's tags as
// tags, one field "value", nanosecond timestamps), pushed once a second in batches.
// A failing or slow server is reported and the run goes on.
class InfluxDbOutput final : public ThreadedOutput
{
public:
    InfluxDbOutput(OutputContext ctx, std::string url);
    std::string description() const override { return "influxdb (" + m_url + ")"; }

    // One sample as a line of line protocol (without the newline). Exposed for tests.
    static void appendLine(std::string &out, const std::string &metric, const metrics::Sample &s);

protected:
    Status open() override;
    void write(const metrics::SampleBatch &batch) override;
    void tick() override;
    Status close() override;

private:
    void push();

    std::string m_url;      // as given
    std::string m_writeUrl; // .../write?db=NAME&precision=ns
    std::string m_pending;
    size_t m_pendingLines = 0;
    uint64_t m_failedPushes = 0;
    std::string m_lastError;
    std::chrono::steady_clock::time_point m_lastPush;
};

} // namespace stampede::output
