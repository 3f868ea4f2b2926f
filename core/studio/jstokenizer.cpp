#include "core/studio/jstokenizer.h"

#include <QCoreApplication>

#include <array>

using namespace Qt::StringLiterals;

namespace stampede::studio {

namespace {

bool isIdentStart(QChar c)
{
    return c.isLetter() || c == u'_' || c == u'$' || c == u'\\' || c == u'#';
}

bool isIdentPart(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$' || c == u'\\' || c.category() == QChar::Mark_NonSpacing ||
           c == QChar(0x200c) || c == QChar(0x200d);
}

bool isLineBreak(QChar c)
{
    return c == u'\n' || c == u'\r' || c == QChar(0x2028) || c == QChar(0x2029);
}

// Words after which a '/' starts a regular expression rather than a division.
bool keywordBeforeExpression(QStringView word)
{
    static const std::array<QStringView, 16> words = {
        u"return", u"typeof", u"instanceof", u"in", u"of", u"new", u"delete", u"void",
        u"throw", u"case", u"do", u"else", u"yield", u"await", u"export", u"default"};
    for (QStringView w : words)
        if (w == word)
            return true;
    return false;
}

class Scanner
{
public:
    explicit Scanner(const QString &text)
        : m_text(text)
    {
    }

    JsTokenizeResult run()
    {
        JsTokenizeResult result;
        if (m_text.startsWith(u"#!"_s)) {
            while (m_pos < m_text.size() && !isLineBreak(m_text.at(m_pos)))
                ++m_pos;
        }
        const JsToken *previous = nullptr;
        while (true) {
            bool newline = false;
            if (!skipSpaceAndComments(newline))
                break;
            if (m_pos >= m_text.size())
                break;
            JsToken t;
            if (!scanToken(t, previous))
                break;
            t.newlineBefore = newline;
            result.tokens.append(t);
            previous = &result.tokens.last();
        }
        if (!m_error.isEmpty()) {
            result.ok = false;
            result.error = m_error;
            result.errorLine = m_errorLine;
            result.errorColumn = m_errorColumn;
        }
        return result;
    }

private:
    QChar at(qsizetype i) const { return i < m_text.size() ? m_text.at(i) : QChar(); }

    void advance()
    {
        const QChar c = m_text.at(m_pos);
        ++m_pos;
        if (c == u'\r' && at(m_pos) == u'\n')
            return; // the \n ends the line
        if (isLineBreak(c)) {
            ++m_line;
            m_lineStart = int(m_pos);
        }
    }

    void fail(const QString &message, int line, int column)
    {
        if (!m_error.isEmpty())
            return;
        m_error = message;
        m_errorLine = line;
        m_errorColumn = column;
    }

    int column() const { return int(m_pos) - m_lineStart + 1; }

    // False on an unterminated block comment.
    bool skipSpaceAndComments(bool &newline)
    {
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos);
            if (isLineBreak(c)) {
                newline = true;
                advance();
            } else if (c.isSpace() || c == QChar(0xfeff)) {
                advance();
            } else if (c == u'/' && at(m_pos + 1) == u'/') {
                while (m_pos < m_text.size() && !isLineBreak(m_text.at(m_pos)))
                    advance();
            } else if (c == u'/' && at(m_pos + 1) == u'*') {
                const int line = m_line, col = column();
                advance();
                advance();
                while (m_pos < m_text.size() && !(m_text.at(m_pos) == u'*' && at(m_pos + 1) == u'/')) {
                    if (isLineBreak(m_text.at(m_pos)))
                        newline = true;
                    advance();
                }
                if (m_pos >= m_text.size()) {
                    fail(QCoreApplication::translate("OptionsDocument", "unterminated comment"), line, col);
                    return false;
                }
                advance();
                advance();
            } else {
                break;
            }
        }
        return true;
    }

    bool regexAllowedAfter(const JsToken *previous) const
    {
        if (!previous)
            return true;
        switch (previous->kind) {
        case JsToken::Kind::Number:
        case JsToken::Kind::String:
        case JsToken::Kind::Template:
        case JsToken::Kind::Regex:
            return false;
        case JsToken::Kind::Identifier:
            return keywordBeforeExpression(QStringView(m_text).mid(previous->start, previous->end - previous->start));
        case JsToken::Kind::Punct: {
            const QChar c = m_text.at(previous->end - 1);
            return !(c == u')' || c == u']' || c == u'}');
        }
        }
        return true;
    }

