#include "core/studio/document.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextCursor>
#include <QTextDocument>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using stampede::studio::Document;

namespace {
bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

ino_t inodeOf(const QString &path)
{
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_ino : 0;
}
} // namespace

class TestDocument : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void startsUntitledAndClean()
    {
        Document doc;
        QVERIFY(doc.isUntitled());
        QVERIFY(!doc.isModified());
        QCOMPARE(doc.displayName(), u"Untitled"_s);
        QCOMPARE(doc.text(), QString());
    }

    void loadReadsUtf8()
    {
        const QString path = m_dir->filePath(u"a.js"_s);
        QVERIFY(writeFile(path, "const s = 'grün ✓';\nexport default function () {}\n"));
        Document doc;
        QSignalSpy pathSpy(&doc, &Document::filePathChanged);
        QVERIFY2(doc.load(path), qPrintable(doc.errorString()));
        QCOMPARE(doc.text(), u"const s = 'grün ✓';\nexport default function () {}\n"_s);
        QCOMPARE(doc.filePath(), QFileInfo(path).absoluteFilePath());
        QCOMPARE(doc.displayName(), u"a.js"_s);
        QVERIFY(!doc.isModified());
        QCOMPARE(pathSpy.count(), 1);
        QVERIFY(!doc.textDocument()->isUndoAvailable());
    }

    void editingMarksModified()
    {
        const QString path = m_dir->filePath(u"a.js"_s);
        QVERIFY(writeFile(path, "x\n"));
        Document doc;
        QVERIFY(doc.load(path));
        QSignalSpy modSpy(&doc, &Document::modificationChanged);
        QTextCursor(doc.textDocument()).insertText(u"y"_s);
        QVERIFY(doc.isModified());
        QCOMPARE(modSpy.count(), 1);
        QCOMPARE(modSpy.at(0).at(0).toBool(), true);
    }

    void saveWritesAndClearsModified()
    {
        const QString path = m_dir->filePath(u"a.js"_s);
        QVERIFY(writeFile(path, "old\n"));
        Document doc;
        QVERIFY(doc.load(path));
        doc.setText(u"new content ü\n"_s);
        QVERIFY(doc.isModified());
        QVERIFY2(doc.save(), qPrintable(doc.errorString()));
        QVERIFY(!doc.isModified());
        QCOMPARE(readFile(path), QByteArray("new content \xc3\xbc\n"));
        // No temporary files left behind.
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"a.js"_s});
    }

    void saveIsAtomicReplace()
    {
        // QSaveFile writes a new file and renames it over the old one. A hard
        // link to the old file therefore keeps the old bytes; an in-place
        // (non-atomic) rewrite would change both names.
        const QString path = m_dir->filePath(u"a.js"_s);
        const QString link = m_dir->filePath(u"old-link.js"_s);
        QVERIFY(writeFile(path, "version 1\n"));
        QVERIFY(::link(QFile::encodeName(path).constData(), QFile::encodeName(link).constData()) == 0);
        const ino_t before = inodeOf(path);
        Document doc;
        QVERIFY(doc.load(path));
        doc.setText(u"version 2\n"_s);
        QVERIFY(doc.save());
        QCOMPARE(readFile(path), QByteArray("version 2\n"));
        QCOMPARE(readFile(link), QByteArray("version 1\n"));
        QVERIFY(inodeOf(path) != before);
    }

    void saveAsMovesTheDocument()
    {
        const QString path = m_dir->filePath(u"a.js"_s);
        const QString other = m_dir->filePath(u"b.js"_s);
        QVERIFY(writeFile(path, "a\n"));
        Document doc;
        QVERIFY(doc.load(path));
        doc.setText(u"b\n"_s);
        QSignalSpy pathSpy(&doc, &Document::filePathChanged);
        QVERIFY2(doc.saveAs(other), qPrintable(doc.errorString()));
        QCOMPARE(doc.filePath(), QFileInfo(other).absoluteFilePath());
        QCOMPARE(doc.displayName(), u"b.js"_s);
        QCOMPARE(pathSpy.count(), 1);
        QVERIFY(!doc.isModified());
        QCOMPARE(readFile(other), QByteArray("b\n"));
        QCOMPARE(readFile(path), QByteArray("a\n")); // the original is untouched
    }

    void saveUntitledNeedsAName()
    {
        Document doc;
        doc.setText(u"x"_s);
        QVERIFY(!doc.save());
        QVERIFY(doc.errorString().contains(u"Save As"_s));
        QVERIFY(doc.isModified());
        QCOMPARE(doc.text(), u"x"_s);
    }

    void failedSaveKeepsBufferAndReports()
    {
        const QString path = m_dir->filePath(u"a.js"_s);
        QVERIFY(writeFile(path, "a\n"));
        Document doc;
        QVERIFY(doc.load(path));
        doc.setText(u"precious edits\n"_s);
        const QString bad = m_dir->filePath(u"no/such/dir/b.js"_s);
        QVERIFY(!doc.saveAs(bad));
        QVERIFY2(doc.errorString().contains(QDir::toNativeSeparators(bad)), qPrintable(doc.errorString()));
        QCOMPARE(doc.text(), u"precious edits\n"_s);
        QVERIFY(doc.isModified());
        QCOMPARE(doc.filePath(), QFileInfo(path).absoluteFilePath());
        QCOMPARE(readFile(path), QByteArray("a\n"));
        // Saving onto a directory fails too, same guarantees.
        QVERIFY(!doc.saveAs(m_dir->path()));
        QVERIFY(doc.errorString().contains(QDir::toNativeSeparators(m_dir->path())));
        QCOMPARE(doc.text(), u"precious edits\n"_s);
    }

    void loadErrorsNameTheFileAndKeepTheBuffer_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content"); // empty = do not create
        QTest::addColumn<QString>("reason");
        QTest::newRow("missing") << u"missing.js"_s << QByteArray() << u"does not exist"_s;
        QTest::newRow("invalid utf-8") << u"latin1.js"_s << QByteArray("caf\xe9\n") << u"not valid UTF-8"_s;
        QTest::newRow("binary") << u"bin.js"_s << QByteArray("a\0b", 3) << u"binary"_s;
    }
    void loadErrorsNameTheFileAndKeepTheBuffer()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, reason);
        const QString good = m_dir->filePath(u"good.js"_s);
        QVERIFY(writeFile(good, "good\n"));
        const QString path = m_dir->filePath(name);
        if (!content.isEmpty())
            QVERIFY(writeFile(path, content));
        Document doc;
        QVERIFY(doc.load(good));
        doc.setText(u"unsaved\n"_s);
        QVERIFY(!doc.load(path));
        QVERIFY2(doc.errorString().contains(QDir::toNativeSeparators(path)), qPrintable(doc.errorString()));
        QVERIFY2(doc.errorString().contains(reason), qPrintable(doc.errorString()));
        QCOMPARE(doc.text(), u"unsaved\n"_s);
        QVERIFY(doc.isModified());
        QCOMPARE(doc.filePath(), QFileInfo(good).absoluteFilePath());
    }

    void loadDirectoryFails()
    {
        Document doc;
        QVERIFY(!doc.load(m_dir->path()));
        QVERIFY(doc.errorString().contains(QDir::toNativeSeparators(m_dir->path())));
        QVERIFY(doc.errorString().contains(u"directory"_s));
    }

    void loadUnreadableFileFails()
    {
        if (::geteuid() == 0)
            QSKIP("root can read files without read permission");
        const QString path = m_dir->filePath(u"secret.js"_s);
        QVERIFY(writeFile(path, "x\n"));
        QVERIFY(QFile::setPermissions(path, QFileDevice::WriteOwner));
        Document doc;
        QVERIFY(!doc.load(path));
        QVERIFY2(doc.errorString().contains(QDir::toNativeSeparators(path)), qPrintable(doc.errorString()));
    }

    void keepsCrlfBomAndNonBreakingSpaces()
    {
        const QString path = m_dir->filePath(u"win.js"_s);
        const QByteArray original("\xEF\xBB\xBF" "a\xC2\xA0" "b\r\nc\r\n");
        QVERIFY(writeFile(path, original));
        Document doc;
        QVERIFY(doc.load(path));
        QCOMPARE(doc.text(), u"a\u00a0b\nc\n"_s);
        doc.setModified(true);
        QVERIFY(doc.save());
        QCOMPARE(readFile(path), original);
    }

    void clearAndLoadUntitled()
    {
        const QString path = m_dir->filePath(u"a.js"_s);
        QVERIFY(writeFile(path, "a\n"));
        Document doc;
        QVERIFY(doc.load(path));
        doc.loadUntitled(u"template\n"_s);
        QVERIFY(doc.isUntitled());
        QVERIFY(!doc.isModified());
        QCOMPARE(doc.text(), u"template\n"_s);
        doc.clear();
        QCOMPARE(doc.text(), QString());
        QVERIFY(doc.isUntitled());
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_MAIN(TestDocument)
#include "tst_document.moc"
