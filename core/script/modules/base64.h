#pragma once

// Base64 in the four variants Go's encoding/base64 (and so k6) offers.

#include <optional>
#include <string>
#include <string_view>

namespace stampede::script::base64 {

struct Variant
{
    bool url = false;    // '-' and '_' instead of '+' and '/'
    bool padded = true;  // '=' padding to a multiple of four
};

// "std", "rawstd", "url", "rawurl"; nullopt for anything else.
std::optional<Variant> variantByName(std::string_view name);

std::string encode(std::string_view bytes, Variant variant);

// Decodes `text`; CR and LF are skipped. On failure returns nullopt and sets
// `errorOffset` to the offending input byte.
std::optional<std::string> decode(std::string_view text, Variant variant, size_t &errorOffset);

std::string hex(std::string_view bytes);

} // namespace stampede::script::base64
