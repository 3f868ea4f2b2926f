#pragma once

namespace stampede::cli {

// The `stampede` command line: k6-compatible `run`, `inspect`, `version`, `help`.
// Returns the process exit code (k6's codes).
int main(int argc, char **argv);

} // namespace stampede::cli
