#include "core/util/error.h"

namespace stampede {

std::string Error::toString() const
{
    std::string out;
    if (!file.empty()) {
        out += file;
        if (line > 0) {
            out += ':' + std::to_string(line);
            if (column > 0)
                out += ':' + std::to_string(column);
        }
        out += ": ";
    }
    out += message;
    return out;
}

std::string Error::toDetailedString() const
{
    std::string out = toString();
    if (!sourceLine.empty()) {
        out += "\n    " + sourceLine;
        if (column > 0) {
            std::string caret(size_t(column - 1), ' ');
            for (size_t i = 0; i < caret.size() && i < sourceLine.size(); ++i) {
                if (sourceLine[i] == '\t')
                    caret[i] = '\t';
            }
            out += "\n    " + caret + "^";
        }
    }
    if (!stack.empty())
        out += "\n" + stack;
    return out;
}

} // namespace stampede
