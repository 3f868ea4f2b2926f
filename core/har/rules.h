#pragma once

// Conversion rules: what to keep from a recording and how to make it replayable.
//
// Rules are saved beside the HAR as "<name>.har.rules.json", so a re-import gives the same script.
// The file format (every member optional):
//
// {
//   "version": 1,
//   "filters": {
//     "allowHosts": ["shop.example.com", "*.example.com"], // only these hosts (default: the host of
//                                                          // the first document request)
//     "blockUrls": ["*/analytics/*", "/\\.map$/"],         // glob with * and ?, or /regex/
//     "includeStatic": false,      // images, fonts, css, js, media (by MIME type or extension)
//     "includeThirdParty": false,  // hosts other than the allowed ones
//     "includeCached": false,      // responses the browser served from its cache
//     "includeFailed": false       // requests without a response (status 0: blocked, aborted)
//   },
//   "correlations": [              // extract from a response, replace later occurrences
//     { "name": "authToken",       // the script variable
//       "from": "*/api/login",     // which responses to extract from (glob or /regex/ on the URL);
//       "entry": 4,                //   or exactly this log.entries index; default: every response
//       "extract": { "type": "json", "path": "data.token" },
//       //  or { "type": "regex", "pattern": "name=\"csrf\" value=\"([^\"]+)\"", "group": 1,
//       //       "header": "X-Token" (optional: search that response header instead of the body) }
//       //  or { "type": "header", "name": "Location" }
//       //  or { "type": "beginEnd", "begin": "sid=", "end": ";", "header": "Set-Cookie" (optional) }
//       "replace": ["url", "headers", "body"], // where later requests are rewritten (default: all)
//       "enabled": true,
//       "evidence": "..." }        // free text; auto-correlation writes what it found here
//   ],
//   "parameters": [                // replace recorded values with variables or data-file values
//     { "name": "username",
//       "match": { "value": "alice" },   // a literal anywhere in URL, headers, body;
//       //  or { "header": "X-Api-Key" } | { "queryParam": "q" } | { "formField": "password" }
//       //  or { "jsonField": "user.email" }     (dotted path in JSON request bodies)
//       "from": "*/login",               // optional: only requests whose URL matches
//       "source": { "csv": "users.csv", "column": "username", "pick": "vu" }
//       //  or { "json": "users.json", "field": "username", "pick": "iteration" } (pick: vu|iteration|random)
//       //  or { "expression": "__ENV.API_KEY" } | { "value": "bob" }
//     }
//   ],
//   "verifications": [ { "url": "*/cart", "status": 200 }, { "url": "*", "bodyContains": "Welcome" } ],
//   "customCode": [ { "url": "*/checkout", "placement": "before", "code": "console.log(\"paying\");" } ],
//   "script": { "thinkTime": true, "minThinkTime": "500ms", "maxThinkTime": "10s",
//               "vus": 10, "duration": "1m", "iterations": 0, "statusChecks": true, "autoCorrelate": true }
// }

#include "core/har/model.h"
#include "core/util/error.h"

#include <optional>
#include <string>
#include <vector>

namespace stampede::har {

struct Filters
{
    std::vector<std::string> allowHosts;
    std::vector<std::string> blockUrls;
    bool includeStatic = false;
    bool includeThirdParty = false;
    bool includeCached = false;
    bool includeFailed = false;
};

struct Extractor
{
    enum class Type { Json, Regex, Header, BeginEnd };
    Type type = Type::Json;
    std::string path;    // Json
    std::string pattern; // Regex
    int group = 1;       // Regex
    std::string header;  // Header: the name; Regex/BeginEnd: search this header instead of the body
    std::string begin, end; // BeginEnd
};

struct Correlation
{
    std::string name;
    std::string from;              // URL glob or /regex/; empty = any
    std::optional<size_t> entry;   // exact log.entries index
    Extractor extract;
    bool inUrl = true, inHeaders = true, inBody = true;
    bool enabled = true;
    std::string evidence;
};

struct Parameter
{
    enum class Match { Value, Header, QueryParam, FormField, JsonField };
    enum class Source { Value, Expression, Csv, Json };
    std::string name;
    Match match = Match::Value;
    std::string key; // the value, header name, parameter name or JSON path
    std::string from;
    Source source = Source::Value;
    std::string sourceText; // value, expression or file
    std::string field;      // csv column / json field
    std::string pick = "vu";
};

struct Verification
{
    std::string url = "*";
    std::optional<int> status;
    std::string bodyContains;
};

struct CustomCode
{
    std::string url = "*";
    bool before = true;
    std::string code;
};

struct ScriptSettings
{
    bool thinkTime = false;
    double minThinkTimeS = 0.5;
    double maxThinkTimeS = 10;
    int vus = 0;            // 0 = default profile
    std::string duration;   // empty = default profile
    int iterations = 0;
    bool statusChecks = true;
    bool autoCorrelate = false;
};

struct Rules
{
    Filters filters;
    std::vector<Correlation> correlations;
    std::vector<Parameter> parameters;
    std::vector<Verification> verifications;
    std::vector<CustomCode> customCode;
    ScriptSettings script;
};

// Reads a rules file; errors name the file and the JSON path.
Result<Rules> loadRules(const std::string &path);
Result<Rules> rulesFromJson(const nlohmann::json &doc, const std::string &source);
nlohmann::json rulesToJson(const Rules &rules);
Status saveRules(const Rules &rules, const std::string &path);

// "recording.har" -> "recording.har.rules.json"
std::string rulesPathFor(const std::string &harPath);

// URL pattern: "*" and "?" globs, or "/regex/" (ECMAScript-ish, evaluated with PCRE).
bool urlMatches(const std::string &pattern, const std::string &url);
// Host pattern: exact (case-insensitive) or "*.example.com" (the domain and its subdomains).
bool hostMatches(const std::string &pattern, const std::string &host);

struct FilterResult
{
    std::vector<size_t> included; // indexes into Archive::entries, in order
    struct Skipped
    {
        size_t entry;
        std::string reason;
    };
    std::vector<Skipped> skipped;
    std::vector<std::string> allowedHosts; // effective allow-list (the derived first-party host)
};

bool isStaticEntry(const Entry &e);
FilterResult applyFilters(const Archive &archive, const Filters &filters);

} // namespace stampede::har
