// OptionsDocument: reading a script's options object without running it, and
// writing changes back with minimal edits that keep everything else byte-identical.
#include "core/studio/jstokenizer.h"
#include "core/studio/optionsdocument.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QTest>
#include <QTextDocument>

using namespace Qt::StringLiterals;
using stampede::studio::OptionsDocument;

namespace {

// The template the studio ships, with comments, trailing commas and a regex/division mix around it.
const QString kStages = uR"JS(// Load test with stages.
import http from 'k6/http';
import { sleep } from 'k6';

const BASE_URL = __ENV.TARGET || 'http://127.0.0.1:8080';
const ratio = 10 / 2 / 1; // division, not a regex
const re = /[}{]/g; // a regex with braces in it

export const options = {
  stages: [
    { duration: '30s', target: 20 }, // ramp up
    { duration: '1m', target: 20 },  // hold
    { duration: '30s', target: 0 },  // ramp down
  ],
  thresholds: {
    http_req_duration: ['p(95)<500'],
    'http_req_failed{scenario:default}': ['rate<0.01'],
  },
  /* a block comment } with a brace */
  vus: __ENV.VUS || 10,
  tags: { note: `multi
line ${BASE_URL} {` },
};

export default function () {
  http.get(`${BASE_URL}/`);
  sleep(1);
}
)JS"_s;

// Applies the edits for `wanted`, and checks the round trip: the new text reads back as exactly `wanted`.
QString edited(const QString &text, const QJsonObject &wanted)
{
    const OptionsDocument doc = OptionsDocument::parse(text);
    const QString result = stampede::studio::applyTextEdits(text, doc.editsFor(wanted));
    const OptionsDocument again = OptionsDocument::parse(result);
    if (!again.isValid() || again.options() != wanted)
        qWarning("round trip failed: %s\n%s", qPrintable(again.errorString()), qPrintable(result));
    return again.isValid() && again.options() == wanted ? result : u"<round trip failed>"_s;
}

} // namespace

