#include "core/studio/k6api.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stampede::studio {

namespace {
K6Api::Entry entryFrom(const QJsonObject &o, const QString &defaultKind = {})
{
    K6Api::Entry e;
    e.name = o.value(u"name"_s).toString();
    e.kind = o.value(u"kind"_s).toString(defaultKind);
    e.signature = o.value(u"signature"_s).toString();
    e.doc = o.value(u"doc"_s).toString();
    const QJsonArray members = o.value(u"members"_s).toArray();
    for (const QJsonValue &m : members)
        e.members.append(entryFrom(m.toObject()));
    return e;
}

bool isValueKind(const QString &kind)
{
    return kind == u"function"_s || kind == u"const"_s || kind == u"class"_s || kind == u"enum"_s ||
           kind == u"namespace"_s;
}

bool isIdentifierChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$';
}

// The usual local name for a module when the script has no import for it yet.
QString conventionalAlias(const QString &module)
{
    if (module == u"k6/execution"_s)
        return u"exec"_s;
    if (module == u"k6/net/grpc"_s)
        return u"grpc"_s;
    return module.section(u'/', -1);
}
} // namespace

bool K6Api::load(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    return loadFromData(f.readAll());
}

bool K6Api::loadFromData(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject())
        return false;
    const QJsonObject root = doc.object();
    m_source = root.value(u"source"_s).toString();
    m_modules.clear();
    m_options.clear();
    m_globals.clear();
    const QJsonObject modules = root.value(u"modules"_s).toObject();
    for (auto it = modules.begin(); it != modules.end(); ++it) {
        QList<Entry> entries;
        const QJsonArray arr = it.value().toArray();
        for (const QJsonValue &v : arr)
            entries.append(entryFrom(v.toObject()));
        m_modules.insert(it.key(), entries);
    }
    const QJsonArray options = root.value(u"options"_s).toArray();
    for (const QJsonValue &v : options)
        m_options.append(entryFrom(v.toObject(), u"option"_s));
    const QJsonArray globals = root.value(u"globals"_s).toArray();
    for (const QJsonValue &v : globals)
        m_globals.append(entryFrom(v.toObject()));
    return !m_modules.isEmpty();
}

QStringList K6Api::moduleNames() const
{
    QStringList names = m_modules.keys();
    names.sort();
    return names;
}

QList<K6Api::Entry> K6Api::exports(const QString &module) const
{
    return m_modules.value(module);
}

QList<K6Api::Entry> K6Api::valueExports(const QString &module) const
{
    QList<Entry> out;
    const QList<Entry> all = m_modules.value(module);
    for (const Entry &e : all)
        if (isValueKind(e.kind))
            out.append(e);
    return out;
}

const K6Api::Entry *K6Api::findExport(const QString &module, const QString &name) const
{
    const auto it = m_modules.constFind(module);
    if (it == m_modules.cend())
        return nullptr;
    for (const Entry &e : *it)
        if (e.name == name)
            return &e;
    return nullptr;
}

QHash<QString, QString> K6Api::importBindings(const QString &script)
{
    QHash<QString, QString> bindings;
    static const QRegularExpression importRe(
        uR"(import\s+(?:([A-Za-z_$][\w$]*)\s*,?\s*)?(?:\*\s+as\s+([A-Za-z_$][\w$]*)\s*)?(?:\{([^}]*)\}\s*)?from\s*["']([^"']+)["'])"_s);
    auto it = importRe.globalMatch(script);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString module = m.captured(4);
        if (!m.captured(1).isEmpty())
            bindings.insert(m.captured(1), module);
        if (!m.captured(2).isEmpty())
            bindings.insert(m.captured(2), module);
        const QStringList names = m.captured(3).split(u',', Qt::SkipEmptyParts);
        for (const QString &raw : names) {
            const QStringList parts = raw.simplified().split(u" as "_s);
            const QString imported = parts.value(0).trimmed();
            const QString local = parts.value(parts.size() - 1).trimmed();
            if (!local.isEmpty())
                bindings.insert(local, module + u'#' + imported);
        }
    }
    return bindings;
}

