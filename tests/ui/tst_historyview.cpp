// The studio's run history and run comparison, offscreen, on a real history database
// recorded by the real CLI against the loopback test server.
#include "core/storage/historydb.h"
#include "tests/support/testserverprocess.h"
#include "ui/history/compareview.h"
#include "ui/history/historyprompts.h"
#include "ui/history/historyview.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/mainwindow/prompts.h"
#include "ui/models/deltatablemodel.h"
#include "ui/models/runlistmodel.h"
#include "tests/ui/quietprompts.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineSeries>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using stampede::storage::SeriesKind;
using stampede::storage::Verdict;
using stampede::ui::CompareView;
using stampede::ui::DeltaTableModel;
using stampede::ui::HistoryView;
using stampede::ui::RunListModel;

namespace {

struct PromptLog
{
    bool confirmDelete = true;
    int deleteQuestions = 0;
    QString exportPath;
    QStringList errors;
};

class ScriptedHistoryPrompts : public stampede::ui::HistoryPrompts
{
public:
    explicit ScriptedHistoryPrompts(PromptLog *log)
        : m_log(log)
    {
    }
    bool confirmDelete(QWidget *, int, const QString &) override
    {
        ++m_log->deleteQuestions;
        return m_log->confirmDelete;
    }
    QString askExportFileName(QWidget *, const QString &) override { return m_log->exportPath; }
    void showError(QWidget *, const QString &, const QString &message) override { m_log->errors.append(message); }

private:
    PromptLog *m_log;
};

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

void saveScreenshot(QWidget *w, const QString &name)
{
    const QPixmap shot = w->grab();
    const QString dir = QStringLiteral(STAMPEDE_SCREENSHOT_DIR);
    QVERIFY(!shot.isNull());
    QVERIFY(QDir().mkpath(dir));
    QVERIFY2(shot.save(dir + u'/' + name), qPrintable(dir + u'/' + name));
}

// The row of `runId` in the view's (sorted) order, or -1.
int viewRowOf(const HistoryView &view, int64_t runId)
{
    const auto ids = view.visibleRunIds();
    const auto it = std::find(ids.begin(), ids.end(), runId);
    return it == ids.end() ? -1 : int(it - ids.begin());
}

QString cellText(const HistoryView &view, int64_t runId, int column)
{
    const int row = viewRowOf(view, runId);
    return row < 0 ? QString() : view.view()->model()->index(row, column).data().toString();
}

} // namespace

class TestHistory : public QObject
{
    Q_OBJECT

    stampede::test::TestServerProcess m_server;
    QTemporaryDir m_dir;
    QString m_db, m_shop, m_smoke;
    int64_t m_fast = 0, m_slow = 0, m_other = 0;
    PromptLog m_log;

