// The studio's debug run, offscreen: F5 runs one iteration of a script with the real engine against
// the loopback test server; the debug panel lists the requests, inspects them, and jumps to the
// script lines that made them.

#include "core/studio/debugruncontroller.h"
#include "core/studio/debugsession.h"
#include "tests/support/testserverprocess.h"
#include "ui/debug/bodyview.h"
#include "ui/debug/debugpanel.h"
#include "ui/debug/debugrequestmodel.h"
#include "ui/debug/waterfallwidget.h"
#include "ui/editor/codeeditor.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/mainwindow/prompts.h"
#include "tests/ui/quietprompts.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QTableView>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>
#include <QTimer>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using stampede::studio::RunController;
using stampede::ui::DebugPanel;
using stampede::ui::DebugRequestModel;
using stampede::ui::MainWindow;

namespace {

// Measures how long the GUI thread goes without running its event loop: a 10 ms timer that
// records the longest gap between two of its ticks.
class Watchdog : public QObject
{
public:
    Watchdog()
    {
        m_timer.setInterval(10);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            m_maxGapMs = std::max(m_maxGapMs, m_clock.restart());
        });
    }
    void start()
    {
        m_maxGapMs = 0;
        m_clock.start();
        m_timer.start();
    }
    qint64 stop()
    {
        m_timer.stop();
        return std::max(m_maxGapMs, m_clock.elapsed());
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_maxGapMs = 0;
};

int lineOf(const QString &script, const QString &marker)
{
    QFile f(script);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (int i = 0; i < lines.size(); ++i)
        if (lines[i].trimmed().endsWith(QByteArray("// " + marker.toUtf8())))
            return i + 1;
    return -1;
}

void saveScreenshot(QWidget *w, const QString &name)
{
    QApplication::processEvents();
    const QPixmap shot = w->grab();
    const QString dir = QStringLiteral(STAMPEDE_SCREENSHOT_DIR);
    if (shot.isNull() || !QDir().mkpath(dir) || !shot.save(dir + u'/' + name))
        qWarning("could not write the screenshot %s to %s", qPrintable(name), qPrintable(dir));
}

int rowOf(const DebugRequestModel *model, const QString &urlSuffix, const QString &stage = u"default"_s)
{
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->index(r, DebugRequestModel::Url).data().toString().endsWith(urlSuffix)
            && model->index(r, DebugRequestModel::Stage).data().toString() == stage)
            return r;
    return -1;
}

} // namespace

class TestDebugRun : public QObject
{
    Q_OBJECT

    stampede::test::TestServerProcess m_server;
    QTemporaryDir m_dir;
    QString m_script;
    std::unique_ptr<MainWindow> m_window;
    QuietPrompts *m_prompts = nullptr;
    qint64 m_runMaxGapMs = -1;
    static constexpr qint64 kBigBody = 50 * 1024 * 1024;

    DebugPanel *panel() const { return m_window->debugPanel(); }
    DebugRequestModel *model() const { return panel()->requestModel(); }
    int cursorLine() const { return m_window->editor()->textCursor().blockNumber() + 1; }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        QVERIFY(m_dir.isValid());
        m_script = m_dir.filePath(u"debug_run.js"_s);
        QVERIFY(QFile::copy(QStringLiteral(STAMPEDE_TEST_DATA_DIR "/scripts/debug/debug_run.js"), m_script));
        qputenv("BASE", m_server.url().toString(QUrl::StripTrailingSlash).toUtf8());
        qputenv("BYTES", QByteArray::number(kBigBody));

