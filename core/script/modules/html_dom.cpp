#include "core/script/modules/html_dom.h"

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>

#include <cstring>
#include <mutex>
#include <unordered_map>

namespace stampede::script::html {

namespace {

const char *cstr(const xmlChar *s)
{
    return reinterpret_cast<const char *>(s);
}

bool nameIs(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->name && std::strcmp(cstr(n->name), name) == 0;
}

xmlNode *childElement(xmlNode *parent, const char *name)
{
    for (xmlNode *c = parent->children; c; c = c->next) {
        if (nameIs(c, name))
            return c;
    }
    return nullptr;
}

// Pre-order walk of the subtree under `root` (inclusive) that never recurses, so
// deeply nested input cannot exhaust the stack. `enter` returns false to skip children.
template <class Enter, class Leave>
void walk(const xmlNode *root, Enter &&enter, Leave &&leave)
{
    const xmlNode *n = root;
    while (n) {
        const bool descend = enter(n);
        if (descend && n->children &&
            (n->type == XML_ELEMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE || n->type == XML_DOCUMENT_NODE)) {
            n = n->children;
            continue;
        }
        leave(n);
        while (n != root && !n->next) {
            n = n->parent;
            leave(n);
        }
        if (n == root)
            return;
        n = n->next;
    }
}

// libxml2 parses HTML 4; give the tree the shape an HTML5 parser (Go's, in k6) builds,
// where it matters to selectors: <html> with <head> and <body>, rows inside <tbody>.
void normalise(xmlDocPtr doc)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root) {
        root = xmlNewDocNode(doc, nullptr, BAD_CAST "html", nullptr);
        xmlDocSetRootElement(doc, root);
    }
    if (!nameIs(root, "html"))
        return;
    if (!childElement(root, "head")) {
        xmlNode *head = xmlNewDocNode(doc, nullptr, BAD_CAST "head", nullptr);
        if (root->children)
            xmlAddPrevSibling(root->children, head);
        else
            xmlAddChild(root, head);
    }
    if (!childElement(root, "body") && !childElement(root, "frameset"))
        xmlAddChild(root, xmlNewDocNode(doc, nullptr, BAD_CAST "body", nullptr));

    std::vector<xmlNode *> tables;
    walk(root, [&](const xmlNode *n) {
        if (nameIs(n, "table"))
            tables.push_back(const_cast<xmlNode *>(n));
        return true;
    }, [](const xmlNode *) {});
    for (xmlNode *table : tables) {
        xmlNode *tbody = nullptr;
        for (xmlNode *c = table->children; c;) {
            xmlNode *next = c->next;
            const bool blank = c->type == XML_TEXT_NODE && xmlIsBlankNode(c);
            if (nameIs(c, "tr") || (tbody && blank)) {
                if (!tbody) {
                    tbody = xmlNewDocNode(doc, nullptr, BAD_CAST "tbody", nullptr);
                    xmlAddPrevSibling(c, tbody);
                }
                xmlUnlinkNode(c);
                xmlAddChild(tbody, c);
            } else {
                tbody = nullptr;
            }
            c = next;
        }
    }
}

void initLibxml()
{
    static std::once_flag once;
    std::call_once(once, [] { xmlInitParser(); });
}

void appendEscaped(std::string_view s, std::string &out)
{
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '\'': out += "&#39;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&#34;"; break;
        case '\r': out += "&#13;"; break;
        default: out += c;
        }
    }
}

bool isVoidElement(std::string_view name)
{
    static constexpr std::string_view voids[] = {"area", "base", "br", "col", "embed", "hr", "img", "input",
                                                 "keygen", "link", "meta", "param", "source", "track", "wbr"};
    for (auto v : voids) {
        if (v == name)
            return true;
    }
    return false;
}

bool isRawTextElement(std::string_view name)
{
    static constexpr std::string_view raws[] = {"iframe", "noembed", "noframes", "noscript", "plaintext",
                                                "script", "style", "xmp"};
    for (auto r : raws) {
        if (r == name)
            return true;
    }
    return false;
}

std::string attrValue(const xmlAttr *a)
{
    std::string v;
    for (const xmlNode *c = a->children; c; c = c->next) {
        if (c->content)
            v += cstr(c->content);
    }
    return v;
}

} // namespace

