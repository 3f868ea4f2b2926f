// The studio's workspace, editor tools and live run view, offscreen.
#include "core/studio/document.h"
#include "core/studio/exitcodes.h"
#include "core/studio/liverunmodel.h"
#include "core/studio/recovery.h"
#include "tests/support/testserverprocess.h"
#include "tests/ui/mainwindowsetup.h"
#include "ui/editor/codeeditor.h"
#include "ui/editor/findbar.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/mainwindow/prompts.h"
#include "ui/run/endpointtablemodel.h"
#include "ui/run/livepanel.h"
#include "ui/run/runcontrolbar.h"
#include "ui/mainwindow/localrunsupport.h"
#include "resources/resourcepaths.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QCompleter>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QLineEdit>
#include <QLineSeries>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QHash>
#include <QKeySequence>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using stampede::ui::MainWindow;
using stampede::ui::Prompts;
using Series = stampede::studio::LiveRunModel::Series;
using stampede::test::realEngine;
using stampede::test::ScriptedPrompts;
using stampede::test::saveScreenshot;

namespace {

QByteArray readData(const QString &name)
{
    QFile f(QStringLiteral(STAMPEDE_TEST_DATA_DIR "/live/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

} // namespace

class TestStudio : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings and AppDataLocation under ~/.qttest
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_log = {};
    }

    std::unique_ptr<MainWindow> makeWindow(bool recover = true, int line = 0, const QString &engine = {})
    {
        const ScriptedPrompts::Answers answers{.save = Prompts::SaveChoice::Discard, .recover = recover, .line = line};
        return stampede::test::makeMainWindow(std::make_unique<ScriptedPrompts>(&m_log, answers), m_dir->path(), engine);
    }

    // --- live view models -----------------------------------------------------

    void endpointModelUpdatesRanges()
    {
        stampede::ui::EndpointTableModel model;
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        stampede::studio::LiveRunModel live;
        connect(&live, &stampede::studio::LiveRunModel::snapshotAdded, &model,
                [&model](const stampede::studio::LiveSnapshot &s) { model.update(s.endpoints); });
        const QList<QByteArray> lines = readData(u"threshold-fails.ndjson"_s).split('\n');
        live.feed(lines.at(0) + '\n');
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(changed.size(), 0);
        live.feed(lines.at(1) + '\n');
        QCOMPARE(changed.size(), 1); // one range for the changed row, no reset
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 0);
        QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(stampede::ui::EndpointTableModel::Count));
        QCOMPARE(changed.at(0).at(1).toModelIndex().column(), int(stampede::ui::EndpointTableModel::P95));
        // A new endpoint ("broken", sorted first in the snapshot) is appended; "ok" keeps row 0.
        live.feed(lines.at(2) + '\n');
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(model.index(0, stampede::ui::EndpointTableModel::Name).data().toString(), u"ok"_s);
        QCOMPARE(model.index(1, stampede::ui::EndpointTableModel::Name).data().toString(), u"broken"_s);
        // Both rows changed (the rate of "ok" dropped to 0): one range over both.
        changed.clear();
        live.feed(lines.at(3) + '\n');
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 0);
        QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 1);
        // From now on only "broken" changes: the range covers exactly row 1.
        changed.clear();
        live.feed(lines.at(4) + '\n');
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
        QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 1);
        QVERIFY(model.index(1, stampede::ui::EndpointTableModel::Errors).data(Qt::EditRole).toLongLong() > 0);
        QCOMPARE(reset.size(), 0);
    }

    void livePanelShowsRecordedRun()
    {
        stampede::studio::LiveRunModel live;
        stampede::ui::LivePanel panel(&live);
        panel.resize(1200, 600);
        panel.runStarted();
        const QList<QByteArray> lines = readData(u"threshold-fails.ndjson"_s).split('\n');
        for (int i = 0; i < 3; ++i)
            live.feed(lines.at(i) + '\n');
        QCOMPARE(panel.series(Series::RequestRate)->count(), 3);
        QCOMPARE(panel.series(Series::P95)->count(), 3);
        QCOMPARE(panel.thresholdList()->count(), 2);
        for (int i = 0; i < 2; ++i)
            QVERIFY(!panel.thresholdList()->item(i)->data(Qt::UserRole + 1).toBool());
        // The moment the snapshot reports the failure, the threshold turns red.
        live.feed(lines.at(3) + '\n');
        QListWidgetItem *failed = panel.thresholdList()->item(1);
        QVERIFY(failed->text().contains(u"http_req_failed"_s));
        QVERIFY(failed->data(Qt::UserRole + 1).toBool());
        QCOMPARE(failed->background().color(), QColor(0xd3, 0x2f, 0x2f));
        QVERIFY(!panel.thresholdList()->item(0)->data(Qt::UserRole + 1).toBool());
        QVERIFY(panel.headline().contains(u"VUs"_s));

        // Checks: a tree by group, red when failing.
        live.reset();
        panel.runStarted();
        QCOMPARE(panel.series(Series::Vus)->count(), 0);
        live.feed(readData(u"two-scenarios.ndjson"_s));
        QTreeWidget *tree = panel.checksTree();
        QCOMPARE(tree->topLevelItemCount(), 2); // "found" at the root and the "pages" group
        QTreeWidgetItem *group = nullptr;
        QTreeWidgetItem *found = nullptr;
        for (int i = 0; i < tree->topLevelItemCount(); ++i) {
            QTreeWidgetItem *item = tree->topLevelItem(i);
            if (item->childCount() > 0)
                group = item;
            else
                found = item;
        }
        QVERIFY(group && found);
        QCOMPARE(group->text(0), u"pages"_s);
        QVERIFY(group->child(0)->text(0).contains(u"status is 200"_s));
        QCOMPARE(group->child(0)->text(2), u"0"_s);
        QCOMPARE(found->foreground(0).color(), QColor(0xd3, 0x2f, 0x2f));
        QCOMPARE(panel.scenarioSeries().size(), 4); // rate and p95 for api and browse
    }

    void livePanelDrawsLongRunsDecimated()
    {
        // Three hours of snapshots: the model keeps 7,200 points (its ring), the chart draws at
        // most ~1,000 per line, keeping the spike, the first and the latest point exactly.
        stampede::studio::LiveRunModel live;
        stampede::ui::LivePanel panel(&live);
        panel.runStarted();
        QByteArray chunk;
        for (int s = 1; s <= 3 * 3600; ++s) {
            const double rate = s == 9000 ? 5000 : 100 + s % 7;
            chunk += u"{\"type\":\"snapshot\",\"elapsed\":%1,\"vus\":%2,\"http\":{\"rate\":%3,\"total\":%4}}\n"_s
                         .arg(s).arg(s % 50).arg(rate).arg(s * 100).toUtf8();
            if (s % 600 == 0) {
                live.feed(chunk);
                chunk.clear();
            }
        }
        QCOMPARE(live.series(Series::RequestRate).size(), qsizetype(7200));
        QLineSeries *rate = panel.series(Series::RequestRate);
        QVERIFY2(rate->count() <= 1002 && rate->count() >= 900, qPrintable(QString::number(rate->count())));
        double maxY = 0;
        for (int i = 0; i < rate->count(); ++i) {
            maxY = qMax(maxY, rate->at(i).y());
            if (i > 0)
                QVERIFY(rate->at(i).x() > rate->at(i - 1).x());
        }
        QCOMPARE(maxY, 5000.0);
        QCOMPARE(rate->at(0), live.series(Series::RequestRate).at(0));
        QCOMPARE(rate->at(rate->count() - 1), live.series(Series::RequestRate).last());
        QCOMPARE(panel.series(Series::Vus)->at(panel.series(Series::Vus)->count() - 1).y(), double(10800 % 50));
    }

    // --- editor -----------------------------------------------------------------

    void findReplaceWithRegex()
    {
        auto w = makeWindow();
        w->show();
        w->document()->setText(u"http.get(a);\nhttp.get(b);\n"_s);
        QAction *find = nullptr;
        for (QAction *a : w->findChildren<QAction *>())
            if (a->shortcut() == QKeySequence(QKeySequence::Find))
                find = a;
        QVERIFY(find);
        find->trigger();
        stampede::ui::FindBar *bar = w->findBar();
        QVERIFY(bar->isVisible());
        bar->findEdit()->setText(u"get\\((\\w)\\)"_s);
        bar->setRegularExpression(true);
        QVERIFY(bar->findNext());
        QCOMPARE(w->editor()->textCursor().selectedText(), u"get(a)"_s);
        bar->replaceEdit()->setText(u"post('\\1')"_s);
        QVERIFY(bar->replaceCurrent());
        QCOMPARE(w->editor()->toPlainText(), u"http.post('a');\nhttp.get(b);\n"_s);
        QCOMPARE(w->editor()->textCursor().selectedText(), u"get(b)"_s); // moved on to the next match
        bar->findEdit()->setText(u"http"_s);
        bar->setRegularExpression(false);
        bar->replaceEdit()->setText(u"client"_s);
        QCOMPARE(bar->replaceAll(), 2);
        QCOMPARE(w->editor()->toPlainText(), u"client.post('a');\nclient.get(b);\n"_s);
        bar->findEdit()->setText(u"nothing here"_s);
        QVERIFY(!bar->findNext());
        QVERIFY(!bar->statusText().isEmpty());
        w->document()->setModified(false);
    }

    void commentToggleAndGoToLine()
    {
        auto w = makeWindow(true, 2);
        w->show();
        w->document()->setText(u"a();\n  b();\nc();"_s);
        w->goToLine(); // the prompt answers 2
        QCOMPARE(w->editor()->textCursor().blockNumber(), 1);
        QTest::keyClick(w->editor(), Qt::Key_Slash, Qt::ControlModifier);
        QCOMPARE(w->editor()->toPlainText(), u"a();\n  // b();\nc();"_s);
        QTest::keyClick(w->editor(), Qt::Key_Slash, Qt::ControlModifier);
        QCOMPARE(w->editor()->toPlainText(), u"a();\n  b();\nc();"_s);
        // Bracket matching follows the cursor.
        QTextCursor c = w->editor()->textCursor();
        c.setPosition(1); // after "a"
        w->editor()->setTextCursor(c);
        QCOMPARE(w->editor()->matchedBrackets(), std::make_pair(1, 2));
        w->document()->setModified(false);
    }

    void completionOffersHttpGet()
    {
        auto w = makeWindow();
        QVERIFY(stampede::test::showMainWindow(w.get()));
        w->document()->setText(u"import http from 'k6/http';\nexport default function () {\n  "_s);
        w->editor()->moveCursor(QTextCursor::End);
        w->editor()->setFocus();
        QTest::keyClicks(w->editor(), u"http."_s);
        QVERIFY(w->editor()->completionNames().contains(u"get"_s));
        QTRY_VERIFY(w->editor()->completer()->popup()->isVisible());
        QTest::keyClicks(w->editor(), u"ge"_s);
        QCOMPARE(w->editor()->completer()->completionPrefix(), u"ge"_s);
        QTest::keyClick(w->editor()->completer()->popup(), Qt::Key_Return);
        QVERIFY2(w->editor()->toPlainText().endsWith(u"http.get"_s), qPrintable(w->editor()->toPlainText()));
        w->document()->setModified(false);
    }

    // --- workspace ----------------------------------------------------------------

    void recoveryIsOfferedAndRestored()
    {
        const QString script = m_dir->filePath(u"saved.js"_s);
        QVERIFY(writeFile(script, "// on disk\n"));
        // What a crashed session left behind: one file-backed and one untitled document.
        stampede::studio::RecoveryStore store(m_dir->filePath(u"recovery"_s));
        QVERIFY(store.write({u"a"_s, script, u"// typed but never saved\n"_s, {}}));
        QVERIFY(store.write({u"b"_s, {}, u"export default function () {}\n"_s, {}}));

        auto w = makeWindow(true);
        w->startUp();
        QCOMPARE(m_log.recoverQuestions.size(), 2);
        QVERIFY(m_log.recoverQuestions.contains(QDir::toNativeSeparators(script)));
        QCOMPARE(w->tabCount(), 2);
        QStringList texts;
        for (int i = 0; i < w->tabCount(); ++i) {
            texts.append(w->documentAt(i)->text());
            QVERIFY(w->documentAt(i)->isModified());
            QVERIFY(w->tabTitle(i).contains(u"●"_s));
        }
        QVERIFY(texts.contains(u"// typed but never saved\n"_s));
        QVERIFY(texts.contains(u"export default function () {}\n"_s));
        const int savedTab = texts.indexOf(u"// typed but never saved\n"_s);
        QCOMPARE(w->documentAt(savedTab)->filePath(), QFileInfo(script).absoluteFilePath());
        // Still unsaved, so still protected: the recovered texts were written again.
        QCOMPARE(store.entries().size(), 2);

        // Declining discards.
        w.reset();
        m_log = {};
        auto w2 = makeWindow(false);
        w2->startUp();
        QCOMPARE(m_log.recoverQuestions.size(), 2);
        QCOMPARE(w2->tabCount(), 1);
        QVERIFY(w2->document()->text().isEmpty());
        QVERIFY(store.isEmpty());
    }

    void autosaveWritesRecoveryAndCleanCloseClears()
    {
        auto w = makeWindow();
        w->setAutosaveDelay(100);
        w->show();
        w->editor()->setFocus();
        QTest::keyClicks(w->editor(), u"let precious = 1;"_s);
        stampede::studio::RecoveryStore store(m_dir->filePath(u"recovery"_s));
        QTRY_COMPARE_WITH_TIMEOUT(store.entries().size(), 1, 5000);
        QCOMPARE(store.entries().at(0).text, u"let precious = 1;"_s);
        QVERIFY(w->close()); // Discard: a clean exit leaves nothing to recover
        QVERIFY(store.isEmpty());
    }

    void tabsAndSessionRestore()
    {
        QDir(m_dir->path()).mkdir(u"project"_s);
        const QString a = m_dir->filePath(u"project/a.js"_s);
        const QString b = m_dir->filePath(u"project/b.js"_s);
        QVERIFY(writeFile(a, "// a\n"));
        QVERIFY(writeFile(b, "// b\n"));
        QVERIFY(writeFile(m_dir->filePath(u"project/users.csv"_s), "name\nx\n"));
        {
            auto w = makeWindow();
            QVERIFY(w->openFolder(m_dir->filePath(u"project"_s)));
            QVERIFY(w->openFile(a));
            QVERIFY(w->openFile(b));
            QVERIFY(w->newFromTemplate(u"smoke"_s));
            QCOMPARE(w->tabCount(), 3);
            QVERIFY(w->document()->text().contains(u"vus: 1"_s));
            w->document()->setModified(true);
            w->setCurrentTab(0);
            QVERIFY(w->close()); // the untitled template tab is discarded by the prompts
            QCOMPARE(m_log.saveQuestions.size(), 1);
        }
        auto w = makeWindow();
        w->startUp();
        QCOMPARE(w->projectFolder(), QDir::cleanPath(m_dir->filePath(u"project"_s)));
        QCOMPARE(w->tabCount(), 2);
        QCOMPARE(w->currentTab(), 0);
        QCOMPARE(w->document()->filePath(), QFileInfo(a).absoluteFilePath());
        QCOMPARE(w->documentAt(1)->filePath(), QFileInfo(b).absoluteFilePath());
        QCOMPARE(w->settings()->value(u"recentProjects"_s).toStringList().value(0),
                 QDir::cleanPath(m_dir->filePath(u"project"_s)));
        QVERIFY(w->projectTree()->isEnabled());
        QCOMPARE(w->templatesMenu()->actions().size(), 5);
    }

    // --- a real run -----------------------------------------------------------------

    void liveRunAgainstLocalServer()
    {
        const QString engine = realEngine();
        if (engine.isEmpty())
            QSKIP("the stampede CLI is not built");
        stampede::test::TestServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const QString script = m_dir->filePath(u"live.js"_s);
        QVERIFY(writeFile(script, QByteArrayLiteral(R"(import http from 'k6/http';
import { check, group, sleep } from 'k6';
export const options = {
  scenarios: {
    browse: { executor: 'ramping-vus', startVUs: 1, stages: [{ duration: '3s', target: 6 }, { duration: '2s', target: 6 }], exec: 'browse' },
    api: { executor: 'constant-arrival-rate', rate: 30, timeUnit: '1s', duration: '5s', preAllocatedVUs: 4, exec: 'api' },
  },
  thresholds: { http_req_duration: ['p(95)<2000'], http_req_failed: ['rate<0.05'] },
};
export function browse() {
  group('home', () => {
    const r = http.get(`${__ENV.TARGET}/delay/30`, { tags: { name: 'home page' } });
    check(r, { 'status is 200': (x) => x.status === 200 });
  });
  sleep(0.2);
}
export function api() {
  const r = http.post(`${__ENV.TARGET}/echo`, JSON.stringify({ hello: 'world' }));
  check(r, { 'echoed': (x) => x.status === 200 });
  if (Math.random() < 0.2) http.get(`${__ENV.TARGET}/status/503`, { tags: { name: 'flaky' } });
}
)")));
        qputenv("TARGET", server.url().toString(QUrl::StripTrailingSlash).toUtf8());
        auto w = makeWindow(true, 0, engine);
        QVERIFY(w->openFile(script));
        QVERIFY(stampede::test::showMainWindow(w.get(), {1600, 1000}));
        w->runAction()->trigger();
        QVERIFY(w->stopAction()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(w->liveModel()->snapshotCount() >= 3, 30000);
        qunsetenv("TARGET");
        stampede::ui::LivePanel *panel = w->livePanel();
        QVERIFY(w->liveDock()->isVisible());
        QVERIFY(panel->series(Series::Vus)->count() >= 3);
        QVERIFY(panel->series(Series::RequestRate)->count() >= 3);
        QVERIFY(panel->series(Series::P95)->count() >= 3);
        QVERIFY(panel->endpointModel()->rowCount() >= 2);
        QVERIFY(panel->checksTree()->topLevelItemCount() >= 1);
        QVERIFY(panel->headline().contains(u"VUs"_s));
        // Per-scenario breakdown: a rate and a p95 line for each of the two scenarios, with points.
        QTRY_COMPARE_WITH_TIMEOUT(panel->scenarioSeries().size(), 4, 10000);
        for (QLineSeries *line : panel->scenarioSeries())
            QVERIFY2(line->count() >= 1, qPrintable(line->name()));
        QApplication::processEvents();
        saveScreenshot(w.get(), u"live-run.png"_s);

        QTRY_COMPARE_WITH_TIMEOUT(w->runController()->state(), stampede::studio::RunController::State::Idle, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(w->liveModel()->isFinal(), 5000);
        // 20% of the api iterations hit a 503 and http_req_failed must stay under 5%: exit code 99.
        const QString expected = stampede::studio::explainExitCode(int(stampede::ExitCode::ThresholdsHaveFailed));
        QVERIFY2(panel->resultText() == expected, qPrintable(panel->resultText()));
        QVERIFY(w->liveModel()->anyThresholdFailed());
        QVERIFY2(panel->summaryText().contains(u"http_reqs"_s), qPrintable(panel->summaryText()));
        QVERIFY(!panel->summaryText().contains(u"scenarios:"_s)); // the banner is not part of the summary
        saveScreenshot(w.get(), u"live-run-finished.png"_s);
        QVERIFY2(m_log.errors.isEmpty(), qPrintable(m_log.errors.join(u'\n')));
    }

    // --- examples, the test server and the REST run control -----------------------

    void examplesMenuOpensEditableCopies()
    {
        auto w = makeWindow();
        w->setExamplesDirectory(m_dir->filePath(u"examples"_s));
        QStringList offered;
        for (QAction *a : w->examplesMenu()->actions())
            if (!a->data().toString().isEmpty())
                offered << a->data().toString();
        QCOMPARE(offered.size(), int(stampede::resources::exampleScripts().size()));
        QVERIFY(offered.contains(u"login-cookies"_s) && offered.contains(u"live-control"_s));
        QVERIFY(w->openExampleById(u"json-api"_s));
        const QString copy = m_dir->filePath(u"examples/json-api.js"_s);
        QCOMPARE(w->document()->filePath(), copy);
        QVERIFY(w->document()->text().contains(u"__ENV.BASE_URL"_s));
        // The user's edits to the copy survive opening the example again.
        w->document()->setText(u"// mine\n"_s);
        QVERIFY(w->save());
        QVERIFY(w->closeTab(w->currentTab()));
        QVERIFY(w->openExampleById(u"json-api"_s));
        QCOMPARE(w->document()->text(), u"// mine\n"_s);
        QVERIFY(w->statusText().contains(u"your copy"_s));
        QVERIFY(!w->openExampleById(u"no-such-example"_s));
        QCOMPARE(m_log.errors.size(), 1);
    }

    void runWithItsOwnAddressIsNotControlled()
    {
        const QString engine = realEngine();
        if (engine.isEmpty())
            QSKIP("the stampede CLI is not built");
        const QString script = m_dir->filePath(u"once.js"_s);
        QVERIFY(writeFile(script, "export const options = { iterations: 1 };\nexport default function () {}\n"));
        auto w = makeWindow(true, 0, engine);
        const quint16 port = stampede::studio::RestControlClient::findFreePort();
        QVERIFY(w->runWithArguments(script, {u"--address"_s, u"127.0.0.1:%1"_s.arg(port)}));
        // The studio does not add a second --address; the bar says why it cannot control this run.
        QCOMPARE(w->runController()->commandLine().count(u"--address"_s), 1);
        stampede::ui::RunControlBar *bar = w->localRun()->controlBar();
        QVERIFY2(bar->stateText().contains(u"--address"_s), qPrintable(bar->stateText()));
        QVERIFY(!bar->pauseButton()->isEnabled());
        QVERIFY(!w->localRun()->control()->isPolling());
        QTRY_COMPARE_WITH_TIMEOUT(w->runController()->state(), stampede::studio::RunController::State::Idle, 30000);
        QVERIFY2(w->statusText() == stampede::studio::explainExitCode(0), qPrintable(w->statusText()));
    }

    void testServerStartsAndRunsAnExampleWithLiveControl()
    {
        const QString engine = realEngine();
        if (engine.isEmpty())
            QSKIP("the stampede CLI is not built");
        auto w = makeWindow(true, 0, engine);
        w->setExamplesDirectory(m_dir->filePath(u"examples"_s));
        stampede::ui::LocalRunSupport *local = w->localRun();
        local->testServer()->setServerPath(QStringLiteral(STAMPEDE_BIN_DIR "/stampede-testserver"));
        QVERIFY(stampede::test::showMainWindow(w.get(), {1600, 1000}));
        w->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(w.get())); // window shortcuts (F6) need the active window

        // Run > Pause / Resume: F6 for both and for nothing else; disabled while no run is live.
        stampede::ui::RunControlBar *bar = local->controlBar();
        QAction *pauseAction = bar->pauseAction();
        QAction *resumeAction = bar->resumeAction();
        QMenu *runMenu = nullptr;
        for (QMenu *m : w->menuBar()->findChildren<QMenu *>())
            if (m->title() == u"&Run"_s)
                runMenu = m;
        QVERIFY(runMenu);
        QVERIFY(runMenu->actions().contains(pauseAction) && runMenu->actions().contains(resumeAction));
        QHash<QKeySequence, QSet<QAction *>> byShortcut;
        for (QAction *a : w->findChildren<QAction *>())
            for (const QKeySequence &k : a->shortcuts())
                byShortcut[k].insert(a);
        for (auto it = byShortcut.cbegin(); it != byShortcut.cend(); ++it) {
            if (it.key() == QKeySequence(Qt::Key_F6))
                QCOMPARE(it.value(), (QSet<QAction *>{pauseAction, resumeAction}));
            else
                QVERIFY2(it.value().size() == 1, qPrintable(it.key().toString() + u" is taken twice"_s));
        }
        QVERIFY(!pauseAction->isEnabled());
        QVERIFY(!resumeAction->isEnabled());

        // Tools > Start Test Server: a free loopback port, its URL in the status bar.
        QVERIFY(local->testServerAction()->text().contains(u"Start"_s));
        local->testServerAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(local->testServer()->isRunning(), 10000);
        const QString baseUrl = local->testServer()->baseUrl();
        QVERIFY2(baseUrl.startsWith(u"http://127.0.0.1:"_s), qPrintable(baseUrl));
        QVERIFY(local->serverLabel()->isVisible());
        QVERIFY(local->serverLabel()->text().contains(baseUrl));
        QVERIFY(local->testServerAction()->text().contains(u"Stop"_s));

        QVERIFY(w->openExampleById(u"live-control"_s));
        w->runAction()->trigger();
        QVERIFY(w->runController()->isBusy());
        const QString commandLine = w->runController()->commandLine();
        QVERIFY2(commandLine.contains(u"BASE_URL="_s + baseUrl), qPrintable(commandLine));
        QVERIFY2(commandLine.contains(u"--address 127.0.0.1:"_s), qPrintable(commandLine));

        stampede::studio::RestControlClient *control = local->control();
        const auto &latest = [&w]() -> const stampede::studio::LiveSnapshot & { return w->liveModel()->latest(); };
        QTRY_VERIFY_WITH_TIMEOUT(control->status().valid && control->status().running, 20000);
        QCOMPARE(control->status().vus, qint64(2));
        QCOMPARE(control->status().vusMax, qint64(10));
        // `stampede inspect` found the externally-controlled scenario: the VUs box is offered.
        QTRY_VERIFY_WITH_TIMEOUT(bar->vusBox()->isVisible() && bar->vusBox()->isEnabled(), 20000);
        QCOMPARE(bar->vusBox()->maximum(), 10);
        QTRY_VERIFY_WITH_TIMEOUT(w->liveModel()->snapshotCount() >= 2 && latest().http.total > 0, 20000);
        QVERIFY(bar->pauseButton()->isEnabled());
        QVERIFY(!bar->resumeButton()->isEnabled());

        // Pause: the engine reports paused and the request counter stops growing.
        QTest::mouseClick(bar->pauseButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(control->status().paused, 5000);
        QTRY_VERIFY(bar->stateText().contains(u"paused"_s));
        QVERIFY(bar->resumeButton()->isEnabled());
        QVERIFY(!bar->pauseButton()->isEnabled());
        QTest::qWait(1500); // iterations in flight finish
        const qint64 frozen = latest().http.total;
        const int snapshots = w->liveModel()->snapshotCount();
        QTest::qWait(2500);
        QVERIFY(w->liveModel()->snapshotCount() > snapshots); // the stream goes on
        QCOMPARE(latest().http.total, frozen);
        QVERIFY2(w->livePanel()->headline().startsWith(u"Paused at"_s), qPrintable(w->livePanel()->headline()));
        saveScreenshot(w.get(), u"live-control-paused.png"_s);

        // Resume: it grows again.
        QTest::mouseClick(bar->resumeButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!control->status().paused, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(latest().http.total > frozen, 5000);
        QTRY_VERIFY(w->livePanel()->headline().startsWith(u"Running for"_s));

        // The same through the Run menu's actions and their shortcut: F6 pauses, F6 again resumes.
        QTRY_VERIFY(pauseAction->isEnabled());
        QVERIFY(!resumeAction->isEnabled());
        // The Run menu as the user sees it (a popup of its own), closed again before the shortcut is used.
        const auto screenshotRunMenu = [&](const QString &name) {
            runMenu->popup(w->mapToGlobal(QPoint(60, 30)));
            QTRY_VERIFY(runMenu->isVisible());
            saveScreenshot(runMenu, name);
            runMenu->hide();
            w->activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(w.get()));
        };
        screenshotRunMenu(u"run-menu-running.png"_s);
        if (QTest::currentTestFailed())
            return;
        QTest::keyClick(w.get(), Qt::Key_F6);
        QTRY_VERIFY_WITH_TIMEOUT(control->status().paused, 5000);
        QTRY_VERIFY(resumeAction->isEnabled());
        QVERIFY(!pauseAction->isEnabled());
        QVERIFY(bar->resumeButton()->isEnabled());
        QVERIFY(!bar->pauseButton()->isEnabled());
        QTest::qWait(1500); // iterations in flight finish
        const qint64 held = latest().http.total;
        QTest::qWait(2000);
        QCOMPARE(latest().http.total, held);
        screenshotRunMenu(u"run-menu-paused.png"_s);
        if (QTest::currentTestFailed())
            return;
        QTest::keyClick(w.get(), Qt::Key_F6);
        QTRY_VERIFY_WITH_TIMEOUT(!control->status().paused, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(latest().http.total > held, 5000);
        QTRY_VERIFY(pauseAction->isEnabled());
        QVERIFY(!resumeAction->isEnabled());

        // Scale 2 -> 5: the engine, the VUs chart and the headline show 5.
        bar->vusBox()->setValue(5);
        QTest::mouseClick(bar->applyVusButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(control->status().vus, qint64(5), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(latest().vus, 5.0, 5000);
        QLineSeries *vusLine = w->livePanel()->series(Series::Vus);
        QTRY_VERIFY_WITH_TIMEOUT(vusLine->count() > 0 && vusLine->at(vusLine->count() - 1).y() == 5.0, 5000);
        QVERIFY2(w->livePanel()->headline().contains(u"5 of 10 VUs"_s), qPrintable(w->livePanel()->headline()));
        QTRY_VERIFY(bar->stateText().contains(u"5 of 10 VUs"_s));

        // Beyond maxVUs: the engine's error shows in the bar and the status bar.
        control->setVus(50);
        QTRY_VERIFY_WITH_TIMEOUT(!bar->errorText().isEmpty(), 5000);
        QVERIFY2(bar->errorText().contains(u"50"_s), qPrintable(bar->errorText()));
        QCOMPARE(w->statusText(), bar->errorText());
        QCOMPARE(control->status().vus, qint64(5));
        QApplication::processEvents();
        saveScreenshot(w.get(), u"live-control.png"_s);

        // Stop.
        w->stopAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(w->runController()->state(), stampede::studio::RunController::State::Idle, 20000);
        QVERIFY(!bar->pauseButton()->isEnabled());
        QVERIFY(!pauseAction->isEnabled());
        QVERIFY(!resumeAction->isEnabled());
        QVERIFY(!bar->vusBox()->isEnabled());
        QVERIFY(!control->isPolling());
        QVERIFY2(w->livePanel()->resultText().contains(u"Stopped"_s), qPrintable(w->livePanel()->resultText()));

        local->testServerAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!local->testServer()->isRunning(), 10000);
        QVERIFY(!local->serverLabel()->isVisible());
        QVERIFY2(m_log.errors.isEmpty(), qPrintable(m_log.errors.join(u'\n')));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    ScriptedPrompts::Log m_log;
};

QTEST_MAIN(TestStudio)
#include "tst_studio.moc"
