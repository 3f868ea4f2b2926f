#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace stampede {

// Splits "a,b,,c" at `sep`. Every part is kept ("a", "b", "", "c"), including a trailing
// empty one, unless `skipEmpty` drops the empty parts.
inline std::vector<std::string> splitList(std::string_view text, char sep = ',', bool skipEmpty = false)
{
    std::vector<std::string> parts;
    size_t pos = 0;
    for (;;) {
        const size_t next = text.find(sep, pos);
        const std::string_view part = text.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos);
        if (!skipEmpty || !part.empty())
            parts.emplace_back(part);
        if (next == std::string_view::npos)
            return parts;
        pos = next + 1;
    }
}

} // namespace stampede
