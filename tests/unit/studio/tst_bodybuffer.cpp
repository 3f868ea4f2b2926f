// BodyBuffer: how the debug inspector reads bodies (inline or memory-mapped side files), finds
// lines and hex rows lazily, guesses the kind and pretty-prints JSON and HTML.

#include "core/studio/bodybuffer.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using stampede::studio::BodyBuffer;
using stampede::studio::DebugBody;

namespace {
DebugBody inlineBody(const QByteArray &bytes)
{
    DebugBody b;
    b.data = bytes;
    b.size = bytes.size();
    b.stored = bytes.size();
    return b;
}
} // namespace

class TestBodyBuffer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void linesAreIndexedLazily()
    {
        BodyBuffer b(inlineBody("one\r\ntwo\n\nfour"));
        QCOMPARE(b.lineCount(), 4);
        QCOMPARE(b.line(0), u"one"_s);
        QCOMPARE(b.line(1), u"two"_s);
        QCOMPARE(b.line(2), QString());
        QCOMPARE(b.line(3), u"four"_s);
        QCOMPARE(b.line(4), QString());
        QCOMPARE(BodyBuffer(inlineBody("ends with a break\n")).lineCount(), 1);
        QCOMPARE(BodyBuffer(inlineBody({})).lineCount(), 0);
        // Very long lines are cut for display.
        BodyBuffer longLine(inlineBody(QByteArray(100000, 'x')));
        QCOMPARE(longLine.line(0).size(), BodyBuffer::kMaxLineChars + 2);
        QVERIFY(longLine.line(0).endsWith(u" …"_s));
    }

    void hexRows()
    {
        BodyBuffer b(inlineBody(QByteArray("HTTP/1.1 200 OK\r\n\x00\xff", 19)));
        QCOMPARE(b.hexRowCount(), 2);
        QCOMPARE(b.hexRow(0), u"00000000  48 54 54 50 2f 31 2e 31  20 32 30 30 20 4f 4b 0d  HTTP/1.1 200 OK."_s);
        QCOMPARE(b.hexRow(1), u"00000010  0a 00 ff                                          ..."_s);
        QCOMPARE(b.hexRow(2), QString());
    }

    void kinds()
    {
        QCOMPARE(BodyBuffer(inlineBody({})).detectKind({}), BodyBuffer::Kind::Empty);
        QCOMPARE(BodyBuffer(inlineBody(R"({"a":1})")).detectKind(u"application/json; charset=utf-8"_s),
                 BodyBuffer::Kind::Json);
        QCOMPARE(BodyBuffer(inlineBody("  [1,2]")).detectKind({}), BodyBuffer::Kind::Json);
        QCOMPARE(BodyBuffer(inlineBody("<html></html>")).detectKind(u"text/html"_s), BodyBuffer::Kind::Html);
        QCOMPARE(BodyBuffer(inlineBody("hello")).detectKind(u"text/plain"_s), BodyBuffer::Kind::Text);
        QCOMPARE(BodyBuffer(inlineBody(QByteArray("a\0b", 3))).detectKind(u"text/plain"_s), BodyBuffer::Kind::Binary);
        // The type wins for declared binary content, even when the bytes look like text.
        QCOMPARE(BodyBuffer(inlineBody("abcdef")).detectKind(u"application/octet-stream"_s), BodyBuffer::Kind::Binary);
        QCOMPARE(BodyBuffer(inlineBody("GIF89a")).detectKind(u"image/gif"_s), BodyBuffer::Kind::Binary);
    }

    void prettyJson()
    {
        QCOMPARE(BodyBuffer::prettyJson(R"({"b":[1,{"c":true}],"a":"x"})"),
                 QByteArray("{\n  \"a\": \"x\",\n  \"b\": [\n    1,\n    {\n      \"c\": true\n    }\n  ]\n}\n"));
        QCOMPARE(BodyBuffer::prettyJson("{not json"), QByteArray());
    }

    void prettyHtml()
    {
        const QByteArray pretty = BodyBuffer::prettyHtml(
            "<!DOCTYPE html><html><head><title>T</title><script>if (a < b) x();</script></head>"
            "<body><p>Hi <b>you</b></p><br><img src=x /></body></html>");
        QCOMPARE(pretty, QByteArray("<!DOCTYPE html>\n<html>\n  <head>\n    <title>\n      T\n    </title>\n"
                                    "    <script>\n      if (a < b) x();\n    </script>\n  </head>\n  <body>\n"
                                    "    <p>\n      Hi\n      <b>\n        you\n      </b>\n    </p>\n    <br>\n"
                                    "    <img src=x />\n  </body>\n</html>\n"));
        // Broken markup never crashes or loses text.
        QVERIFY(BodyBuffer::prettyHtml("</x></y><a").contains("<a"));
    }

    void sideFilesAreMapped()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"1-response.bin"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray bytes(1 << 20, 'z');
        bytes[0] = 'a';
        f.write(bytes);
        f.close();
        DebugBody body;
        body.file = path;
        body.size = 2 << 20;
        body.stored = 1 << 20;
        body.truncated = true;
        BodyBuffer b(body);
        QVERIFY(b.errorString().isEmpty());
        QCOMPARE(b.size(), 1 << 20); // what was kept
        QCOMPARE(b.data()[0], 'a');
        QCOMPARE(b.hexRowCount(), (1 << 20) / 16);

        DebugBody missing;
        missing.file = dir.filePath(u"gone.bin"_s);
        missing.size = 10;
        BodyBuffer m(missing);
        QCOMPARE(m.size(), 0);
        QVERIFY2(m.errorString().contains(u"gone.bin"_s), qPrintable(m.errorString()));
    }
};

QTEST_GUILESS_MAIN(TestBodyBuffer)
#include "tst_bodybuffer.moc"
