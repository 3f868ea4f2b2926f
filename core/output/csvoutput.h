#pragma once

#include "core/output/output.h"

#include <cstdio>
#include <string>

namespace stampede::output {

// --out csv=file: k6's CSV columns, one row per sample; tags without a column of
// their own go to extra_tags as k=v&k2=v2.
class CsvOutput final : public ThreadedOutput
{
public:
    CsvOutput(OutputContext ctx, std::string path);
    ~CsvOutput() override;
    std::string description() const override { return "csv (" + m_path + ")"; }

protected:
    Status open() override;
    void write(const metrics::SampleBatch &batch) override;
    Status close() override;

private:
    std::string m_path;
    FILE *m_file = nullptr;
    std::string m_row;
    bool m_writeFailed = false;
};

} // namespace stampede::output
