#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <memory>
#include <vector>

class QTextDocument;

namespace stampede::studio {

// One replacement in a text: [start, end) becomes `replacement`.
struct TextEdit
{
    int start = 0;
    int end = 0;
    QString replacement;
    bool operator==(const TextEdit &) const = default;
};

// Applies `edits` (non-overlapping) to `text`.
QString applyTextEdits(QString text, QList<TextEdit> edits);
// Applies `edits` to `document` in one edit block, so one Undo reverts them all.
void applyTextEdits(QTextDocument *document, QList<TextEdit> edits);

// The `export const options = { ... }` object of a k6 script, read without running
// the script and written back with minimal edits.
//
// The options become a QJsonObject. Values that are not literals (`__ENV.VUS || 10`,
// a spread, a function call, a template with ${}) appear as {"$expression": "<source>"};
// give the same marker back to keep them as they are. editsFor() compares the
// wanted options with what the text has and changes only what differs: the value
// spans of changed keys, new keys inserted with the object's indentation and
// style, removed keys taken out with their comma. Everything else stays byte-identical.
class OptionsDocument
{
public:
    static constexpr QLatin1StringView ExpressionKey{"$expression"};

    struct Node;

    OptionsDocument();
    ~OptionsDocument();
    OptionsDocument(OptionsDocument &&) noexcept;
    OptionsDocument &operator=(OptionsDocument &&) noexcept;

    static OptionsDocument parse(const QString &text);

    // False if the text cannot be read (then nothing may be written): see error*.
    bool isValid() const { return m_error.isEmpty(); }
    QString errorMessage() const { return m_error; }
    int errorLine() const { return m_errorLine; }
    int errorColumn() const { return m_errorColumn; }
    // "line:column: message"
    QString errorString() const;

    // True if the script exports an options object literal.
    bool hasOptions() const { return m_root != nullptr; }
    // True if `options` is exported but not as an object literal (e.g. a function call):
    // the panel cannot edit it.
    bool optionsAreExpression() const { return m_optionsExpression; }
    QJsonObject options() const;

    // The edits that turn the script's options into `wanted`. Empty when nothing
    // changes or the document is invalid or its options are not an object literal.
    QList<TextEdit> editsFor(const QJsonObject &wanted) const;

    // The edit that renames the key `from` of the object at `objectPath` ("" = the options,
    // "scenarios") to `to`, in place; the value and everything else stay. Empty if there is
    // no such key or `to` is taken.
    QList<TextEdit> renameKey(const QString &objectPath, const QString &from, const QString &to) const;

    // 1-based line and column of `path`'s key ("duration", "scenarios.browse.executor"),
    // or {0, 0} if it is not there.
    std::pair<int, int> locate(const QString &path) const;

    static bool isExpression(const QJsonValue &value);
    static QJsonValue expression(const QString &source);

private:
    QString m_text;
    QString m_error;
    int m_errorLine = 0;
    int m_errorColumn = 0;
    bool m_optionsExpression = false;
    std::unique_ptr<Node> m_root; // the options object literal
    int m_insertAt = 0;           // where a new options object goes when there is none
    bool m_afterImports = false;  // m_insertAt is the end of the last import
    QChar m_quote = u'\'';
    QString m_indentUnit = QStringLiteral("  ");
};

} // namespace stampede::studio
