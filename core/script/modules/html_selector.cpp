#include "core/script/modules/html_selector.h"

#include "core/script/modules/html_dom.h"

#include <algorithm>
#include <cstring>

namespace stampede::script::html {

namespace {

struct AttrTest
{
    std::string name;
    char op = 0; // 0: present; '=', '~', '|', '^', '$', '*', '!'
    std::string value;
    bool ignoreCase = false;
};

struct Nth
{
    long a = 0;
    long b = 0;
    bool matches(long position) const // position is 1-based
    {
        if (a == 0)
            return position == b;
        const long d = position - b;
        return d % a == 0 && d / a >= 0;
    }
};

enum class PseudoKind {
    FirstChild, LastChild, OnlyChild, NthChild, NthLastChild,
    FirstOfType, LastOfType, OnlyOfType, NthOfType, NthLastOfType,
    Not, Is, Has, Empty, Root, Contains, Checked, Selected, Disabled, Enabled,
};

struct Pseudo
{
    PseudoKind kind;
    Nth nth;
    std::shared_ptr<const Selector> inner;
    std::string text;
};

struct Compound
{
    std::string tag; // empty: any element
    std::vector<std::string> ids;
    std::vector<std::string> classes;
    std::vector<AttrTest> attrs;
    std::vector<Pseudo> pseudos;
};

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::string lower(std::string s)
{
    for (char &c : s)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Whitespace-separated `list` contains `word`.
bool hasWord(std::string_view list, std::string_view word, bool ignoreCase)
{
    if (word.empty())
        return false;
    size_t i = 0;
    while (i < list.size()) {
        while (i < list.size() && isSpace(list[i]))
            ++i;
        size_t j = i;
        while (j < list.size() && !isSpace(list[j]))
            ++j;
        const std::string_view w = list.substr(i, j - i);
        if (!w.empty() && (ignoreCase ? equalsIgnoreCase(w, word) : w == word))
            return true;
        i = j;
    }
    return false;
}

bool attrMatches(const xmlNode *n, const AttrTest &t)
{
    const auto v = attribute(n, t.name);
    if (t.op == '!')
        return !v || (t.ignoreCase ? !equalsIgnoreCase(*v, t.value) : *v != t.value);
    if (!v)
        return false;
    std::string value = *v, want = t.value;
    if (t.ignoreCase && t.op != '~') {
        value = lower(value);
        want = lower(want);
    }
    switch (t.op) {
    case 0: return true;
    case '=': return value == want;
    case '~': return hasWord(value, want, t.ignoreCase);
    case '|': return value == want || (value.size() > want.size() && value.compare(0, want.size(), want) == 0 &&
                                       value[want.size()] == '-');
    case '^': return !want.empty() && value.compare(0, want.size(), want) == 0;
    case '$': return !want.empty() && value.size() >= want.size() &&
                     value.compare(value.size() - want.size(), want.size(), want) == 0;
    case '*': return !want.empty() && value.find(want) != std::string::npos;
    default: return false;
    }
}

bool pseudoMatches(const xmlNode *n, const Pseudo &p, const Document &doc)
{
    auto position = [&](const xmlNode *e, bool fromEnd, bool ofType) { return doc.position(e, fromEnd, ofType); };
    // Structural pseudo-classes only count element siblings with an element parent
    // (or the document for the root element).
    switch (p.kind) {
    case PseudoKind::FirstChild: return position(n, false, false) == 1;
    case PseudoKind::LastChild: return position(n, true, false) == 1;
    case PseudoKind::OnlyChild: return position(n, false, false) == 1 && position(n, true, false) == 1;
    case PseudoKind::NthChild: return p.nth.matches(position(n, false, false));
    case PseudoKind::NthLastChild: return p.nth.matches(position(n, true, false));
    case PseudoKind::FirstOfType: return position(n, false, true) == 1;
    case PseudoKind::LastOfType: return position(n, true, true) == 1;
    case PseudoKind::OnlyOfType: return position(n, false, true) == 1 && position(n, true, true) == 1;
    case PseudoKind::NthOfType: return p.nth.matches(position(n, false, true));
    case PseudoKind::NthLastOfType: return p.nth.matches(position(n, true, true));
    case PseudoKind::Not: return !p.inner->matches(n, doc);
    case PseudoKind::Is: return p.inner->matches(n, doc);
    case PseudoKind::Has: {
        // Any descendant element matching; iterative to stay off the stack.
        const xmlNode *c = n->children;
        while (c) {
            if (isElement(c) && p.inner->matches(c, doc))
                return true;
            if (c->children && isElement(c)) {
                c = c->children;
                continue;
            }
            while (c && !c->next) {
                c = c->parent;
                if (c == n)
                    return false;
            }
            c = c ? c->next : nullptr;
        }
        return false;
    }
    case PseudoKind::Empty:
        for (const xmlNode *c = n->children; c; c = c->next) {
            if (isElement(c) || ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content &&
                                 *c->content))
                return false;
        }
        return true;
    case PseudoKind::Root:
        return n->parent && (n->parent->type == XML_HTML_DOCUMENT_NODE || n->parent->type == XML_DOCUMENT_NODE);
    case PseudoKind::Contains: {
        std::string text;
        appendText(n, text);
        return text.find(p.text) != std::string::npos;
    }
    case PseudoKind::Checked: {
        const auto name = nodeNameView(n);
        if (name == "input") {
            const auto type = lower(attribute(n, "type").value_or(""));
            return (type == "checkbox" || type == "radio") && attribute(n, "checked").has_value();
        }
        return name == "option" && attribute(n, "selected").has_value();
    }
    case PseudoKind::Selected: return nodeNameView(n) == "option" && attribute(n, "selected").has_value();
    case PseudoKind::Disabled:
    case PseudoKind::Enabled: {
        static constexpr std::string_view formTags[] = {"button", "input", "select", "textarea", "optgroup",
                                                        "option", "fieldset"};
        const auto name = nodeNameView(n);
        if (std::find(std::begin(formTags), std::end(formTags), name) == std::end(formTags))
            return false;
        const bool disabled = attribute(n, "disabled").has_value();
        return p.kind == PseudoKind::Disabled ? disabled : !disabled;
    }
    }
    return false;
}

bool compoundMatches(const xmlNode *n, const Compound &c, const Document &doc)
{
    if (!isElement(n))
        return false;
    if (!c.tag.empty() && !equalsIgnoreCase(nodeNameView(n), c.tag))
        return false;
    for (const auto &id : c.ids) {
        if (attribute(n, "id") != id)
            return false;
    }
    if (!c.classes.empty()) {
        const auto cls = attribute(n, "class");
        if (!cls)
            return false;
        for (const auto &name : c.classes) {
            if (!hasWord(*cls, name, false))
                return false;
        }
    }
    for (const auto &a : c.attrs) {
        if (!attrMatches(n, a))
            return false;
    }
    for (const auto &p : c.pseudos) {
        if (!pseudoMatches(n, p, doc))
            return false;
    }
    return true;
}

} // namespace

// A complex selector: compounds joined by combinators, stored left to right;
// combinators[i] joins parts[i - 1] and parts[i] (' ', '>', '+', '~').
struct Selector::Group
{
    std::vector<Compound> parts;
    std::vector<char> combinators;

