#pragma once

// The request model a HAR 1.2 archive (Chrome, Firefox, Safari, har-to-k6's LI-HAR) is parsed into.
// Only what script generation, rules and auto-correlation need is kept; response bodies that are
// binary (base64 images, fonts, ...) are dropped at parse time so a large archive costs little memory.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace stampede::har {

struct NameValue
{
    std::string name;
    std::string value;
};

struct PostParam
{
    std::string name;
    std::string value;
    std::string fileName;    // multipart file parts
    std::string contentType; // multipart file parts
};

struct PostData
{
    std::string mimeType;
    std::string text;              // as recorded (for base64 bodies: the base64 text)
    bool base64 = false;           // text is base64 (data: URL, "encoding": "base64")
    std::vector<PostParam> params; // urlencoded / multipart parameters when the recorder gave them
};

struct Request
{
    std::string method;
    std::string url;
    std::string httpVersion;
    std::vector<NameValue> headers;
    std::vector<NameValue> queryString;
    std::vector<NameValue> cookies;
    std::optional<PostData> postData;

    // First header value named `name` (case-insensitive), or nullptr.
    const std::string *header(std::string_view name) const;
};

struct Response
{
    int status = 0;
    std::string statusText;
    std::vector<NameValue> headers;
    std::vector<NameValue> cookies;
    std::string mimeType;
    std::string body;        // decoded text body; empty when binary or not recorded
    bool bodyDropped = false; // a binary body was recorded but not kept
    int64_t size = -1;       // content.size (bytes of the decoded body) as recorded; -1 when absent
    std::string redirectURL;

    const std::string *header(std::string_view name) const;
};

// LI-HAR check (har-to-k6): type 0 text, 1 JSONPath value, 2 JSONPath exists, 3 regex.
struct LiCheck
{
    int type = 0;
    int subject = 0;   // 0 body, 1 headers, 2 status
    int condition = 0; // 0 contains, 1 not contains, 2 equals, 3 starts with, 4 ends with
    std::string expression;
    std::string value;
};

// LI-HAR variable: type 0 JSONPath, 1 regex, 2 CSS selector.
struct LiVariable
{
    int type = 0;
    std::string name;
    std::string expression;
    std::string attribute;
};

struct Entry
{
    size_t index = 0;        // position in log.entries
    std::string pageref;
    std::string startedDateTime;
    int64_t startedMs = -1;  // startedDateTime as epoch milliseconds, -1 if unparsable
    double timeMs = 0;       // total time
    std::string resourceType; // Chrome's _resourceType, Firefox/Safari: derived when absent
    bool fromCache = false;   // Chrome _fromCache, Safari _fetchType "Memory Cache"/"Disk Cache"
    std::string comment;
    Request request;
    Response response;
    std::vector<LiCheck> checks;
    std::vector<LiVariable> variables;
};

struct Page
{
    std::string id;
    std::string title;
    std::string startedDateTime;
};

struct Archive
{
    std::string source; // file name, for messages
    std::string version;
    std::string creatorName;
    std::string creatorVersion;
    std::string browserName;
    std::string comment;
    std::string exportAs;         // LI-HAR: export the function under this name
    nlohmann::json options;       // LI-HAR log.options (null when absent)
    std::vector<Page> pages;
    std::vector<Entry> entries;

    const Page *page(const std::string &id) const;
};

// ASCII lower-case copy.
std::string toLower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);

} // namespace stampede::har