    bool scanToken(JsToken &t, const JsToken *previous)
    {
        t.start = int(m_pos);
        t.line = m_line;
        t.column = column();
        const QChar c = m_text.at(m_pos);
        if (c == u'\'' || c == u'"') {
            t.kind = JsToken::Kind::String;
            advance();
            while (true) {
                if (m_pos >= m_text.size() || (isLineBreak(m_text.at(m_pos)))) {
                    fail(QCoreApplication::translate("OptionsDocument", "unterminated string"), t.line, t.column);
                    return false;
                }
                const QChar d = m_text.at(m_pos);
                if (d == u'\\') {
                    advance();
                    if (m_pos < m_text.size())
                        advance();
                    continue;
                }
                advance();
                if (d == c)
                    break;
            }
        } else if (c == u'`') {
            t.kind = JsToken::Kind::Template;
            if (!scanTemplate(t.line, t.column))
                return false;
        } else if (c.isDigit() || (c == u'.' && at(m_pos + 1).isDigit())) {
            t.kind = JsToken::Kind::Number;
            const bool hex = c == u'0' && (at(m_pos + 1) == u'x' || at(m_pos + 1) == u'X');
            while (m_pos < m_text.size()) {
                const QChar d = m_text.at(m_pos);
                if ((d == u'e' || d == u'E') && !hex && (at(m_pos + 1) == u'+' || at(m_pos + 1) == u'-')) {
                    advance();
                    advance();
                } else if (d.isLetterOrNumber() || d == u'_' || d == u'.') {
                    advance();
                } else {
                    break;
                }
            }
        } else if (isIdentStart(c)) {
            t.kind = JsToken::Kind::Identifier;
            advance();
            while (m_pos < m_text.size() && isIdentPart(m_text.at(m_pos)))
                advance();
        } else if (c == u'/' && regexAllowedAfter(previous)) {
            t.kind = JsToken::Kind::Regex;
            advance();
            bool inClass = false;
            while (true) {
                if (m_pos >= m_text.size() || isLineBreak(m_text.at(m_pos))) {
                    fail(QCoreApplication::translate("OptionsDocument", "unterminated regular expression"), t.line, t.column);
                    return false;
                }
                const QChar d = m_text.at(m_pos);
                advance();
                if (d == u'\\') {
                    if (m_pos < m_text.size() && !isLineBreak(m_text.at(m_pos)))
                        advance();
                } else if (d == u'[') {
                    inClass = true;
                } else if (d == u']') {
                    inClass = false;
                } else if (d == u'/' && !inClass) {
                    break;
                }
            }
            while (m_pos < m_text.size() && isIdentPart(m_text.at(m_pos)))
                advance();
        } else {
            t.kind = JsToken::Kind::Punct;
            static const std::array<QStringView, 12> multi = {u">>>=", u"...", u"===", u"!==", u"**=", u"=>",
                                                              u"==", u"!=", u"<=", u">=", u"&&", u"||"};
            static const std::array<QStringView, 4> more = {u"??", u"?.", u"++", u"--"};
            qsizetype length = 1;
            const QStringView rest = QStringView(m_text).mid(m_pos);
            for (QStringView m : multi)
                if (rest.startsWith(m)) {
                    length = m.size();
                    break;
                }
            if (length == 1)
                for (QStringView m : more)
                    if (rest.startsWith(m) && !(m == u"?." && at(m_pos + 2).isDigit())) {
                        length = m.size();
                        break;
                    }
            for (qsizetype i = 0; i < length; ++i)
                advance();
        }
        t.end = int(m_pos);
        return true;
    }

    // From the opening backtick to after the closing one, including ${...} parts.
    bool scanTemplate(int line, int col)
    {
        advance(); // `
        while (true) {
            if (m_pos >= m_text.size()) {
                fail(QCoreApplication::translate("OptionsDocument", "unterminated template literal"), line, col);
                return false;
            }
            const QChar d = m_text.at(m_pos);
            if (d == u'\\') {
                advance();
                if (m_pos < m_text.size())
                    advance();
                continue;
            }
            if (d == u'`') {
                advance();
                return true;
            }
            if (d == u'$' && at(m_pos + 1) == u'{') {
                advance();
                advance();
                if (!scanSubstitution(line, col))
                    return false;
                continue;
            }
            advance();
        }
    }

