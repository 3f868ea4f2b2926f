#pragma once

#include <string_view>
#include <vector>

namespace stampede::script {

// A k6 module written in JavaScript and compiled into the binary.
struct BuiltinSource
{
    std::string_view specifier; // "k6", "k6/http", ...
    std::string_view source;
};

const std::vector<BuiltinSource> &builtinSources();

} // namespace stampede::script
