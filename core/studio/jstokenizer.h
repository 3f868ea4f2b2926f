#pragma once

#include <QList>
#include <QString>

namespace stampede::studio {

// A small JavaScript tokenizer: enough to find and take apart object literals in a
// script without executing it. It knows comments, strings, template literals (with
// nested ${...}), regular expression literals (told apart from division by the token
// before them), numbers, identifiers and punctuators. Comments are skipped.
struct JsToken
{
    enum class Kind { Identifier, Number, String, Template, Regex, Punct };
    Kind kind = Kind::Punct;
    int start = 0; // offset into the text (UTF-16 units, like QTextDocument positions)
    int end = 0;   // one past the last character
    int line = 1;  // 1-based
    int column = 1; // 1-based
    bool newlineBefore = false; // a line break between the previous token and this one
};

struct JsTokenizeResult
{
    QList<JsToken> tokens;
    bool ok = true;
    QString error; // e.g. "unterminated string"
    int errorLine = 0;
    int errorColumn = 0;
};

JsTokenizeResult tokenizeJs(const QString &text);

// The text of a token.
inline QStringView tokenText(const QString &text, const JsToken &t)
{
    return QStringView(text).mid(t.start, t.end - t.start);
}

// The value of a string literal token ('...' or "..."), escapes decoded.
QString decodeJsString(QStringView literal);
// `value` as a JavaScript string literal with `quote` (' or ").
QString encodeJsString(const QString &value, QChar quote);
// True if `name` can be written as an unquoted property name.
bool isJsIdentifierName(const QString &name);

} // namespace stampede::studio
