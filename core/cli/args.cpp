#include "core/cli/args.h"

#include <algorithm>

namespace stampede::cli {

std::string ParsedArgs::value(const std::string &name, const std::string &fallback) const
{
    auto it = values.find(name);
    return it == values.end() || it->second.empty() ? fallback : it->second.back();
}

const std::vector<std::string> &ParsedArgs::all(const std::string &name) const
{
    static const std::vector<std::string> none;
    auto it = values.find(name);
    return it == values.end() ? none : it->second;
}

bool ParsedArgs::flag(const std::string &name) const
{
    const std::string v = value(name, "false");
    return v == "true" || v == "1";
}

Result<ParsedArgs> parseArgs(const std::vector<std::string> &args, const std::vector<FlagSpec> &specs)
{
    ParsedArgs out;
    auto byLong = [&](const std::string &n) -> const FlagSpec * {
        auto it = std::find_if(specs.begin(), specs.end(), [&](const FlagSpec &s) { return s.name == n; });
        return it == specs.end() ? nullptr : &*it;
    };
    auto byShort = [&](char c) -> const FlagSpec * {
        auto it = std::find_if(specs.begin(), specs.end(), [&](const FlagSpec &s) { return s.shortName == c; });
        return it == specs.end() ? nullptr : &*it;
    };
    auto store = [&](const FlagSpec &s, std::string v) -> Status {
        auto &slot = out.values[s.name];
        if (!s.repeatable)
            slot.clear();
        if (!s.takesValue && !s.optionalValue && v != "true" && v != "false")
            return Error{"invalid argument \"" + v + "\" for --" + s.name + ": expected true or false"};
        slot.push_back(std::move(v));
        return {};
    };

    bool onlyPositional = false;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (onlyPositional || a == "-" || a.empty() || a[0] != '-') {
            out.positional.push_back(a);
            continue;
        }
        if (a == "--") {
            onlyPositional = true;
            continue;
        }
        const FlagSpec *spec = nullptr;
        std::string value;
        bool haveValue = false;
        std::string shown;
        if (a.rfind("--", 0) == 0) {
            std::string name = a.substr(2);
            if (const size_t eq = name.find('='); eq != std::string::npos) {
                value = name.substr(eq + 1);
                haveValue = true;
                name = name.substr(0, eq);
            }
            spec = byLong(name);
            shown = "--" + name;
            if (!spec)
                return Error{"unknown flag: " + shown};
        } else {
            spec = byShort(a[1]);
            shown = std::string("-") + a[1];
            if (!spec)
                return Error{"unknown shorthand flag: '" + std::string(1, a[1]) + "' in " + a};
            if (a.size() > 2) {
                if (!spec->takesValue)
                    return Error{"flag " + shown + " takes no value (in " + a + ")"};
                value = a.substr(2);
                if (!value.empty() && value[0] == '=')
                    value.erase(0, 1);
                haveValue = true;
            }
        }
        if (!spec->takesValue) {
            if (Status s = store(*spec, haveValue ? value : "true"); !s)
                return s.error();
            continue;
        }
        if (!haveValue) {
            if (i + 1 >= args.size())
                return Error{"flag needs an argument: " + shown};
            value = args[++i];
        }
        if (Status s = store(*spec, value); !s)
            return s.error();
    }
    return out;
}

std::string formatFlagHelp(const std::vector<FlagSpec> &specs)
{
    std::vector<std::pair<std::string, std::string>> rows;
    size_t width = 0;
    for (const FlagSpec &s : specs) {
        std::string left = s.shortName ? std::string("  -") + s.shortName + ", " : std::string("      ");
        left += "--" + s.name;
        if (s.takesValue)
            left += " " + (s.valueName.empty() ? std::string("string") : s.valueName);
        width = std::max(width, left.size());
        rows.emplace_back(left, s.help);
    }
    std::string out;
    for (const auto &[l, h] : rows)
        out += l + std::string(width - l.size() + 3, ' ') + h + "\n";
    return out;
}

} // namespace stampede::cli
