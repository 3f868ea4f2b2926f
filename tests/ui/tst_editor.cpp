#include "core/studio/document.h"
#include "core/studio/exitcodes.h"
#include "core/studio/runcontroller.h"
#include "tests/ui/mainwindowsetup.h"
#include "translations/i18n.h"
#include "ui/editor/codeeditor.h"
#include "ui/editor/syntaxrepository.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/mainwindow/prompts.h"
#include "ui/run/outputpane.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/Theme>

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QTimer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTranslator>

using namespace Qt::StringLiterals;
using stampede::ui::MainWindow;
using stampede::ui::Prompts;
using stampede::test::realEngine;
using stampede::test::ScriptedPrompts;
using stampede::test::saveScreenshot;
using stampede::test::showMainWindow;

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The format the highlighter put on the character at `column` of `block`.
QTextCharFormat formatAt(const QTextBlock &block, int column)
{
    const QList<QTextLayout::FormatRange> ranges = block.layout()->formats();
    for (const QTextLayout::FormatRange &r : ranges)
        if (column >= r.start && column < r.start + r.length)
            return r.format;
    return {};
}

QString writeEngine(const QTemporaryDir &dir, const QByteArray &body)
{
    const QString path = dir.filePath(u"fake-stampede"_s);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write("#!/bin/sh\n" + body);
    f.close();
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
}

// A tiny HTTP/1.1 server answering every request with 200 "ok" (keep-alive).
class OkServer : public QObject
{
public:
    OkServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
                    qsizetype end;
                    while ((end = buffer.indexOf("\r\n\r\n")) >= 0) {
                        buffer.remove(0, end + 4);
                        socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok");
                    }
                    socket->setProperty("buffer", buffer);
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    QString url() const { return u"http://127.0.0.1:%1/"_s.arg(m_server.serverPort()); }

private:
    QTcpServer m_server;
};

} // namespace

class TestEditor : public QObject
{
    Q_OBJECT

    // A window that answers with `choice` and runs `engine` (if one is given).
    std::unique_ptr<MainWindow> makeWindow(Prompts::SaveChoice choice, const QString &engine = {})
    {
        return stampede::test::makeMainWindow(
            std::make_unique<ScriptedPrompts>(&m_log, ScriptedPrompts::Answers{.save = choice}), m_dir->path(), engine);
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_script = m_dir->filePath(u"hello.js"_s);
        QVERIFY(QFile::copy(QStringLiteral(STAMPEDE_SOURCE_DIR "/resources/examples/hello.js"), m_script));
        QFile::setPermissions(m_script, QFile::ReadOwner | QFile::WriteOwner);
        m_log = {};
    }

    void javascriptDefinitionIsCompiledIn()
    {
        auto &repo = stampede::ui::syntaxRepository();
        QVERIFY2(repo.definitionForName(u"JavaScript"_s).isValid(),
                 "the static KSyntaxHighlighting lost its embedded syntax definitions");
        QVERIFY(repo.defaultTheme(KSyntaxHighlighting::Repository::LightTheme).isValid());
        QVERIFY(repo.defaultTheme(KSyntaxHighlighting::Repository::DarkTheme).isValid());
    }

    void opensAndHighlightsScript()
    {
        auto w = makeWindow(Prompts::SaveChoice::Cancel);
        QVERIFY(w->openFile(m_script));
        QVERIFY(showMainWindow(w.get()));

        QCOMPARE(w->editor()->syntaxName(), u"JavaScript"_s);
        QVERIFY(!w->editor()->themeName().isEmpty());
        QCOMPARE(w->editor()->toPlainText(), QString::fromUtf8(readFile(m_script)));

        // Line 1: import http from 'k6/http';
        const QTextBlock first = w->editor()->document()->firstBlock();
        QCOMPARE(first.text(), u"import http from 'k6/http';"_s);
        QTRY_VERIFY(!first.layout()->formats().isEmpty());
        const QTextCharFormat keyword = formatAt(first, 0);                         // "import"
        const QTextCharFormat string = formatAt(first, int(first.text().indexOf(u"'k6"_s)) + 1); // 'k6/http'
        QVERIFY(keyword.hasProperty(QTextFormat::ForegroundBrush) || keyword.fontWeight() != QFont::Normal);
        QVERIFY(string.hasProperty(QTextFormat::ForegroundBrush));
        QVERIFY2(keyword.foreground() != string.foreground() || keyword.fontWeight() != string.fontWeight(),
                 "keyword and string are formatted alike");
    }

