#pragma once

#include "core/har/model.h"
#include "core/har/rules.h"

#include <string>
#include <vector>

namespace stampede::har {

// A value a response returned and later requests sent, with a rule that extracts it.
struct Proposal
{
    Correlation rule;            // entry = the source response's log.entries index
    std::string value;           // the recorded value
    size_t sourceEntry = 0;
    std::vector<size_t> usedIn;  // log.entries indexes of the requests that sent it
    std::vector<std::string> places; // "url", "header Authorization", "body", ... (first use first)
    std::string kind;            // "json", "html hidden input", "html meta", "Location header", ...
};

// Finds dynamic values offline: tokens and ids in JSON bodies, CSRF tokens in HTML (hidden
// inputs, meta tags), Location headers, custom response headers, Set-Cookie values that later
// travel outside the cookie jar (in a header, the URL or a body). Only responses and requests in
// `included` (indexes into archive.entries, in order) are considered. Short or common values
// ("1", "true", words), timestamps, and values the client already sent before the response are
// ignored. `taken` lists values already covered by user rules; `takenNames` names in use.
std::vector<Proposal> proposeCorrelations(const Archive &archive, const std::vector<size_t> &included,
                                          const std::vector<std::string> &taken = {},
                                          const std::vector<std::string> &takenNames = {});

} // namespace stampede::har
