// Editing operations (comments, brackets, find/replace), recovery files, sessions and templates.
#include "core/studio/edittools.h"
#include "core/studio/recovery.h"
#include "core/studio/session.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>

using namespace Qt::StringLiterals;
namespace studio = stampede::studio;

class TestEditTools : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void commentToggleSingleLine()
    {
        QTextDocument doc(u"  const a = 1;\nb();"_s);
        QTextCursor c(&doc);
        c.setPosition(3);
        QVERIFY(studio::toggleLineComments(c));
        QCOMPARE(doc.toPlainText(), u"  // const a = 1;\nb();"_s);
        QVERIFY(!studio::toggleLineComments(c));
        QCOMPARE(doc.toPlainText(), u"  const a = 1;\nb();"_s);
        doc.undo();
        QCOMPARE(doc.toPlainText(), u"  // const a = 1;\nb();"_s);
    }

    void commentToggleSelection()
    {
        QTextDocument doc(u"if (x) {\n    y();\n\n  z();\n}\nlast"_s);
        QTextCursor c(&doc);
        c.setPosition(0);
        c.setPosition(doc.findBlockByNumber(5).position(), QTextCursor::KeepAnchor); // ends at the start of "last"
        QVERIFY(studio::toggleLineComments(c));
        QCOMPARE(doc.toPlainText(), u"// if (x) {\n//     y();\n\n//   z();\n// }\nlast"_s);
        // Mixed lines comment everything; all commented uncomments.
        QVERIFY(!studio::toggleLineComments(c));
        QCOMPARE(doc.toPlainText(), u"if (x) {\n    y();\n\n  z();\n}\nlast"_s);
    }

    void bracketMatching()
    {
        QTextDocument doc(u"f(a[1], {b: (2)})"_s);
        auto m = studio::matchBracket(&doc, 1); // at "("
        QCOMPARE(m.bracket, 1);
        QCOMPARE(m.partner, 16);
        m = studio::matchBracket(&doc, 17); // just after the last ")"
        QCOMPARE(m.bracket, 16);
        QCOMPARE(m.partner, 1);
        m = studio::matchBracket(&doc, 3); // "["
        QCOMPARE(m.partner, 5);
        QTextDocument broken(u"g(("_s);
        m = studio::matchBracket(&broken, 1);
        QCOMPARE(m.bracket, 1);
        QCOMPARE(m.partner, -1);
        QCOMPARE(studio::matchBracket(&doc, 10).bracket, -1); // next to "b:" there is no bracket
    }

    void findWrapsAndReplaceAllWithRegex()
    {
        QTextDocument doc(u"http.get(a);\nhttp.get(b);\nhttp.post(c);"_s);
        studio::FindOptions o;
        QTextCursor from(&doc);
        from.movePosition(QTextCursor::End);
        const QTextCursor found = studio::findText(&doc, u"HTTP.GET"_s, from, o); // wraps, case-insensitive
        QVERIFY(!found.isNull());
        QCOMPARE(found.selectionStart(), 0);
        o.caseSensitive = true;
        QVERIFY(studio::findText(&doc, u"HTTP.GET"_s, from, o).isNull());

        o.regularExpression = true;
        QCOMPARE(studio::replaceAll(&doc, uR"(http\.(get|post)\((\w)\))"_s, u"client.\\1('$2')"_s, o), 3);
        QCOMPARE(doc.toPlainText(), u"client.get('a');\nclient.get('b');\nclient.post('c');"_s);
        QCOMPARE(studio::replaceAll(&doc, u"([unclosed"_s, u"x"_s, o), -1);
        doc.undo();
        QCOMPARE(doc.toPlainText(), u"http.get(a);\nhttp.get(b);\nhttp.post(c);"_s);

        // Plain text: regex characters are literal.
        studio::FindOptions plain;
        QCOMPARE(studio::replaceAll(&doc, u"get("_s, u"GET("_s, plain), 2);
    }

    void goToLineClamps()
    {
        QTextDocument doc(u"a\nb\nc"_s);
        QTextCursor c(&doc);
        QCOMPARE(studio::goToLine(c, 2), 2);
        QCOMPARE(c.position(), 2);
        QCOMPARE(studio::goToLine(c, 99), 3);
        QCOMPARE(studio::goToLine(c, 0), 1);
    }

    void recoveryStoreRoundTrip()
    {
        QTemporaryDir dir;
        studio::RecoveryStore store(dir.filePath(u"recovery"_s));
        QVERIFY(store.isEmpty());
        QVERIFY(store.write({u"one"_s, u"/tmp/a.js"_s, u"text ä"_s, {}}));
        QVERIFY(store.write({u"two"_s, {}, u"untitled"_s, {}}));
        auto entries = store.entries();
        QCOMPARE(entries.size(), 2);
        const auto one = std::find_if(entries.cbegin(), entries.cend(), [](const auto &e) { return e.id == u"one"_s; });
        QCOMPARE(one->filePath, u"/tmp/a.js"_s);
        QCOMPARE(one->text, u"text ä"_s);
        QVERIFY(one->saved.isValid());
        store.remove(u"one"_s);
        QCOMPARE(store.entries().size(), 1);
        store.clear();
        QVERIFY(store.isEmpty());
    }

    void sessionAndRecentProjects()
    {
        QTemporaryDir dir;
        QFile::copy(QStringLiteral(STAMPEDE_SOURCE_DIR "/resources/examples/hello.js"), dir.filePath(u"a.js"_s));
        QFile::copy(QStringLiteral(STAMPEDE_SOURCE_DIR "/resources/examples/hello.js"), dir.filePath(u"b.js"_s));
        QSettings settings(dir.filePath(u"s.ini"_s), QSettings::IniFormat);
        studio::Session s{dir.path(), {dir.filePath(u"a.js"_s), dir.filePath(u"gone.js"_s), dir.filePath(u"b.js"_s)}, 2};
        studio::saveSession(settings, s);
        const studio::Session loaded = studio::loadSession(settings);
        QCOMPARE(loaded.folder, dir.path());
        QCOMPARE(loaded.files, (QStringList{dir.filePath(u"a.js"_s), dir.filePath(u"b.js"_s)})); // missing files dropped
        QCOMPARE(loaded.current, 1); // still b.js

        for (int i = 0; i < 10; ++i) {
            QDir(dir.path()).mkdir(QString::number(i));
            studio::addRecentProject(settings, dir.filePath(QString::number(i)));
        }
        studio::addRecentProject(settings, dir.filePath(u"3"_s));
        const QStringList recent = studio::recentProjects(settings);
        QCOMPARE(recent.size(), studio::MaxRecentProjects);
        QCOMPARE(recent.first(), dir.filePath(u"3"_s));
        QCOMPARE(recent.at(1), dir.filePath(u"9"_s));
        QCOMPARE(recent.count(dir.filePath(u"3"_s)), 1);
    }

    void templatesLoadInTheEngine_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *t : {"smoke", "load-stages", "arrival-rate", "thresholds", "multi-scenario"})
            QTest::newRow(t) << QString::fromLatin1(t);
    }
    void templatesLoadInTheEngine()
    {
        QFETCH(QString, name);
        QString engine = qEnvironmentVariable("STAMPEDE_TEST_ENGINE");
        if (engine.isEmpty())
            engine = QStringLiteral(STAMPEDE_BIN_DIR "/stampede");
        if (!QFileInfo(engine).isExecutable())
            QSKIP("the stampede CLI is not built");
        QProcess p;
        p.start(engine, {u"inspect"_s, QStringLiteral(STAMPEDE_SOURCE_DIR "/resources/templates/") + name + u".js"_s});
        QVERIFY(p.waitForFinished(60000));
        const QByteArray out = p.readAllStandardOutput() + p.readAllStandardError();
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, out.constData());
        QVERIFY2(out.contains("\""), out.constData()); // the resolved options as JSON
    }
};

QTEST_GUILESS_MAIN(TestEditTools)
#include "tst_edittools.moc"