QList<K6Api::Entry> K6Api::filtered(const QList<Entry> &entries, const QString &prefix) const
{
    QList<Entry> out;
    for (const Entry &e : entries)
        if (e.name.startsWith(prefix, Qt::CaseSensitive))
            out.append(e);
    std::sort(out.begin(), out.end(), [](const Entry &a, const Entry &b) {
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    out.erase(std::unique(out.begin(), out.end(), [](const Entry &a, const Entry &b) { return a.name == b.name; }),
              out.end());
    return out;
}

K6Api::Completions K6Api::complete(const QString &script, int cursor) const
{
    Completions result;
    cursor = qBound(0, cursor, int(script.size()));
    const qsizetype lineStart = script.lastIndexOf(u'\n', cursor - 1) + 1;
    const QString line = script.mid(lineStart, cursor - lineStart);

    // Inside the module string of an import: module names.
    static const QRegularExpression moduleRe(uR"((?:from|import)\s*["']([\w/.-]*)$)"_s);
    const QRegularExpressionMatch mm = moduleRe.match(line);
    if (mm.hasMatch()) {
        result.prefix = mm.captured(1);
        QList<Entry> modules;
        for (const QString &name : moduleNames())
            if (name.startsWith(result.prefix))
                modules.append({name, u"module"_s, {}, {}, {}});
        result.items = modules;
        return result;
    }

    // The partial identifier and what precedes it.
    qsizetype start = line.size();
    while (start > 0 && isIdentifierChar(line.at(start - 1)))
        --start;
    result.prefix = line.mid(start);
    if (start > 0 && line.at(start - 1) == u'.') {
        // A member access: `alias.` or `alias.member.`.
        qsizetype chainStart = start - 1;
        while (chainStart > 0 && (isIdentifierChar(line.at(chainStart - 1)) || line.at(chainStart - 1) == u'.'))
            --chainStart;
        const QStringList chain = line.mid(chainStart, start - 1 - chainStart).split(u'.');
        if (chain.isEmpty() || chain.constFirst().isEmpty())
            return result;
        QHash<QString, QString> bindings = importBindings(script);
        // Without an import, the conventional names still complete (the user adds the import later).
        for (const QString &module : moduleNames()) {
            const QString alias = conventionalAlias(module);
            if (!bindings.contains(alias))
                bindings.insert(alias, module);
        }
        const QString target = bindings.value(chain.constFirst());
        if (target.isEmpty())
            return result;
        const QString module = target.section(u'#', 0, 0);
        const QString imported = target.section(u'#', 1);
        if (imported.isEmpty() && chain.size() == 1) {
            result.items = filtered(valueExports(module), result.prefix);
            return result;
        }
        // `exec.scenario.` / a destructured `vu.`: members of that export.
        const QString exportName = imported.isEmpty() ? chain.value(1) : imported;
        const int depth = imported.isEmpty() ? 2 : 1;
        if (chain.size() != depth)
            return result;
        if (const Entry *e = findExport(module, exportName))
            result.items = filtered(e->members, result.prefix);
        return result;
    }

    // Keys directly inside `export const options = { ... }`.
    static const QRegularExpression optionsRe(uR"(\b(?:export\s+)?(?:const|let|var)\s+options\s*=\s*\{)"_s);
    qsizetype optionsAt = -1;
    auto oi = optionsRe.globalMatch(script.left(cursor));
    while (oi.hasNext()) {
        const QRegularExpressionMatch m = oi.next();
        optionsAt = m.capturedEnd();
    }
    if (optionsAt >= 0) {
        int depth = 1;
        for (qsizetype i = optionsAt; i < lineStart + start && depth > 0; ++i) {
            const QChar c = script.at(i);
            if (c == u'{' || c == u'[' || c == u'(')
                ++depth;
            else if (c == u'}' || c == u']' || c == u')')
                --depth;
        }
        if (depth == 1) {
            const QString before = line.left(start).trimmed();
            if (before.isEmpty() || before.endsWith(u',') || before.endsWith(u'{')) {
                result.items = filtered(m_options, result.prefix);
                return result;
            }
        }
    }

    // A bare identifier: globals and the names the imports bound.
    if (result.prefix.isEmpty())
        return result;
    QList<Entry> candidates = m_globals;
    const QHash<QString, QString> bindings = importBindings(script);
    for (auto it = bindings.cbegin(); it != bindings.cend(); ++it) {
        const QString module = it.value().section(u'#', 0, 0);
        if (!m_modules.contains(module))
            continue;
        const QString imported = it.value().section(u'#', 1);
        if (const Entry *e = imported.isEmpty() ? nullptr : findExport(module, imported)) {
            Entry copy = *e;
            copy.name = it.key();
            candidates.append(copy);
        } else {
            candidates.append({it.key(), u"module"_s, {}, module, {}});
        }
    }
    result.items = filtered(candidates, result.prefix);
    // Nothing to offer when the word is already complete.
    if (result.items.size() == 1 && result.items.constFirst().name == result.prefix)
        result.items.clear();
    return result;
}

int K6Api::offeredNameCount() const
{
    int n = int(m_modules.size()) + int(m_options.size()) + int(m_globals.size());
    for (const QList<Entry> &entries : m_modules) {
        for (const Entry &e : entries) {
            if (!isValueKind(e.kind))
                continue;
            ++n;
            n += int(e.members.size());
        }
    }
    return n;
}

int K6Api::declaredNameCount() const
{
    int n = int(m_options.size()) + int(m_globals.size());
    for (const QList<Entry> &entries : m_modules)
        for (const Entry &e : entries)
            n += 1 + int(e.members.size());
    return n;
}

} // namespace stampede::studio
