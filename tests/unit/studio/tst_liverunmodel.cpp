// LiveRunModel and the snapshot parser, fed with streams recorded from a real
// `stampede run --out live=...` against the loopback test server (tests/data/live).
#include "core/studio/liverunmodel.h"
#include "core/studio/livesnapshot.h"
#include "core/studio/ringbuffer.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using stampede::studio::LiveRunModel;
using stampede::studio::LiveSnapshot;

namespace {
QByteArray readData(const QString &name)
{
    QFile f(QStringLiteral(STAMPEDE_TEST_DATA_DIR "/live/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestLiveRunModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesRecordedSnapshot()
    {
        const QByteArray data = readData(u"two-scenarios.ndjson"_s);
        QVERIFY(!data.isEmpty());
        const QByteArray first = data.left(data.indexOf('\n'));
        QString error;
        const auto s = stampede::studio::parseLiveSnapshot(first, &error);
        QVERIFY2(s, qPrintable(error));
        QVERIFY(!s->final);
        QCOMPARE(s->vus, 5.0);
        QCOMPARE(s->http.total, 43);
        QCOMPARE(s->http.failed, 20);
        QVERIFY(s->http.p95 > 0 && s->http.p95 <= s->http.max);
        QVERIFY(s->data.receivedRate > 0);
        QCOMPARE(s->scenarios.size(), 2);
        QCOMPARE(s->scenarios.at(0).name, u"api"_s);
        QCOMPARE(s->endpoints.size(), 2);
        QCOMPARE(s->endpoints.at(0).name, u"delayed"_s);
        QCOMPARE(s->endpoints.at(0).method, u"GET"_s);
        QCOMPARE(s->endpoints.at(1).errors, 20);
        QCOMPARE(s->checks.size(), 2);
        QCOMPARE(s->checks.at(1).group, u"::pages"_s);
        QCOMPARE(s->checks.at(0).fails, 20);
        QVERIFY(s->thresholds.isEmpty()); // not evaluated yet after one second
    }

    void rejectsGarbage_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("not json") << QByteArray("{nope");
        QTest::newRow("array") << QByteArray("[1,2]");
        QTest::newRow("other type") << QByteArray(R"({"type":"hello"})");
    }
    void rejectsGarbage()
    {
        QFETCH(QByteArray, line);
        QString error;
        QVERIFY(!stampede::studio::parseLiveSnapshot(line, &error));
        QVERIFY(!error.isEmpty());
    }

    void feedsChunksAndBuildsSeries()
    {
        const QByteArray data = readData(u"two-scenarios.ndjson"_s);
        LiveRunModel model;
        QSignalSpy added(&model, &LiveRunModel::snapshotAdded);
        // Byte by byte in odd chunks: lines split anywhere still parse.
        for (qsizetype i = 0; i < data.size(); i += 7)
            model.feed(data.mid(i, 7));
        model.finishStream();
        QCOMPARE(model.snapshotCount(), 4);
        QCOMPARE(added.size(), 4);
        QCOMPARE(model.errorCount(), 0);
        QVERIFY(model.isFinal());
        QCOMPARE(model.latest().http.total, 129);
        const auto &rate = model.series(LiveRunModel::Series::RequestRate);
        QCOMPARE(rate.size(), 3); // the final snapshot's partial interval is not charted
        QVERIFY(rate.at(0).y() > 30);
        QVERIFY(rate.at(1).x() > rate.at(0).x());
        QCOMPARE(model.series(LiveRunModel::Series::ErrorRate).at(0).y(), 100.0 * 20 / 43);
        QCOMPARE(model.scenarioNames(), (QStringList{u"api"_s, u"browse"_s}));
        QCOMPARE(model.scenarioSeries(u"api"_s)->rate.size(), 3);
        QVERIFY(!model.scenarioSeries(u"nope"_s));
    }

    void lastLineWithoutNewline()
    {
        QByteArray data = readData(u"two-scenarios.ndjson"_s).trimmed();
        LiveRunModel model;
        model.feed(data);
        QCOMPARE(model.snapshotCount(), 3);
        model.finishStream();
        QCOMPARE(model.snapshotCount(), 4);
    }

    void badLinesAreCountedNotFatal()
    {
        LiveRunModel model;
        QSignalSpy errors(&model, &LiveRunModel::streamError);
        model.feed("garbage\n" + readData(u"two-scenarios.ndjson"_s));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(model.errorCount(), 1);
        QCOMPARE(model.snapshotCount(), 4);
    }

    void thresholdTurnsFailed()
    {
        const QList<QByteArray> lines = readData(u"threshold-fails.ndjson"_s).split('\n');
        LiveRunModel model;
        QSignalSpy failed(&model, &LiveRunModel::thresholdFailed);
        for (int i = 0; i < 3; ++i)
            model.feed(lines.at(i) + '\n');
        QCOMPARE(model.latest().thresholds.size(), 2);
        QVERIFY(model.latest().thresholds.at(1).ok);
        QCOMPARE(failed.size(), 0);
        QVERIFY(!model.anyThresholdFailed());
        model.feed(lines.at(3) + '\n');
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(0).toString(), u"http_req_failed"_s);
        QCOMPARE(failed.at(0).at(1).toString(), u"rate<0.2"_s);
        QVERIFY(model.hasThresholdFailed(u"http_req_failed"_s, u"rate<0.2"_s));
        QVERIFY(!model.hasThresholdFailed(u"http_req_duration"_s, u"max<5000"_s));
        // Reported once, however many snapshots repeat it.
        for (int i = 4; i < lines.size(); ++i)
            if (!lines.at(i).isEmpty())
                model.feed(lines.at(i) + '\n');
        QCOMPARE(failed.size(), 1);
        QVERIFY(model.isFinal());
        model.reset();
        QVERIFY(!model.anyThresholdFailed());
        QCOMPARE(model.snapshotCount(), 0);
    }

    void ringBuffersAreBounded()
    {
        LiveRunModel model(5);
        LiveSnapshot s;
        for (int i = 0; i < 12; ++i) {
            s.elapsed = i;
            s.vus = i;
            model.addSnapshot(s);
        }
        const auto &vus = model.series(LiveRunModel::Series::Vus);
        QCOMPARE(vus.size(), 5);
        QCOMPARE(vus.dropped(), 7);
        QCOMPARE(vus.at(0).x(), 7.0);
        QCOMPARE(vus.last().y(), 11.0);

        stampede::studio::RingBuffer<int> ring(3);
        for (int i = 1; i <= 4; ++i)
            ring.push(i);
        QCOMPARE(ring.toVector(), (std::vector<int>{2, 3, 4}));
    }
};

QTEST_GUILESS_MAIN(TestLiveRunModel)
#include "tst_liverunmodel.moc"
