#include "core/studio/optionsdocument.h"

#include "core/studio/jstokenizer.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextCursor>
#include <QTextDocument>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace stampede::studio {

struct OptionsDocument::Node
{
    enum class Kind { Object, Array, Literal, Expression };
    struct Item
    {
        QString key;           // object members only
        bool opaque = false;   // spread, computed key, method: kept as is, not shown
        int start = 0;         // the member (key included) or element start
        int keyLine = 0;
        int keyColumn = 0;
        int keyEnd = 0;        // end of the key token
        std::unique_ptr<Node> value;
        int commaStart = -1;   // the comma after the item, if any
        int commaEnd = -1;
    };
    Kind kind = Kind::Expression;
    int start = 0;
    int end = 0;
    int close = 0; // objects and arrays: position of the closing bracket
    QJsonValue literal;
    std::vector<Item> items;
};

using Node = OptionsDocument::Node;

// --- edits ----------------------------------------------------------------------

QString applyTextEdits(QString text, QList<TextEdit> edits)
{
    std::stable_sort(edits.begin(), edits.end(), [](const TextEdit &a, const TextEdit &b) { return a.start > b.start; });
    for (const TextEdit &e : edits)
        text.replace(e.start, e.end - e.start, e.replacement);
    return text;
}

void applyTextEdits(QTextDocument *document, QList<TextEdit> edits)
{
    if (edits.isEmpty())
        return;
    std::stable_sort(edits.begin(), edits.end(), [](const TextEdit &a, const TextEdit &b) { return a.start > b.start; });
    QTextCursor cursor(document);
    cursor.beginEditBlock();
    for (const TextEdit &e : edits) {
        cursor.setPosition(e.start);
        cursor.setPosition(e.end, QTextCursor::KeepAnchor);
        cursor.insertText(e.replacement);
    }
    cursor.endEditBlock();
}

// --- parsing --------------------------------------------------------------------------

namespace {

struct ParseFailure
{
    QString message;
    int line = 0;
    int column = 0;
};

class Parser
{
public:
    Parser(const QString &text, const QList<JsToken> &tokens)
        : m_text(text)
        , m_tokens(tokens)
    {
    }

    QStringView textOf(int index) const { return tokenText(m_text, m_tokens.at(index)); }
    bool isPunct(int index, QStringView p) const
    {
        return index < m_tokens.size() && m_tokens.at(index).kind == JsToken::Kind::Punct && textOf(index) == p;
    }
    bool isWord(int index, QStringView w) const
    {
        return index < m_tokens.size() && m_tokens.at(index).kind == JsToken::Kind::Identifier && textOf(index) == w;
    }

    // Skips an expression up to a ',' or a closing bracket at its own depth.
    void skipExpression(int &i) const
    {
        int depth = 0;
        while (i < m_tokens.size()) {
            if (m_tokens.at(i).kind == JsToken::Kind::Punct) {
                const QStringView p = textOf(i);
                if (depth == 0 && (p == u"," || p == u"}" || p == u"]" || p == u")"))
                    return;
                if (p == u"(" || p == u"[" || p == u"{")
                    ++depth;
                else if (p == u")" || p == u"]" || p == u"}")
                    --depth;
            }
            ++i;
        }
    }

    bool isOperand(int k) const
    {
        const JsToken &t = m_tokens.at(k);
        switch (t.kind) {
        case JsToken::Kind::Number:
        case JsToken::Kind::String:
        case JsToken::Kind::Template:
        case JsToken::Kind::Regex:
            return true;
        case JsToken::Kind::Identifier: {
            static const QStringList keywords = {u"typeof"_s, u"instanceof"_s, u"in"_s, u"of"_s, u"new"_s,
                                                 u"delete"_s, u"void"_s, u"await"_s, u"yield"_s, u"async"_s,
                                                 u"function"_s, u"return"_s, u"case"_s, u"default"_s};
            return !keywords.contains(textOf(k).toString());
        }
        case JsToken::Kind::Punct:
            return textOf(k) == u")" || textOf(k) == u"]" || textOf(k) == u"}";
        }
        return false;
    }

    bool atValueEnd(int i) const { return isPunct(i, u",") || isPunct(i, u"}") || isPunct(i, u"]"); }

    std::unique_ptr<Node> parseValue(int &i)
    {
        const int first = i;
        std::unique_ptr<Node> node = parseLiteral(i);
        if (m_failure)
            return nullptr;
        if (node && atValueEnd(i))
            return node;
        i = first;
        skipExpression(i);
        if (i >= m_tokens.size()) {
            fail(QCoreApplication::translate("OptionsDocument", "the options object is not closed"), first);
            return nullptr;
        }
        // Two operands in a row before a ':' ("'1s'\n  iterations: 3"): a comma is missing.
        for (int k = first + 1; k + 1 < i; ++k) {
            if (isOperand(k - 1) && isOperand(k) && isPunct(k + 1, u":")) {
                fail(QCoreApplication::translate("OptionsDocument", "expected ',' or '}' but found '%1'").arg(textOf(k)), k);
                return nullptr;
            }
        }
        auto expr = std::make_unique<Node>();
        expr->kind = Node::Kind::Expression;
        expr->start = m_tokens.at(first).start;
        expr->end = i > first ? m_tokens.at(i - 1).end : expr->start;
        if (i == first) {
            fail(QCoreApplication::translate("OptionsDocument", "a value is missing"), i);
            return nullptr;
        }
        return expr;
    }