    bool matchesAt(const xmlNode *n, size_t index, const Document &doc) const
    {
        if (!compoundMatches(n, parts[index], doc))
            return false;
        if (index == 0)
            return true;
        switch (combinators[index]) {
        case '>':
            return parentElement(n) && matchesAt(parentElement(n), index - 1, doc);
        case '+':
            return prevElementSibling(n) && matchesAt(prevElementSibling(n), index - 1, doc);
        case '~':
            for (const xmlNode *s = prevElementSibling(n); s; s = prevElementSibling(s)) {
                if (matchesAt(s, index - 1, doc))
                    return true;
            }
            return false;
        default:
            for (const xmlNode *a = parentElement(n); a; a = parentElement(a)) {
                if (matchesAt(a, index - 1, doc))
                    return true;
            }
            return false;
        }
    }
};

Selector::Selector() = default;
Selector::~Selector() = default;

bool Selector::matches(const xmlNode *n, const Document &doc) const
{
    if (!isElement(n))
        return false;
    for (const Group &g : m_groups) {
        if (g.matchesAt(n, g.parts.size() - 1, doc))
            return true;
    }
    return false;
}

class SelectorParser
{
public:
    SelectorParser(std::string_view text, int depth) : m_s(text), m_depth(depth) {}

    // selector-list: complex ("," complex)*; stops at ')' when nested.
    std::shared_ptr<Selector> parseList(bool nested)
    {
        auto sel = std::make_shared<Selector>();
        for (;;) {
            skipSpace();
            Selector::Group g;
            if (!parseComplex(g))
                return nullptr;
            sel->m_groups.push_back(std::move(g));
            skipSpace();
            if (eof() || (nested && peek() == ')'))
                return sel;
            if (peek() != ',')
                return fail("unexpected '" + std::string(1, peek()) + "'");
            ++m_i;
        }
    }

