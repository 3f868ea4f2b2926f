#include "core/cli/convert.h"

#include "core/cli/args.h"
#include "core/har/generator.h"
#include "core/har/parser.h"
#include "core/har/rules.h"
#include "core/har/util.h"
#include "core/util/duration.h"
#include "core/util/exitcodes.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

namespace stampede::cli {

namespace {

namespace fs = std::filesystem;

std::vector<FlagSpec> convertFlags()
{
    return {
        {"output", 'O', true, false, "FILE", "write the script to FILE (-o works too; default: stdout)"},
        {"stdout", 's', false, false, "", "write the script to stdout (har-to-k6)"},
        {"allow-host", 0, true, true, "HOST", "keep requests to HOST; *.example.com for subdomains (repeatable)"},
        {"only", 0, true, true, "HOST", "same as --allow-host (k6 convert)"},
        {"block-url", 0, true, true, "PATTERN", "leave out URLs matching a glob (*, ?) or /regex/ (repeatable)"},
        {"skip", 0, true, true, "HOST", "leave out requests to HOST (k6 convert)"},
        {"include-static", 0, false, false, "", "keep images, fonts, CSS, JavaScript and media"},
        {"include-third-party", 0, false, false, "", "keep hosts other than the first document's"},
        {"include-cached", 0, false, false, "", "keep responses the browser served from its cache"},
        {"include-failed", 0, false, false, "", "keep requests that got no response"},
        {"think-time", 0, false, false, "", "sleep() between requests as recorded"},
        {"add-sleep", 0, false, false, "", "same as --think-time (har-to-k6)"},
        {"min-think-time", 0, true, false, "DURATION", "shorter pauses are left out (default 500ms)"},
        {"max-think-time", 0, true, false, "DURATION", "cap for recorded pauses (default 10s)"},
        {"rules", 0, true, false, "FILE", "rules file (default: <har>.rules.json when it exists)"},
        {"no-rules", 0, false, false, "", "ignore <har>.rules.json"},
        {"save-rules", 0, false, false, "", "write the effective rules to <har>.rules.json (or --rules FILE)"},
        {"auto-correlate", 0, false, false, "", "find dynamic values offline and correlate them"},
        {"correlate", 0, false, false, "", "same as --auto-correlate (k6 convert)"},
        {"no-status-checks", 0, false, false, "", "no status check per request"},
        {"enable-status-code-checks", 0, false, false, "", "status checks (the default; k6 convert)"},
        {"vus", 'u', true, false, "N", "options.vus instead of the default ramping profile"},
        {"duration", 'd', true, false, "DURATION", "options.duration"},
        {"iterations", 'i', true, false, "N", "options.iterations"},
        {"quiet", 'q', false, false, "", "no report on stderr"},
        {"help", 'h', false, false, "", "help for convert"},
    };
}

int fail(const std::string &message)
{
    std::fprintf(stderr, "stampede convert: %s\n", message.c_str());
    return static_cast<int>(ExitCode::GenericError);
}

bool positiveInt(const std::string &s, int &out)
{
    try {
        size_t used = 0;
        const long v = std::stol(s, &used);
        if (used != s.size() || v < 0 || v > 10000000)
            return false;
        out = int(v);
        return true;
    } catch (const std::exception &) {
        return false;
    }
}

} // namespace

int convertCommand(const std::vector<std::string> &rawArgs)
{
    // har-to-k6 spells the output flag -o; k6 convert -O. Accept both.
    std::vector<std::string> args;
    for (const std::string &a : rawArgs)
        args.push_back(a.size() >= 2 && a[0] == '-' && a[1] == 'o' ? "-O" + a.substr(2) : a);
    const auto specs = convertFlags();
    auto parsed = parseArgs(args, specs);
    if (!parsed)
        return fail(parsed.error().message);
    const ParsedArgs &a = *parsed;
    if (a.flag("help")) {
        std::printf("Convert a HAR recording (Chrome, Firefox, Safari, har-to-k6's LI-HAR) to a k6 script.\n\n"
                    "Usage:\n  stampede convert [flags] <recording.har>\n\n"
                    "Rules (filters, correlations, parameters, verifications, custom code) are read from\n"
                    "<recording.har>.rules.json when it exists; --save-rules writes them there.\n\nFlags:\n%s",
                    formatFlagHelp(specs).c_str());
        return 0;
    }
    if (a.positional.size() != 1)
        return fail(a.positional.empty() ? "convert needs a HAR file: stampede convert recording.har -O script.js"
                                         : "convert takes exactly one HAR file");
    const std::string input = a.positional.front();
    {
        std::error_code ec;
        if (!fs::exists(input, ec))
            return fail(input + ": no such file");
    }

    // Rules: the file beside the HAR (or --rules), then flags on top.
    har::Rules rules;
    std::string rulesPath = a.has("rules") ? a.value("rules") : har::rulesPathFor(input);
    const bool quiet = a.flag("quiet");
    if (!a.flag("no-rules")) {
        std::error_code ec;
        const bool beside = fs::exists(rulesPath, ec);
        if (beside || (a.has("rules") && !a.flag("save-rules"))) {
            auto loaded = har::loadRules(rulesPath);
            if (!loaded)
                return fail(loaded.error().message);
            rules = std::move(*loaded);
            if (!quiet && !a.has("rules"))
                std::fprintf(stderr, "using rules from %s\n", rulesPath.c_str());
        }
    }
    for (const char *flag : {"allow-host", "only"})
        for (const std::string &h : a.all(flag))
            rules.filters.allowHosts.push_back(h);
    for (const std::string &u : a.all("block-url"))
        rules.filters.blockUrls.push_back(u);
    for (const std::string &h : a.all("skip")) {
        rules.filters.blockUrls.push_back("*://" + h + "/*");
        rules.filters.blockUrls.push_back("*://" + h + ":*");
    }
    if (a.flag("include-static"))
        rules.filters.includeStatic = true;
    if (a.flag("include-third-party"))
        rules.filters.includeThirdParty = true;
    if (a.flag("include-cached"))
        rules.filters.includeCached = true;
    if (a.flag("include-failed"))
        rules.filters.includeFailed = true;
    if (a.flag("think-time") || a.flag("add-sleep"))
        rules.script.thinkTime = true;
    for (const char *flag : {"min-think-time", "max-think-time"}) {
        if (!a.has(flag))
            continue;
        auto d = parseDuration(a.value(flag));
        if (!d)
            return fail("invalid argument for --" + std::string(flag) + ": " + d.error().message);
        const double s = std::chrono::duration<double>(*d).count();
        (std::string(flag) == "min-think-time" ? rules.script.minThinkTimeS : rules.script.maxThinkTimeS) = s;
    }
    if (a.flag("auto-correlate") || a.flag("correlate"))
        rules.script.autoCorrelate = true;
    if (a.flag("no-status-checks"))
        rules.script.statusChecks = false;
    if (a.has("vus") && !positiveInt(a.value("vus"), rules.script.vus))
        return fail("invalid argument \"" + a.value("vus") + "\" for --vus: expected a whole number");
    if (a.has("iterations") && !positiveInt(a.value("iterations"), rules.script.iterations))
        return fail("invalid argument \"" + a.value("iterations") + "\" for --iterations: expected a whole number");
    if (a.has("duration")) {
        auto d = parseDuration(a.value("duration"));
        if (!d)
            return fail("invalid argument for --duration: " + d.error().message);
        rules.script.duration = a.value("duration");
    }

    auto archive = har::parseHarFile(input);
    if (!archive)
        return fail(archive.error().message);
    auto conversion = har::convertArchive(*archive, rules);
    if (!conversion)
        return fail(input + ": " + conversion.error().message);
    const har::Conversion &c = *conversion;

    if (a.has("output") && a.value("output") != "-" && !a.flag("stdout")) {
        const std::string out = a.value("output");
        std::ofstream f(out, std::ios::binary | std::ios::trunc);
        if (!f || !f.write(c.script.data(), std::streamsize(c.script.size())))
            return fail(out + ": cannot write the file");
    } else {
        std::fwrite(c.script.data(), 1, c.script.size(), stdout);
        std::fflush(stdout);
    }

    if (a.flag("save-rules")) {
        har::Rules saved = rules;
        saved.correlations = c.correlations; // accepted proposals become plain rules
        saved.script.autoCorrelate = false;
        if (Status s = har::saveRules(saved, rulesPath); !s)
            return fail(s.error().message);
    }

    if (!quiet) {
        std::map<std::string, int> reasons;
        for (const auto &s : c.filter.skipped) {
            std::string r = s.reason;
            r = r.substr(0, r.find(':'));
            r = r.substr(0, r.find(" ("));
            ++reasons[r];
        }
        std::string skipped;
        for (const auto &[r, n] : reasons)
            skipped += (skipped.empty() ? "" : ", ") + std::to_string(n) + " " + r;
        std::fprintf(stderr, "%s: %zu of %zu requests kept%s%s\n", input.c_str(), c.filter.included.size(),
                     archive->entries.size(), skipped.empty() ? "" : "; left out: ", skipped.c_str());
        for (const har::Proposal &p : c.proposals)
            std::fprintf(stderr, "  correlate %s: %s\n", p.rule.name.c_str(), p.rule.evidence.c_str());
        for (const std::string &w : c.warnings)
            std::fprintf(stderr, "  warning: %s\n", w.c_str());
        if (a.flag("save-rules"))
            std::fprintf(stderr, "rules saved to %s\n", rulesPath.c_str());
    }
    return 0;
}

} // namespace stampede::cli