    void dirtyStateFollowsEditsAndSave()
    {
        auto w = makeWindow(Prompts::SaveChoice::Cancel);
        QVERIFY(w->openFile(m_script));
        QVERIFY(showMainWindow(w.get()));

        QVERIFY(!w->document()->isModified());
        QVERIFY(!w->isWindowModified());
        QVERIFY(w->windowTitle().contains(u"hello.js"_s));
        QVERIFY(w->windowTitle().contains(u"[*]"_s));

        w->editor()->setFocus();
        w->editor()->moveCursor(QTextCursor::End);
        QTest::keyClicks(w->editor(), u"// edited"_s);
        QVERIFY(w->document()->isModified());
        QVERIFY(w->isWindowModified());

        QVERIFY(w->save());
        QVERIFY(!w->document()->isModified());
        QVERIFY(!w->isWindowModified());
        QVERIFY(readFile(m_script).endsWith("// edited"));
        QVERIFY(m_log.errors.isEmpty());
    }

    void closeWithUnsavedChangesAsks_data()
    {
        QTest::addColumn<int>("choice");
        QTest::addColumn<bool>("closes");
        QTest::addColumn<bool>("savedToDisk");
        QTest::newRow("cancel") << int(Prompts::SaveChoice::Cancel) << false << false;
        QTest::newRow("discard") << int(Prompts::SaveChoice::Discard) << true << false;
        QTest::newRow("save") << int(Prompts::SaveChoice::Save) << true << true;
    }
    void closeWithUnsavedChangesAsks()
    {
        QFETCH(int, choice);
        QFETCH(bool, closes);
        QFETCH(bool, savedToDisk);
        const QByteArray original = readFile(m_script);

        auto w = makeWindow(Prompts::SaveChoice(choice));
        QVERIFY(w->openFile(m_script));
        QVERIFY(showMainWindow(w.get()));

        // Clean: no question.
        QVERIFY(w->close());
        QVERIFY(m_log.saveQuestions.isEmpty());
        w->show();

        w->editor()->moveCursor(QTextCursor::End);
        QTest::keyClicks(w->editor(), u"x"_s);
        QCOMPARE(w->close(), closes);
        QCOMPARE(m_log.saveQuestions, QStringList{u"hello.js"_s});
        QCOMPARE(w->isVisible(), !closes);
        QCOMPARE(readFile(m_script), savedToDisk ? original + "x" : original);
        if (!closes) {
            QVERIFY(w->document()->isModified());
            QVERIFY(w->editor()->toPlainText().endsWith(u"x"_s)); // nothing lost
        }
    }

    void closeWithRealMessageBoxCancel()
    {
        // The real dialog: answer it with a timer, pressing Escape (= Cancel).
        MainWindow w;
        QVERIFY(w.openFile(m_script));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.editor()->moveCursor(QTextCursor::End);
        QTest::keyClicks(w.editor(), u"y"_s);
        bool sawDialog = false;
        QTimer::singleShot(200, &w, [&sawDialog] {
            QWidget *box = QApplication::activeModalWidget();
            if (!box)
                return;
            sawDialog = true;
            QTest::keyClick(box, Qt::Key_Escape);
        });
        QVERIFY(!w.close());
        QVERIFY(sawDialog);
        QVERIFY(w.document()->isModified());
        w.document()->setModified(false); // let the window go without another dialog
    }