    std::unique_ptr<Node> parseLiteral(int &i)
    {
        if (i >= m_tokens.size())
            return nullptr;
        const JsToken &t = m_tokens.at(i);
        if (isPunct(i, u"{"))
            return parseObject(i);
        if (isPunct(i, u"["))
            return parseArray(i);
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::Literal;
        node->start = t.start;
        node->end = t.end;
        if (t.kind == JsToken::Kind::String) {
            node->literal = decodeJsString(textOf(i));
        } else if (t.kind == JsToken::Kind::Template) {
            const QStringView body = textOf(i);
            if (body.contains(u"${"))
                return nullptr;
            node->literal = decodeJsString(body);
        } else if (t.kind == JsToken::Kind::Number) {
            bool ok = false;
            const double d = numberValue(textOf(i), ok);
            if (!ok)
                return nullptr;
            node->literal = d;
        } else if (isPunct(i, u"-") && i + 1 < m_tokens.size() && m_tokens.at(i + 1).kind == JsToken::Kind::Number) {
            bool ok = false;
            const double d = numberValue(textOf(i + 1), ok);
            if (!ok)
                return nullptr;
            node->literal = -d;
            node->end = m_tokens.at(i + 1).end;
            ++i;
        } else if (isWord(i, u"true") || isWord(i, u"false")) {
            node->literal = textOf(i) == u"true";
        } else if (isWord(i, u"null")) {
            node->literal = QJsonValue(QJsonValue::Null);
        } else {
            return nullptr;
        }
        ++i;
        return node;
    }

    static double numberValue(QStringView s, bool &ok)
    {
        QString digits = s.toString().remove(u'_');
        if (digits.endsWith(u'n')) {
            ok = false; // BigInt
            return 0;
        }
        if (digits.size() > 2 && digits.at(0) == u'0' && digits.at(1).isLetter()) {
            const QChar base = digits.at(1).toLower();
            const int radix = base == u'x' ? 16 : base == u'o' ? 8 : base == u'b' ? 2 : 0;
            if (radix == 0) {
                ok = false;
                return 0;
            }
            return double(digits.mid(2).toLongLong(&ok, radix));
        }
        return digits.toDouble(&ok);
    }

    std::unique_ptr<Node> parseObject(int &i)
    {
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::Object;
        const int open = i;
        node->start = m_tokens.at(i).start;
        ++i; // {
        while (true) {
            if (i >= m_tokens.size()) {
                fail(QCoreApplication::translate("OptionsDocument", "'{' is not closed"), open);
                return nullptr;
            }
            if (isPunct(i, u"}"))
                break;
            Node::Item item;
            item.start = m_tokens.at(i).start;
            const JsToken &k = m_tokens.at(i);
            const bool simpleKey = k.kind == JsToken::Kind::Identifier || k.kind == JsToken::Kind::String ||
                                   k.kind == JsToken::Kind::Number;
            if (simpleKey && isPunct(i + 1, u":")) {
                item.key = k.kind == JsToken::Kind::String ? decodeJsString(textOf(i)) : textOf(i).toString();
                item.keyLine = k.line;
                item.keyColumn = k.column;
                item.keyEnd = k.end;
                i += 2;
                item.value = parseValue(i);
                if (!item.value)
                    return nullptr;
            } else if (k.kind == JsToken::Kind::Identifier && (isPunct(i + 1, u",") || isPunct(i + 1, u"}"))) {
                // Shorthand { vus }: the value is the variable.
                item.key = textOf(i).toString();
                item.keyLine = k.line;
                item.keyColumn = k.column;
                item.keyEnd = k.end;
                item.value = std::make_unique<Node>();
                item.value->kind = Node::Kind::Expression;
                item.value->start = k.start;
                item.value->end = k.end;
                ++i;
            } else {
                // A spread, a computed key or a method: kept, not interpreted.
                const int first = i;
                skipExpression(i);
                if (i >= m_tokens.size()) {
                    fail(QCoreApplication::translate("OptionsDocument", "'{' is not closed"), open);
                    return nullptr;
                }
                if (i == first) {
                    fail(QCoreApplication::translate("OptionsDocument", "unexpected '%1' in the options object").arg(textOf(i)), i);
                    return nullptr;
                }
                item.opaque = true;
                item.value = std::make_unique<Node>();
                item.value->kind = Node::Kind::Expression;
                item.value->start = m_tokens.at(first).start;
                item.value->end = m_tokens.at(i - 1).end;
            }
            if (isPunct(i, u",")) {
                item.commaStart = m_tokens.at(i).start;
                item.commaEnd = m_tokens.at(i).end;
                ++i;
                node->items.push_back(std::move(item));
                continue;
            }
            node->items.push_back(std::move(item));
            if (isPunct(i, u"}"))
                break;
            if (i >= m_tokens.size()) {
                fail(QCoreApplication::translate("OptionsDocument", "'{' is not closed"), open);
            } else {
                fail(QCoreApplication::translate("OptionsDocument", "expected ',' or '}' but found '%1'").arg(textOf(i)), i);
            }
            return nullptr;
        }
        node->close = m_tokens.at(i).start;
        node->end = m_tokens.at(i).end;
        ++i;
        return node;
    }

