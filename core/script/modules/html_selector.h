#pragma once

// CSS selectors for k6/html, matched against libxml2 nodes: type, *, #id, .class,
// [attr], [attr=v] ~= |= ^= $= *= != (with an " i" flag), descendant, >, +, ~,
// comma groups, :first-child, :last-child, :only-child, :nth-child(an+b),
// :nth-last-child, :first-of-type, :last-of-type, :only-of-type, :nth-of-type,
// :nth-last-of-type, :not(), :is()/:where(), :has(), :empty, :root, :contains("text"),
// :checked, :selected, :disabled, :enabled.

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace stampede::script::html {

class Document;

class Selector
{
public:
    // Parses `text`; on a syntax error returns nullptr and describes it in `error`.
    static std::shared_ptr<const Selector> parse(std::string_view text, std::string &error);

    // Whether the element `n` of `doc` matches (always false for non-elements).
    bool matches(const xmlNode *n, const Document &doc) const;

    struct Group; // one comma-separated alternative

    ~Selector();
    Selector();

private:
    std::vector<Group> m_groups;
    friend class SelectorParser;
};

} // namespace stampede::script::html
