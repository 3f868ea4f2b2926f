// Unit tests for core/util: duration parsing/formatting, k6 summary humanizing, Error rendering.

#include "core/util/duration.h"
#include "core/util/error.h"

#include <QTest>

#include <string>

using namespace std::chrono_literals;
using stampede::Nanos;

Q_DECLARE_METATYPE(std::string)

namespace {

QByteArray qb(const std::string &s) { return QByteArray::fromStdString(s); }

constexpr const char *kMicro = "\xC2\xB5"; // µ U+00B5
constexpr const char *kGreekMu = "\xCE\xBC"; // μ U+03BC

} // namespace

class TestDuration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void formatGo_data();
    void formatGo();
    void parseFormatRoundTrip();
    void humanizeDuration_data();
    void humanizeDuration();
    void durationInUnit();
    void humanizeBytes_data();
    void humanizeBytes();
    void fixedHelpers();
    void errorToString();
    void errorDetailed();
    void resultAndStatus();
};

void TestDuration::parseValid_data()
{
    QTest::addColumn<std::string>("input");
    QTest::addColumn<qint64>("nanos");

    QTest::newRow("h m s") << std::string("1h30m10s") << qint64(Nanos(1h + 30min + 10s).count());
    QTest::newRow("ms") << std::string("500ms") << qint64(500'000'000);
    QTest::newRow("fractional s") << std::string("1.5s") << qint64(1'500'000'000);
    QTest::newRow("us") << std::string("300us") << qint64(300'000);
    QTest::newRow("micro sign") << (std::string("300") + kMicro + "s") << qint64(300'000);
    QTest::newRow("greek mu") << (std::string("300") + kGreekMu + "s") << qint64(300'000);
    QTest::newRow("ns") << std::string("10ns") << qint64(10);
    QTest::newRow("m") << std::string("2m") << qint64(120'000'000'000);
    QTest::newRow("h") << std::string("1h") << qint64(3'600'000'000'000);
    QTest::newRow("d") << std::string("1d") << qint64(86'400'000'000'000);
    QTest::newRow("negative") << std::string("-2s") << qint64(-2'000'000'000);
    QTest::newRow("explicit plus") << std::string("+3s") << qint64(3'000'000'000);
    QTest::newRow("zero") << std::string("0") << qint64(0);
    QTest::newRow("zero with unit") << std::string("0s") << qint64(0);
    QTest::newRow("negative zero") << std::string("-0") << qint64(0);
    // The header: a bare number is milliseconds (k6's numeric JSON durations).
    QTest::newRow("bare number is ms") << std::string("10") << qint64(10'000'000);
    QTest::newRow("bare fractional ms") << std::string("2.5") << qint64(2'500'000);
    QTest::newRow("bare negative ms") << std::string("-250") << qint64(-250'000'000);
    QTest::newRow("fractional ms") << std::string("0.5ms") << qint64(500'000);
    QTest::newRow("leading dot") << std::string(".5s") << qint64(500'000'000);
    QTest::newRow("units in any order") << std::string("10s1m") << qint64(70'000'000'000);
    QTest::newRow("fraction of hour") << std::string("1.5h") << qint64(5'400'000'000'000);
    QTest::newRow("tiny fraction rounds") << std::string("1.1s") << qint64(1'100'000'000);
    QTest::newRow("ms then us") << std::string("1ms500us") << qint64(1'500'000);
}

void TestDuration::parseValid()
{
    QFETCH(std::string, input);
    QFETCH(qint64, nanos);
    const auto r = stampede::parseDuration(input);
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    QCOMPARE(qint64(r.value().count()), nanos);
}

void TestDuration::parseInvalid_data()
{
    QTest::addColumn<std::string>("input");
    QTest::newRow("empty") << std::string();
    QTest::newRow("letters") << std::string("abc");
    QTest::newRow("unknown unit") << std::string("5x");
    QTest::newRow("two dots") << std::string("1.2.3s");
    QTest::newRow("sign only") << std::string("-");
    QTest::newRow("unit only") << std::string("s");
    QTest::newRow("dot unit") << std::string(".s");
    QTest::newRow("lone dot") << std::string(".");
    QTest::newRow("inner sign") << std::string("1h-30m");
    QTest::newRow("unit first") << std::string("ms5");
    QTest::newRow("missing trailing unit") << std::string("1h30");
    QTest::newRow("space") << std::string("1 s");
    QTest::newRow("overflow") << std::string("9999999999999h");
}

void TestDuration::parseInvalid()
{
    QFETCH(std::string, input);
    const auto r = stampede::parseDuration(input);
    QVERIFY2(!r.ok(), qPrintable(QStringLiteral("accepted as %1 ns").arg(r.ok() ? r.value().count() : 0)));
    const std::string &msg = r.error().message;
    // The message names the offending input, quoted.
    QVERIFY2(msg.find("\"" + input + "\"") != std::string::npos, msg.c_str());
    QVERIFY2(msg.find("invalid duration") != std::string::npos, msg.c_str());
}

void TestDuration::formatGo_data()
{
    QTest::addColumn<qint64>("nanos");
    QTest::addColumn<std::string>("expected");
    // Expected strings are what Go's time.Duration.String() prints.
    QTest::newRow("zero") << qint64(0) << std::string("0s");
    QTest::newRow("1h30m") << qint64(Nanos(90min).count()) << std::string("1h30m0s");
    QTest::newRow("1.5s") << qint64(1'500'000'000) << std::string("1.5s");
    QTest::newRow("500ms") << qint64(500'000'000) << std::string("500ms");
    QTest::newRow("1.5ms") << qint64(1'500'000) << std::string("1.5ms");
    QTest::newRow("1us") << qint64(1'000) << std::string("1") + kMicro + "s";
    QTest::newRow("1.001us") << qint64(1'001) << std::string("1.001") + kMicro + "s";
    QTest::newRow("999ns") << qint64(999) << std::string("999ns");
    QTest::newRow("1ns") << qint64(1) << std::string("1ns");
    QTest::newRow("-2s") << qint64(-2'000'000'000) << std::string("-2s");
    QTest::newRow("-1.5ms") << qint64(-1'500'000) << std::string("-1.5ms");
    QTest::newRow("90s") << qint64(90'000'000'000) << std::string("1m30s");
    QTest::newRow("1h0m0.001s") << qint64(3'600'001'000'000) << std::string("1h0m0.001s");
    QTest::newRow("100h") << qint64(Nanos(100h).count()) << std::string("100h0m0s");
    QTest::newRow("2.000000001s") << qint64(2'000'000'001) << std::string("2.000000001s");
    QTest::newRow("123.456789ms") << qint64(123'456'789) << std::string("123.456789ms");
    QTest::newRow("999.999999ms") << qint64(999'999'999) << std::string("999.999999ms");
    QTest::newRow("1s") << qint64(1'000'000'000) << std::string("1s");
    QTest::newRow("1m") << qint64(60'000'000'000) << std::string("1m0s");
    QTest::newRow("min int64") << std::numeric_limits<qint64>::min() << std::string("-2562047h47m16.854775808s");
    QTest::newRow("max int64") << std::numeric_limits<qint64>::max() << std::string("2562047h47m16.854775807s");
}

void TestDuration::formatGo()
{
    QFETCH(qint64, nanos);
    QFETCH(std::string, expected);
    QCOMPARE(qb(stampede::formatGoDuration(Nanos(nanos))), qb(expected));
}

void TestDuration::parseFormatRoundTrip()
{
    for (const char *text : {"1h30m0s", "1.5s", "500ms", "1m30s", "-2s", "10ns", "2h0m5.25s"}) {
        const auto r = stampede::parseDuration(text);
        QVERIFY2(r.ok(), text);
        QCOMPARE(qb(stampede::formatGoDuration(*r)), QByteArray(text));
    }
}

void TestDuration::humanizeDuration_data()
{
    QTest::addColumn<double>("ms");
    QTest::addColumn<std::string>("expected");
    // Expected strings follow k6's summary.js humanizeGenericDuration().
    QTest::newRow("zero") << 0.0 << std::string("0s");
    QTest::newRow("ms truncated") << 1.234 << std::string("1.23ms");
    QTest::newRow("ms truncated not rounded") << 45.678 << std::string("45.67ms");
    QTest::newRow("us") << 0.45678 << std::string("456.78") + kMicro + "s";
    QTest::newRow("us whole") << 0.5 << std::string("500") + kMicro + "s";
    QTest::newRow("ns") << 0.0005 << std::string("500ns");
    QTest::newRow("ns truncated") << 0.0001239 << std::string("123ns");
    QTest::newRow("s") << 1500.0 << std::string("1.5s");
    QTest::newRow("s two decimals") << 2345.678 << std::string("2.34s");
    QTest::newRow("just under a minute") << 59999.0 << std::string("59.99s");
    QTest::newRow("exactly a minute") << 60000.0 << std::string("1m0s");
    QTest::newRow("1m30s") << 90000.0 << std::string("1m30s");
    QTest::newRow("minutes drop fraction") << 90500.0 << std::string("1m30s");
    QTest::newRow("hours") << 7205000.0 << std::string("2h0m5s");
    QTest::newRow("ms whole") << 12.0 << std::string("12ms");
    QTest::newRow("negative") << -1.5 << std::string("-1.5ms");
    QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << std::string("0s");
}

void TestDuration::humanizeDuration()
{
    QFETCH(double, ms);
    QFETCH(std::string, expected);
    QCOMPARE(qb(stampede::humanizeDurationMs(ms)), qb(expected));
}

void TestDuration::durationInUnit()
{
    QCOMPARE(qb(stampede::formatDurationInUnit(1234.5, "s")), QByteArray("1.23s"));
    QCOMPARE(qb(stampede::formatDurationInUnit(1234.5, "ms")), QByteArray("1234.50ms"));
    QCOMPARE(qb(stampede::formatDurationInUnit(1.5, "us")), qb(std::string("1500.00") + kMicro + "s"));
    QCOMPARE(qb(stampede::formatDurationInUnit(1.5, std::string(kMicro) + "s")),
             qb(std::string("1500.00") + kMicro + "s"));
    QCOMPARE(qb(stampede::formatDurationInUnit(0, "ms")), QByteArray("0.00ms"));
    QVERIFY(stampede::formatDurationInUnit(1, "fortnights").empty());
}

void TestDuration::humanizeBytes_data()
{
    QTest::addColumn<double>("bytes");
    QTest::addColumn<std::string>("expected");
    // k6's summary.js humanizeBytes(): base 1000, one decimal below 10.
    QTest::newRow("zero") << 0.0 << std::string("0 B");
    QTest::newRow("single digit") << 5.0 << std::string("5 B");
    QTest::newRow("ten") << 10.0 << std::string("10 B");
    QTest::newRow("812 B") << 812.0 << std::string("812 B");
    QTest::newRow("999 B") << 999.0 << std::string("999 B");
    QTest::newRow("1.5 kB") << 1500.0 << std::string("1.5 kB");
    QTest::newRow("8.5 kB") << 8500.0 << std::string("8.5 kB");
    QTest::newRow("12 kB") << 12345.0 << std::string("12 kB");
    QTest::newRow("9.96 rounds up") << 9960.0 << std::string("10 kB");
    QTest::newRow("12 MB") << 12e6 << std::string("12 MB");
    QTest::newRow("2.5 GB") << 2.5e9 << std::string("2.5 GB");
    QTest::newRow("3.1 TB") << 3.1e12 << std::string("3.1 TB");
}

void TestDuration::humanizeBytes()
{
    QFETCH(double, bytes);
    QFETCH(std::string, expected);
    QCOMPARE(qb(stampede::humanizeBytes(bytes)), qb(expected));
}

void TestDuration::fixedHelpers()
{
    QCOMPARE(qb(stampede::toFixedNoTrailingZeros(1.50, 2)), QByteArray("1.5"));
    QCOMPARE(qb(stampede::toFixedNoTrailingZeros(2.0, 6)), QByteArray("2"));
    QCOMPARE(qb(stampede::toFixedNoTrailingZeros(1.236, 2)), QByteArray("1.24"));
    QCOMPARE(qb(stampede::toFixedNoTrailingZeros(120.0, 0)), QByteArray("120"));
    QCOMPARE(qb(stampede::toFixedNoTrailingZerosTrunc(1.239, 2)), QByteArray("1.23"));
    QCOMPARE(qb(stampede::toFixedNoTrailingZerosTrunc(1.2, 2)), QByteArray("1.2"));
    QCOMPARE(qb(stampede::toFixedNoTrailingZerosTrunc(-1.239, 2)), QByteArray("-1.23"));
}

void TestDuration::errorToString()
{
    stampede::Error e{"boom"};
    QCOMPARE(qb(e.toString()), QByteArray("boom"));
    e.file = "script.js";
    QCOMPARE(qb(e.toString()), QByteArray("script.js: boom"));
    e.column = 7; // a column without a line is not shown
    QCOMPARE(qb(e.toString()), QByteArray("script.js: boom"));
    e.line = 3;
    QCOMPARE(qb(e.toString()), QByteArray("script.js:3:7: boom"));
    e.column = 0;
    QCOMPARE(qb(e.toString()), QByteArray("script.js:3: boom"));
    // No file: the position alone means nothing and is left out.
    stampede::Error noFile{"oops", "", 4, 2};
    QCOMPARE(qb(noFile.toString()), QByteArray("oops"));
    // Without source or stack, the detailed form is the short one.
    QCOMPARE(qb(e.toDetailedString()), qb(e.toString()));
}

void TestDuration::errorDetailed()
{
    stampede::Error e{"Unexpected token ';'", "script.js", 3, 9, "let x = ;", ""};
    QCOMPARE(qb(e.toDetailedString()), QByteArray("script.js:3:9: Unexpected token ';'\n"
                                                  "    let x = ;\n"
                                                  "            ^"));
    // Tabs in the source line are kept in the caret line so the caret lines up.
    stampede::Error tabbed{"bad", "a.js", 1, 4, "\t\tx(", ""};
    QCOMPARE(qb(tabbed.toDetailedString()), QByteArray("a.js:1:4: bad\n    \t\tx(\n    \t\t ^"));
    // Source line without a column: no caret.
    stampede::Error noColumn{"bad", "a.js", 2, 0, "foo()", ""};
    QCOMPARE(qb(noColumn.toDetailedString()), QByteArray("a.js:2: bad\n    foo()"));
    // The stack comes last.
    stampede::Error withStack{"Error: nope", "a.js", 5, 1, "throw new Error('nope')",
                              "    at default (a.js:5:1)"};
    QCOMPARE(qb(withStack.toDetailedString()), QByteArray("a.js:5:1: Error: nope\n"
                                                          "    throw new Error('nope')\n"
                                                          "    ^\n"
                                                          "    at default (a.js:5:1)"));
}

void TestDuration::resultAndStatus()
{
    stampede::Result<int> good(42);
    QVERIFY(good.ok());
    QVERIFY(bool(good));
    QCOMPARE(*good, 42);
    stampede::Result<int> bad(stampede::Error{"nope"});
    QVERIFY(!bad.ok());
    QCOMPARE(qb(bad.error().message), QByteArray("nope"));

    QVERIFY(stampede::Status::success().ok());
    const stampede::Status failed(stampede::Error{"broken"});
    QVERIFY(!failed.ok());
    QCOMPARE(qb(failed.error().toString()), QByteArray("broken"));
}

QTEST_APPLESS_MAIN(TestDuration)
#include "tst_duration.moc"
