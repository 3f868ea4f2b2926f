#include "core/studio/exitcodes.h"
#include "core/studio/outputline.h"

#include <QTest>

using namespace Qt::StringLiterals;
using stampede::studio::LineSplitter;

class TestOutputLine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void splitsLinesAcrossChunks()
    {
        LineSplitter s;
        QCOMPARE(s.feed("hel"), QStringList());
        QCOMPARE(s.feed("lo\nwor"), QStringList{u"hello"_s});
        QCOMPARE(s.feed("ld\r\n\nx"), (QStringList{u"world"_s, QString()}));
        QCOMPARE(s.flush(), QStringList{u"x"_s});
        QCOMPARE(s.flush(), QStringList());
    }

    void decodesUtf8SplitInsideACharacter()
    {
        const QByteArray bytes = QStringLiteral("grün ✓\n").toUtf8();
        LineSplitter s;
        QStringList lines;
        for (char c : bytes)
            lines += s.feed(QByteArrayView(&c, 1));
        QCOMPARE(lines, QStringList{u"grün ✓"_s});
    }

    void stripsAnsiEscapes()
    {
        QCOMPARE(stampede::studio::stripAnsiEscapes(u"\x1b[1;32mok\x1b[0m done"_s), u"ok done"_s);
        QCOMPARE(stampede::studio::stripAnsiEscapes(u"\x1b]0;title\x07text"_s), u"text"_s);
        QCOMPARE(stampede::studio::stripAnsiEscapes(u"plain"_s), u"plain"_s);
        QCOMPARE(stampede::studio::stripAnsiEscapes(u"cut\x1b["_s), u"cut"_s);
    }

    void cutsOverlongLines()
    {
        LineSplitter s;
        const QByteArray big(LineSplitter::MaxLineLength * 2 + 10, 'a');
        const QStringList lines = s.feed(big);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0).size(), LineSplitter::MaxLineLength);
        QCOMPARE(s.flush().at(0).size(), 10);
    }

    void classifiesLines_data()
    {
        using stampede::studio::LineSeverity;
        using Ch = stampede::studio::OutputLine::Channel;
        QTest::addColumn<int>("channel");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("severity");
        QTest::newRow("summary") << int(Ch::Stdout) << u"     http_reqs......: 10"_s << int(LineSeverity::Normal);
        QTest::newRow("progress") << int(Ch::Stderr) << u"running (00m00.1s), 0/2 VUs"_s << int(LineSeverity::Log);
        QTest::newRow("info log") << int(Ch::Stderr) << u"INFO[0000] hi  source=console"_s << int(LineSeverity::Log);
        QTest::newRow("warn") << int(Ch::Stderr) << u"WARN[0001] slow"_s << int(LineSeverity::Warning);
        QTest::newRow("error") << int(Ch::Stderr) << u"ERRO[0000] Error: boom"_s << int(LineSeverity::Error);
        QTest::newRow("cli error") << int(Ch::Stderr) << u"stampede: nope.js: no such file"_s << int(LineSeverity::Error);
        QTest::newRow("check ok") << int(Ch::Stdout) << u"     ✓ status is 200"_s << int(LineSeverity::Success);
        QTest::newRow("check failed") << int(Ch::Stdout) << u"     ✗ status is 200"_s << int(LineSeverity::Error);
    }
    void classifiesLines()
    {
        QFETCH(int, channel);
        QFETCH(QString, text);
        QFETCH(int, severity);
        const stampede::studio::OutputLine line{stampede::studio::OutputLine::Channel(channel), text};
        QCOMPARE(int(stampede::studio::classifyLine(line)), severity);
    }

    void explainsK6ExitCodes_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("words");
        QTest::newRow("0") << 0 << u"successfully"_s;
        QTest::newRow("99") << 99 << u"Thresholds failed"_s;
        QTest::newRow("104") << 104 << u"Invalid configuration"_s;
        QTest::newRow("105") << 105 << u"Interrupted by a signal"_s;
        QTest::newRow("107") << 107 << u"threw an exception"_s;
        QTest::newRow("108") << 108 << u"test.abort()"_s;
        QTest::newRow("255") << 255 << u"bad command-line flag, missing file"_s;
        QTest::newRow("42") << 42 << u"Unknown error"_s;
    }
    void explainsK6ExitCodes()
    {
        QFETCH(int, code);
        QFETCH(QString, words);
        const QString text = stampede::studio::explainExitCode(code);
        QVERIFY2(text.contains(words), qPrintable(text));
        QVERIFY2(text.contains(u"exit code "_s + QString::number(code)), qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TestOutputLine)
#include "tst_outputline.moc"
