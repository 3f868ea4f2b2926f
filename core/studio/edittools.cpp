#include "core/studio/edittools.h"

#include <QRegularExpression>

#include <climits>
#include <QTextBlock>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace stampede::studio {

namespace {
int indentOf(const QString &line)
{
    int i = 0;
    while (i < line.size() && (line.at(i) == u' ' || line.at(i) == u'\t'))
        ++i;
    return i;
}

QRegularExpression regexFor(const QString &pattern, const FindOptions &options)
{
    QString p = options.regularExpression ? pattern : QRegularExpression::escape(pattern);
    if (options.wholeWords)
        p = u"\\b(?:"_s + p + u")\\b"_s;
    QRegularExpression re(p, options.caseSensitive ? QRegularExpression::NoPatternOption
                                                   : QRegularExpression::CaseInsensitiveOption);
    return re;
}
} // namespace

bool toggleLineComments(QTextCursor &cursor)
{
    QTextDocument *doc = cursor.document();
    if (!doc)
        return false;
    int startPos = cursor.selectionStart();
    int endPos = cursor.selectionEnd();
    QTextBlock first = doc->findBlock(startPos);
    QTextBlock last = doc->findBlock(endPos);
    // A selection ending at the start of a line does not include that line.
    if (cursor.hasSelection() && last != first && endPos == last.position())
        last = last.previous();

    bool allCommented = true;
    int minIndent = INT_MAX;
    for (QTextBlock b = first; b.isValid(); b = b.next()) {
        const QString text = b.text();
        if (!text.trimmed().isEmpty()) {
            const int indent = indentOf(text);
            minIndent = qMin(minIndent, indent);
            if (!QStringView(text).mid(indent).startsWith(u"//"))
                allCommented = false;
        }
        if (b == last)
            break;
    }
    if (minIndent == INT_MAX) // only blank lines
        return false;

    QTextCursor edit(doc);
    edit.beginEditBlock();
    for (QTextBlock b = first; b.isValid(); b = b.next()) {
        const QString text = b.text();
        if (!text.trimmed().isEmpty()) {
            if (allCommented) {
                const int indent = indentOf(text);
                const int len = QStringView(text).mid(indent).startsWith(u"// ") ? 3 : 2;
                edit.setPosition(b.position() + indent);
                edit.setPosition(b.position() + indent + len, QTextCursor::KeepAnchor);
                edit.removeSelectedText();
            } else {
                edit.setPosition(b.position() + minIndent);
                edit.insertText(u"// "_s);
            }
        }
        if (b == last)
            break;
    }
    edit.endEditBlock();
    return !allCommented;
}

BracketMatch matchBracket(const QTextDocument *document, int position)
{
    static const QString opening = u"([{"_s;
    static const QString closing = u")]}"_s;
    BracketMatch result;
    if (!document)
        return result;
    auto charAt = [document](int pos) { return document->characterAt(pos); };
    int at = -1;
    for (int candidate : {position, position - 1}) {
        const QChar c = charAt(candidate);
        if (candidate >= 0 && (opening.contains(c) || closing.contains(c))) {
            at = candidate;
            break;
        }
    }
    if (at < 0)
        return result;
    result.bracket = at;
    const QChar c = charAt(at);
    const bool forward = opening.contains(c);
    const QChar partner = forward ? closing.at(opening.indexOf(c)) : opening.at(closing.indexOf(c));
    const int end = document->characterCount();
    int depth = 0;
    for (int pos = at; pos >= 0 && pos < end; pos += forward ? 1 : -1) {
        const QChar ch = charAt(pos);
        if (ch == c) {
            ++depth;
        } else if (ch == partner) {
            if (--depth == 0) {
                result.partner = pos;
                break;
            }
        }
    }
    return result;
}

QTextCursor findText(const QTextDocument *document, const QString &pattern, const QTextCursor &from,
                     const FindOptions &options)
{
    if (!document || pattern.isEmpty())
        return {};
    const QRegularExpression re = regexFor(pattern, options);
    if (!re.isValid())
        return {};
    QTextDocument::FindFlags flags;
    if (options.backward)
        flags |= QTextDocument::FindBackward;
    if (options.caseSensitive)
        flags |= QTextDocument::FindCaseSensitively;
    QTextCursor found = document->find(re, from, flags);
    if (found.isNull() && options.wrap) {
        QTextCursor restart(const_cast<QTextDocument *>(document));
        restart.movePosition(options.backward ? QTextCursor::End : QTextCursor::Start);
        found = document->find(re, restart, flags);
    }
    return found;
}

QString expandReplacement(const QString &selected, const QString &pattern, const QString &replacement,
                          const FindOptions &options)
{
    if (!options.regularExpression)
        return replacement;
    const QRegularExpression re = regexFor(pattern, options);
    const QRegularExpressionMatch m = re.match(selected);
    if (!m.hasMatch())
        return replacement;
    QString out;
    for (qsizetype i = 0; i < replacement.size(); ++i) {
        const QChar c = replacement.at(i);
        if ((c == u'\\' || c == u'$') && i + 1 < replacement.size() && replacement.at(i + 1).isDigit()) {
            out += m.captured(replacement.at(i + 1).digitValue());
            ++i;
        } else if (c == u'\\' && i + 1 < replacement.size()) {
            const QChar n = replacement.at(++i);
            out += n == u'n' ? QChar(u'\n') : n == u't' ? QChar(u'\t') : n;
        } else {
            out += c;
        }
    }
    return out;
}

int replaceAll(QTextDocument *document, const QString &pattern, const QString &replacement, const FindOptions &options)
{
    if (!document || pattern.isEmpty())
        return 0;
    const QRegularExpression re = regexFor(pattern, options);
    if (!re.isValid())
        return -1;
    QTextDocument::FindFlags flags;
    if (options.caseSensitive)
        flags |= QTextDocument::FindCaseSensitively;
    int count = 0;
    QTextCursor edit(document);
    edit.beginEditBlock();
    QTextCursor found = document->find(re, 0, flags);
    while (!found.isNull()) {
        const bool empty = !found.hasSelection();
        found.insertText(expandReplacement(found.selectedText(), pattern, replacement, options));
        ++count;
        if (empty && !found.movePosition(QTextCursor::NextCharacter))
            break; // an empty match must not loop forever
        found = document->find(re, found, flags);
    }
    edit.endEditBlock();
    return count;
}

int goToLine(QTextCursor &cursor, int line)
{
    QTextDocument *doc = cursor.document();
    if (!doc)
        return 0;
    const int target = qBound(1, line, doc->blockCount());
    cursor.setPosition(doc->findBlockByNumber(target - 1).position());
    return target;
}

} // namespace stampede::studio