    bool eof() const { return m_i >= m_s.size(); }
    const std::string &error() const { return m_error; }
    size_t offset() const { return m_i; }

private:
    char peek(size_t ahead = 0) const { return m_i + ahead < m_s.size() ? m_s[m_i + ahead] : '\0'; }
    void skipSpace()
    {
        while (!eof() && isSpace(m_s[m_i]))
            ++m_i;
    }
    std::nullptr_t fail(std::string message)
    {
        if (m_error.empty())
            m_error = std::move(message);
        return nullptr;
    }

    bool parseComplex(Selector::Group &g)
    {
        Compound c;
        if (!parseCompound(c))
            return false;
        g.parts.push_back(std::move(c));
        g.combinators.push_back(0);
        for (;;) {
            const size_t before = m_i;
            skipSpace();
            char comb = 0;
            if (peek() == '>' || peek() == '+' || peek() == '~') {
                comb = peek();
                ++m_i;
                skipSpace();
            } else if (m_i > before && !eof() && peek() != ',' && peek() != ')') {
                comb = ' ';
            } else {
                m_i = before;
                return true;
            }
            Compound next;
            if (!parseCompound(next))
                return false;
            g.parts.push_back(std::move(next));
            g.combinators.push_back(comb);
        }
    }

    static bool identStart(char c)
    {
        return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '\\' ||
               static_cast<unsigned char>(c) >= 0x80;
    }
    static bool identChar(char c) { return identStart(c) || std::isdigit(static_cast<unsigned char>(c)); }

    bool parseIdent(std::string &out, const char *what)
    {
        out.clear();
        if (eof() || !identStart(peek()) || (peek() == '-' && std::isdigit(static_cast<unsigned char>(peek(1)))))
            return fail(std::string("expected ") + what), false;
        while (!eof() && identChar(peek())) {
            if (peek() == '\\') {
                ++m_i;
                if (eof())
                    return fail("dangling '\\' escape"), false;
                if (std::isxdigit(static_cast<unsigned char>(peek()))) {
                    unsigned long cp = 0;
                    int digits = 0;
                    while (digits < 6 && std::isxdigit(static_cast<unsigned char>(peek()))) {
                        cp = cp * 16 + std::stoul(std::string(1, peek()), nullptr, 16);
                        ++m_i;
                        ++digits;
                    }
                    if (isSpace(peek()))
                        ++m_i;
                    appendUtf8(cp, out);
                } else {
                    out += peek();
                    ++m_i;
                }
            } else {
                out += peek();
                ++m_i;
            }
        }
        return true;
    }

    static void appendUtf8(unsigned long cp, std::string &out)
    {
        if (cp == 0 || cp > 0x10FFFF)
            cp = 0xFFFD;
        if (cp < 0x80) {
            out += char(cp);
        } else if (cp < 0x800) {
            out += char(0xC0 | (cp >> 6));
            out += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += char(0xE0 | (cp >> 12));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        } else {
            out += char(0xF0 | (cp >> 18));
            out += char(0x80 | ((cp >> 12) & 0x3F));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        }
    }

    bool parseString(std::string &out)
    {
        const char quote = peek();
        ++m_i;
        out.clear();
        while (!eof() && peek() != quote) {
            if (peek() == '\\' && m_i + 1 < m_s.size()) {
                ++m_i;
            }
            out += peek();
            ++m_i;
        }
        if (eof())
            return fail("unterminated string"), false;
        ++m_i;
        return true;
    }