    void newOpensATabAndKeepsChanges()
    {
        auto w = makeWindow(Prompts::SaveChoice::Cancel);
        QVERIFY(w->openFile(m_script));
        QCOMPARE(w->tabCount(), 1); // the empty untitled tab was reused
        w->editor()->moveCursor(QTextCursor::End);
        QTest::keyClicks(w->editor(), u"z"_s);
        QVERIFY(w->tabTitle(0).contains(u"●"_s));
        w->newFile();
        QCOMPARE(w->tabCount(), 2);
        QVERIFY(m_log.saveQuestions.isEmpty()); // nothing is dropped, so nothing to ask
        QVERIFY(w->document()->isUntitled());
        QVERIFY(w->documentAt(0)->text().endsWith(u"z"_s));
        QVERIFY(w->documentAt(0)->isModified());
        // Closing the changed tab asks; Cancel keeps it.
        QVERIFY(!w->closeTab(0));
        QCOMPARE(m_log.saveQuestions.size(), 1);
        QCOMPARE(w->tabCount(), 2);
        // Opening the same file again switches to its tab.
        w->setCurrentTab(1);
        QVERIFY(w->openFile(m_script));
        QCOMPARE(w->tabCount(), 2);
        QCOMPARE(w->currentTab(), 0);
        w->document()->setModified(false);
    }

    void openErrorIsShownAndBufferKept()
    {
        auto w = makeWindow(Prompts::SaveChoice::Cancel);
        QVERIFY(w->openFile(m_script));
        const QString missing = m_dir->filePath(u"missing.js"_s);
        QVERIFY(!w->openFile(missing));
        QCOMPARE(m_log.errors.size(), 1);
        QVERIFY(m_log.errors.at(0).contains(missing));
        QCOMPARE(w->document()->filePath(), QFileInfo(m_script).absoluteFilePath());
        QVERIFY(w->statusText().contains(missing));
    }

    void runSavesFirstStreamsOutputAndReportsExitCode()
    {
        // The fake engine prints its script (so we see what was saved) and fails thresholds.
        const QString engine = writeEngine(*m_dir, "echo \"engine: $1\"\nfor a; do last=$a; done\ncat \"$last\"\necho 'boom' >&2\nexit 99\n");
        auto w = makeWindow(Prompts::SaveChoice::Cancel, engine);
        QVERIFY(w->openFile(m_script));
        w->show();
        w->editor()->moveCursor(QTextCursor::End);
        QTest::keyClicks(w->editor(), u"// unsaved edit"_s);
        QVERIFY(w->runAction()->isEnabled());
        QVERIFY(!w->stopAction()->isEnabled());

        w->runAction()->trigger();
        QVERIFY(!w->document()->isModified()); // saved before running
        QTRY_COMPARE_WITH_TIMEOUT(w->runController()->state(), stampede::studio::RunController::State::Idle, 10000);
        QTRY_VERIFY(w->statusText().contains(u"Thresholds failed"_s));
        QVERIFY(w->statusText().contains(u"99"_s));

        const QString out = w->outputPane()->toPlainText();
        QVERIFY2(out.contains(u"engine: run"_s), qPrintable(out));
        QVERIFY2(out.contains(u"// unsaved edit"_s), qPrintable(out));
        QVERIFY(out.contains(u"boom"_s));
        QVERIFY(out.contains(stampede::studio::explainExitCode(99)));
        QVERIFY(w->runAction()->isEnabled());
    }

    void stopEndsRunAndStaysResponsive()
    {
        // Floods output, then hangs: the window must keep processing events,
        // and Stop must end it.
        const QString engine = writeEngine(
            *m_dir, "i=0\nwhile [ $i -lt 20000 ]; do echo \"line $i of a chatty load test\"; i=$((i+1)); done\nexec sleep 30\n");
        auto w = makeWindow(Prompts::SaveChoice::Cancel, engine);
        QVERIFY(w->openFile(m_script));
        QVERIFY(showMainWindow(w.get()));

        QElapsedTimer sinceTick;
        qint64 worstGap = 0;
        QTimer ticker;
        ticker.setInterval(10);
        connect(&ticker, &QTimer::timeout, w.get(), [&] {
            worstGap = qMax(worstGap, sinceTick.restart());
        });
        w->runAction()->trigger();
        sinceTick.start();
        ticker.start();
        QTRY_VERIFY_WITH_TIMEOUT(w->outputPane()->toPlainText().contains(u"line 19999 of"_s), 20000);
        ticker.stop();
        QVERIFY2(worstGap < 1000, qPrintable(u"event loop blocked for %1 ms"_s.arg(worstGap)));
        QVERIFY(w->stopAction()->isEnabled());
        QVERIFY(!w->runAction()->isEnabled());

        QElapsedTimer timer;
        timer.start();
        w->stopAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(w->runController()->state(), stampede::studio::RunController::State::Idle, 8000);
        QVERIFY(timer.elapsed() < 6000);
        QVERIFY(w->statusText().contains(u"Stopped"_s));
    }