class TestOptionsDocument : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tokenizerKnowsStringsTemplatesRegexesAndComments()
    {
        const QString text = u"a = b / c; r = /x\\/[/]y/gi; s = 'q\\'' + `t ${ {a: `in`} } u`; // c\n/* d */ x"_s;
        const auto result = stampede::studio::tokenizeJs(text);
        QVERIFY(result.ok);
        QStringList kinds;
        for (const auto &t : result.tokens) {
            if (t.kind == stampede::studio::JsToken::Kind::Regex || t.kind == stampede::studio::JsToken::Kind::Template ||
                t.kind == stampede::studio::JsToken::Kind::String)
                kinds.append(stampede::studio::tokenText(text, t).toString());
        }
        QCOMPARE(kinds, (QStringList{u"/x\\/[/]y/gi"_s, u"'q\\''"_s, u"`t ${ {a: `in`} } u`"_s}));
        QCOMPARE(result.tokens.last().line, 2);
        QCOMPARE(result.tokens.last().column, 9);

        const auto bad = stampede::studio::tokenizeJs(u"let a = 1;\nlet s = 'open\n"_s);
        QVERIFY(!bad.ok);
        QCOMPARE(bad.errorLine, 2);
        QCOMPARE(bad.errorColumn, 9);
    }

    void readsTheOptionsModel()
    {
        const OptionsDocument doc = OptionsDocument::parse(kStages);
        QVERIFY2(doc.isValid(), qPrintable(doc.errorString()));
        QVERIFY(doc.hasOptions());
        const QJsonObject o = doc.options();
        QCOMPARE(o.value(u"stages"_s).toArray().size(), 3);
        QCOMPARE(o.value(u"stages"_s).toArray().at(1).toObject().value(u"duration"_s).toString(), u"1m"_s);
        QCOMPARE(o.value(u"stages"_s).toArray().at(0).toObject().value(u"target"_s).toInt(), 20);
        QCOMPARE(o.value(u"thresholds"_s).toObject().value(u"http_req_failed{scenario:default}"_s).toArray().at(0).toString(),
                 u"rate<0.01"_s);
        // Not a literal: kept verbatim as an expression.
        QVERIFY(OptionsDocument::isExpression(o.value(u"vus"_s)));
        QCOMPARE(o.value(u"vus"_s).toObject().value(OptionsDocument::ExpressionKey).toString(), u"__ENV.VUS || 10"_s);
        QVERIFY(OptionsDocument::isExpression(o.value(u"tags"_s).toObject().value(u"note"_s)));
        QCOMPARE(doc.locate(u"thresholds.http_req_duration"_s), std::make_pair(16, 5));
        QCOMPARE(doc.locate(u"vus"_s), std::make_pair(20, 3));
        QCOMPARE(doc.locate(u"nope"_s), std::make_pair(0, 0));
    }

    void untouchedOptionsChangeNothing()
    {
        const OptionsDocument doc = OptionsDocument::parse(kStages);
        QVERIFY(doc.editsFor(doc.options()).isEmpty());
        QCOMPARE(edited(kStages, doc.options()), kStages);
    }

    void editingOneStageChangesOnlyItsValue()
    {
        const OptionsDocument doc = OptionsDocument::parse(kStages);
        QJsonObject o = doc.options();
        QJsonArray stages = o.value(u"stages"_s).toArray();
        QJsonObject hold = stages.at(1).toObject();
        hold[u"target"_s] = 50;
        hold[u"duration"_s] = u"2m"_s;
        stages[1] = hold;
        o[u"stages"_s] = stages;
        QString expected = kStages;
        expected.replace(u"{ duration: '1m', target: 20 },  // hold"_s, u"{ duration: '2m', target: 50 },  // hold"_s);
        QCOMPARE(edited(kStages, o), expected);
    }

    void addingAndRemovingStagesAndKeys()
    {
        const OptionsDocument doc = OptionsDocument::parse(kStages);
        QJsonObject o = doc.options();
        QJsonArray stages = o.value(u"stages"_s).toArray();
        stages.removeAt(1);
        stages.append(QJsonObject{{u"duration"_s, u"10s"_s}, {u"target"_s, 5}});
        o[u"stages"_s] = stages;
        o.remove(u"tags"_s);
        o[u"iterations"_s] = 100;
        QJsonObject thresholds = o.value(u"thresholds"_s).toObject();
        thresholds.remove(u"http_req_duration"_s);
        thresholds[u"checks"_s] = QJsonArray{u"rate>0.9"_s};
        o[u"thresholds"_s] = thresholds;

        // Only the removed stage's line goes; the new one lands after the last with its own indentation.
        // This grows one stage (append) and drops one (the middle one): two steps.
        const QString text = edited(kStages, o);
        const QString expectedOptions = uR"JS(export const options = {
  stages: [
    { duration: '30s', target: 20 }, // ramp up
    { duration: '30s', target: 0 },  // ramp down
    { duration: '10s', target: 5 },
  ],
  thresholds: {
    'http_req_failed{scenario:default}': ['rate<0.01'],
    checks: ['rate>0.9'],
  },
  /* a block comment } with a brace */
  vus: __ENV.VUS || 10,
  iterations: 100,
};)JS"_s;
        QVERIFY2(text.contains(expectedOptions), qPrintable(text));
        // Everything around the object is byte-identical.
        const qsizetype before = kStages.indexOf(u"export const options"_s);
        QCOMPARE(text.left(before), kStages.left(before));
        QCOMPARE(text.mid(text.indexOf(u"export default"_s)), kStages.mid(kStages.indexOf(u"export default"_s)));
        QVERIFY(OptionsDocument::parse(text).isValid());
    }

    void expressionsAreKeptWhenOtherKeysChange()
    {
        const OptionsDocument doc = OptionsDocument::parse(kStages);
        QJsonObject o = doc.options();
        o[u"duration"_s] = u"5m"_s;
        const QString text = edited(kStages, o);
        QVERIFY(text.contains(u"  vus: __ENV.VUS || 10,\n"_s));
        QVERIFY(text.contains(u"line ${BASE_URL} {` },\n  duration: '5m',\n};"_s));
        // An expression can be replaced with a literal.
        o[u"vus"_s] = 3;
        QVERIFY(edited(kStages, o).contains(u"  vus: 3,\n"_s));
    }

    void inlineObjectsStayInline()
    {
        const QString text = u"export let options = { vus: 2, duration: \"10s\" }; // short\nexport default () => {};\n"_s;
        const OptionsDocument doc = OptionsDocument::parse(text);
        QVERIFY(doc.hasOptions());
        QJsonObject o = doc.options();
        o[u"vus"_s] = 4;
        o.remove(u"duration"_s);
        o[u"iterations"_s] = 8;
        QCOMPARE(edited(text, o), u"export let options = { vus: 4, iterations: 8 }; // short\nexport default () => {};\n"_s);
        o = doc.options();
        o.remove(u"vus"_s);
        QCOMPARE(edited(text, o), u"export let options = { duration: \"10s\" }; // short\nexport default () => {};\n"_s);
    }

    void quotedKeysSpreadsAndMethodsSurvive()
    {
        const QString text = uR"JS(const base = { vus: 1 };
export var options = {
  ...base,
  "duration": "1s",
  ['computed' + 1]: 2,
  setup() { return { a: [1, 2] }; },
  scenarios: {
    browse: { executor: 'constant-vus', vus: 3, duration: '30s', exec: 'browse', },
  },
}
export function browse() {}
)JS"_s;
        const OptionsDocument doc = OptionsDocument::parse(text);
        QVERIFY2(doc.isValid(), qPrintable(doc.errorString()));
        QJsonObject o = doc.options();
        QCOMPARE(o.keys(), (QStringList{u"duration"_s, u"scenarios"_s}));
        QJsonObject scenarios = o.value(u"scenarios"_s).toObject();
        QJsonObject browse = scenarios.value(u"browse"_s).toObject();
        browse[u"vus"_s] = 7;
        scenarios[u"browse"_s] = browse;
        scenarios[u"checkout"_s] = QJsonObject{{u"executor"_s, u"shared-iterations"_s}, {u"vus"_s, 2}, {u"iterations"_s, 20}};
        o[u"scenarios"_s] = scenarios;
        o[u"duration"_s] = u"2s"_s;
        QString expected = text;
        expected.replace(u"\"duration\": \"1s\""_s, u"\"duration\": \"2s\""_s);
        expected.replace(u"vus: 3, duration: '30s', exec: 'browse', },\n"_s,
                         u"vus: 7, duration: '30s', exec: 'browse', },\n"
                         u"    checkout: { executor: 'shared-iterations', vus: 2, iterations: 20 },\n"_s);
        QCOMPARE(edited(text, o), expected);
    }

    void insertsOptionsAfterTheImportsWhenThereAreNone()
    {
        const QString text = u"// header\nimport http from 'k6/http';\nimport { sleep } from \"k6\"\n\nexport default function () {}\n"_s;
        const OptionsDocument doc = OptionsDocument::parse(text);
        QVERIFY(doc.isValid());
        QVERIFY(!doc.hasOptions());
        const QJsonObject o{{u"vus"_s, 5}, {u"duration"_s, u"30s"_s}};
        QCOMPARE(edited(text, o), u"// header\nimport http from 'k6/http';\nimport { sleep } from \"k6\"\n\n"
                                  u"export const options = {\n  vus: 5,\n  duration: '30s',\n};\n\n"
                                  u"export default function () {}\n"_s);
        // No imports: before the first statement, after the leading comment.
        const QString bare = u"// hi\nexport default function () {}\n"_s;
        QCOMPARE(edited(bare, QJsonObject{{u"iterations"_s, 1}}),
                 u"// hi\nexport const options = {\n  iterations: 1,\n};\n\nexport default function () {}\n"_s);
        QVERIFY(doc.editsFor(QJsonObject()).isEmpty());
    }

    void unreadableTextIsReportedWithLineAndColumn()
    {
        const QString text = u"import http from 'k6/http';\nexport const options = {\n  vus: 1,\n  duration: '1s'\n  iterations: 3,\n};\n"_s;
        const OptionsDocument doc = OptionsDocument::parse(text);
        QVERIFY(!doc.isValid());
        QCOMPARE(doc.errorLine(), 5);
        QCOMPARE(doc.errorColumn(), 3);
        QVERIFY2(doc.errorString().startsWith(u"5:3: expected ',' or '}'"_s), qPrintable(doc.errorString()));
        QVERIFY(doc.editsFor(QJsonObject{{u"vus"_s, 2}}).isEmpty()); // never writes into text it cannot read

        const OptionsDocument open = OptionsDocument::parse(u"export const options = {\n  vus: [1, 2,\n"_s);
        QVERIFY(!open.isValid());
        QCOMPARE(open.errorLine(), 2);
        QCOMPARE(open.errorColumn(), 8);

        // A missing ')' is reported where the '(' is, not at the brace that shows it.
        const OptionsDocument paren = OptionsDocument::parse(u"export default function () {\n  if (a === 1 {\n  }\n}\n"_s);
        QCOMPARE(paren.errorString(), u"2:6: '(' is not closed (found '}' at line 4, column 1)"_s);
        QCOMPARE(OptionsDocument::parse(u"a();\n}\n"_s).errorString(), u"2:1: unmatched '}'"_s);

        const OptionsDocument comment = OptionsDocument::parse(u"let a;\n/* never closed\n"_s);
        QVERIFY(!comment.isValid());
        QCOMPARE(comment.errorString(), u"2:1: unterminated comment"_s);
    }

    void optionsExportedSeparatelyAreFound()
    {
        // Editing must change this object, never add a second `options` declaration.
        const QString text = u"const options = {\n  vus: 1,\n};\nexport { options };\nexport default function () {}\n"_s;
        const OptionsDocument doc = OptionsDocument::parse(text);
        QVERIFY(doc.hasOptions());
        QJsonObject o = doc.options();
        o[u"vus"_s] = 2;
        QCOMPARE(edited(text, o), QString(text).replace(u"vus: 1"_s, u"vus: 2"_s));
        const OptionsDocument computed = OptionsDocument::parse(u"let options = build();\nexport { options };\n"_s);
        QVERIFY(computed.optionsAreExpression());
        QVERIFY(computed.editsFor(QJsonObject{{u"vus"_s, 2}}).isEmpty());
    }

    void optionsFromACallAreNotEditable()
    {
        const OptionsDocument doc = OptionsDocument::parse(u"export const options = makeOptions({ vus: 1 });\n"_s);
        QVERIFY(doc.isValid());
        QVERIFY(!doc.hasOptions());
        QVERIFY(doc.optionsAreExpression());
        QVERIFY(doc.editsFor(QJsonObject{{u"vus"_s, 2}}).isEmpty());
    }

    void undoRevertsAnApplyInOneStep()
    {
        QTextDocument text;
        text.setPlainText(kStages);
        const OptionsDocument doc = OptionsDocument::parse(text.toPlainText());
        QJsonObject o = doc.options();
        o[u"iterations"_s] = 9;
        o.remove(u"tags"_s);
        stampede::studio::applyTextEdits(&text, doc.editsFor(o));
        QVERIFY(text.toPlainText().contains(u"iterations: 9"_s));
        QVERIFY(!text.toPlainText().contains(u"tags:"_s));
        text.undo();
        QCOMPARE(text.toPlainText(), kStages);
    }

    // Every script the project ships or tests with: read, untouched round trip, and one edit round trip.
    void everyBundledScriptRoundTrips()
    {
        QStringList files;
        for (const QString &folder : {QStringLiteral(STAMPEDE_SOURCE_DIR "/resources/templates"),
                                      QStringLiteral(STAMPEDE_SOURCE_DIR "/resources/examples"),
                                      QStringLiteral(STAMPEDE_TEST_DATA_DIR "/compat"),
                                      QStringLiteral(STAMPEDE_TEST_DATA_DIR "/scripts")}) {
            QDirIterator it(folder, {u"*.js"_s}, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext())
                files.append(it.next());
        }
        QVERIFY(files.size() > 40);
        int withOptions = 0;
        for (const QString &file : files) {
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(f.readAll());
            const OptionsDocument doc = OptionsDocument::parse(text);
            if (file.endsWith(u"/error_syntax.js"_s)) {
                // `const x = {;` — the one script that is broken on purpose.
                QVERIFY(!doc.isValid());
                QCOMPARE(doc.errorString(), u"1:28: '{' is not closed"_s);
                continue;
            }
            QVERIFY2(doc.isValid(), qPrintable(file + u": "_s + doc.errorString()));
            QVERIFY2(doc.editsFor(doc.options()).isEmpty(), qPrintable(file));
            if (doc.optionsAreExpression())
                continue;
            withOptions += doc.hasOptions();
            QJsonObject o = doc.options();
            o[u"vus"_s] = 7;
            o[u"thresholds"_s] = QJsonObject{{u"checks"_s, QJsonArray{u"rate>0.5"_s}}};
            const QString changed = edited(text, o);
            QVERIFY2(changed != u"<round trip failed>"_s, qPrintable(file));
            if (doc.hasOptions()) {
                // Outside the options object nothing moved.
                const qsizetype start = text.indexOf(u"options"_s);
                QCOMPARE(changed.left(start), text.left(start));
            }
        }
        QVERIFY(withOptions > 10);
    }

    void renamingAKeyKeepsItsPlaceAndValue()
    {
        const QString text = u"export const options = {\n  scenarios: {\n    browse: { executor: 'constant-vus', vus: 1, duration: '1s' }, // main\n"
                             u"    'api-calls': { executor: 'shared-iterations' },\n  },\n};\n"_s;
        const OptionsDocument doc = OptionsDocument::parse(text);
        QCOMPARE(stampede::studio::applyTextEdits(text, doc.renameKey(u"scenarios"_s, u"browse"_s, u"shop"_s)),
                 QString(text).replace(u"    browse:"_s, u"    shop:"_s));
        QCOMPARE(stampede::studio::applyTextEdits(text, doc.renameKey(u"scenarios"_s, u"api-calls"_s, u"api"_s)),
                 QString(text).replace(u"'api-calls'"_s, u"'api'"_s));
        QCOMPARE(stampede::studio::applyTextEdits(text, doc.renameKey(u"scenarios"_s, u"browse"_s, u"my shop"_s)),
                 QString(text).replace(u"    browse:"_s, u"    'my shop':"_s));
        QVERIFY(doc.renameKey(u"scenarios"_s, u"browse"_s, u"api-calls"_s).isEmpty()); // taken
        QVERIFY(doc.renameKey(u"scenarios"_s, u"nope"_s, u"x"_s).isEmpty());
        QVERIFY(doc.renameKey(u"thresholds"_s, u"browse"_s, u"x"_s).isEmpty());
    }

    // The panel re-reads the text after each typing pause: a big script must stay quick (no quadratic scans).
    void aLargeScriptIsReadQuickly()
    {
        QString text = u"import http from 'k6/http';\n"_s;
        for (int i = 0; i < 4000; ++i)
            text += u"export function f%1(a) {\n  const r = /[{}]+/g; // {\n  return `${a} ${'}'}` + \"x\" / 2;\n}\n"_s.arg(i);
        text += kStages.mid(kStages.indexOf(u"export const options"_s));
        QElapsedTimer clock;
        clock.start();
        const OptionsDocument doc = OptionsDocument::parse(text);
        QJsonObject o = doc.options();
        o[u"vus"_s] = 3;
        const auto edits = doc.editsFor(o);
        const qint64 ms = clock.elapsed();
        qInfo("parse + edits of %lld characters (%d lines): %lld ms", qlonglong(text.size()), int(text.count(u'\n')), ms);
        QVERIFY2(doc.isValid(), qPrintable(doc.errorString()));
        QCOMPARE(doc.options().value(u"stages"_s).toArray().size(), 3);
        QCOMPARE(edits.size(), 1);
        QVERIFY2(ms < 2000, qPrintable(QString::number(ms)));
    }

    void crlfAndTabsAreKept()
    {
        const QString text = u"export const options = {\r\n\tvus: 1, // users\r\n\tduration: '1s',\r\n};\r\n"_s;
        const OptionsDocument doc = OptionsDocument::parse(text);
        QJsonObject o = doc.options();
        o.remove(u"vus"_s);
        o[u"iterations"_s] = 2;
        QCOMPARE(edited(text, o), u"export const options = {\r\n\tduration: '1s',\r\n\titerations: 2,\r\n};\r\n"_s);
    }
};

QTEST_MAIN(TestOptionsDocument)
#include "tst_optionsdocument.moc"
