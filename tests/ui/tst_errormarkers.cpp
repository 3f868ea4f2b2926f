// Error markers, offscreen with the real CLI: Run > Check Script and saving check the
// script; a syntax error on line N puts a marker on line N (gutter dot, wavy underline,
// tooltip) and a row in the Problems list; markers follow edits; activating a problem
// in an imported module opens that file at the line.
#include "core/studio/document.h"
#include "ui/editor/codeeditor.h"
#include "ui/editor/problemspane.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/mainwindow/prompts.h"
#include "ui/options/optionspanel.h"
#include "tests/ui/quietprompts.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QToolTip>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using stampede::studio::CheckResult;
using stampede::studio::ScriptChecker;
using stampede::ui::CodeEditor;
using stampede::ui::MainWindow;

namespace {

bool writeFile(const QString &path, const QString &text)
{
    QFile f(path);
    const QByteArray bytes = text.toUtf8();
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

void saveScreenshot(QWidget *w, const QString &name)
{
    const QPixmap shot = w->grab();
    const QString dir = QStringLiteral(STAMPEDE_SCREENSHOT_DIR);
    if (shot.isNull() || !QDir().mkpath(dir) || !shot.save(dir + u'/' + name))
        qWarning("could not write the screenshot %s to %s", qPrintable(name), qPrintable(dir));
}

// Lines (1-based) that carry a wavy underline in the editor's extra selections.
QList<int> underlinedLines(const CodeEditor *editor)
{
    QList<int> lines;
    for (const QTextEdit::ExtraSelection &s : editor->extraSelections())
        if (s.format.underlineStyle() == QTextCharFormat::WaveUnderline)
            lines.append(s.cursor.block().blockNumber() + 1);
    return lines;
}

const QString kScript = uR"JS(import http from 'k6/http';
import { sleep } from 'k6';

export const options = {
  vus: 2,
  duration: '10s',
};

export default function () {
  const res = http.get('http://127.0.0.1:9/');
  if (res.status === 200 {
    sleep(1);
  }
}
)JS"_s;

} // namespace

class TestErrorMarkers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_window = std::make_unique<MainWindow>();
        m_window->setPrompts(std::make_unique<QuietPrompts>());
        m_window->setSettings(std::make_unique<QSettings>(m_dir->filePath(u"settings.ini"_s), QSettings::IniFormat));
        m_window->setRecoveryDirectory(m_dir->filePath(u"recovery"_s));
        m_window->scriptChecker()->setEnginePath(QStringLiteral(STAMPEDE_BIN_DIR "/stampede"));
        m_window->resize(1280, 800);
        m_window->show();
    }

    void cleanup() { m_window.reset(); }

    CheckResult waitForCheck(QSignalSpy &spy)
    {
        if (spy.isEmpty())
            spy.wait(30000);
        if (spy.isEmpty())
            return {};
        return spy.takeFirst().at(0).value<CheckResult>();
    }

    void aSyntaxErrorPutsAMarkerOnItsLine()
    {
        const QString path = m_dir->filePath(u"script.js"_s);
        QVERIFY(writeFile(path, kScript));
        QVERIFY(m_window->openFile(path));
        CodeEditor *editor = m_window->editor();
        QSignalSpy spy(m_window->scriptChecker(), &ScriptChecker::finished);
        m_window->checkAction()->trigger();
        const CheckResult result = waitForCheck(spy);
        QCOMPARE(result.outcome, CheckResult::Outcome::Problems);

        // Line 11: `if (res.status === 200 {`
        QCOMPARE(editor->markedLines(), QList<int>{11});
        QCOMPARE(underlinedLines(editor), QList<int>{11});
        QVERIFY(editor->markerToolTip(10).isEmpty());
        // Hovering the line shows the message.
        {
            QTextCursor at(editor->document()->findBlockByNumber(10));
            const QPoint pos = editor->cursorRect(at).center() + QPoint(40, 0);
            QHelpEvent help(QEvent::ToolTip, pos, editor->viewport()->mapToGlobal(pos));
            QApplication::sendEvent(editor->viewport(), &help);
            QTRY_VERIFY(QToolTip::isVisible());
            QVERIFY2(QToolTip::text().contains(u"SyntaxError"_s), qPrintable(QToolTip::text()));
            QToolTip::hideText();
        }
        QVERIFY2(editor->markerToolTip(11).contains(u"SyntaxError"_s), qPrintable(editor->markerToolTip(11)));
        QCOMPARE(editor->markers().front().diagnostic.column, 26);
        QCOMPARE(editor->markers().front().range.selectedText(), u"{"_s);
        // The Problems list has the row, and it is visible.
        QTreeWidget *list = m_window->problemsPane()->list();
        QCOMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(1), u"script.js"_s);
        QCOMPARE(list->topLevelItem(0)->text(2), u"11:26"_s);
        QVERIFY(m_window->problemsDock()->isVisible());
        QVERIFY(m_window->statusText().contains(u"1 problem"_s));
        // The options form cannot read this text either, and says where it stops.
        QVERIFY2(m_window->optionsPanel()->statusText().contains(u"line 11, column 6"_s),
                 qPrintable(m_window->optionsPanel()->statusText()));
        QVERIFY(!m_window->optionsPanel()->isEditable());

        // Activating the row puts the cursor on the line and column.
        editor->moveCursor(QTextCursor::Start);
        Q_EMIT list->itemActivated(list->topLevelItem(0), 0);
        QCOMPARE(editor->textCursor().blockNumber() + 1, 11);
        QCOMPARE(editor->textCursor().positionInBlock() + 1, 26);
        // The cursor elsewhere, so the screenshot shows the marker and not the bracket highlight.
        editor->goToLine(5);
        QApplication::processEvents();
        saveScreenshot(m_window.get(), u"error-marker.png"_s);
        saveScreenshot(editor, u"error-marker-editor.png"_s);
        {
            // Line 11 up close: the wavy underline under the '{'.
            QTextCursor at(editor->document()->findBlockByNumber(10));
            const QRect line = editor->cursorRect(at);
            const QPixmap zoom = editor->viewport()->grab(QRect(0, line.top() - 2, 300, line.height() + 6));
            zoom.scaled(zoom.size() * 3).save(QStringLiteral(STAMPEDE_SCREENSHOT_DIR) + u"/error-marker-zoom.png"_s);
        }

        // A line inserted above moves the marker down with its line.
        QTextCursor top(editor->document());
        top.insertText(u"// a new first line\n"_s);
        QCOMPARE(editor->markedLines(), QList<int>{12});
        QCOMPARE(underlinedLines(editor), QList<int>{12});
        // Editing the marked line itself clears its marker.
        QTextCursor fix(editor->document()->findBlockByNumber(11));
        fix.movePosition(QTextCursor::EndOfBlock);
        fix.movePosition(QTextCursor::Left, QTextCursor::MoveAnchor, 2);
        fix.insertText(u")"_s);
        QCOMPARE(editor->document()->findBlockByNumber(11).text(), u"  if (res.status === 200) {"_s);
        QVERIFY(editor->markedLines().isEmpty());
        QVERIFY(underlinedLines(editor).isEmpty());

        // Saving checks again: no problems now, and the list says so.
        QVERIFY(m_window->save());
        const CheckResult clean = waitForCheck(spy);
        QCOMPARE(clean.outcome, CheckResult::Outcome::Ok);
        QVERIFY2(m_window->statusText().startsWith(u"Saved"_s), qPrintable(m_window->statusText()));
        QCOMPARE(list->topLevelItemCount(), 0);
        QVERIFY(m_window->problemsPane()->statusText().contains(u"No problems"_s));
    }

    void anErrorInAnImportedModuleOpensThatFile()
    {
        const QString path = m_dir->filePath(u"main.js"_s);
        const QString lib = m_dir->filePath(u"lib.js"_s);
        QVERIFY(writeFile(lib, u"export function helper() {\n  return 1 +;\n}\n"_s));
        QVERIFY(writeFile(path, u"import { helper } from './lib.js';\n\nexport default function () {\n  helper();\n}\n"_s));
        QVERIFY(m_window->openFile(path));
        QSignalSpy spy(m_window->scriptChecker(), &ScriptChecker::finished);
        m_window->checkScript();
        QCOMPARE(waitForCheck(spy).outcome, CheckResult::Outcome::Problems);
        QTreeWidget *list = m_window->problemsPane()->list();
        QCOMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(1), u"lib.js"_s);
        // The script itself has no marker: the problem is elsewhere.
        QVERIFY(m_window->editor()->markedLines().isEmpty());
        Q_EMIT list->itemActivated(list->topLevelItem(0), 0);
        QCOMPARE(m_window->tabCount(), 2);
        QCOMPARE(m_window->document()->filePath(), lib);
        QCOMPARE(m_window->editor()->markedLines(), QList<int>{2});
        QCOMPARE(m_window->editor()->textCursor().blockNumber() + 1, 2);
    }

    void anInvalidOptionIsMarkedOnItsKey()
    {
        const QString path = m_dir->filePath(u"opts.js"_s);
        QVERIFY(writeFile(path, u"export const options = {\n  vus: 1,\n  duration: '10x',\n};\nexport default function () {}\n"_s));
        QVERIFY(m_window->openFile(path));
        QSignalSpy spy(m_window->scriptChecker(), &ScriptChecker::finished);
        m_window->checkScript();
        QCOMPARE(waitForCheck(spy).outcome, CheckResult::Outcome::Problems);
        QCOMPARE(m_window->editor()->markedLines(), QList<int>{3});
        QVERIFY(m_window->editor()->markerToolTip(3).contains(u"invalid option \"duration\""_s));
    }

    void anUntitledScriptIsCheckedToo()
    {
        m_window->document()->setText(u"const a = 1;\n\nthrow new Error('not yet');\nexport default function () {}\n"_s);
        QSignalSpy spy(m_window->scriptChecker(), &ScriptChecker::finished);
        m_window->checkScript();
        QCOMPARE(waitForCheck(spy).outcome, CheckResult::Outcome::Problems);
        QCOMPARE(m_window->editor()->markedLines(), QList<int>{3});
        QCOMPARE(m_window->problemsPane()->list()->topLevelItem(0)->text(1), u"Untitled"_s);
        QVERIFY(m_window->problemsPane()->list()->topLevelItem(0)->text(0).contains(u"not yet"_s));
    }

    void dataFilesAreNotChecked()
    {
        const QString path = m_dir->filePath(u"users.json"_s);
        QVERIFY(writeFile(path, u"[{\"name\": \"a\"}]\n"_s));
        QVERIFY(m_window->openFile(path));
        m_window->document()->setText(u"[{\"name\": \"b\"}]\n"_s);
        QVERIFY(m_window->save());
        QVERIFY(!m_window->scriptChecker()->isBusy()); // saving a data file starts no check
        QVERIFY(m_window->optionsPanel()->textDocument() == nullptr);
        QVERIFY(!m_window->optionsPanel()->isEditable());
        // Asked for explicitly, the check runs (and says what the engine thinks of it).
        m_window->checkScript();
        QVERIFY(m_window->scriptChecker()->isBusy());
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestErrorMarkers)
#include "tst_errormarkers.moc"