std::unique_ptr<Document> Document::parse(std::string_view source)
{
    initLibxml();
    std::unique_ptr<Document> d(new Document);
    const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                        HTML_PARSE_NODEFDTD;
    // libxml2 stops at a NUL byte; replace them with U+FFFD as HTML5 parsers do.
    std::string cleaned;
    if (source.find('\0') != std::string_view::npos) {
        cleaned.reserve(source.size() + 16);
        for (char c : source) {
            if (c == '\0')
                cleaned += "\xEF\xBF\xBD";
            else
                cleaned += c;
        }
        source = cleaned;
    }
    if (!source.empty() && source.size() < size_t(INT32_MAX))
        d->m_doc = htmlReadMemory(source.data(), int(source.size()), nullptr, "UTF-8", options);
    if (!d->m_doc)
        d->m_doc = htmlNewDocNoDtD(nullptr, nullptr);
    if (!d->m_doc)
        return nullptr;
    normalise(d->m_doc);
    d->number(reinterpret_cast<xmlNode *>(d->m_doc));
    d->m_memory = 4096 + d->estimateMemory();
    return d;
}

Document::~Document()
{
    if (m_doc)
        xmlFreeDoc(m_doc);
}

void Document::number(xmlNode *root)
{
    walk(root, [&](const xmlNode *n) {
        const_cast<xmlNode *>(n)->_private = reinterpret_cast<void *>(intptr_t(m_nodes.size()) + 1);
        m_nodes.push_back(n);
        return true;
    }, [](const xmlNode *) {});
}

size_t Document::estimateMemory() const
{
    // What libxml2 allocated: the nodes, their text, and attributes (each an xmlAttr
    // with a text child), plus malloc's per-block overhead.
    constexpr size_t overhead = 32;
    size_t total = 0;
    for (const xmlNode *n : m_nodes) {
        total += sizeof(xmlNode) + overhead;
        if (n->type != XML_ELEMENT_NODE && n->content)
            total += std::strlen(cstr(n->content)) + overhead;
        if (n->type == XML_ELEMENT_NODE) {
            for (const xmlAttr *a = n->properties; a; a = a->next) {
                total += sizeof(xmlAttr) + sizeof(xmlNode) + 2 * overhead;
                if (a->children && a->children->content)
                    total += std::strlen(cstr(a->children->content)) + overhead;
            }
        }
    }
    return total;
}

long Document::position(const xmlNode *n, bool fromEnd, bool ofType) const
{
    if (m_positions.empty()) {
        m_positions.assign(m_nodes.size(), {0, 0, 0, 0});
        std::vector<int> kids;
        std::unordered_map<std::string_view, int> perType;
        for (const xmlNode *parent : m_nodes) {
            if (parent->type != XML_ELEMENT_NODE && parent->type != XML_HTML_DOCUMENT_NODE &&
                parent->type != XML_DOCUMENT_NODE)
                continue;
            kids.clear();
            for (const xmlNode *c = parent->children; c; c = c->next) {
                if (c->type == XML_ELEMENT_NODE && idOf(c) >= 0)
                    kids.push_back(idOf(c));
            }
            perType.clear();
            for (size_t k = 0; k < kids.size(); ++k) {
                m_positions[size_t(kids[k])][0] = int(k) + 1;
                m_positions[size_t(kids[k])][2] = ++perType[nodeNameView(m_nodes[size_t(kids[k])])];
            }
            perType.clear();
            for (size_t k = kids.size(); k-- > 0;) {
                m_positions[size_t(kids[k])][1] = int(kids.size() - k);
                m_positions[size_t(kids[k])][3] = ++perType[nodeNameView(m_nodes[size_t(kids[k])])];
            }
        }
    }
    const int id = idOf(n);
    if (id < 0)
        return 0;
    return m_positions[size_t(id)][(ofType ? 2 : 0) + (fromEnd ? 1 : 0)];
}

int Document::idOf(const xmlNode *n) const
{
    if (!n || !n->_private)
        return -1;
    const intptr_t id = reinterpret_cast<intptr_t>(n->_private) - 1;
    return id >= 0 && size_t(id) < m_nodes.size() && m_nodes[size_t(id)] == n ? int(id) : -1;
}

bool isElement(const xmlNode *n)
{
    return n && n->type == XML_ELEMENT_NODE;
}

std::string_view nodeNameView(const xmlNode *n)
{
    return isElement(n) && n->name ? std::string_view(cstr(n->name)) : std::string_view();
}

