// The Options dock, offscreen: it reads the script's options object into the form and
// writes every edit back into the text as minimal edits (one undo step each); text it
// cannot read makes it read-only; environment variables go to runs as -e.
#include "core/studio/document.h"
#include "ui/editor/codeeditor.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/mainwindow/prompts.h"
#include "ui/options/optionspanel.h"
#include "ui/options/stagegraph.h"
#include "ui/run/outputpane.h"
#include "tests/ui/quietprompts.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QSignalSpy>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QToolButton>

using namespace Qt::StringLiterals;
using stampede::ui::OptionsPanel;

namespace {

const QString kScript = uR"JS(// Load test with stages: ramp up, hold, ramp down.
import http from 'k6/http';
import { sleep } from 'k6';

const BASE_URL = __ENV.TARGET || 'http://127.0.0.1:8080';

export const options = {
  stages: [
    { duration: '30s', target: 20 }, // ramp up
    { duration: '1m', target: 20 },  // hold
    { duration: '30s', target: 0 },  // ramp down
  ],
  thresholds: {
    http_req_duration: ['p(95)<500'],
    http_req_failed: ['rate<0.01'],
  },
  iterations: __ENV.ITERATIONS || 100,
};

export default function () {
  http.get(`${BASE_URL}/`);
  sleep(1);
}
)JS"_s;

void saveScreenshot(QWidget *w, const QString &name)
{
    const QPixmap shot = w->grab();
    const QString dir = QStringLiteral(STAMPEDE_SCREENSHOT_DIR);
    if (shot.isNull() || !QDir().mkpath(dir) || !shot.save(dir + u'/' + name))
        qWarning("could not write the screenshot %s to %s", qPrintable(name), qPrintable(dir));
}

} // namespace

class TestOptionsPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void readsTheScriptIntoTheForm()
    {
        QTextDocument text;
        text.setPlainText(kScript);
        OptionsPanel panel;
        panel.setTextDocument(&text);
        QVERIFY(panel.isEditable());
        QCOMPARE(panel.stagesTable()->rowCount(), 3);
        QCOMPARE(panel.stagesTable()->item(1, 0)->text(), u"1m"_s);
        QCOMPARE(panel.stagesTable()->item(0, 1)->text(), u"20"_s);
        QCOMPARE(panel.stageGraph()->profile().totalSeconds, 120.0);
        QCOMPARE(panel.stageGraph()->profile().maxTarget, 20.0);
        QCOMPARE(panel.stageGraph()->profile().points.size(), 4);
        QCOMPARE(panel.vusField()->value(), 0); // not set
        // An expression is shown, read-only, instead of the number field.
        QVERIFY(!panel.iterationsField()->isVisibleTo(&panel));
        QCOMPARE(panel.thresholdsTable()->rowCount(), 2);
        QCOMPARE(panel.thresholdsTable()->item(0, 0)->text(), u"http_req_duration"_s);
        QCOMPARE(panel.thresholdsTable()->item(0, 1)->text(), u"p(95)<500"_s);
        QCOMPARE(text.toPlainText(), kScript); // reading changes nothing
    }

    void editingAStageChangesOnlyThatValueAndUndoRestores()
    {
        QTextDocument text;
        text.setPlainText(kScript);
        OptionsPanel panel;
        panel.setTextDocument(&text);
        panel.stagesTable()->item(1, 1)->setText(u"50"_s);
        QString expected = kScript;
        expected.replace(u"{ duration: '1m', target: 20 },  // hold"_s, u"{ duration: '1m', target: 50 },  // hold"_s);
        QCOMPARE(text.toPlainText(), expected);
        QCOMPARE(panel.stageGraph()->profile().maxTarget, 50.0);
        text.undo();
        QCOMPARE(text.toPlainText(), kScript);
    }

    void addingMovingAndRemovingStages()
    {
        QTextDocument text;
        text.setPlainText(kScript);
        OptionsPanel panel;
        panel.setTextDocument(&text);
        panel.addStage();
        QVERIFY2(text.toPlainText().contains(u"    { duration: '30s', target: 0 },  // ramp down\n"
                                             u"    { duration: '30s', target: 0 },\n  ],"_s),
                 qPrintable(text.toPlainText()));
        panel.stagesTable()->item(3, 0)->setText(u"2m"_s);
        panel.stagesTable()->item(3, 1)->setText(u"5"_s);
        QVERIFY(text.toPlainText().contains(u"    { duration: '2m', target: 5 },\n  ],"_s));
        QCOMPARE(panel.stageGraph()->profile().totalSeconds, 240.0);
        panel.moveStage(3, -1);
        QVERIFY2(text.toPlainText().contains(u"  // hold\n    { duration: '2m', target: 5 },  // ramp down\n"
                                             u"    { duration: '30s', target: 0 },\n"_s),
                 qPrintable(text.toPlainText()));
        panel.removeStage(2);
        panel.removeStage(2);
        QVERIFY2(text.toPlainText().contains(u"  stages: [\n    { duration: '30s', target: 20 }, // ramp up\n"
                                             u"    { duration: '1m', target: 20 },  // hold\n  ],\n"_s),
                 qPrintable(text.toPlainText()));
        // Each of the six edits is one undo step.
        for (int i = 0; i < 5; ++i)
            text.undo();
        QVERIFY(text.toPlainText() != kScript);
        text.undo();
        QCOMPARE(text.toPlainText(), kScript);
        QVERIFY(!text.isUndoAvailable());
    }

    // The "+", "−", "↑" and "↓" buttons act on the current row, as the functions do.
    void rowButtonsEditTheCurrentRow()
    {
        QTextDocument text;
        text.setPlainText(kScript);
        OptionsPanel panel;
        panel.setTextDocument(&text);
        auto button = [](QWidget *page, const QString &label) -> QToolButton * {
            for (QToolButton *b : page->findChildren<QToolButton *>())
                if (b->text() == label)
                    return b;
            return nullptr;
        };
        QWidget *load = panel.tabs()->widget(0);
        QTableWidget *stages = panel.stagesTable();
        QToolButton *add = panel.findChild<QToolButton *>(u"addStage"_s);
        QVERIFY(add && button(load, u"−"_s) && button(load, u"↑"_s) && button(load, u"↓"_s));
        add->click();
        QCOMPARE(stages->rowCount(), 4);
        QCOMPARE(stages->currentRow(), 3);
        QVERIFY(text.toPlainText().contains(u"    { duration: '30s', target: 0 },\n  ],"_s));
        stages->setCurrentCell(0, 0);
        button(load, u"↓"_s)->click(); // ramp up and hold change places
        QCOMPARE(stages->currentRow(), 1);
        QVERIFY2(text.toPlainText().contains(u"    { duration: '1m', target: 20 }, // ramp up\n"
                                             u"    { duration: '30s', target: 20 },  // hold\n"_s),
                 qPrintable(text.toPlainText()));
        button(load, u"↑"_s)->click();
        QCOMPARE(stages->currentRow(), 0);
        QVERIFY(text.toPlainText().contains(u"    { duration: '30s', target: 20 }, // ramp up\n"_s));
        stages->setCurrentCell(3, 0);
        button(load, u"−"_s)->click();
        QCOMPARE(stages->rowCount(), 3);
        QCOMPARE(text.toPlainText(), kScript);
        // Without a current row "−" removes nothing.
        stages->setCurrentCell(-1, -1);
        button(load, u"−"_s)->click();
        QCOMPARE(stages->rowCount(), 3);

        QWidget *thresholdsPage = panel.tabs()->widget(2);
        panel.thresholdsTable()->setCurrentCell(1, 0); // http_req_failed
        button(thresholdsPage, u"−"_s)->click();
        QVERIFY(!text.toPlainText().contains(u"http_req_failed"_s));
        QTRY_COMPARE(panel.thresholdsTable()->rowCount(), 1);
        button(thresholdsPage, u"+"_s)->click();
        QVERIFY(text.toPlainText().contains(u"http_req_failed: ['rate<0.01']"_s));

        QWidget *scenariosPage = panel.tabs()->widget(1);
        button(scenariosPage, u"+"_s)->click();
        QCOMPARE(panel.scenarioList()->count(), 1);
        QVERIFY(text.toPlainText().contains(u"scenario: {"_s));
        button(scenariosPage, u"−"_s)->click();
        QCOMPARE(panel.scenarioList()->count(), 0);
        QVERIFY(!text.toPlainText().contains(u"scenarios"_s));

        QWidget *envPage = panel.tabs()->widget(3);
        QSignalSpy changed(&panel, &OptionsPanel::environmentChanged);
        button(envPage, u"+"_s)->click();
        QCOMPARE(panel.environment(), QStringList{u"NAME="_s});
        QCOMPARE(changed.size(), 1);
        button(envPage, u"−"_s)->click();
        QVERIFY(panel.environment().isEmpty());
        QCOMPARE(changed.size(), 2);
    }

    void scalarsAndExecutorsAndThresholds()
    {
        QTextDocument text;
        text.setPlainText(kScript);
        OptionsPanel panel;
        panel.setTextDocument(&text);
        panel.vusField()->setValue(5);
        QVERIFY(text.toPlainText().contains(u"  iterations: __ENV.ITERATIONS || 100,\n  vus: 5,\n};"_s));
        panel.durationField()->setText(u"45s"_s);
        Q_EMIT panel.durationField()->editingFinished();
        QVERIFY(text.toPlainText().contains(u"  vus: 5,\n  duration: '45s',\n};"_s));
        // A wrong duration is refused with a message; the text stays.
        const QString before = text.toPlainText();
        panel.durationField()->setText(u"soon"_s);
        Q_EMIT panel.durationField()->editingFinished();
        QCOMPARE(text.toPlainText(), before);
        QVERIFY(panel.statusText().contains(u"soon"_s));
        panel.vusField()->setValue(0);
        QVERIFY(!text.toPlainText().contains(u"vus:"_s));

        panel.addScenario();
        QVERIFY2(text.toPlainText().contains(u"  scenarios: {\n    scenario: { executor: 'constant-vus', vus: 10, duration: '30s' },\n  },\n"_s),
                 qPrintable(text.toPlainText()));
        QCOMPARE(panel.scenarioList()->count(), 1);
        panel.setScenarioExecutor(u"scenario"_s, u"ramping-arrival-rate"_s);
        QVERIFY2(text.toPlainText().contains(u"    scenario: {\n      executor: 'ramping-arrival-rate',\n      startRate: 0,\n"
                                             u"      timeUnit: '1s',\n      preAllocatedVUs: 10,\n      stages: [\n"
                                             u"        { duration: '30s', target: 10 },\n      ],\n    },\n"_s),
                 qPrintable(text.toPlainText()));
        QCOMPARE(panel.executorBox()->currentText(), u"ramping-arrival-rate"_s);
        auto *rate = panel.findChild<QLineEdit *>(u"scenarioField_startRate"_s);
        QVERIFY(rate);
        rate->setText(u"20"_s);
        Q_EMIT rate->editingFinished();
        QVERIFY(text.toPlainText().contains(u"      startRate: 20,\n"_s));
        auto *stages = panel.findChild<QLineEdit *>(u"scenarioField_stages"_s);
        QVERIFY(stages);
        stages->setText(u"30s:10, 1m:50, 30s:0"_s);
        Q_EMIT stages->editingFinished();
        QVERIFY2(text.toPlainText().contains(u"        { duration: '30s', target: 10 },\n        { duration: '1m', target: 50 },\n"
                                             u"        { duration: '30s', target: 0 },\n      ],\n"_s),
                 qPrintable(text.toPlainText()));
        auto *scenarioGraph = panel.findChild<stampede::ui::StageGraph *>(u"scenarioStageGraph"_s);
        QCOMPARE(scenarioGraph->profile().totalSeconds, 120.0);
        QCOMPARE(scenarioGraph->profile().points.first().y(), 20.0); // starts at startRate
        QCOMPARE(scenarioGraph->profile().maxTarget, 50.0);
        QCOMPARE(scenarioGraph->caption(), u"iterations per 1s over time"_s);

        QTableWidget *thresholds = panel.thresholdsTable();
        thresholds->item(0, 1)->setText(u"p(95)<300, p(99)<800"_s);
        QVERIFY(text.toPlainText().contains(u"    http_req_duration: ['p(95)<300', 'p(99)<800'],\n"_s));
        thresholds->item(1, 2)->setCheckState(Qt::Checked);
        QVERIFY2(text.toPlainText().contains(u"    http_req_failed: [{ threshold: 'rate<0.01', abortOnFail: true }],\n"_s),
                 qPrintable(text.toPlainText()));
        // Renaming in place: the key changes, nothing else.
        QString before2 = text.toPlainText();
        panel.scenarioList()->item(0)->setText(u"checkout"_s);
        QCOMPARE(text.toPlainText(), before2.replace(u"    scenario: {"_s, u"    checkout: {"_s));
        QApplication::processEvents();
        QCOMPARE(panel.scenarioList()->currentItem()->text(), u"checkout"_s);
        before2 = text.toPlainText();
        thresholds->item(0, 0)->setText(u"http_req_duration{name:home}"_s);
        QCOMPARE(text.toPlainText(), before2.replace(u"    http_req_duration: ['p(95)<300'"_s,
                                                     u"    'http_req_duration{name:home}': ['p(95)<300'"_s));
        QApplication::processEvents();

        panel.resize(560, 480);
        panel.tabs()->setCurrentIndex(1);
        saveScreenshot(&panel, u"options-scenarios.png"_s);
        QApplication::processEvents(); // the thresholds table shows the text's state again
        QCOMPARE(panel.thresholdsTable()->rowCount(), 2);
        QCOMPARE(panel.thresholdsTable()->item(1, 0)->text(), u"http_req_failed"_s);
        QCOMPARE(panel.thresholdsTable()->item(1, 2)->checkState(), Qt::Checked);
        panel.tabs()->setCurrentIndex(2);
        saveScreenshot(&panel, u"options-thresholds.png"_s);
        // Everything outside the options object is as it was.
        QVERIFY(text.toPlainText().startsWith(kScript.left(kScript.indexOf(u"export const options"_s))));
        QVERIFY(text.toPlainText().endsWith(kScript.mid(kScript.indexOf(u"};\n\nexport default"_s))));
    }

    // Typing in the editor and, before the pause is over, editing the form: the form's edit
    // goes into the text as it is now and keeps what was typed.
    void formEditsRightAfterTypingUseTheCurrentText()
    {
        QTextDocument text;
        text.setPlainText(kScript);
        OptionsPanel panel;
        panel.setRefreshDelay(60000);
        panel.setTextDocument(&text);
        QTextCursor c(text.findBlockByNumber(7)); // "  stages: ["
        c.insertText(u"  vus: 4, // typed just now\n"_s);
        panel.durationField()->setText(u"20s"_s);
        Q_EMIT panel.durationField()->editingFinished();
        const QString now = text.toPlainText();
        QVERIFY2(now.contains(u"export const options = {\n  vus: 4, // typed just now\n  stages: [\n"_s), qPrintable(now));
        QVERIFY2(now.contains(u"  iterations: __ENV.ITERATIONS || 100,\n  duration: '20s',\n};"_s), qPrintable(now));
        QVERIFY(stampede::studio::OptionsDocument::parse(now).isValid());
    }

    void unreadableTextMakesThePanelReadOnly()
    {
        QTextDocument text;
        const QString broken = u"export const options = {\n  vus: 1,\n  duration: '1s'\n  iterations: 3,\n};\n"_s;
        text.setPlainText(broken);
        OptionsPanel panel;
        panel.setTextDocument(&text);
        QVERIFY(!panel.isEditable());
        QVERIFY2(panel.statusText().contains(u"line 4, column 3"_s), qPrintable(panel.statusText()));
        QVERIFY(!panel.tabs()->widget(0)->isEnabled());
        QCOMPARE(panel.vusField()->value(), 0); // never read: nothing to show
        panel.addStage();
        panel.vusField()->setValue(9);
        QCOMPARE(text.toPlainText(), broken);
        // Fixed in the editor: after the pause the form is back.
        panel.setRefreshDelay(10);
        QTextCursor c(text.findBlockByNumber(2));
        c.movePosition(QTextCursor::EndOfBlock);
        c.insertText(u","_s);
        QTRY_VERIFY(panel.isEditable());
        QCOMPARE(panel.vusField()->value(), 1);
        // Broken again while typing: the disabled form keeps the last options it could read.
        c.deletePreviousChar();
        QTRY_VERIFY(!panel.isEditable());
        QCOMPARE(panel.vusField()->value(), 1);
        QCOMPARE(panel.durationField()->text(), u"1s"_s);
        QVERIFY(!panel.tabs()->widget(0)->isEnabled());
    }

    void noOptionsObjectIsInsertedAfterTheImports()
    {
        QTextDocument text;
        text.setPlainText(u"import http from 'k6/http';\n\nexport default function () {}\n"_s);
        OptionsPanel panel;
        panel.setTextDocument(&text);
        QVERIFY(panel.isEditable());
        QVERIFY(panel.statusText().contains(u"no options"_s));
        panel.vusField()->setValue(3);
        QCOMPARE(text.toPlainText(),
                 u"import http from 'k6/http';\n\nexport const options = {\n  vus: 3,\n};\n\nexport default function () {}\n"_s);
    }

    void inTheStudioWithEnvironmentAndScreenshot()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"load.js"_s);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(kScript.toUtf8());
        }
        auto makeWindow = [&] {
            auto w = std::make_unique<stampede::ui::MainWindow>();
            w->setPrompts(std::make_unique<QuietPrompts>());
            w->setSettings(std::make_unique<QSettings>(dir.filePath(u"settings.ini"_s), QSettings::IniFormat));
            w->setRecoveryDirectory(dir.filePath(u"recovery"_s));
            return w;
        };
        auto w = makeWindow();
        QVERIFY(w->openFile(path));
        w->resize(1400, 860);
        w->show();
        OptionsPanel *panel = w->optionsPanel();
        QVERIFY(w->optionsDock()->isVisible());
        QCOMPARE(panel->textDocument(), w->document()->textDocument());
        QCOMPARE(panel->stagesTable()->rowCount(), 3);
        // Edit through the panel: the editor shows it, the tab is modified, Undo in the editor reverts it.
        panel->stagesTable()->item(0, 1)->setText(u"40"_s);
        QVERIFY(w->editor()->toPlainText().contains(u"{ duration: '30s', target: 40 }, // ramp up"_s));
        QVERIFY(w->document()->isModified());
        w->editor()->undo();
        QCOMPARE(w->editor()->toPlainText(), kScript);
        // The form follows the text after the typing pause.
        QTRY_COMPARE(panel->stagesTable()->item(0, 1)->text(), u"20"_s);
        panel->stagesTable()->item(0, 1)->setText(u"40"_s);
        QVERIFY(w->editor()->toPlainText().contains(u"{ duration: '30s', target: 40 }, // ramp up"_s));

        // Environment variables: kept per script, passed to runs as -e.
        panel->tabs()->setCurrentIndex(3);
        panel->setEnvironment({u"TARGET=http://127.0.0.1:8080"_s});
        Q_EMIT panel->environmentChanged(panel->environment());
        QCOMPARE(w->environmentAt(w->currentTab()), (QStringList{u"-e"_s, u"TARGET=http://127.0.0.1:8080"_s}));
        panel->tabs()->setCurrentIndex(0);
        QApplication::processEvents();
        saveScreenshot(w.get(), u"options-panel-window.png"_s);
        saveScreenshot(w->optionsDock(), u"options-panel.png"_s);
        w->document()->setModified(false);
        w.reset();

        auto again = makeWindow();
        QVERIFY(again->openFile(path));
        QCOMPARE(again->environmentAt(again->currentTab()), (QStringList{u"-e"_s, u"TARGET=http://127.0.0.1:8080"_s}));
        QCOMPARE(again->optionsPanel()->environment(), QStringList{u"TARGET=http://127.0.0.1:8080"_s});
    }

    // The environment table reaches the engine: a real run of a script that needs the variable.
    void environmentVariablesReachTheRun()
    {
        const QString engine = QStringLiteral(STAMPEDE_BIN_DIR "/stampede");
        QVERIFY(QFileInfo(engine).isExecutable());
        QTemporaryDir dir;
        const QString path = dir.filePath(u"env.js"_s);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("export const options = { iterations: 1 };\n"
                    "export default function () {\n"
                    "  if (__ENV.GREETING !== 'hello there') throw new Error('GREETING is ' + __ENV.GREETING);\n"
                    "  console.log('greeting ' + __ENV.GREETING);\n"
                    "}\n");
        }
        stampede::ui::MainWindow w;
        w.setPrompts(std::make_unique<QuietPrompts>());
        w.setSettings(std::make_unique<QSettings>(dir.filePath(u"settings.ini"_s), QSettings::IniFormat));
        w.setRecoveryDirectory(dir.filePath(u"recovery"_s));
        w.runController()->setEnginePath(engine);
        QVERIFY(w.openFile(path));
        w.optionsPanel()->setEnvironment({u"GREETING=hello there"_s});
        Q_EMIT w.optionsPanel()->environmentChanged(w.optionsPanel()->environment());
        QSignalSpy finished(w.runController(), &stampede::studio::RunController::finished);
        w.runAction()->trigger();
        QVERIFY(finished.wait(60000));
        const auto result = finished.takeFirst().at(0).value<stampede::studio::RunResult>();
        const QString output = w.outputPane()->toPlainText();
        QVERIFY2(result.exitCode == 0, qPrintable(output));
        QVERIFY2(w.runController()->commandLine().contains(u"-e 'GREETING=hello there'"_s),
                 qPrintable(w.runController()->commandLine()));
        QVERIFY2(output.contains(u"greeting hello there"_s), qPrintable(output));
    }
};

QTEST_MAIN(TestOptionsPanel)
#include "tst_optionspanel.moc"
