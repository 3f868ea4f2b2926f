#pragma once

#include "core/util/error.h"

#include <map>
#include <string>
#include <vector>

namespace stampede::cli {

// A command-line flag as k6 (cobra/pflag) accepts it: --name value, --name=value,
// -x value, -xvalue; boolean flags take no value (or =true/=false).
struct FlagSpec
{
    std::string name;      // long name without dashes
    char shortName = 0;    // 0 = none
    bool takesValue = true;
    bool repeatable = false;
    std::string valueName; // for help: "N", "DURATION", ...
    std::string help;
    bool optionalValue = false; // a flag (no value needed) that also takes --name=VALUE
};

struct ParsedArgs
{
    std::map<std::string, std::vector<std::string>> values; // long name -> values in order
    std::vector<std::string> positional;

    bool has(const std::string &name) const { return values.count(name) > 0; }
    // Last value given for a flag (booleans: "true"/"false").
    std::string value(const std::string &name, const std::string &fallback = {}) const;
    const std::vector<std::string> &all(const std::string &name) const;
    bool flag(const std::string &name) const; // boolean flags
};

Result<ParsedArgs> parseArgs(const std::vector<std::string> &args, const std::vector<FlagSpec> &specs);

std::string formatFlagHelp(const std::vector<FlagSpec> &specs);

} // namespace stampede::cli
