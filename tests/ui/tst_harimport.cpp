// File > Import HAR…: the request table with live filters and rules, auto-correlation proposals,
// the script preview, creating the script, a broken recording, and validating the script with
// one iteration against a loopback server that answers with the recorded responses.
#include "core/studio/runcontroller.h"
#include "ui/harimport/harimportdialog.h"
#include "ui/harimport/harrequestmodel.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/mainwindow/prompts.h"

#include "core/studio/document.h"
#include "ui/editor/codeeditor.h"

#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using stampede::ui::HarImportDialog;
using stampede::ui::HarRequestModel;
using stampede::ui::MainWindow;
using stampede::ui::Prompts;

namespace {

class ScriptedPrompts : public Prompts
{
public:
    explicit ScriptedPrompts(QStringList *errors, QString savePath = {})
        : m_errors(errors)
        , m_savePath(std::move(savePath))
    {
    }
    SaveChoice askSaveChanges(QWidget *, const QString &) override { return SaveChoice::Discard; }
    QString askOpenFileName(QWidget *, const QString &) override { return {}; }
    QString askSaveFileName(QWidget *, const QString &) override { return m_savePath; }
    bool confirmStopRun(QWidget *) override { return true; }
    void showError(QWidget *, const QString &, const QString &message) override { m_errors->append(message); }
    bool askRecover(QWidget *, const QStringList &) override { return false; }
    int askLineNumber(QWidget *, int, int) override { return 0; }
    QString askFolder(QWidget *, const QString &) override { return {}; }

private:
    QStringList *m_errors;
    QString m_savePath;
};

// Answers every request with the recorded response for the same method and path (404 otherwise),
// as a browser recording replayed against the site would see it.
class RecordedServer : public QObject
{
public:
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }
    int unknown = 0;