    std::unique_ptr<Node> parseArray(int &i)
    {
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::Array;
        const int open = i;
        node->start = m_tokens.at(i).start;
        ++i; // [
        while (true) {
            if (i >= m_tokens.size()) {
                fail(QCoreApplication::translate("OptionsDocument", "'[' is not closed"), open);
                return nullptr;
            }
            if (isPunct(i, u"]"))
                break;
            if (isPunct(i, u",")) {
                fail(QCoreApplication::translate("OptionsDocument", "holes in arrays are not supported here"), i);
                return nullptr;
            }
            Node::Item item;
            item.start = m_tokens.at(i).start;
            item.value = parseValue(i);
            if (!item.value)
                return nullptr;
            if (isPunct(i, u",")) {
                item.commaStart = m_tokens.at(i).start;
                item.commaEnd = m_tokens.at(i).end;
                ++i;
                node->items.push_back(std::move(item));
                continue;
            }
            node->items.push_back(std::move(item));
            if (isPunct(i, u"]"))
                break;
            if (i >= m_tokens.size())
                fail(QCoreApplication::translate("OptionsDocument", "'[' is not closed"), open);
            else
                fail(QCoreApplication::translate("OptionsDocument", "expected ',' or ']' but found '%1'").arg(textOf(i)), i);
            return nullptr;
        }
        node->close = m_tokens.at(i).start;
        node->end = m_tokens.at(i).end;
        ++i;
        return node;
    }

    void fail(const QString &message, int tokenIndex)
    {
        if (m_failure)
            return;
        ParseFailure f;
        f.message = message;
        if (tokenIndex < m_tokens.size()) {
            f.line = m_tokens.at(tokenIndex).line;
            f.column = m_tokens.at(tokenIndex).column;
        } else if (!m_tokens.isEmpty()) {
            f.line = m_tokens.last().line;
            f.column = m_tokens.last().column;
        }
        m_failure = f;
    }

    std::optional<ParseFailure> m_failure;

private:
    const QString &m_text;
    const QList<JsToken> &m_tokens;
};

int lineStartOf(const QString &text, int pos)
{
    if (pos <= 0)
        return 0;
    const qsizetype nl = text.lastIndexOf(u'\n', pos - 1);
    return nl < 0 ? 0 : int(nl) + 1;
}

QString indentOfLineAt(const QString &text, int pos)
{
    const int start = lineStartOf(text, pos);
    int end = start;
    while (end < text.size() && (text.at(end) == u' ' || text.at(end) == u'\t'))
        ++end;
    return text.mid(start, end - start);
}

bool onSameLine(const QString &text, int a, int b)
{
    if (a > b)
        std::swap(a, b);
    for (int i = a; i < b; ++i)
        if (text.at(i) == u'\n')
            return false;
    return true;
}

bool isScalar(const QJsonValue &v)
{
    return !(v.isArray() || (v.isObject() && !OptionsDocument::isExpression(v)));
}

QJsonValue toJson(const QString &text, const Node &node)
{
    switch (node.kind) {
    case Node::Kind::Literal:
        return node.literal;
    case Node::Kind::Expression:
        return OptionsDocument::expression(text.mid(node.start, node.end - node.start));
    case Node::Kind::Array: {
        QJsonArray a;
        for (const Node::Item &item : node.items)
            a.append(toJson(text, *item.value));
        return a;
    }
    case Node::Kind::Object: {
        QJsonObject o;
        for (const Node::Item &item : node.items)
            if (!item.opaque)
                o.insert(item.key, toJson(text, *item.value));
        return o;
    }
    }
    return {};
}

// Keys in the order people write them; the rest alphabetically after these.
int keyRank(const QString &key)
{
    static const QStringList order = {
        u"executor"_s, u"exec"_s, u"startVUs"_s, u"vus"_s, u"duration"_s, u"iterations"_s, u"startRate"_s, u"rate"_s,
        u"timeUnit"_s, u"preAllocatedVUs"_s, u"maxVUs"_s, u"stages"_s, u"startTime"_s, u"gracefulStop"_s,
        u"gracefulRampDown"_s, u"maxDuration"_s, u"scenarios"_s, u"thresholds"_s, u"threshold"_s, u"abortOnFail"_s,
        u"delayAbortEval"_s, u"target"_s};
    const qsizetype r = order.indexOf(key);
    return r < 0 ? int(order.size()) : int(r);
}

QStringList orderedKeys(const QJsonObject &o)
{
    QStringList keys = o.keys();
    std::stable_sort(keys.begin(), keys.end(), [](const QString &a, const QString &b) { return keyRank(a) < keyRank(b); });
    return keys;
}

QString numberText(double d)
{
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15)
        return QString::number(qint64(d));
    return QString::number(d, 'g', 15);
}

} // namespace

