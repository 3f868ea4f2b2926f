#pragma once

#include "core/har/autocorrelate.h"
#include "core/har/model.h"
#include "core/har/rules.h"
#include "core/util/error.h"

#include <string>
#include <vector>

namespace stampede::har {

struct Conversion
{
    std::string script;
    FilterResult filter;
    std::vector<Correlation> correlations; // user rules followed by accepted proposals
    std::vector<Proposal> proposals;       // auto-correlation findings (applied when autoCorrelate)
    std::vector<std::string> warnings;
};

// HAR -> k6 script: filters, correlation, parameterization, verification and custom code from
// `rules`, pages as group()s, a status check per request, optional think time, and
// `export const options` (LI-HAR log.options, else rules.script, else a small ramping profile).
// The output depends only on its inputs (no dates, no hash-map order).
Result<Conversion> convertArchive(const Archive &archive, const Rules &rules);

} // namespace stampede::har