int nodeType(const xmlNode *n)
{
    switch (n->type) {
    case XML_ELEMENT_NODE: return ElementNode;
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE: return TextNode;
    case XML_COMMENT_NODE: return CommentNode;
    case XML_DOCUMENT_NODE:
    case XML_HTML_DOCUMENT_NODE: return DocumentNode;
    case XML_DTD_NODE:
    case XML_DOCUMENT_TYPE_NODE: return DoctypeNode;
    default: return 0;
    }
}

std::string nodeName(const xmlNode *n)
{
    switch (nodeType(n)) {
    case ElementNode:
    case DoctypeNode: return n->name ? cstr(n->name) : "";
    case TextNode: return "#text";
    case CommentNode: return "#comment";
    case DocumentNode: return "#document";
    default: return "";
    }
}

std::optional<std::string> attribute(const xmlNode *n, std::string_view name)
{
    if (!isElement(n))
        return std::nullopt;
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        const std::string_view an = cstr(a->name);
        if (an.size() == name.size() && xmlStrncasecmp(a->name, BAD_CAST name.data(), int(name.size())) == 0)
            return attrValue(a);
    }
    return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> attributes(const xmlNode *n)
{
    std::vector<std::pair<std::string, std::string>> out;
    if (isElement(n)) {
        for (const xmlAttr *a = n->properties; a; a = a->next)
            out.emplace_back(cstr(a->name), attrValue(a));
    }
    return out;
}

const xmlNode *parentElement(const xmlNode *n)
{
    return n && isElement(n->parent) ? n->parent : nullptr;
}

const xmlNode *firstElementChild(const xmlNode *n)
{
    for (const xmlNode *c = n ? n->children : nullptr; c; c = c->next) {
        if (isElement(c))
            return c;
    }
    return nullptr;
}

const xmlNode *nextElementSibling(const xmlNode *n)
{
    for (const xmlNode *c = n ? n->next : nullptr; c; c = c->next) {
        if (isElement(c))
            return c;
    }
    return nullptr;
}

const xmlNode *prevElementSibling(const xmlNode *n)
{
    for (const xmlNode *c = n ? n->prev : nullptr; c; c = c->prev) {
        if (isElement(c))
            return c;
    }
    return nullptr;
}

bool contains(const xmlNode *outer, const xmlNode *inner)
{
    for (const xmlNode *p = inner ? inner->parent : nullptr; p; p = p->parent) {
        if (p == outer)
            return true;
    }
    return false;
}

void appendText(const xmlNode *root, std::string &out)
{
    walk(root, [&](const xmlNode *n) {
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
            out += cstr(n->content);
        return n->type != XML_COMMENT_NODE;
    }, [](const xmlNode *) {});
}

void appendOuterHtml(const xmlNode *root, std::string &out)
{
    walk(root, [&](const xmlNode *n) {
        switch (n->type) {
        case XML_ELEMENT_NODE: {
            out += '<';
            out += cstr(n->name);
            for (const xmlAttr *a = n->properties; a; a = a->next) {
                out += ' ';
                out += cstr(a->name);
                out += "=\"";
                appendEscaped(attrValue(a), out);
                out += '"';
            }
            if (isVoidElement(cstr(n->name))) {
                out += "/>";
                return false;
            }
            out += '>';
            return true;
        }
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE: {
            const std::string_view text = n->content ? cstr(n->content) : "";
            if (isRawTextElement(nodeNameView(n->parent)))
                out += text;
            else
                appendEscaped(text, out);
            return false;
        }
        case XML_COMMENT_NODE:
            out += "<!--";
            out += n->content ? cstr(n->content) : "";
            out += "-->";
            return false;
        case XML_DTD_NODE:
            out += "<!DOCTYPE ";
            out += n->name ? cstr(n->name) : "html";
            out += '>';
            return false;
        default:
            return true; // the document node: just its children
        }
    }, [&](const xmlNode *n) {
        if (n->type == XML_ELEMENT_NODE && !isVoidElement(cstr(n->name))) {
            out += "</";
            out += cstr(n->name);
            out += '>';
        }
    });
}

void appendInnerHtml(const xmlNode *n, std::string &out)
{
    if (n->type == XML_DTD_NODE)
        return;
    for (const xmlNode *c = n->children; c; c = c->next)
        appendOuterHtml(c, out);
}

} // namespace stampede::script::html