// --- the document -------------------------------------------------------------------

OptionsDocument::OptionsDocument() = default;
OptionsDocument::~OptionsDocument() = default;
OptionsDocument::OptionsDocument(OptionsDocument &&) noexcept = default;
OptionsDocument &OptionsDocument::operator=(OptionsDocument &&) noexcept = default;

bool OptionsDocument::isExpression(const QJsonValue &value)
{
    return value.isObject() && value.toObject().size() == 1 && value.toObject().contains(ExpressionKey);
}

QJsonValue OptionsDocument::expression(const QString &source)
{
    return QJsonObject{{ExpressionKey, source}};
}

QString OptionsDocument::errorString() const
{
    return u"%1:%2: %3"_s.arg(m_errorLine).arg(m_errorColumn).arg(m_error);
}

OptionsDocument OptionsDocument::parse(const QString &text)
{
    OptionsDocument doc;
    doc.m_text = text;
    const JsTokenizeResult tokens = tokenizeJs(text);
    if (!tokens.ok) {
        doc.m_error = tokens.error;
        doc.m_errorLine = tokens.errorLine;
        doc.m_errorColumn = tokens.errorColumn;
        return doc;
    }
    const QList<JsToken> &t = tokens.tokens;
    Parser parser(text, t);
    for (const JsToken &token : t) {
        if (token.kind == JsToken::Kind::String) {
            doc.m_quote = text.at(token.start);
            break;
        }
    }
    // A guess at the indentation unit: the first indented line of the file.
    for (qsizetype pos = 0; pos < text.size();) {
        qsizetype eol = text.indexOf(u'\n', pos);
        if (eol < 0)
            eol = text.size();
        qsizetype k = pos;
        while (k < eol && (text.at(k) == u' ' || text.at(k) == u'\t'))
            ++k;
        if (k > pos && k < eol && text.at(k) != u'*') {
            doc.m_indentUnit = text.at(pos) == u'\t' ? u"\t"_s : text.mid(pos, qMin<qsizetype>(k - pos, 8));
            break;
        }
        pos = eol + 1;
    }

    doc.m_insertAt = t.isEmpty() ? int(text.size()) : t.first().start;
    bool afterImports = false;
    struct Open { QChar bracket; int index; };
    std::vector<Open> stack;
    for (int i = 0; i < t.size(); ++i) {
        const JsToken &token = t.at(i);
        if (token.kind == JsToken::Kind::Punct) {
            const QStringView p = parser.textOf(i);
            if (p == u"(" || p == u"[" || p == u"{") {
                stack.push_back({p.at(0), i});
            } else if (p == u")" || p == u"]" || p == u"}") {
                const QChar want = p == u")" ? u'(' : p == u"]" ? u'[' : u'{';
                if (stack.empty()) {
                    doc.m_error = QCoreApplication::translate("OptionsDocument", "unmatched '%1'").arg(p);
                    doc.m_errorLine = token.line;
                    doc.m_errorColumn = token.column;
                    return doc;
                }
                if (stack.back().bracket != want) {
                    // Point at the bracket left open: that is where the mistake usually is.
                    const JsToken &open = t.at(stack.back().index);
                    doc.m_error = QCoreApplication::translate("OptionsDocument",
                                                              "'%1' is not closed (found '%2' at line %3, column %4)")
                                      .arg(stack.back().bracket)
                                      .arg(p)
                                      .arg(token.line)
                                      .arg(token.column);
                    doc.m_errorLine = open.line;
                    doc.m_errorColumn = open.column;
                    return doc;
                }
                stack.pop_back();
            }
            continue;
        }
        if (!stack.empty() || token.kind != JsToken::Kind::Identifier)
            continue;
        if (parser.isWord(i, u"import") && !parser.isPunct(i + 1, u"(") && !parser.isPunct(i + 1, u".")) {
            // import ... 'specifier' [;]
            int j = i + 1;
            while (j < t.size() && t.at(j).kind != JsToken::Kind::String)
                ++j;
            if (j < t.size()) {
                doc.m_insertAt = parser.isPunct(j + 1, u";") ? t.at(j + 1).end : t.at(j).end;
                afterImports = true;
            }
            continue;
        }
        // `export const options = {` or `const options = {` (exported later with `export { options }`).
        const int d = parser.isWord(i, u"export") ? 1 : 0;
        if ((parser.isWord(i + d, u"const") || parser.isWord(i + d, u"let") || parser.isWord(i + d, u"var")) &&
            parser.isWord(i + d + 1, u"options") && parser.isPunct(i + d + 2, u"=") && !doc.m_root &&
            !doc.m_optionsExpression) {
            int j = i + d + 3;
            if (parser.isPunct(j, u"{")) {
                std::unique_ptr<Node> root = parser.parseObject(j);
                if (!root) {
                    doc.m_error = parser.m_failure ? parser.m_failure->message : QCoreApplication::translate("OptionsDocument", "cannot read the options");
                    doc.m_errorLine = parser.m_failure ? parser.m_failure->line : token.line;
                    doc.m_errorColumn = parser.m_failure ? parser.m_failure->column : token.column;
                    return doc;
                }
                doc.m_root = std::move(root);
                // The quote the options object mostly uses.
                int single = 0, dbl = 0;
                for (int k = i + d + 3; k < j; ++k) {
                    if (t.at(k).kind == JsToken::Kind::String)
                        (text.at(t.at(k).start) == u'\'' ? single : dbl)++;
                }
                if (single != dbl)
                    doc.m_quote = single > dbl ? u'\'' : u'"';
                doc.m_optionsExpression = false;
                // Members' indentation relative to the export line.
                if (!doc.m_root->items.empty() && !onSameLine(text, doc.m_root->start, doc.m_root->items.front().start)) {
                    const QString outer = indentOfLineAt(text, token.start);
                    const QString inner = indentOfLineAt(text, doc.m_root->items.front().start);
                    if (inner.size() > outer.size() && inner.startsWith(outer))
                        doc.m_indentUnit = inner.mid(outer.size());
                }
                // Continue scanning after the object, with the brackets balanced.
                i = j - 1;
            } else {
                doc.m_optionsExpression = true;
            }
        }
    }
    if (!stack.empty()) {
        const JsToken &open = t.at(stack.back().index);
        doc.m_error = QCoreApplication::translate("OptionsDocument", "'%1' is not closed").arg(stack.back().bracket);
        doc.m_errorLine = open.line;
        doc.m_errorColumn = open.column;
        return doc;
    }
    doc.m_afterImports = afterImports;
    return doc;
}

