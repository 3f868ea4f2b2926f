#pragma once

// Small string helpers shared by the HAR parser, rules and the script generator.

#include "core/har/model.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stampede::har {

// "2024-03-05T10:15:30.123Z" / "...+01:00" -> epoch milliseconds, -1 if not ISO 8601.
int64_t parseIsoDateTime(std::string_view s);

std::optional<std::string> base64Decode(std::string_view in);

// JavaScript identifier (ASCII subset) that is not a reserved word.
bool isIdentifier(std::string_view s);
bool isReservedWord(std::string_view s);

// "document", "xhr", "fetch", "script", "stylesheet", "image", "font", "media", "other" from the
// response MIME type and the URL's extension.
std::string guessResourceType(const Entry &e);

struct UrlParts
{
    std::string scheme;
    std::string host; // lower-case, without port
    std::string port; // as written, empty when absent
    std::string path; // from the first '/' to before '?', "/" when empty
    std::string query; // without '?', without fragment
};
UrlParts splitUrl(std::string_view url);

// The URL without its fragment.
std::string stripFragment(std::string_view url);

std::string percentDecode(std::string_view s, bool plusIsSpace);
// encodeURIComponent() of JavaScript.
std::string encodeUriComponent(std::string_view s);

// application/x-www-form-urlencoded text -> decoded pairs.
std::vector<NameValue> parseForm(std::string_view text);

// A JavaScript string literal in double quotes.
std::string jsString(std::string_view s);
// Text to be placed between backticks of a template literal.
std::string jsTemplateText(std::string_view s);
// A key in an object literal: bare when it is an identifier, quoted otherwise.
std::string jsKey(std::string_view s);

// "access_token" -> "accessToken", "X-CSRF-Token" -> "xCsrfToken"; a usable identifier.
std::string toIdentifier(std::string_view s);

bool startsWith(std::string_view s, std::string_view prefix);
bool endsWith(std::string_view s, std::string_view suffix);

} // namespace stampede::har