    void germanTranslationIsEmbeddedAndComplete()
    {
        QVERIFY(QFile::exists(u":/i18n/stampede_de.qm"_s));
        QTranslator de;
        QVERIFY(de.load(u":/i18n/stampede_de.qm"_s));
        QCOMPARE(de.translate("stampede::ui::MainWindow", "&File"), u"&Datei"_s);
        QCOMPARE(de.translate("stampede::studio::ExitCode", "Thresholds failed"), u"Schwellenwerte nicht erfüllt"_s);

        const QByteArray ts = readFile(QStringLiteral(STAMPEDE_SOURCE_DIR "/translations/stampede_de.ts"));
        QVERIFY(!ts.isEmpty());
        QVERIFY2(!ts.contains("type=\"unfinished\""), "stampede_de.ts has unfinished translations");
        QVERIFY2(!ts.contains("type=\"vanished\"") && !ts.contains("type=\"obsolete\""), "stale entries");
    }

    void germanUiShowsGermanMenus()
    {
        QCoreApplication *app = QCoreApplication::instance();
        QVERIFY(stampede::i18n::installTranslators(app, QLocale(QLocale::German, QLocale::Germany)));
        MainWindow w;
        QCOMPARE(w.saveAction()->text(), u"&Speichern"_s);
        const auto translators = app->findChildren<QTranslator *>();
        for (QTranslator *t : translators) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
        MainWindow english;
        QCOMPARE(english.saveAction()->text(), u"&Save"_s);
    }

    void screenshot()
    {
        auto w = makeWindow(Prompts::SaveChoice::Discard);
        QVERIFY(w->openFile(QStringLiteral(STAMPEDE_SOURCE_DIR "/resources/examples/hello.js")));
        QVERIFY(showMainWindow(w.get(), {1100, 720}));
        w->outputPane()->appendLines({{stampede::studio::OutputLine::Channel::Stdout, u"running (00m01.2s), 0/2 VUs, 10 complete"_s},
                                      {stampede::studio::OutputLine::Channel::Stdout, u"✓ status is 200"_s},
                                      {stampede::studio::OutputLine::Channel::Stderr, u"WARN some stderr line"_s}});
        QTest::qWait(100);
        QVERIFY(!w->grab().isNull());
        saveScreenshot(w.get(), u"studio.png"_s);
    }

    // The whole path with the real engine: hello.js against a local server.
    void realEngineRunsHelloJs()
    {
        const QString engine = realEngine();
        if (engine.isEmpty())
            QSKIP("the stampede CLI is not built");
        OkServer server;
        QVERIFY(server.listen());
        qputenv("TARGET", server.url().toUtf8());
        const auto unsetTarget = qScopeGuard([] { qunsetenv("TARGET"); });

        auto w = makeWindow(Prompts::SaveChoice::Discard, engine);
        QVERIFY(w->openFile(m_script));
        QVERIFY(showMainWindow(w.get(), {1100, 720}));
        w->runAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(w->runController()->state(), stampede::studio::RunController::State::Idle, 60000);
        const QString out = w->outputPane()->toPlainText();
        QVERIFY2(w->statusText() == stampede::studio::explainExitCode(0), qPrintable(w->statusText() + u'\n' + out));
        QVERIFY2(out.contains(u"status is 200"_s), qPrintable(out));
        QVERIFY2(out.contains(u"http_reqs"_s), qPrintable(out));
        QVERIFY(m_log.errors.isEmpty());
        saveScreenshot(w.get(), u"studio-run.png"_s);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_script;
    ScriptedPrompts::Log m_log;
};

QTEST_MAIN(TestEditor)
#include "tst_editor.moc"