        m_window = std::make_unique<MainWindow>();
        auto prompts = std::make_unique<QuietPrompts>();
        m_prompts = prompts.get();
        m_window->setPrompts(std::move(prompts));
        m_window->setSettings(std::make_unique<QSettings>(m_dir.filePath(u"settings.ini"_s), QSettings::IniFormat));
        m_window->setRecoveryDirectory(m_dir.filePath(u"recovery"_s));
        m_window->debugController()->process()->setEnginePath(QStringLiteral(STAMPEDE_BIN_DIR "/stampede"));
        m_window->resize(1600, 1000);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->openFile(m_script));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        qunsetenv("BASE");
        qunsetenv("BYTES");
    }

    void f5StartsADebugRun()
    {
        // F5 is Debug now; Ctrl+R stays Run.
        QCOMPARE(m_window->debugAction()->shortcut(), QKeySequence(Qt::Key_F5));
        QVERIFY(!m_window->runAction()->shortcuts().contains(QKeySequence(Qt::Key_F5)));
        QCOMPARE(m_window->runAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));
        QVERIFY(m_window->debugAction()->isEnabled());
        m_window->activateWindow();
        m_window->editor()->setFocus();
        Watchdog watchdog;
        watchdog.start();
        QTest::keyClick(m_window->editor(), Qt::Key_F5);
        const bool byKey = m_window->debugController()->isBusy();
        qInfo("F5 key press started the debug run: %s", byKey ? "yes" : "no (no window focus here; triggering the action)");
        if (!byKey)
            m_window->debugAction()->trigger();
        QVERIFY(m_window->debugController()->isBusy());
        QVERIFY(!m_window->runAction()->isEnabled());
        QVERIFY(!m_window->debugAction()->isEnabled());
        QVERIFY(m_window->stopAction()->isEnabled());
        QVERIFY(m_window->debugDock()->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(m_window->debugController()->process()->state(), RunController::State::Idle, 90000);
        m_runMaxGapMs = watchdog.stop();
        QVERIFY2(m_prompts->errors.isEmpty(), qPrintable(m_prompts->errors.join(u'\n')));
        QVERIFY2(m_window->debugController()->session()->hasEnded(),
                 qPrintable(m_window->statusText() + u" / "_s + m_window->debugController()->streamPath()));
        QVERIFY(m_window->debugAction()->isEnabled());
        QVERIFY(m_window->runAction()->isEnabled());
        qInfo("longest GUI-thread stall during the debug run (50 MiB body): %lld ms", m_runMaxGapMs);
        QVERIFY2(m_runMaxGapMs < 200, qPrintable(QString::number(m_runMaxGapMs)));
    }

    void requestRows()
    {
        // setup 1, default 9 (a redirect chain is three rows), teardown 1.
        QCOMPARE(model()->rowCount(), 11);
        auto cell = [this](int row, int column) { return model()->index(row, column).data().toString(); };
        QCOMPARE(cell(0, DebugRequestModel::Stage), u"setup"_s);
        QCOMPARE(cell(10, DebugRequestModel::Stage), u"teardown"_s);
        const int get = rowOf(model(), u"/json"_s);
        QCOMPARE(get, 1);
        QCOMPARE(cell(get, DebugRequestModel::Method), u"GET"_s);
        QCOMPARE(cell(get, DebugRequestModel::Status), u"200"_s);
        QVERIFY(cell(get, DebugRequestModel::Size).contains(u"56"_s));
        QVERIFY(cell(get, DebugRequestModel::Time).endsWith(u" ms"_s));
        QVERIFY(!model()->index(get, 0).data(DebugRequestModel::FailedRole).toBool());
        const int post = rowOf(model(), u"/echo"_s);
        QCOMPARE(cell(post, DebugRequestModel::Method), u"POST"_s);
        QCOMPARE(cell(rowOf(model(), u"/redirect/2"_s), DebugRequestModel::Status), u"302"_s);
        const int missing = rowOf(model(), u"/nope"_s);
        QCOMPARE(cell(missing, DebugRequestModel::Status), u"404"_s);
        QVERIFY(model()->index(missing, 0).data(DebugRequestModel::FailedRole).toBool());
        // Failed rows are red.
        const QColor red = model()->index(missing, DebugRequestModel::Url).data(Qt::ForegroundRole).value<QBrush>().color();
        QVERIFY(red.red() > 150 && red.green() < 100);
        QCOMPARE(cell(10, DebugRequestModel::Status), u"204"_s);
    }

    void inspectorShowsARequest()
    {
        const int get = rowOf(model(), u"/json"_s);
        panel()->selectRequest(get);
        QCOMPARE(panel()->currentRequest(), get);
        // Request headers as sent.
        QStringList names;
        for (int i = 0; i < panel()->requestHeaders()->topLevelItemCount(); ++i)
            names << panel()->requestHeaders()->topLevelItem(i)->text(0);
        QVERIFY2(names.contains(u"User-Agent"_s) && names.contains(u"Host"_s), qPrintable(names.join(u',')));
        // The JSON body, pretty-printed.
        panel()->inspector()->setCurrentIndex(DebugPanel::ResponseTab);
        stampede::ui::BodyView *body = panel()->responseBody();
        QCOMPARE(body->effectiveView(), stampede::ui::BodyView::View::Pretty);
        QCOMPARE(body->rowText(0), u"{"_s);
        QVERIFY(body->rowCount() > 5);
        bool sawItems = false;
        for (int i = 0; i < body->rowCount(); ++i)
            sawItems = sawItems || body->rowText(i) == u"  \"items\": ["_s;
        QVERIFY(sawItems);
        saveScreenshot(m_window.get(), u"debug-request-selected.png"_s);

        // Checks of that request.
        panel()->inspector()->setCurrentIndex(DebugPanel::ChecksTab);
        QTreeWidget *checks = panel()->checks();
        QCOMPARE(checks->topLevelItemCount(), 2);
        QCOMPARE(checks->topLevelItem(0)->text(1), u"status is 200"_s);
        QVERIFY(checks->topLevelItem(0)->text(0).contains(u"passed"_s));
        QCOMPARE(checks->topLevelItem(1)->text(1), u"has three items"_s);
        QCOMPARE(panel()->inspector()->tabText(DebugPanel::ChecksTab), u"Checks (2/2)"_s);
        // The 404's failed check.
        panel()->selectRequest(rowOf(model(), u"/nope"_s));
        QCOMPARE(checks->topLevelItemCount(), 2);
        QVERIFY(checks->topLevelItem(1)->text(0).contains(u"failed"_s));
        QCOMPARE(panel()->inspector()->tabText(DebugPanel::ChecksTab), u"Checks (1/2)"_s);
        QCOMPARE(checks->topLevelItem(1)->text(2), u"debug_run.js:%1"_s.arg(lineOf(m_script, u"@check404"_s)));
        saveScreenshot(panel(), u"debug-checks.png"_s);

        // Timings as a waterfall.
        panel()->selectRequest(get);
        panel()->inspector()->setCurrentIndex(DebugPanel::TimingsTab);
        const auto phases = panel()->waterfall()->phases();
        QCOMPARE(phases.size(), 6);
        QVERIFY(panel()->waterfall()->timings().duration > 0);
        QCOMPARE(phases[4].start, phases[3].start + phases[3].length); // waiting follows sending
        saveScreenshot(m_window.get(), u"debug-timings.png"_s);

        // Cookies: received from /cookies/set, sent with the next request.
        panel()->selectRequest(rowOf(model(), u"/cookies/set?session=abc123"_s));
        panel()->inspector()->setCurrentIndex(DebugPanel::CookiesTab);
        QTreeWidgetItem *received = panel()->cookies()->topLevelItem(1);
        QCOMPARE(received->childCount(), 1);
        QCOMPARE(received->child(0)->text(0), u"session"_s);
        QCOMPARE(received->child(0)->text(1), u"abc123"_s);
        panel()->selectRequest(rowOf(model(), u"/headers"_s));
        QCOMPARE(panel()->cookies()->topLevelItem(0)->childCount(), 2);
        saveScreenshot(panel(), u"debug-cookies.png"_s);

        // The POST's request tab: its headers as sent and its JSON body.
        panel()->selectRequest(rowOf(model(), u"/echo"_s));
        panel()->inspector()->setCurrentIndex(DebugPanel::RequestTab);
        QCOMPARE(panel()->requestBody()->effectiveView(), stampede::ui::BodyView::View::Pretty);
        QCOMPARE(panel()->requestBody()->rowText(1), u"  \"hello\": \"world\""_s);
        saveScreenshot(panel(), u"debug-request-tab.png"_s);
    }

    void consoleRowsJumpToTheirLine()
    {
        QTreeWidget *console = panel()->console();
        QTreeWidgetItem *log = nullptr, *warn = nullptr;
        for (int i = 0; i < console->topLevelItemCount(); ++i) {
            QTreeWidgetItem *item = console->topLevelItem(i);
            if (item->text(1) == u"starting iteration"_s)
                log = item;
            if (item->text(1) == u"done 42"_s)
                warn = item;
        }
        QVERIFY(log);
        QVERIFY(warn);
        QCOMPARE(log->text(0), u"info"_s);
        QCOMPARE(warn->text(0), u"warn"_s);
        QCOMPARE(log->text(2), u"debug_run.js:%1"_s.arg(lineOf(m_script, u"@log"_s)));
        m_window->editor()->goToLine(1);
        console->setCurrentItem(warn);
        console->setFocus();
        QTest::keyClick(console, Qt::Key_Return); // activates the current row
        QCOMPARE(cursorLine(), lineOf(m_script, u"@warn"_s));
        // V8 puts the call at the method name: the column of `warn(`.
        QCOMPARE(m_window->editor()->textCursor().positionInBlock(),
                 m_window->editor()->textCursor().block().text().indexOf(u"warn("_s));
    }

    void requestRowJumpsToItsLine()
    {
        m_window->editor()->goToLine(1);
        const int post = rowOf(model(), u"/echo"_s);
        QTableView *view = panel()->requestView();
        view->setCurrentIndex(model()->index(post, DebugRequestModel::Url));
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(cursorLine(), lineOf(m_script, u"@post"_s));
        // A double-click on the teardown request goes to teardown().
        const int teardown = rowOf(model(), u"/status/204"_s, u"teardown"_s);
        view->scrollTo(model()->index(teardown, DebugRequestModel::Url));
        const QRect rect = view->visualRect(model()->index(teardown, DebugRequestModel::Url));
        QVERIFY2(view->viewport()->rect().contains(rect.center()), qPrintable(u"%1,%2 %3x%4"_s.arg(rect.x()).arg(rect.y()).arg(rect.width()).arg(rect.height())));
        QSignalSpy doubleClicked(view, &QAbstractItemView::doubleClicked);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(doubleClicked.size(), 1);
        QCOMPARE(cursorLine(), lineOf(m_script, u"@teardown"_s));
        // A check goes to its check() call.
        panel()->selectRequest(rowOf(model(), u"/json"_s));
        QTreeWidget *checks = panel()->checks();
        checks->setCurrentItem(checks->topLevelItem(0));
        checks->setFocus();
        QTest::keyClick(checks, Qt::Key_Return);
        QCOMPARE(cursorLine(), lineOf(m_script, u"@check"_s));
    }

    void largeBodyDoesNotBlockTheGui()
    {
        const int bytes = rowOf(model(), u"/bytes/"_s + QString::number(kBigBody));
        QVERIFY(bytes >= 0);
        QCOMPARE(model()->index(bytes, DebugRequestModel::Size).data().toString(), u"50.0 MiB"_s);
        Watchdog watchdog;
        watchdog.start();
        panel()->inspector()->setCurrentIndex(DebugPanel::ResponseTab);
        QElapsedTimer step;
        step.start();
        panel()->selectRequest(bytes);
        const qint64 tSelect = step.restart();
        stampede::ui::BodyView *body = panel()->responseBody();
        QTest::qWait(50);
        step.restart();
        body->listView()->scrollToBottom();
        QApplication::processEvents();
        const qint64 tBottom = step.restart();
        QTest::qWait(50);
        step.restart();
        body->listView()->verticalScrollBar()->setValue(body->listView()->verticalScrollBar()->maximum() / 2);
        QApplication::processEvents();
        const qint64 tMiddle = step.restart();
        QTest::qWait(50);
        qInfo("select %lld ms, scroll to bottom %lld ms, scroll to middle %lld ms", tSelect, tBottom, tMiddle);
        const qint64 selectGap = watchdog.stop();
        qInfo("longest GUI-thread stall while showing the 50 MiB body: %lld ms", selectGap);
        QVERIFY2(selectGap < 200, qPrintable(QString::number(selectGap)));
        QCOMPARE(body->effectiveView(), stampede::ui::BodyView::View::Hex);
        QCOMPARE(body->rowCount(), int(kBigBody / 16));
        QCOMPARE(body->rowText(0).left(8), u"00000000"_s);
        QVERIFY(body->rowText(body->rowCount() - 1).startsWith(QString::number(kBigBody - 16, 16).rightJustified(8, u'0')));
        QVERIFY(body->infoLabel()->text().contains(u"50.0 MiB"_s));
        saveScreenshot(m_window.get(), u"debug-body-hex.png"_s);

        // The raw text view of the same body: one long line, indexed lazily.
        watchdog.start();
        auto *combo = body->findChild<QComboBox *>(u"bodyViewMode"_s);
        QVERIFY(combo);
        combo->setCurrentIndex(2); // Raw
        QTest::qWait(50);
        const qint64 rawGap = watchdog.stop();
        qInfo("longest GUI-thread stall switching the 50 MiB body to raw text: %lld ms", rawGap);
        QVERIFY2(rawGap < 200, qPrintable(QString::number(rawGap)));
        QCOMPARE(body->effectiveView(), stampede::ui::BodyView::View::Raw);
        QCOMPARE(body->rowCount(), 1);
        QVERIFY(body->rowText(0).startsWith(u"abcdefghijklmnopqrstuvwxyz"_s));
        combo->setCurrentIndex(0);
    }

    void shiftF5StopsADebugRun()
    {
        // A script that waits: Shift+F5 (the Stop action) ends the debug run.
        const QString slow = m_dir.filePath(u"slow.js"_s);
        QFile f(slow);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("import http from 'k6/http';\nexport default function () {\n"
                "  http.get(`${__ENV.BASE}/delay/20000`);\n}\n");
        f.close();
        QVERIFY(m_window->openFile(slow));
        m_window->debugAction()->trigger();
        QVERIFY(m_window->debugController()->isBusy());
        QVERIFY(m_window->stopAction()->shortcuts().contains(QKeySequence(Qt::SHIFT | Qt::Key_F5)));
        QTest::qWait(500);
        m_window->stopAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->debugController()->process()->state(), RunController::State::Idle, 15000);
        QVERIFY(m_window->debugAction()->isEnabled());
    }
};

QTEST_MAIN(TestDebugRun)
#include "tst_debugrun.moc"
