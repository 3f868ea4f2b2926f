#pragma once

#include "core/output/output.h"

#include <cstdio>
#include <string>
#include <vector>

namespace stampede::output {

// --out json=file: k6's NDJSON, a "Metric" line the first time a metric appears,
// then one "Point" line per sample.
class JsonOutput final : public ThreadedOutput
{
public:
    JsonOutput(OutputContext ctx, std::string path);
    ~JsonOutput() override;
    std::string description() const override { return "json (" + m_path + ")"; }

protected:
    Status open() override;
    void write(const metrics::SampleBatch &batch) override;
    Status close() override;

private:
    std::string m_path;
    FILE *m_file = nullptr;
    std::vector<bool> m_announced;
    std::string m_line;
    bool m_writeFailed = false;
};

} // namespace stampede::output