QJsonObject OptionsDocument::options() const
{
    if (!m_root)
        return {};
    return toJson(m_text, *m_root).toObject();
}

std::pair<int, int> OptionsDocument::locate(const QString &path) const
{
    const Node *node = m_root.get();
    std::pair<int, int> at{0, 0};
    for (const QString &part : path.split(u'.')) {
        if (!node || node->kind != Node::Kind::Object)
            return {0, 0};
        const Node *next = nullptr;
        for (const Node::Item &item : node->items) {
            if (!item.opaque && item.key == part) {
                next = item.value.get();
                at = {item.keyLine, item.keyColumn};
            }
        }
        if (!next)
            return {0, 0};
        node = next;
    }
    return at;
}

QList<TextEdit> OptionsDocument::renameKey(const QString &objectPath, const QString &from, const QString &to) const
{
    if (!isValid() || !m_root || from == to || to.isEmpty())
        return {};
    const Node *node = m_root.get();
    if (!objectPath.isEmpty()) {
        for (const QString &part : objectPath.split(u'.')) {
            const Node *next = nullptr;
            if (node->kind == Node::Kind::Object)
                for (const Node::Item &item : node->items)
                    if (!item.opaque && item.key == part)
                        next = item.value.get();
            if (!next)
                return {};
            node = next;
        }
    }
    if (node->kind != Node::Kind::Object)
        return {};
    const Node::Item *found = nullptr;
    for (const Node::Item &item : node->items) {
        if (item.opaque)
            continue;
        if (item.key == to)
            return {}; // would make two keys of the same name
        if (item.key == from)
            found = &item;
    }
    if (!found || found->value->start == found->start) // shorthand { vus }: the key is the value
        return {};
    const QChar first = m_text.at(found->start);
    const bool quoted = first == u'\'' || first == u'"';
    QString written = isJsIdentifierName(to) && !quoted ? to : encodeJsString(to, quoted ? first : m_quote);
    return {{found->start, found->keyEnd, written}};
}

// --- writing ------------------------------------------------------------------------

namespace {

class Writer
{
public:
    Writer(const QString &text, QChar quote, const QString &unit)
        : m_text(text)
        , m_quote(quote)
        , m_unit(unit)
        , m_nl(text.contains(u"\r\n"_s) ? u"\r\n"_s : u"\n"_s)
    {
    }

    QString newline() const { return m_nl; }

    QList<TextEdit> edits;

    QString key(const QString &k) const { return isJsIdentifierName(k) ? k : encodeJsString(k, m_quote); }

