// Every bundled example (resources/examples/*.js) with the real CLI against the real
// stampede-testserver, the way the studio runs them (BASE_URL set): exit code 0, at least
// one check, no failed check. Long-running examples take DURATION=2s.

#include "tests/support/testserverprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using stampede::test::TestServerProcess;

class tst_Examples : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        QVERIFY(m_dir.isValid());
    }

    void everyExampleIsBundled()
    {
        // The resource list (resources/CMakeLists.txt) and the folder must agree.
        const QStringList files = QDir(QStringLiteral(STAMPEDE_SOURCE_DIR "/resources/examples"))
                                      .entryList({u"*.js"_s}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 10);
        QFile cmake(QStringLiteral(STAMPEDE_SOURCE_DIR "/resources/CMakeLists.txt"));
        QVERIFY(cmake.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(cmake.readAll());
        for (const QString &f : files)
            QVERIFY2(text.contains(u"examples/"_s + f), qPrintable(f + u" is not in resources/CMakeLists.txt"_s));
    }

    void examplePasses_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(STAMPEDE_SOURCE_DIR "/resources/examples"));
        const QStringList files = dir.entryList({u"*.js"_s}, QDir::Files, QDir::Name);
        for (const QString &f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }

    void examplePasses()
    {
        QFETCH(QString, path);
        const QString summaryPath = m_dir.filePath(QFileInfo(path).baseName() + u".json"_s);
        QFile::remove(summaryPath);
        QProcess p;
        p.setWorkingDirectory(QFileInfo(path).absolutePath());
        p.start(QStringLiteral(STAMPEDE_BIN_DIR "/stampede"),
                {u"run"_s, u"--no-history"_s, u"-e"_s, u"BASE_URL="_s + m_server.url().toString(QUrl::StripTrailingSlash),
                 u"-e"_s, u"DURATION=2s"_s, u"--summary-export"_s, summaryPath, path});
        QVERIFY(p.waitForStarted());
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            QFAIL("the example did not finish within 60 s");
        }
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
                 qPrintable(u"exit code %1\n"_s.arg(p.exitCode()) + out + err));
        QFile summary(summaryPath);
        QVERIFY2(summary.open(QIODevice::ReadOnly), qPrintable(summaryPath));
        const QJsonObject checks =
            QJsonDocument::fromJson(summary.readAll()).object().value(u"metrics"_s).toObject().value(u"checks"_s).toObject();
        QVERIFY2(checks.value(u"passes"_s).toDouble() > 0, qPrintable(out));
        QVERIFY2(checks.value(u"fails"_s).toDouble() == 0, qPrintable(out));
    }

private:
    TestServerProcess m_server;
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(tst_Examples)
#include "tst_examples.moc"