    bool parseCompound(Compound &c)
    {
        bool any = false;
        if (peek() == '*') {
            ++m_i;
            any = true;
        } else if (!eof() && identStart(peek()) && peek() != '\\') {
            if (!parseIdent(c.tag, "a tag name"))
                return false;
            c.tag = lower(c.tag);
            any = true;
        }
        for (;;) {
            const char ch = peek();
            if (ch == '#') {
                ++m_i;
                std::string id;
                if (!parseIdent(id, "an id after '#'"))
                    return false;
                c.ids.push_back(std::move(id));
            } else if (ch == '.') {
                ++m_i;
                std::string cls;
                if (!parseIdent(cls, "a class name after '.'"))
                    return false;
                c.classes.push_back(std::move(cls));
            } else if (ch == '[') {
                ++m_i;
                AttrTest t;
                if (!parseAttr(t))
                    return false;
                c.attrs.push_back(std::move(t));
            } else if (ch == ':') {
                ++m_i;
                if (peek() == ':')
                    return fail("pseudo-elements (::) are not supported"), false;
                Pseudo p;
                if (!parsePseudo(p))
                    return false;
                c.pseudos.push_back(std::move(p));
            } else {
                break;
            }
            any = true;
        }
        if (!any)
            return fail(eof() ? "unexpected end of selector" : "unexpected '" + std::string(1, peek()) + "'"), false;
        return true;
    }

    bool parseAttr(AttrTest &t)
    {
        skipSpace();
        if (!parseIdent(t.name, "an attribute name after '['"))
            return false;
        t.name = lower(t.name);
        skipSpace();
        if (peek() == ']') {
            ++m_i;
            return true;
        }
        if (peek() == '=') {
            t.op = '=';
            ++m_i;
        } else if (std::strchr("~|^$*!", peek()) && peek() != '\0' && peek(1) == '=') {
            t.op = peek();
            m_i += 2;
        } else {
            return fail("expected an attribute operator or ']'"), false;
        }
        skipSpace();
        if (peek() == '"' || peek() == '\'') {
            if (!parseString(t.value))
                return false;
        } else if (!parseIdent(t.value, "an attribute value")) {
            // Unquoted values may also be numbers.
            m_error.clear();
            t.value.clear();
            while (!eof() && (identChar(peek()) || std::isdigit(static_cast<unsigned char>(peek()))))
                t.value += m_s[m_i++];
            if (t.value.empty())
                return fail("expected an attribute value"), false;
        }
        skipSpace();
        if (peek() == 'i' || peek() == 'I') {
            t.ignoreCase = true;
            ++m_i;
            skipSpace();
        } else if (peek() == 's' || peek() == 'S') {
            ++m_i;
            skipSpace();
        }
        if (peek() != ']')
            return fail("expected ']'"), false;
        ++m_i;
        return true;
    }

    bool parseNth(Nth &nth)
    {
        skipSpace();
        size_t end = m_s.find(')', m_i);
        if (end == std::string_view::npos)
            return fail("missing ')'"), false;
        std::string expr;
        for (size_t k = m_i; k < end; ++k) {
            if (!isSpace(m_s[k]))
                expr += char(std::tolower(static_cast<unsigned char>(m_s[k])));
        }
        m_i = end;
        if (expr == "odd") {
            nth = {2, 1};
            return true;
        }
        if (expr == "even") {
            nth = {2, 0};
            return true;
        }
        auto parseInt = [](std::string_view s, long &out) {
            if (s.empty() || s.size() > 9)
                return false;
            size_t k = 0;
            bool neg = false;
            if (s[0] == '+' || s[0] == '-') {
                neg = s[0] == '-';
                k = 1;
            }
            if (k >= s.size())
                return false;
            long v = 0;
            for (; k < s.size(); ++k) {
                if (!std::isdigit(static_cast<unsigned char>(s[k])))
                    return false;
                v = v * 10 + (s[k] - '0');
            }
            out = neg ? -v : v;
            return true;
        };
        const size_t npos = expr.find('n');
        if (npos == std::string::npos) {
            if (!parseInt(expr, nth.b))
                return fail("invalid nth expression \"" + expr + "\""), false;
            nth.a = 0;
            return true;
        }
        const std::string a = expr.substr(0, npos), b = expr.substr(npos + 1);
        if (a.empty() || a == "+")
            nth.a = 1;
        else if (a == "-")
            nth.a = -1;
        else if (!parseInt(a, nth.a))
            return fail("invalid nth expression \"" + expr + "\""), false;
        nth.b = 0;
        if (!b.empty() && ((b[0] != '+' && b[0] != '-') || !parseInt(b, nth.b)))
            return fail("invalid nth expression \"" + expr + "\""), false;
        return true;
    }

