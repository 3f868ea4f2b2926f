// Request-body compression (k6's `compression` param): every algorithm and stacks round-trip.

#include "core/http/compression.h"

#include <QTest>

using namespace stampede::http;

class tst_Compression : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QString>("algorithm");
        for (const char *a : {"gzip", "deflate", "br", "zstd"})
            QTest::newRow(a) << QString::fromLatin1(a);
    }

    void roundTrip()
    {
        QFETCH(QString, algorithm);
        std::string original;
        for (int i = 0; i < 2000; ++i)
            original += "the same line, over and over " + std::to_string(i % 7) + "\n";
        std::string body = original;
        auto encoding = compressBody(body, algorithm.toStdString());
        QVERIFY(encoding.ok());
        QCOMPARE(QString::fromStdString(*encoding), algorithm);
        QVERIFY(body.size() < original.size() / 5);
        auto back = decompress(body, algorithm.toStdString());
        QVERIFY(back.ok());
        QVERIFY(*back == original);
    }

    void stacked()
    {
        const std::string original(10000, 'x');
        std::string body = original;
        auto encoding = compressBody(body, "gzip, br");
        QVERIFY(encoding.ok());
        QCOMPARE(*encoding, std::string("gzip, br"));
        auto inner = decompress(body, "br");
        QVERIFY(inner.ok());
        auto back = decompress(*inner, "gzip");
        QVERIFY(back.ok() && *back == original);
    }

    void unknownAlgorithm()
    {
        std::string body = "x";
        auto r = compressBody(body, "lz4");
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.find("lz4") != std::string::npos);
        QCOMPARE(body, std::string("x")); // untouched
        QVERIFY(!decompress("not gzip", "gzip").ok());
    }
};

QTEST_GUILESS_MAIN(tst_Compression)
#include "tst_compression.moc"
