#pragma once

#include "core/output/fileoutput.h"

#include <cstdio>
#include <string>

namespace stampede::output {

// --out csv=file: k6's CSV columns, one row per sample; tags without a column of
// their own go to extra_tags as k=v&k2=v2.
class CsvOutput final : public FileOutput
{
public:
    CsvOutput(OutputContext ctx, std::string path);
    std::string description() const override { return "csv (" + m_path + ")"; }

protected:
    void onOpened() override;
    void write(const metrics::SampleBatch &batch) override;

private:
    std::string m_row;
};

} // namespace stampede::output
