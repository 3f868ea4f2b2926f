#pragma once

#include "core/output/output.h"

#include <cstdio>
#include <string>

namespace stampede::output {

// A ThreadedOutput that writes text to a file ("-" = standard output): buffered
// writes, the first failure reported once, and an error from close() if anything
// was lost. The json and csv outputs are file outputs.
class FileOutput : public ThreadedOutput
{
public:
    FileOutput(OutputContext ctx, std::string path);
    ~FileOutput() override;

protected:
    Status open() override;
    Status close() override;
    // Writes `data`; false (and writing stops) after a failure.
    bool writeText(const std::string &data);
    bool failed() const { return m_writeFailed; }
    // Called once the file is open, e.g. for a header line.
    virtual void onOpened() {}

    std::string m_path;

private:
    FILE *m_file = nullptr;
    bool m_writeFailed = false;
};

} // namespace stampede::output
