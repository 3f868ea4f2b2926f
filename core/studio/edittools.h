#pragma once

#include <QString>
#include <QTextCursor>

class QTextDocument;

namespace stampede::studio {

// Editing operations of the script editor that need no widget: they work on
// the QTextDocument (QtGui) the editor shows.

// Comments out the lines the cursor (or its selection) touches with "// ", or
// removes the comment markers when every non-blank line already has one.
// One undo step. Returns true if the lines are commented afterwards.
bool toggleLineComments(QTextCursor &cursor);

// The position of the bracket matching the one at `position` (or, failing
// that, just before it): ( [ { and their partners. Brackets inside strings and
// comments on the way are counted too; -1 when there is no partner.
struct BracketMatch
{
    int bracket = -1; // the bracket next to the cursor
    int partner = -1; // its partner, -1 if unmatched
};
BracketMatch matchBracket(const QTextDocument *document, int position);

struct FindOptions
{
    bool regularExpression = false;
    bool caseSensitive = false;
    bool wholeWords = false;
    bool backward = false;
    bool wrap = true;
};

// Finds the next match after `from` (before it when backward), wrapping around
// the document when asked. A null cursor when nothing matches or the pattern is invalid.
QTextCursor findText(const QTextDocument *document, const QString &pattern, const QTextCursor &from,
                     const FindOptions &options);

// The replacement text for `selected` matched by `pattern`: with regular
// expressions, \0..\9 and $0..$9 insert captured groups.
QString expandReplacement(const QString &selected, const QString &pattern, const QString &replacement,
                          const FindOptions &options);

// Replaces every match in one undo step; returns how many were replaced, or -1 for an invalid pattern.
int replaceAll(QTextDocument *document, const QString &pattern, const QString &replacement, const FindOptions &options);

// Moves `cursor` to the start of 1-based `line`, clamped to the document. Returns the line reached.
int goToLine(QTextCursor &cursor, int line);

} // namespace stampede::studio
