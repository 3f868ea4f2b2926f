#pragma once

#include "core/har/model.h"
#include "core/har/rules.h"

#include <optional>
#include <string>

namespace stampede::har {

// Runs an extractor on a recorded response, as the generated script would at run time.
// Returns the value (as text; JSON numbers as their literal) or nothing.
std::optional<std::string> extractRecorded(const Extractor &x, const Response &response);

// The JavaScript expression that extracts the value from `res` (a k6 Response).
std::string extractExpression(const Extractor &x, const std::string &res = "res");

// A JavaScript regular-expression literal for `pattern`.
std::string jsRegexLiteral(const std::string &pattern);

// Escapes `text` for use inside a regular expression.
std::string regexEscape(const std::string &text);

// Looks up a dotted path ("data.items.0.id") in a JSON document.
const nlohmann::json *jsonAtPath(const nlohmann::json &doc, const std::string &path);

// "Set-Cookie" -> how k6 names it in res.headers (Go's canonical form).
std::string canonicalHeaderName(const std::string &name);

} // namespace stampede::har
