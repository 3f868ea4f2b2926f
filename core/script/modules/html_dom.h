#pragma once

// A parsed HTML document (libxml2's HTML parser) with every node numbered in
// document order, and the DOM helpers k6/html needs. Internal to core/script.

#include <libxml/tree.h>

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stampede::script::html {

// k6's node types.
enum NodeType { ElementNode = 1, TextNode = 3, CommentNode = 8, DocumentNode = 9, DoctypeNode = 10 };

class Document
{
public:
    // Parses `source` (UTF-8). Never fails for text input: malformed HTML is repaired,
    // as browsers do; returns nullptr only when libxml2 cannot allocate.
    static std::unique_ptr<Document> parse(std::string_view source);
    ~Document();
    Document(const Document &) = delete;
    Document &operator=(const Document &) = delete;

    // Node ids are positions in document order; 0 is the document node.
    size_t size() const { return m_nodes.size(); }
    const xmlNode *node(size_t id) const { return m_nodes[id]; }
    int idOf(const xmlNode *n) const; // -1 for nodes outside the numbered tree
    size_t memoryEstimate() const { return m_memory; }

    // 1-based position of element `n` among its element siblings (of its own tag when
    // `ofType`), counted from the end when `fromEnd`. Computed for the whole document
    // on first use, so :nth-child() over wide lists stays linear.
    long position(const xmlNode *n, bool fromEnd, bool ofType) const;

private:
    Document() = default;
    void number(xmlNode *n);
    size_t estimateMemory() const;

    xmlDocPtr m_doc = nullptr;
    std::vector<const xmlNode *> m_nodes;
    size_t m_memory = 0;
    // Per node id: position, position from the end, and the same among same-tag siblings.
    mutable std::vector<std::array<int, 4>> m_positions;
};

bool isElement(const xmlNode *n);
std::string_view nodeNameView(const xmlNode *n); // tag name of elements, "" otherwise
int nodeType(const xmlNode *n);                  // NodeType, or 0 for other nodes
std::string nodeName(const xmlNode *n);          // k6's nodeName: "div", "#text", "#document", ...

std::optional<std::string> attribute(const xmlNode *n, std::string_view name);
std::vector<std::pair<std::string, std::string>> attributes(const xmlNode *n);

const xmlNode *parentElement(const xmlNode *n);
const xmlNode *firstElementChild(const xmlNode *n);
const xmlNode *nextElementSibling(const xmlNode *n);
const xmlNode *prevElementSibling(const xmlNode *n);
// True if `inner` is a strict descendant of `outer`.
bool contains(const xmlNode *outer, const xmlNode *inner);

// The text of `n` and its descendants (text and CDATA nodes), as goquery's Text().
void appendText(const xmlNode *n, std::string &out);
// HTML serialisation in the style of Go's html.Render (which k6 uses).
void appendOuterHtml(const xmlNode *n, std::string &out);
void appendInnerHtml(const xmlNode *n, std::string &out);

} // namespace stampede::script::html