    // `value` as JavaScript, for a value that starts on a line indented by `indent`.
    QString serialize(const QJsonValue &value, const QString &indent, bool expand = false) const
    {
        if (OptionsDocument::isExpression(value))
            return value.toObject().value(OptionsDocument::ExpressionKey).toString();
        switch (value.type()) {
        case QJsonValue::String:
            return encodeJsString(value.toString(), m_quote);
        case QJsonValue::Double:
            return numberText(value.toDouble());
        case QJsonValue::Bool:
            return value.toBool() ? u"true"_s : u"false"_s;
        case QJsonValue::Array: {
            const QJsonArray a = value.toArray();
            if (a.isEmpty())
                return u"[]"_s;
            const bool simple = std::all_of(a.begin(), a.end(), [](const QJsonValue &v) { return isScalar(v); });
            if (simple) {
                QStringList parts;
                for (const QJsonValue &v : a)
                    parts.append(serialize(v, indent));
                const QString inline_ = u"["_s + parts.join(u", "_s) + u"]"_s;
                if (inline_.size() <= 72)
                    return inline_;
            }
            QString out = u"["_s + m_nl;
            for (const QJsonValue &v : a)
                out += indent + m_unit + serialize(v, indent + m_unit) + u","_s + m_nl;
            return out + indent + u"]"_s;
        }
        case QJsonValue::Object: {
            const QJsonObject o = value.toObject();
            if (o.isEmpty())
                return u"{}"_s;
            const QStringList keys = orderedKeys(o);
            const bool simple = !expand && o.size() <= 4 &&
                                std::all_of(o.begin(), o.end(), [](const QJsonValue &v) { return isScalar(v); });
            if (simple) {
                QStringList parts;
                for (const QString &k : keys)
                    parts.append(key(k) + u": "_s + serialize(o.value(k), indent));
                const QString inline_ = u"{ "_s + parts.join(u", "_s) + u" }"_s;
                if (inline_.size() <= 72)
                    return inline_;
            }
            QString out = u"{"_s + m_nl;
            for (const QString &k : keys)
                out += indent + m_unit + key(k) + u": "_s + serialize(o.value(k), indent + m_unit) + u","_s + m_nl;
            return out + indent + u"}"_s;
        }
        case QJsonValue::Null:
        case QJsonValue::Undefined:
            break;
        }
        return u"null"_s;
    }

    void replace(const Node &node, const QJsonValue &wanted)
    {
        edits.append({node.start, node.end, serialize(wanted, indentOfLineAt(m_text, node.start))});
    }

    void diff(const Node &node, const QJsonValue &wanted)
    {
        if (OptionsDocument::isExpression(wanted)) {
            const QString source = wanted.toObject().value(OptionsDocument::ExpressionKey).toString();
            if (node.kind != Node::Kind::Expression || m_text.mid(node.start, node.end - node.start) != source)
                edits.append({node.start, node.end, source});
            return;
        }
        if (node.kind == Node::Kind::Object && wanted.isObject()) {
            diffObject(node, wanted.toObject());
            return;
        }
        if (node.kind == Node::Kind::Array && wanted.isArray()) {
            diffArray(node, wanted.toArray());
            return;
        }
        if (node.kind == Node::Kind::Literal && node.literal == wanted)
            return;
        if (node.kind == Node::Kind::Literal && node.literal.isString() && wanted.isString()) {
            // Keep the literal's own quotes.
            const QChar q = m_text.at(node.start);
            if (q != u'`' || (!wanted.toString().contains(u'`') && !wanted.toString().contains(u"${"_s))) {
                QString encoded = encodeJsString(wanted.toString(), q == u'`' ? m_quote : q);
                if (q == u'`')
                    encoded = u"`"_s + encoded.mid(1, encoded.size() - 2) + u"`"_s;
                edits.append({node.start, node.end, encoded});
                return;
            }
        }
        replace(node, wanted);
    }

    void diffObject(const Node &node, const QJsonObject &wanted)
    {
        std::vector<const Node::Item *> removed;
        QStringList present;
        for (const Node::Item &item : node.items) {
            if (item.opaque)
                continue;
            present.append(item.key);
            if (wanted.contains(item.key))
                diff(*item.value, wanted.value(item.key));
            else
                removed.push_back(&item);
        }
        QList<std::pair<QString, QString>> added; // key text, value as written at the member indentation
        const QString memberIndent = memberIndentFor(node);
        for (const QString &k : orderedKeys(wanted))
            if (!present.contains(k))
                added.append({key(k), serialize(wanted.value(k), memberIndent)});
        // A one-line object that grows a multi-line value is written anew (nothing in it but literals is lost).
        const bool oneLine = onSameLine(m_text, node.start, node.end);
        const bool grows = std::any_of(added.begin(), added.end(), [](const auto &a) { return a.second.contains(u'\n'); });
        const bool literalsOnly = std::none_of(node.items.begin(), node.items.end(), [](const Node::Item &item) {
            return item.opaque || item.value->kind == Node::Kind::Expression;
        });
        if (oneLine && grows && literalsOnly) {
            edits.erase(std::remove_if(edits.begin(), edits.end(),
                                       [&](const TextEdit &e) { return e.start >= node.start && e.end <= node.end; }),
                        edits.end());
            replace(node, wanted);
            return;
        }
        remove(node, removed);
        insert(node, removed, added, memberIndent);
    }