    void load(const QJsonArray &entries)
    {
        for (const QJsonValue &v : entries) {
            const QJsonObject e = v.toObject();
            const QJsonObject req = e.value(u"request"_s).toObject();
            const QJsonObject res = e.value(u"response"_s).toObject();
            const QUrl url(req.value(u"url"_s).toString());
            if (url.host() != u"127.0.0.1"_s)
                continue;
            Reply r;
            r.status = res.value(u"status"_s).toInt();
            const QJsonObject content = res.value(u"content"_s).toObject();
            r.body = content.value(u"encoding"_s).toString() == u"base64"_s
                         ? QByteArray::fromBase64(content.value(u"text"_s).toString().toUtf8())
                         : content.value(u"text"_s).toString().toUtf8();
            for (const QJsonValue &h : res.value(u"headers"_s).toArray()) {
                const QByteArray name = h.toObject().value(u"name"_s).toString().toUtf8();
                const QByteArray lower = name.toLower();
                if (lower.startsWith(':') || lower == "content-length" || lower == "content-encoding" ||
                    lower == "transfer-encoding" || lower == "connection")
                    continue;
                r.headers.append({name, h.toObject().value(u"value"_s).toString().toUtf8()});
            }
            m_replies.insert(req.value(u"method"_s).toString().toUtf8() + ' ' + url.toEncoded(QUrl::RemoveScheme |
                                                                                          QUrl::RemoveAuthority),
                             r);
        }
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, this, [this, s] { onData(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }

private:
    struct Reply
    {
        int status = 200;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
    };

    void onData(QTcpSocket *s)
    {
        QByteArray &buf = m_buffers[s];
        buf += s->readAll();
        for (;;) {
            const qsizetype end = buf.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = buf.left(end).split('\n');
            qsizetype length = 0;
            for (qsizetype i = 1; i < lines.size(); ++i)
                if (lines[i].toLower().startsWith("content-length:"))
                    length = lines[i].mid(15).trimmed().toLongLong();
            if (buf.size() < end + 4 + length)
                return;
            const QList<QByteArray> requestLine = lines[0].trimmed().split(' ');
            buf.remove(0, end + 4 + length);
            const QByteArray key = requestLine.value(0) + ' ' + requestLine.value(1);
            Reply r;
            if (auto it = m_replies.find(key); it != m_replies.end()) {
                r = *it;
            } else {
                ++unknown;
                r.status = 404;
            }
            QByteArray out = "HTTP/1.1 " + QByteArray::number(r.status) + " X\r\nContent-Length: " +
                             QByteArray::number(r.body.size()) + "\r\n";
            for (const auto &[k, v] : r.headers)
                out += k + ": " + v + "\r\n";
            s->write(out + "\r\n" + r.body);
        }
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QHash<QByteArray, Reply> m_replies;
};

QString realEngine()
{
    QString engine = qEnvironmentVariable("STAMPEDE_TEST_ENGINE");
    if (engine.isEmpty())
        engine = QStringLiteral(STAMPEDE_BIN_DIR "/stampede");
    return QFileInfo(engine).isExecutable() ? engine : QString();
}

int visibleRows(HarImportDialog *d)
{
    return d->visibleRequests()->rowCount();
}

bool excluded(HarImportDialog *d, int row)
{
    return d->requestModel()->index(row, 0).data(HarRequestModel::ExcludedRole).toBool();
}

QStringList ruleNames(HarImportDialog *d, int row)
{
    return d->requestModel()->index(row, 0).data(HarRequestModel::RuleNamesRole).toStringList();
}

} // namespace

class TestHarImport : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    QStringList m_errors;

    QString copyFixture(const QString &name)
    {
        const QString to = m_dir->filePath(name);
        QFile::copy(QStringLiteral(STAMPEDE_TEST_DATA_DIR "/har/") + name, to);
        QFile::setPermissions(to, QFile::ReadOwner | QFile::WriteOwner);
        return to;
    }

    std::unique_ptr<MainWindow> makeWindow(const QString &savePath = {})
    {
        auto w = std::make_unique<MainWindow>();
        w->setPrompts(std::make_unique<ScriptedPrompts>(&m_errors, savePath));
        w->setSettings(std::make_unique<QSettings>(m_dir->filePath(u"settings.ini"_s), QSettings::IniFormat));
        w->setRecoveryDirectory(m_dir->filePath(u"recovery"_s));
        return w;
    }

    // Opens `har` in a new wizard and waits until the table and the preview are there.
    std::unique_ptr<HarImportDialog> openWizard(MainWindow *w, const QString &har, bool expectOk = true)
    {
        auto d = std::make_unique<HarImportDialog>(w);
        QSignalSpy loaded(d.get(), &HarImportDialog::harLoaded);
        d->openHar(har);
        if (!loaded.wait(20000) || loaded.first().first().toBool() != expectOk)
            return nullptr;
        if (!QTest::qWaitFor([&] { return !d->isBusy(); }, 20000))
            return nullptr;
        return d;
    }

    static bool settle(HarImportDialog *d)
    {
        // The debounce timer starts on every change; wait for it and the worker to finish.
        return QTest::qWaitFor([d] { return !d->isBusy(); }, 20000);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_errors.clear();
    }

    void menuHasTheAction()
    {
        auto w = makeWindow();
        auto *action = w->findChild<QAction *>(u"importHarAction"_s);
        QVERIFY(action);
        QVERIFY(action->text().contains(u"HAR"_s));
    }

    void tableListsEveryRequest()
    {
        auto w = makeWindow();
        auto d = openWizard(w.get(), copyFixture(u"chrome-shop.har"_s));
        QVERIFY(d);
        QCOMPARE(d->requestModel()->rowCount(), 10);
        QCOMPARE(visibleRows(d.get()), 10); // left-out rows are shown (greyed) by default
        const QAbstractItemModel *m = d->requestModel();
        QCOMPARE(m->index(3, HarRequestModel::Method).data().toString(), u"POST"_s);
        QCOMPARE(m->index(3, HarRequestModel::Host).data().toString(), u"shop.test"_s);
        QCOMPARE(m->index(3, HarRequestModel::Path).data().toString(), u"/api/login"_s);
        QCOMPARE(m->index(5, HarRequestModel::Status).data().toInt(), 201);
        QVERIFY(m->index(3, HarRequestModel::Type).data().toString().contains(u"application/json"_s));
        QVERIFY(!m->index(0, HarRequestModel::Size).data().toString().isEmpty());
        QVERIFY(m->index(0, HarRequestModel::Time).data().toString().contains(u"ms"_s));
        // Third-party and static rows are greyed and say why.
        QVERIFY(excluded(d.get(), 2));
        QVERIFY(m->index(2, 0).data(Qt::ForegroundRole).isValid());
        QVERIFY(m->index(2, 0).data(Qt::ToolTipRole).toString().contains(u"third-party host"_s));
        QVERIFY(!excluded(d.get(), 0));

        auto *show = d->findChild<QCheckBox *>(u"showExcluded"_s);
        show->setChecked(false);
        QCOMPARE(visibleRows(d.get()), 6);
        QVERIFY(d->previewText().contains(u"export default function"_s));
    }

    void includeStaticChangesTheRows()
    {
        auto w = makeWindow();
        auto d = openWizard(w.get(), copyFixture(u"chrome-shop.har"_s));
        QVERIFY(d);
        d->findChild<QCheckBox *>(u"showExcluded"_s)->setChecked(false);
        QCOMPARE(visibleRows(d.get()), 6);
        QVERIFY(excluded(d.get(), 1));
        const QString before = d->previewText();
        QVERIFY(!before.contains(u"app.css"_s));

        d->findChild<QCheckBox *>(u"includeStatic"_s)->setChecked(true);
        QVERIFY(settle(d.get()));
        // app.css; the font is also third-party, logo.png came from the browser's cache.
        QCOMPARE(visibleRows(d.get()), 7);
        QVERIFY(d->requestModel()->index(9, 0).data(Qt::ToolTipRole).toString().contains(u"cache"_s));
        QVERIFY(!excluded(d.get(), 1));
        QVERIFY(excluded(d.get(), 2));
        QVERIFY(d->previewText().contains(u"app.css"_s));

        d->findChild<QCheckBox *>(u"includeStatic"_s)->setChecked(false);
        QVERIFY(settle(d.get()));
        QCOMPARE(visibleRows(d.get()), 6);
    }

    void blockPatternHidesRows()
    {
        auto w = makeWindow();
        auto d = openWizard(w.get(), copyFixture(u"chrome-shop.har"_s));
        QVERIFY(d);
        d->findChild<QCheckBox *>(u"showExcluded"_s)->setChecked(false);
        QVERIFY(!excluded(d.get(), 5));
        QVERIFY(d->previewText().contains(u"/api/cart/"_s));
        d->findChild<QLineEdit *>(u"blockUrls"_s)->setText(u"*/api/cart/*"_s);
        QVERIFY(settle(d.get()));
        QVERIFY(excluded(d.get(), 5));
        QCOMPARE(visibleRows(d.get()), 5);
        QVERIFY(d->requestModel()->index(5, 0).data(Qt::ToolTipRole).toString().contains(u"blocked by */api/cart/*"_s));
        QVERIFY(!d->previewText().contains(u"/api/cart/"_s));
    }

    void correlationRuleHighlightsRows()
    {
        auto w = makeWindow();
        auto d = openWizard(w.get(), copyFixture(u"chrome-shop.har"_s));
        QVERIFY(d);
        QVERIFY(ruleNames(d.get(), 3).isEmpty());
        QVERIFY(!d->requestModel()->index(3, 0).data(Qt::BackgroundRole).isValid());
        d->rulesEditor()->setPlainText(uR"({"correlations": [
            {"name": "authToken", "from": "*/api/login", "extract": {"type": "json", "path": "token"}}]})"_s);
        QVERIFY(settle(d.get()));
        // The login response gives the token; the cart request sends it.
        QCOMPARE(ruleNames(d.get(), 3), QStringList{u"authToken"_s});
        QVERIFY(d->requestModel()->index(3, 0).data(Qt::BackgroundRole).isValid());
        QCOMPARE(d->requestModel()->index(3, HarRequestModel::Rules).data().toString(), u"authToken"_s);
        QVERIFY(d->requestModel()->index(3, 0).data(Qt::ToolTipRole).toString().contains(u"authToken"_s));
        QVERIFY(ruleNames(d.get(), 4).contains(u"authToken"_s));
        QVERIFY(ruleNames(d.get(), 0).isEmpty());
        QVERIFY(!d->requestModel()->index(0, 0).data(Qt::BackgroundRole).isValid());
        QVERIFY(d->previewText().contains(u"authToken"_s));

