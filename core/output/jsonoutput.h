#pragma once

#include "core/output/fileoutput.h"

#include <cstdio>
#include <string>
#include <vector>

namespace stampede::output {

// --out json=file: k6's NDJSON, a "Metric" line the first time a metric appears,
// then one "Point" line per sample.
class JsonOutput final : public FileOutput
{
public:
    JsonOutput(OutputContext ctx, std::string path);
    std::string description() const override { return "json (" + m_path + ")"; }

protected:
    void write(const metrics::SampleBatch &batch) override;

private:
    std::vector<bool> m_announced;
    std::string m_line;
};

} // namespace stampede::output