    // Elements are matched by value (longest common subsequence); between matches,
    // changed elements are edited in place, extra ones removed or inserted.
    void diffArray(const Node &node, const QJsonArray &wanted)
    {
        const int have = int(node.items.size());
        const int want = int(wanted.size());
        QList<QJsonValue> old;
        for (const Node::Item &item : node.items)
            old.append(toJson(m_text, *item.value));
        // The same elements in another order (a stage moved): each element's text moves, comments stay on their lines.
        if (have == want && have > 1) {
            QList<QJsonValue> a = old, b;
            for (const QJsonValue &v : wanted)
                b.append(v);
            auto less = [](const QJsonValue &x, const QJsonValue &y) {
                return QJsonDocument(QJsonArray{x}).toJson(QJsonDocument::Compact) <
                       QJsonDocument(QJsonArray{y}).toJson(QJsonDocument::Compact);
            };
            std::sort(a.begin(), a.end(), less);
            std::sort(b.begin(), b.end(), less);
            if (a == b && old != b) {
                std::vector<bool> used(size_t(have), false);
                for (int k = 0; k < have; ++k) {
                    if (old.at(k) == wanted.at(k) && !used[size_t(k)]) {
                        used[size_t(k)] = true;
                        continue;
                    }
                    int from = -1;
                    for (int j = 0; j < have && from < 0; ++j)
                        if (!used[size_t(j)] && old.at(j) == wanted.at(k) && old.at(j) != wanted.at(j))
                            from = j;
                    for (int j = 0; j < have && from < 0; ++j)
                        if (!used[size_t(j)] && old.at(j) == wanted.at(k))
                            from = j;
                    used[size_t(from)] = true;
                    const Node &source = *node.items[size_t(from)].value;
                    const Node &target = *node.items[size_t(k)].value;
                    edits.append({target.start, target.end, m_text.mid(source.start, source.end - source.start)});
                }
                return;
            }
        }
        std::vector<std::vector<int>> lcs(size_t(have + 1), std::vector<int>(size_t(want + 1), 0));
        for (int a = have - 1; a >= 0; --a)
            for (int b = want - 1; b >= 0; --b)
                lcs[size_t(a)][size_t(b)] = old.at(a) == wanted.at(b)
                                                ? lcs[size_t(a + 1)][size_t(b + 1)] + 1
                                                : std::max(lcs[size_t(a + 1)][size_t(b)], lcs[size_t(a)][size_t(b + 1)]);
        // The edit script: matches, deletions and insertions in order.
        struct Op { char kind; int a; int b; };
        std::vector<Op> ops;
        for (int a = 0, b = 0; a < have || b < want;) {
            if (a < have && b < want && old.at(a) == wanted.at(b)) {
                ops.push_back({'=', a++, b++});
            } else if (b >= want || (a < have && lcs[size_t(a + 1)][size_t(b)] >= lcs[size_t(a)][size_t(b + 1)])) {
                ops.push_back({'-', a++, -1});
            } else {
                ops.push_back({'+', -1, b++});
            }
        }
        std::vector<const Node::Item *> gone;
        QList<std::pair<QString, QString>> appended;
        const QString indent = memberIndentFor(node);
        const bool lines = !node.items.empty() && !onSameLine(m_text, node.start, node.items.front().start);
        size_t k = 0;
        while (k < ops.size()) {
            if (ops[k].kind == '=') {
                ++k;
                continue;
            }
            std::vector<int> dels, ins;
            while (k < ops.size() && ops[k].kind != '=') {
                if (ops[k].kind == '-')
                    dels.push_back(ops[k].a);
                else
                    ins.push_back(ops[k].b);
                ++k;
            }
            const size_t paired = std::min(dels.size(), ins.size());
            for (size_t p = 0; p < paired; ++p)
                diff(*node.items[size_t(dels[p])].value, wanted.at(ins[p]));
            for (size_t p = paired; p < dels.size(); ++p)
                gone.push_back(&node.items[size_t(dels[p])]);
            if (ins.size() > paired) {
                if (k < ops.size()) {
                    // Before the next kept element, in its place.
                    const Node::Item &next = node.items[size_t(ops[k].a)];
                    QString out;
                    for (size_t p = paired; p < ins.size(); ++p)
                        out += serialize(wanted.at(ins[p]), indent) + (lines ? u","_s + m_nl + indent : u", "_s);
                    edits.append({next.start, next.start, out});
                } else {
                    for (size_t p = paired; p < ins.size(); ++p)
                        appended.append({QString(), serialize(wanted.at(ins[p]), indent)});
                }
            }
        }
        remove(node, gone);
        insert(node, gone, appended, indent);
    }


    QString memberIndentFor(const Node &node) const
    {
        if (!node.items.empty() && !onSameLine(m_text, node.start, node.items.front().start))
            return indentOfLineAt(m_text, node.items.front().start);
        return indentOfLineAt(m_text, node.start) + m_unit;
    }

    bool multiline(const Node &node, const QList<std::pair<QString, QString>> &added) const
    {
        if (!node.items.empty())
            return !onSameLine(m_text, node.start, node.items.front().start);
        if (!onSameLine(m_text, node.start, node.close))
            return true;
        for (const auto &a : added)
            if (a.second.contains(u'\n'))
                return true;
        return added.size() > 2;
    }

    // After `pos`: spaces and a line comment up to the line break, if the line ends there.
    int endOfLineAfter(int pos, int limit) const
    {
        int k = pos;
        while (k < limit && (m_text.at(k) == u' ' || m_text.at(k) == u'\t'))
            ++k;
        if (k + 1 < limit && m_text.at(k) == u'/' && m_text.at(k + 1) == u'/') {
            while (k < limit && m_text.at(k) != u'\n')
                ++k;
        }
        if (k < limit && (m_text.at(k) == u'\n' || m_text.at(k) == u'\r'))
            return k;
        return -1;
    }

