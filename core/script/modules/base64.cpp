#include "core/script/modules/base64.h"

#include <array>

namespace stampede::script::base64 {

namespace {

constexpr std::string_view kStd = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kUrl = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::array<int8_t, 256> reverseTable(std::string_view alphabet)
{
    std::array<int8_t, 256> t{};
    t.fill(-1);
    for (size_t i = 0; i < alphabet.size(); ++i)
        t[static_cast<unsigned char>(alphabet[i])] = int8_t(i);
    return t;
}

} // namespace

std::optional<Variant> variantByName(std::string_view name)
{
    if (name == "std")
        return Variant{false, true};
    if (name == "rawstd")
        return Variant{false, false};
    if (name == "url")
        return Variant{true, true};
    if (name == "rawurl")
        return Variant{true, false};
    return std::nullopt;
}

std::string encode(std::string_view bytes, Variant variant)
{
    const std::string_view alphabet = variant.url ? kUrl : kStd;
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const uint32_t v = uint32_t(uint8_t(bytes[i])) << 16 | uint32_t(uint8_t(bytes[i + 1])) << 8 |
                           uint32_t(uint8_t(bytes[i + 2]));
        out += alphabet[v >> 18 & 63];
        out += alphabet[v >> 12 & 63];
        out += alphabet[v >> 6 & 63];
        out += alphabet[v & 63];
    }
    const size_t rest = bytes.size() - i;
    if (rest > 0) {
        uint32_t v = uint32_t(uint8_t(bytes[i])) << 16;
        if (rest == 2)
            v |= uint32_t(uint8_t(bytes[i + 1])) << 8;
        out += alphabet[v >> 18 & 63];
        out += alphabet[v >> 12 & 63];
        if (rest == 2)
            out += alphabet[v >> 6 & 63];
        if (variant.padded)
            out.append(rest == 1 ? 2 : 1, '=');
    }
    return out;
}

std::optional<std::string> decode(std::string_view text, Variant variant, size_t &errorOffset)
{
    static const auto stdTable = reverseTable(kStd);
    static const auto urlTable = reverseTable(kUrl);
    const auto &table = variant.url ? urlTable : stdTable;

    std::string out;
    out.reserve(text.size() / 4 * 3 + 3);
    uint32_t acc = 0;
    int quantum = 0;  // sextets in the current group
    size_t padding = 0;
    size_t lastOffset = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\r' || c == '\n')
            continue;
        lastOffset = i;
        if (c == '=') {
            // Padding only completes a group of 2 or 3 sextets, and nothing but CR/LF may follow it.
            if (!variant.padded || quantum < 2) {
                errorOffset = i;
                return std::nullopt;
            }
            ++padding;
            if (quantum + int(padding) > 4) {
                errorOffset = i;
                return std::nullopt;
            }
            continue;
        }
        if (padding > 0) {
            errorOffset = i;
            return std::nullopt;
        }
        const int8_t v = table[static_cast<unsigned char>(c)];
        if (v < 0) {
            errorOffset = i;
            return std::nullopt;
        }
        acc = acc << 6 | uint32_t(v);
        if (++quantum == 4) {
            out += char(acc >> 16 & 0xff);
            out += char(acc >> 8 & 0xff);
            out += char(acc & 0xff);
            acc = 0;
            quantum = 0;
        }
    }
    if (padding > 0 && quantum + int(padding) != 4) {
        errorOffset = lastOffset;
        return std::nullopt;
    }
    if (quantum == 1 || (variant.padded && quantum != 0 && padding == 0)) {
        errorOffset = lastOffset + (variant.padded && quantum != 1 ? 1 : 0);
        return std::nullopt;
    }
    if (quantum == 2) {
        out += char(acc >> 4 & 0xff);
    } else if (quantum == 3) {
        out += char(acc >> 10 & 0xff);
        out += char(acc >> 2 & 0xff);
    }
    return out;
}

std::string hex(std::string_view bytes)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char b : bytes) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

} // namespace stampede::script::base64
