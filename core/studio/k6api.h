#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace stampede::studio {

// The k6 JavaScript API as bundled in resources/k6api/k6api.json (generated
// from @types/k6 by resources/k6api/generate.py): modules and their exports,
// option keys and globals. Answers "what can follow here?" for the editor's
// completion without knowing anything about widgets.
class K6Api
{
public:
    struct Entry
    {
        QString name;
        QString kind;      // function, const, class, interface, type, method, property, option, module, global
        QString signature; // "(url: string, ...): Response" for functions
        QString doc;       // first line of the documentation
        QList<Entry> members;
    };

    struct Completions
    {
        QString prefix; // the partial word before the cursor the items replace
        QList<Entry> items;
    };

    // Loads the JSON file at `path` (e.g. ":/k6api/k6api.json"); false on failure.
    bool load(const QString &path);
    bool loadFromData(const QByteArray &json);
    bool isLoaded() const { return !m_modules.isEmpty(); }
    QString source() const { return m_source; }

    QStringList moduleNames() const;
    // The exports of `module` ("k6/http"), types included.
    QList<Entry> exports(const QString &module) const;
    // Exports that are values (functions, constants, classes): what can follow "http.".
    QList<Entry> valueExports(const QString &module) const;
    QList<Entry> optionKeys() const { return m_options; }
    QList<Entry> globals() const { return m_globals; }

    // Local names bound to k6 modules by the imports in `script`:
    // `import http from "k6/http"` -> {"http": "k6/http"}, `import { sleep } from "k6"` -> {"sleep": "k6#sleep"}.
    static QHash<QString, QString> importBindings(const QString &script);

    // What the completion popup offers at `cursor` in `script`.
    Completions complete(const QString &script, int cursor) const;

    // Every name the completion can offer anywhere (modules, values, members, options, globals), for coverage figures.
    int offeredNameCount() const;
    int declaredNameCount() const; // every exported name incl. types, plus option keys and globals

private:
    QList<Entry> filtered(const QList<Entry> &entries, const QString &prefix) const;
    const Entry *findExport(const QString &module, const QString &name) const;

    QString m_source;
    QHash<QString, QList<Entry>> m_modules;
    QList<Entry> m_options;
    QList<Entry> m_globals;
};

} // namespace stampede::studio
