#pragma once

// What the studio's HAR import wizard shows, computed without widgets: which requests the filters
// keep, which rules touch which request, the auto-correlation proposals and the generated script.
// Everything here is a pure function of its inputs, so it can run on a worker thread.

#include "core/har/generator.h"
#include "core/har/model.h"
#include "core/har/rules.h"

#include <string>
#include <vector>

namespace stampede::har {

// One rule that applies to one request.
struct RuleHit
{
    enum class Kind { Correlation, Parameter, Verification, CustomCode };
    enum class Role {
        Extracts, // correlation: the value is taken from this response
        Uses,     // correlation: the request sends the extracted value; parameter: the request is rewritten
        Checks,   // verification
        Runs,     // custom code
    };
    Kind kind = Kind::Correlation;
    Role role = Role::Uses;
    std::string name; // correlation/parameter name; verification/custom code: its URL pattern
};

struct EntryMarks
{
    bool included = false;
    std::string skipReason; // why the filters left it out (empty when included)
    std::vector<RuleHit> hits;
};

// Per entry of `archive` (same order): included or not, and which rules apply. Correlations are
// followed as the script would: a value extracted from an included response marks the later
// included requests that send it (in the places the rule replaces).
std::vector<EntryMarks> annotateEntries(const Archive &archive, const Rules &rules, const FilterResult &filter);

// Auto-correlation proposals for `included` that the user's rules do not already cover (the values
// their correlations extract and their literal parameters are left out, their names are not reused).
std::vector<Proposal> proposalsForRules(const Archive &archive, const Rules &rules,
                                        const std::vector<size_t> &included);

struct ImportPreview
{
    bool ok = false;
    std::string error;             // when the generator failed
    Rules effectiveRules;          // the user's rules plus the accepted proposals (what is saved)
    FilterResult filter;
    std::vector<Proposal> proposals; // every proposal, accepted or not
    std::vector<EntryMarks> marks;   // per archive entry
    std::string script;
    std::vector<std::string> warnings;
};

// The wizard's whole computation: filters, proposals against the user's rules, the proposals
// whose recorded value is in `acceptedValues` appended as correlation rules, the script and the
// per-request marks for the effective rules. `rules.script.autoCorrelate` is ignored: the
// wizard accepts proposals one by one.
ImportPreview buildImportPreview(const Archive &archive, const Rules &rules,
                                 const std::vector<std::string> &acceptedValues);

} // namespace stampede::har