    // Items whose trailing comma a removal took (the next item on their line went).
    std::vector<const Node::Item *> m_commaTaken;

    void remove(const Node &node, const std::vector<const Node::Item *> &items)
    {
        for (const Node::Item *item : items) {
            int start = item->start;
            int end = item->commaEnd >= 0 ? item->commaEnd : item->value->end;
            const int lineStart = lineStartOf(m_text, start);
            const bool aloneOnLine = m_text.mid(lineStart, start - lineStart).trimmed().isEmpty();
            const int eol = endOfLineAfter(end, node.close);
            if (aloneOnLine && eol >= 0) {
                // The whole line (with a comment on it) goes.
                start = lineStart;
                end = eol + (m_text.at(eol) == u'\r' && eol + 1 < m_text.size() && m_text.at(eol + 1) == u'\n' ? 2 : 1);
            } else if (item->commaEnd < 0) {
                // The last item on a shared line: take the comma before it instead.
                const Node::Item *previous = nullptr;
                for (const Node::Item &other : node.items)
                    if (&other != item && other.commaEnd >= 0 && other.commaEnd <= item->start)
                        previous = &other;
                const bool previousStays =
                    previous && std::find(items.begin(), items.end(), previous) == items.end();
                if (previousStays) {
                    start = previous->commaStart;
                    m_commaTaken.push_back(previous);
                }
            } else {
                while (end < node.close && m_text.at(end) == u' ')
                    ++end;
            }
            edits.append({start, end, QString()});
        }
    }

    void insert(const Node &node, const std::vector<const Node::Item *> &removed,
                const QList<std::pair<QString, QString>> &added, const QString &indent)
    {
        if (added.isEmpty())
            return;
        auto entry = [](const std::pair<QString, QString> &a) {
            return a.first.isEmpty() ? a.second : a.first + u": "_s + a.second;
        };
        const Node::Item *anchor = nullptr;
        for (const Node::Item &item : node.items)
            if (std::find(removed.begin(), removed.end(), &item) == removed.end())
                anchor = &item;
        const bool lines = multiline(node, added);
        if (!anchor) {
            const bool emptyInside = node.items.empty() &&
                                     m_text.mid(node.start + 1, node.close - node.start - 1).trimmed().isEmpty();
            QString out;
            if (lines) {
                for (const auto &a : added)
                    out += m_nl + indent + entry(a) + u","_s;
                if (emptyInside)
                    out += m_nl + indentOfLineAt(m_text, node.start);
            } else {
                QStringList parts;
                for (const auto &a : added)
                    parts.append(entry(a));
                out = u" "_s + parts.join(u", "_s) + (emptyInside ? u" "_s : u","_s);
            }
            edits.append({node.start + 1, emptyInside ? node.close : node.start + 1, out});
            return;
        }
        const bool trailingComma =
            anchor->commaEnd >= 0 && std::find(m_commaTaken.begin(), m_commaTaken.end(), anchor) == m_commaTaken.end();
        const int after = trailingComma ? anchor->commaEnd : anchor->value->end;
        if (lines) {
            const int eol = endOfLineAfter(after, node.close);
            QString out;
            for (qsizetype k = 0; k < added.size(); ++k) {
                out += m_nl + indent + entry(added.at(k));
                if (trailingComma || k + 1 < added.size())
                    out += u","_s;
            }
            if (!trailingComma) {
                if (eol >= 0 && eol != after) {
                    edits.append({after, after, u","_s});
                } else {
                    out.prepend(u","_s);
                }
            }
            const int at = eol >= 0 ? eol : after;
            if (eol < 0)
                out += m_nl + indentOfLineAt(m_text, node.start);
            edits.append({at, at, out});
            return;
        }
        QStringList parts;
        for (const auto &a : added)
            parts.append(entry(a));
        if (trailingComma)
            edits.append({after, after, u" "_s + parts.join(u", "_s) + u","_s});
        else
            edits.append({after, after, u", "_s + parts.join(u", "_s)});
    }

private:
    const QString &m_text;
    QChar m_quote;
    QString m_unit;
    QString m_nl;
};

} // namespace

QList<TextEdit> OptionsDocument::editsFor(const QJsonObject &wanted) const
{
    if (!isValid() || m_optionsExpression)
        return {};
    Writer writer(m_text, m_quote, m_indentUnit);
    if (!m_root) {
        if (wanted.isEmpty())
            return {};
        const QString object = writer.serialize(QJsonValue(wanted), QString(), true);
        QString block = u"export const options = "_s + object + u";"_s;
        const QString nl = writer.newline();
        if (m_afterImports)
            block = nl + nl + block;
        else if (m_insertAt >= m_text.size())
            block = (m_text.isEmpty() || m_text.endsWith(u'\n') ? QString() : nl) + block + nl;
        else
            block += nl + nl;
        return {{m_insertAt, m_insertAt, block}};
    }
    writer.diff(*m_root, wanted);
    return writer.edits;
}

} // namespace stampede::studio