    bool parsePseudo(Pseudo &p)
    {
        std::string name;
        if (!parseIdent(name, "a pseudo-class name after ':'"))
            return false;
        name = lower(name);
        static const std::pair<std::string_view, PseudoKind> simple[] = {
            {"first-child", PseudoKind::FirstChild}, {"last-child", PseudoKind::LastChild},
            {"only-child", PseudoKind::OnlyChild}, {"first-of-type", PseudoKind::FirstOfType},
            {"last-of-type", PseudoKind::LastOfType}, {"only-of-type", PseudoKind::OnlyOfType},
            {"empty", PseudoKind::Empty}, {"root", PseudoKind::Root}, {"checked", PseudoKind::Checked},
            {"selected", PseudoKind::Selected}, {"disabled", PseudoKind::Disabled},
            {"enabled", PseudoKind::Enabled},
        };
        for (const auto &[n, kind] : simple) {
            if (n == name) {
                p.kind = kind;
                return true;
            }
        }
        static const std::pair<std::string_view, PseudoKind> functional[] = {
            {"nth-child", PseudoKind::NthChild}, {"nth-last-child", PseudoKind::NthLastChild},
            {"nth-of-type", PseudoKind::NthOfType}, {"nth-last-of-type", PseudoKind::NthLastOfType},
            {"not", PseudoKind::Not}, {"is", PseudoKind::Is}, {"where", PseudoKind::Is},
            {"matches-any", PseudoKind::Is}, {"has", PseudoKind::Has}, {"contains", PseudoKind::Contains},
        };
        const auto it = std::find_if(std::begin(functional), std::end(functional),
                                     [&](const auto &f) { return f.first == name; });
        if (it == std::end(functional))
            return fail("unsupported pseudo-class :" + name), false;
        p.kind = it->second;
        if (peek() != '(')
            return fail(":" + name + " needs an argument in parentheses"), false;
        ++m_i;
        switch (p.kind) {
        case PseudoKind::Not:
        case PseudoKind::Is:
        case PseudoKind::Has: {
            if (m_depth > 32)
                return fail("selector nested too deeply"), false;
            SelectorParser inner(m_s, m_depth + 1);
            inner.m_i = m_i;
            auto sel = inner.parseList(true);
            if (!sel) {
                m_i = inner.m_i;
                return fail(inner.m_error), false;
            }
            m_i = inner.m_i;
            p.inner = std::move(sel);
            break;
        }
        case PseudoKind::Contains:
            skipSpace();
            if (peek() == '"' || peek() == '\'') {
                if (!parseString(p.text))
                    return false;
            } else {
                while (!eof() && peek() != ')')
                    p.text += m_s[m_i++];
                while (!p.text.empty() && isSpace(p.text.back()))
                    p.text.pop_back();
            }
            break;
        default:
            if (!parseNth(p.nth))
                return false;
        }
        skipSpace();
        if (peek() != ')')
            return fail("expected ')' after :" + name + "(...)"), false;
        ++m_i;
        return true;
    }

    std::string_view m_s;
    size_t m_i = 0;
    int m_depth = 0;
    std::string m_error;
};

std::shared_ptr<const Selector> Selector::parse(std::string_view text, std::string &error)
{
    SelectorParser parser(text, 0);
    auto sel = parser.parseList(false);
    if (!sel || !parser.eof()) {
        error = "invalid CSS selector \"" + std::string(text) + "\": " +
                (parser.error().empty() ? "unexpected input" : parser.error()) + " at offset " +
                std::to_string(parser.offset());
        return nullptr;
    }
    return sel;
}

} // namespace stampede::script::html