    // `stampede run --history-db ...` and the id of the run it recorded.
    int64_t record(const QString &script, const QStringList &extra, int expectedExit)
    {
        QProcess p;
        p.setProgram(QStringLiteral(STAMPEDE_BIN_DIR "/stampede"));
        p.setArguments(QStringList{u"run"_s, u"-q"_s, u"--no-color"_s, u"--history-db"_s, m_db} + extra + QStringList{script});
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start();
        if (!p.waitForFinished(60000)) {
            p.kill();
            qWarning("stampede run did not finish");
            return 0;
        }
        if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != expectedExit) {
            qWarning("stampede run exited with %d: %s", p.exitCode(), p.readAll().constData());
            return 0;
        }
        auto db = stampede::storage::HistoryDb::open(m_db.toStdString());
        if (!db)
            return 0;
        stampede::storage::RunFilter f;
        f.limit = 1;
        auto runs = (*db)->listRuns(f);
        return runs && !runs->empty() ? runs->front().id : 0;
    }

    std::unique_ptr<HistoryView> makeView()
    {
        auto view = std::make_unique<HistoryView>();
        view->setPrompts(std::make_unique<ScriptedHistoryPrompts>(&m_log));
        view->setWorkDirectory(m_dir.filePath(u"rerun"_s));
        if (!view->setDatabasePath(m_db))
            qWarning("cannot open %s: %s", qPrintable(m_db), qPrintable(view->errorString()));
        view->resize(1280, 420);
        return view;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        m_db = m_dir.filePath(u"history.sqlite"_s);
        m_shop = m_dir.filePath(u"shop.js"_s);
        m_smoke = m_dir.filePath(u"smoke.js"_s);
        QVERIFY(writeFile(m_shop, R"(import http from 'k6/http';
export const options = {
  vus: 4,
  duration: '3s',
  thresholds: { http_req_duration: ['p(95)<25'] },
};
export default function () {
  http.get(`${__ENV.TARGET}`, { tags: { name: 'api' } });
}
)"));
        QVERIFY(writeFile(m_smoke, R"(import http from 'k6/http';
export const options = { vus: 1, iterations: 3 };
export default function () {
  http.get(`${__ENV.TARGET}`);
}
)"));
        // A fast baseline that passes its threshold, then the same test against a slower
        // server: the p95 threshold fails and the comparison must call it a regression.
        m_fast = record(m_shop, {u"-e"_s, u"TARGET="_s + m_server.url(u"/delay/5"_s).toString()}, 0);
        QVERIFY(m_fast > 0);
        m_slow = record(m_shop, {u"-e"_s, u"TARGET="_s + m_server.url(u"/delay/40"_s).toString()}, 99);
        QVERIFY(m_slow > 0);
        m_other = record(m_smoke, {u"-e"_s, u"TARGET="_s + m_server.url(u"/"_s).toString()}, 0);
        QVERIFY(m_other > 0);
        QVERIFY(m_fast != m_slow && m_slow != m_other);
    }

    void init() { m_log = {}; }

    void listsRunsWithVerdicts()
    {
        auto view = makeView();
        QCOMPARE(view->model()->rowCount(), 3);
        QCOMPARE(view->visibleRunIds().front(), m_other); // newest first
        QCOMPARE(cellText(*view, m_fast, RunListModel::Verdict), RunListModel::verdictText(Verdict::Passed));
        QCOMPARE(cellText(*view, m_slow, RunListModel::Verdict), RunListModel::verdictText(Verdict::ThresholdsFailed));
        QVERIFY2(cellText(*view, m_slow, RunListModel::Exit).contains(u"99"_s),
                 qPrintable(cellText(*view, m_slow, RunListModel::Exit)));
        QCOMPARE(cellText(*view, m_fast, RunListModel::Test), u"shop.js"_s);
        QCOMPARE(cellText(*view, m_other, RunListModel::Test), u"smoke.js"_s);
        QCOMPARE(cellText(*view, m_fast, RunListModel::VusMax), u"4"_s);
        QCOMPARE(cellText(*view, m_other, RunListModel::Requests), u"3"_s);
        QVERIFY(cellText(*view, m_slow, RunListModel::P95).contains(u"ms"_s));
        QVERIFY(cellText(*view, m_fast, RunListModel::ErrorRate).contains(u'%'));
        QVERIFY(cellText(*view, m_fast, RunListModel::Duration).contains(u's'));
        // The slow run's p95 is well above the fast one's.
        const int pRow = viewRowOf(*view, m_slow), fRow = viewRowOf(*view, m_fast);
        const auto *m = view->view()->model();
        QVERIFY(m->index(pRow, RunListModel::P95).data(RunListModel::SortRole).toDouble() >
                3 * m->index(fRow, RunListModel::P95).data(RunListModel::SortRole).toDouble());
    }

    void filtersByTestVerdictAndDate()
    {
        auto view = makeView();
        QCOMPARE(view->tests().size(), 2);
        QVERIFY(view->tests().contains(QFileInfo(m_smoke).canonicalFilePath()));
        view->setTestFilter(QFileInfo(m_shop).canonicalFilePath());
        QCOMPARE(view->visibleRunIds().size(), size_t(2));
        view->setVerdictFilter(Verdict::ThresholdsFailed);
        QCOMPARE(view->visibleRunIds(), std::vector<int64_t>{m_slow});
        view->setTestFilter(QFileInfo(m_smoke).canonicalFilePath());
        QCOMPARE(view->visibleRunIds().size(), size_t(0));
        view->setTestFilter({});
        view->setVerdictFilter(Verdict::Passed);
        QCOMPARE(view->visibleRunIds().size(), size_t(2));
        view->setVerdictFilter(std::nullopt);
        QCOMPARE(view->visibleRunIds().size(), size_t(3));
        const QDate today = QDate::currentDate();
        view->setDateRange(today.addDays(1), {});
        QCOMPARE(view->visibleRunIds().size(), size_t(0));
        view->setDateRange({}, today.addDays(-1));
        QCOMPARE(view->visibleRunIds().size(), size_t(0));
        view->setDateRange(today, today);
        QCOMPARE(view->visibleRunIds().size(), size_t(3));
    }

    void baselinePersists()
    {
        {
            auto view = makeView();
            QVERIFY(view->setBaseline(m_fast, true));
            QCOMPARE(cellText(*view, m_fast, RunListModel::Baseline), u"★"_s);
            QVERIFY(cellText(*view, m_slow, RunListModel::Baseline).isEmpty());
        }
        auto db = stampede::storage::HistoryDb::open(m_db.toStdString());
        QVERIFY(db);
        auto fast = (*db)->run(m_fast);
        QVERIFY(fast);
        auto base = (*db)->baselineOf(fast->test);
        QVERIFY(base && *base);
        QCOMPARE(**base, m_fast);
        auto view = makeView(); // a fresh view reads it back
        QCOMPARE(cellText(*view, m_fast, RunListModel::Baseline), u"★"_s);
    }

    void compareShowsTheRegression()
    {
        auto view = makeView();
        QSignalSpy spy(view.get(), &HistoryView::compareRequested);
        view->selectRuns({m_slow});
        QCOMPARE(view->selectedRunIds(), std::vector<int64_t>{m_slow});
        QVERIFY(view->compareWithBaseline(m_slow));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toLongLong(), m_fast);
        QCOMPARE(spy.at(0).at(1).toLongLong(), m_slow);
        // Two selected runs: the older one is the base, whatever the selection order.
        view->selectRuns({m_slow, m_fast});
        QVERIFY(view->compareSelected());
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy.at(1).at(0).toLongLong(), m_fast);
        // Runs of different tests are refused.
        view->selectRuns({m_fast, m_other});
        QVERIFY(!view->compareSelected());
        QCOMPARE(m_log.errors.size(), 1);

        CompareView compare;
        compare.resize(1400, 960);
        QVERIFY2(compare.compare(*view->database(), m_fast, m_slow), qPrintable(compare.errorString()));
        for (SeriesKind kind : {SeriesKind::RequestRate, SeriesKind::P95, SeriesKind::ErrorRate, SeriesKind::Vus}) {
            QVERIFY(compare.series(kind, false)->count() >= 2);
            QVERIFY(compare.series(kind, true)->count() >= 2);
        }
        QVERIFY(compare.series(SeriesKind::P95, true)->at(1).y() > 3 * compare.series(SeriesKind::P95, false)->at(1).y());
        QVERIFY(compare.series(SeriesKind::P95, false)->name().contains(QString::number(m_fast)));

        DeltaTableModel *deltas = compare.deltaModel();
        const int p95 = deltas->rowOf(u"p95"_s);
        QVERIFY(p95 >= 0);
        QCOMPARE(deltas->stateAt(p95), DeltaTableModel::State::Regression);
        QCOMPARE(deltas->index(p95, 0).data(DeltaTableModel::StateRole).toInt(), 1);
        QVERIFY(deltas->index(p95, 0).data(Qt::BackgroundRole).isValid());
        // The request rate fell with the slower server: a regression too, per URL as well.
        QCOMPARE(deltas->stateAt(deltas->rowOf(u"rps"_s)), DeltaTableModel::State::Regression);
        const int apiP95 = deltas->rowOf(u"p95"_s, u"GET api"_s);
        QVERIFY2(apiP95 >= 0, "no per-request row for GET api");
        QCOMPARE(deltas->stateAt(apiP95), DeltaTableModel::State::Regression);
        const QString p95Judgement = deltas->index(p95, DeltaTableModel::Judgement).data().toString();
        QVERIFY2(p95Judgement.startsWith(u"p95 +"_s) && p95Judgement.contains(u"[95 % CI +"_s) &&
                     p95Judgement.endsWith(u", significant"_s),
                 qPrintable(p95Judgement));
        QVERIFY(compare.judgementText().contains(p95Judgement));
        QVERIFY(compare.comparison()->regression());
        QVERIFY(compare.verdictText().contains(u"p95"_s));
        compare.show();
        QVERIFY(QTest::qWaitForWindowExposed(&compare));
        saveScreenshot(&compare, u"compare.png"_s);

        // The other way round is an improvement.
        QVERIFY(compare.compare(*view->database(), m_slow, m_fast));
        QCOMPARE(compare.deltaModel()->stateAt(compare.deltaModel()->rowOf(u"p95"_s)),
                 DeltaTableModel::State::Improvement);
    }

    void exportsRuns()
    {
        auto view = makeView();
        const QString html = m_dir.filePath(u"run.html"_s), json = m_dir.filePath(u"run.json"_s),
                      csv = m_dir.filePath(u"run.csv"_s);
        QVERIFY(view->exportRun(m_slow, html));
        QVERIFY(view->exportRun(m_slow, json));
        QVERIFY(view->exportRun(m_slow, csv));
        QFile h(html), j(json), c(csv);
        QVERIFY(h.open(QIODevice::ReadOnly) && j.open(QIODevice::ReadOnly) && c.open(QIODevice::ReadOnly));
        const QByteArray htmlText = h.readAll();
        QVERIFY(htmlText.contains("<svg") && htmlText.contains("shop.js"));
        QVERIFY(QJsonDocument::fromJson(j.readAll()).isObject());
        QVERIFY(c.readAll().count('\n') >= 3);
        QVERIFY(!view->exportRun(m_slow, m_dir.filePath(u"missing/dir/run.json"_s)));
        QCOMPARE(m_log.errors.size(), 1);
    }

    void rerunInTheStudioRefreshesTheHistory()
    {
        QTemporaryDir settingsDir;
        stampede::ui::MainWindow w;
        auto prompts = std::make_unique<QuietPrompts>();
        QuietPrompts *quiet = prompts.get();
        w.setPrompts(std::move(prompts));
        w.setSettings(std::make_unique<QSettings>(settingsDir.filePath(u"s.ini"_s), QSettings::IniFormat));
        w.setRecoveryDirectory(settingsDir.filePath(u"recovery"_s));
        w.runController()->setEnginePath(QStringLiteral(STAMPEDE_BIN_DIR "/stampede"));
        HistoryView *history = w.historyView();
        QVERIFY(history);
        history->setPrompts(std::make_unique<ScriptedHistoryPrompts>(&m_log));
        history->setWorkDirectory(m_dir.filePath(u"rerun"_s));
        QVERIFY(history->setDatabasePath(m_db));
        QCOMPARE(history->model()->rowCount(), 3);
        QVERIFY(w.compareWithBaselineAction());

        // The same script, unchanged: it runs in place with the recorded options and environment.
        QSignalSpy rerun(history, &HistoryView::rerunRequested);
        QSignalSpy finished(w.runController(), &stampede::studio::RunController::finished);
        QVERIFY(history->rerun(m_other));
        QCOMPARE(rerun.count(), 1);
        QCOMPARE(QFileInfo(rerun.at(0).at(0).toString()).canonicalFilePath(), QFileInfo(m_smoke).canonicalFilePath());
        const QStringList args = rerun.at(0).at(1).toStringList();
        QVERIFY(args.contains(u"--config"_s));
        QVERIFY(args.contains(u"--iterations"_s));
        QVERIFY2(args.contains(u"TARGET="_s + m_server.url(u"/"_s).toString()), qPrintable(args.join(u' ')));
        QVERIFY(finished.wait(60000));
        const auto result = finished.at(0).at(0).value<stampede::studio::RunResult>();
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(quiet->errors.isEmpty(), qPrintable(quiet->errors.join(u'\n')));
        // The view was refreshed when the run finished.
        QCOMPARE(history->model()->rowCount(), 4);
        const int64_t newest = history->visibleRunIds().front();
        QVERIFY(newest > m_other);
        QCOMPARE(cellText(*history, newest, RunListModel::Test), u"smoke.js"_s);
        QCOMPARE(cellText(*history, newest, RunListModel::Requests), u"3"_s);
        auto db = stampede::storage::HistoryDb::open(m_db.toStdString());
        QVERIFY(db);
        auto again = (*db)->run(newest);
        QVERIFY(again);
        QCOMPARE(again->test, QFileInfo(m_smoke).canonicalFilePath().toStdString());

        // Compare with the baseline from the main window.
        history->setTestFilter({});
        history->selectRuns({m_slow});
        QVERIFY(w.compareWithBaselineAction()->isEnabled());
        w.compareWithBaselineAction()->trigger();
        QVERIFY(w.compareView()->hasComparison());
        QCOMPARE(w.compareView()->comparison()->candidate.id, m_slow);
        QVERIFY(w.compareDock()->isVisible() || !w.isVisible());

        // A changed script runs from the recorded snapshot instead.
        QVERIFY(writeFile(m_smoke, "export default function () { throw new Error('edited'); }\n"));
        QVERIFY(history->rerun(m_other));
        QCOMPARE(rerun.count(), 2);
        const QString snapshot = rerun.at(1).at(0).toString();
        QVERIFY(snapshot.startsWith(m_dir.filePath(u"rerun"_s)));
        QVERIFY(!rerun.at(1).at(2).toString().isEmpty());
        QFile snap(snapshot);
        QVERIFY(snap.open(QIODevice::ReadOnly));
        QVERIFY(snap.readAll().contains("iterations: 3"));
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.at(1).at(0).value<stampede::studio::RunResult>().exitCode, 0);
    }

    void deleteAsksFirst()
    {
        auto view = makeView();
        const size_t before = view->visibleRunIds().size();
        m_log.confirmDelete = false;
        QVERIFY(!view->deleteRuns({m_other}));
        QCOMPARE(m_log.deleteQuestions, 1);
        QCOMPARE(view->visibleRunIds().size(), before);
        m_log.confirmDelete = true;
        QVERIFY(view->deleteRuns({m_other}));
        QCOMPARE(m_log.deleteQuestions, 2);
        QCOMPARE(view->visibleRunIds().size(), before - 1);
        QCOMPARE(viewRowOf(*view, m_other), -1);
        auto db = stampede::storage::HistoryDb::open(m_db.toStdString());
        QVERIFY(db);
        QVERIFY(!(*db)->run(m_other));
    }

    void screenshotOfTheHistory()
    {
        auto view = makeView();
        view->selectRuns({m_slow});
        view->show();
        QVERIFY(QTest::qWaitForWindowExposed(view.get()));
        saveScreenshot(view.get(), u"history.png"_s);
    }
};

QTEST_MAIN(TestHistory)
#include "tst_historyview.moc"