    // After "${": scans tokens up to and including the matching '}'.
    bool scanSubstitution(int line, int col)
    {
        int depth = 0;
        JsToken previous;
        bool havePrevious = false;
        while (true) {
            bool newline = false;
            if (!skipSpaceAndComments(newline))
                return false;
            if (m_pos >= m_text.size()) {
                fail(QCoreApplication::translate("OptionsDocument", "unterminated template literal"), line, col);
                return false;
            }
            const QChar c = m_text.at(m_pos);
            if (c == u'}' && depth == 0) {
                advance();
                return true;
            }
            JsToken t;
            if (!scanToken(t, havePrevious ? &previous : nullptr))
                return false;
            if (t.kind == JsToken::Kind::Punct && t.end - t.start == 1) {
                if (c == u'{')
                    ++depth;
                else if (c == u'}')
                    --depth;
            }
            previous = t;
            havePrevious = true;
        }
    }

    const QString &m_text;
    qsizetype m_pos = 0;
    int m_line = 1;
    int m_lineStart = 0;
    QString m_error;
    int m_errorLine = 0;
    int m_errorColumn = 0;
};

} // namespace

JsTokenizeResult tokenizeJs(const QString &text)
{
    return Scanner(text).run();
}

QString decodeJsString(QStringView literal)
{
    if (literal.size() < 2)
        return {};
    const QStringView body = literal.mid(1, literal.size() - 2);
    QString out;
    out.reserve(body.size());
    for (qsizetype i = 0; i < body.size(); ++i) {
        const QChar c = body.at(i);
        if (c != u'\\' || i + 1 >= body.size()) {
            out.append(c);
            continue;
        }
        const QChar e = body.at(++i);
        switch (e.unicode()) {
        case 'n': out.append(u'\n'); break;
        case 't': out.append(u'\t'); break;
        case 'r': out.append(u'\r'); break;
        case 'b': out.append(u'\b'); break;
        case 'f': out.append(u'\f'); break;
        case 'v': out.append(u'\v'); break;
        case '0': out.append(QChar(0)); break;
        case '\r':
            if (i + 1 < body.size() && body.at(i + 1) == u'\n')
                ++i;
            break;
        case '\n': break; // line continuation
        case 'x':
            if (i + 2 < body.size()) {
                out.append(QChar(body.mid(i + 1, 2).toUShort(nullptr, 16)));
                i += 2;
            }
            break;
        case 'u':
            if (i + 1 < body.size() && body.at(i + 1) == u'{') {
                const qsizetype close = body.indexOf(u'}', i + 2);
                if (close > 0) {
                    const char32_t cp = body.mid(i + 2, close - i - 2).toUInt(nullptr, 16);
                    out.append(QString::fromUcs4(&cp, 1));
                    i = close;
                }
            } else if (i + 4 < body.size()) {
                out.append(QChar(body.mid(i + 1, 4).toUShort(nullptr, 16)));
                i += 4;
            }
            break;
        default: out.append(e); break;
        }
    }
    return out;
}

QString encodeJsString(const QString &value, QChar quote)
{
    QString out;
    out.reserve(value.size() + 2);
    out.append(quote);
    for (const QChar c : value) {
        if (c == quote || c == u'\\') {
            out.append(u'\\');
            out.append(c);
        } else if (c == u'\n') {
            out.append(u"\\n"_s);
        } else if (c == u'\r') {
            out.append(u"\\r"_s);
        } else if (c == u'\t') {
            out.append(u"\\t"_s);
        } else if (c.unicode() < 0x20) {
            out.append(u"\\x"_s + QString::number(c.unicode(), 16).rightJustified(2, u'0'));
        } else {
            out.append(c);
        }
    }
    out.append(quote);
    return out;
}

bool isJsIdentifierName(const QString &name)
{
    if (name.isEmpty())
        return false;
    if (!(name.at(0).isLetter() || name.at(0) == u'_' || name.at(0) == u'$'))
        return false;
    for (const QChar c : name)
        if (!(c.isLetterOrNumber() || c == u'_' || c == u'$'))
            return false;
    return true;
}

} // namespace stampede::studio