        // Invalid JSON is reported and not applied.
        d->rulesEditor()->setPlainText(u"{\"correlations\": ["_s);
        QVERIFY(settle(d.get()));
        QVERIFY(d->findChild<QLabel *>(u"rulesStatus"_s)->text().contains(u"JSON"_s));
        QVERIFY(!d->findChild<QPushButton *>(u"createScript"_s)->isEnabled());
    }

    void acceptingAProposalChangesThePreview()
    {
        auto w = makeWindow();
        auto d = openWizard(w.get(), copyFixture(u"chrome-shop.har"_s));
        QVERIFY(d);
        QTreeWidget *list = d->proposalList();
        QVERIFY(list->topLevelItemCount() > 0);
        QTreeWidgetItem *item = list->topLevelItem(0);
        const QString name = item->text(0);
        QCOMPARE(item->checkState(0), Qt::Unchecked);
        QVERIFY(!item->text(3).isEmpty()); // the evidence
        const QString before = d->previewText();
        QVERIFY(!before.contains(name + u" = "_s));

        item->setCheckState(0, Qt::Checked);
        QVERIFY(settle(d.get()));
        const QString after = d->previewText();
        QVERIFY(after != before);
        QVERIFY2(after.contains(name + u" = "_s), qPrintable(after)); // extracted ...
        QVERIFY(after.count(name) >= 2);                              // ... and used
        QCOMPARE(d->effectiveRules().correlations.size(), size_t(1));
        QCOMPARE(list->topLevelItem(0)->checkState(0), Qt::Checked); // still ticked after the refresh

        list->topLevelItem(0)->setCheckState(0, Qt::Unchecked);
        QVERIFY(settle(d.get()));
        QCOMPARE(d->previewText(), before);
    }

    void optionsChangeThePreview()
    {
        auto w = makeWindow();
        auto d = openWizard(w.get(), copyFixture(u"chrome-shop.har"_s));
        QVERIFY(d);
        QVERIFY(d->previewText().contains(u"check("_s));
        d->findChild<QCheckBox *>(u"statusChecks"_s)->setChecked(false);
        d->findChild<QSpinBox *>(u"vus"_s)->setValue(7);
        d->findChild<QLineEdit *>(u"duration"_s)->setText(u"45s"_s);
        QVERIFY(settle(d.get()));
        QVERIFY(!d->previewText().contains(u"check("_s));
        QVERIFY(d->previewText().contains(u"vus: 7"_s));
        QVERIFY(d->previewText().contains(u"\"45s\""_s));
    }

    void createScriptWritesFilesAndOpensATab()
    {
        auto w = makeWindow();
        const QString project = m_dir->filePath(u"project"_s);
        QVERIFY(QDir().mkpath(project));
        QVERIFY(w->openFolder(project));
        const QString har = copyFixture(u"chrome-shop.har"_s);
        auto d = openWizard(w.get(), har);
        QVERIFY(d);
        d->proposalList()->topLevelItem(0)->setCheckState(0, Qt::Checked);
        d->findChild<QCheckBox *>(u"includeStatic"_s)->setChecked(true);
        QVERIFY(settle(d.get()));
        const QString preview = d->previewText();
        const int tabs = w->tabCount();

        const QString path = d->createScript(false);
        QCOMPARE(path, QDir(project).filePath(u"chrome-shop.js"_s));
        QFile script(path);
        QVERIFY(script.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(script.readAll()), preview);
        QFile rules(har + u".rules.json"_s);
        QVERIFY(rules.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(rules.readAll()).object();
        QCOMPARE(json.value(u"correlations"_s).toArray().size(), 1);
        QCOMPARE(json.value(u"filters"_s).toObject().value(u"includeStatic"_s).toBool(), true);
        QVERIFY(m_errors.isEmpty());
        // A new tab with the script (the empty untitled tab is reused).
        QVERIFY(w->tabCount() >= tabs);
        QCOMPARE(w->document()->filePath(), path);
        QCOMPARE(w->document()->text(), preview);

        // A second script does not overwrite the first; the saved rules come back on re-import.
        QCOMPARE(d->createScript(false), QDir(project).filePath(u"chrome-shop-2.js"_s));
        auto again = openWizard(w.get(), har);
        QVERIFY(again);
        QVERIFY(again->findChild<QCheckBox *>(u"includeStatic"_s)->isChecked());
        QCOMPARE(again->previewText(), preview);
    }

    void withoutProjectItAsksWhere()
    {
        const QString target = m_dir->filePath(u"elsewhere.js"_s);
        auto w = makeWindow(target);
        auto d = openWizard(w.get(), copyFixture(u"firefox-notes.har"_s));
        QVERIFY(d);
        QCOMPARE(d->createScript(false), target);
        QVERIFY(QFile::exists(target));
        QVERIFY(QFile::exists(m_dir->filePath(u"firefox-notes.har.rules.json"_s)));
    }

    void brokenHarShowsTheError()
    {
        auto w = makeWindow();
        const QString bad = m_dir->filePath(u"bad.har"_s);
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"log": {"version": "1.2", "entries": [{"request": {"method": "GET", "url": 7}}]}})");
        f.close();
        auto d = openWizard(w.get(), bad, false);
        QVERIFY(d);
        QVERIFY2(d->errorText().contains(u"bad.har: log.entries[0].request.url: expected a string, got a number"_s),
                 qPrintable(d->errorText()));
        QCOMPARE(d->requestModel()->rowCount(), 0);
        QVERIFY(!d->findChild<QPushButton *>(u"createScript"_s)->isEnabled());
        QVERIFY(d->createScript(false).isEmpty());

        // Not JSON at all, then a good file in the same wizard.
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("{\"log\": {\"entries\": [\n  {,}\n");
        f.close();
        QSignalSpy loaded(d.get(), &HarImportDialog::harLoaded);
        d->openHar(bad);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(loaded.first().first().toBool(), false);
        QVERIFY2(d->errorText().contains(u"bad.har"_s), qPrintable(d->errorText()));
        d->openHar(copyFixture(u"safari-news.har"_s));
        QVERIFY(loaded.wait(20000));
        QCOMPARE(loaded.last().first().toBool(), true);
        QVERIFY(d->errorText().isEmpty());
        QCOMPARE(d->requestModel()->rowCount(), 7);
    }

    void createAndValidateRunsOneIteration()
    {
        const QString engine = realEngine();
        if (engine.isEmpty())
            QSKIP("the stampede engine is not built");
        RecordedServer server;
        QVERIFY(server.listen());
        QFile in(QStringLiteral(STAMPEDE_TEST_DATA_DIR "/har/replay-shop.har.in"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray text = in.readAll();
        text.replace("{{PORT}}", QByteArray::number(server.port()));
        server.load(QJsonDocument::fromJson(text).object().value(u"log"_s).toObject().value(u"entries"_s).toArray());
        const QString har = m_dir->filePath(u"shop.har"_s);
        QFile out(har);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
        out.close();

        auto w = makeWindow();
        const QString project = m_dir->filePath(u"project"_s);
        QVERIFY(QDir().mkpath(project));
        QVERIFY(w->openFolder(project));
        w->runController()->setEnginePath(engine);
        auto d = openWizard(w.get(), har);
        QVERIFY(d);
        for (int i = 0; i < d->proposalList()->topLevelItemCount(); ++i)
            d->proposalList()->topLevelItem(i)->setCheckState(0, Qt::Checked);
        QVERIFY(settle(d.get()));
        QVERIFY(d->effectiveRules().correlations.size() >= 4);

        QSignalSpy finished(d.get(), &HarImportDialog::validationFinished);
        const QString path = d->createScript(true);
        QVERIFY(QFile::exists(path));
        QVERIFY(finished.wait(120000));
        const QString result = d->validationText();
        QCOMPARE(finished.first().first().toInt(), 0);
        QVERIFY2(result.contains(u"exit code 0"_s) || result.contains(u"successfully"_s), qPrintable(result));
        QVERIFY2(result.contains(u"6 check"_s), qPrintable(result));
        QVERIFY2(result.contains(u"0 failed"_s), qPrintable(result));
        QCOMPARE(server.unknown, 0);
    }

    void screenshot()
    {
        auto w = makeWindow();
        copyFixture(u"rules-shop.har.rules.json"_s);
        auto d = openWizard(w.get(), copyFixture(u"rules-shop.har"_s));
        QVERIFY(d);
        // The rules file beside the HAR is loaded: rows are highlighted.
        QVERIFY(!ruleNames(d.get(), 3).isEmpty());
        d->resize(1400, 860);
        d->show();
        QVERIFY(QTest::qWaitForWindowExposed(d.get()));
        QTest::qWait(100);
        const QPixmap shot = d->grab();
        const QString dir = QStringLiteral(STAMPEDE_SCREENSHOT_DIR);
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(shot.save(dir + u"/har-wizard.png"_s));
    }
};

QTEST_MAIN(TestHarImport)
#include "tst_harimport.moc"
