#include "resources/resourcepaths.h"

using namespace Qt::StringLiterals;

namespace stampede::resources {

QString appIconPath()
{
    return u":/icons/stampede.svg"_s;
}

QString exampleScriptPath()
{
    return u":/examples/hello.js"_s;
}

QString actionIconPath(const QString &name)
{
    return u":/icons/actions/"_s + name + u".svg"_s;
}

QString k6ApiPath()
{
    return u":/k6api/k6api.json"_s;
}

QList<Template> scriptTemplates()
{
    QList<Template> out;
    for (const QString &id : {u"smoke"_s, u"load-stages"_s, u"arrival-rate"_s, u"thresholds"_s, u"multi-scenario"_s})
        out.append({id, u":/templates/"_s + id + u".js"_s});
    return out;
}

QList<Example> exampleScripts()
{
    QList<Example> out;
    for (const QString &id : {u"hello"_s, u"smoke"_s, u"login-cookies"_s, u"json-api"_s, u"groups"_s, u"arrival-rate"_s,
                              u"scenarios"_s, u"file-upload"_s, u"html-parsing"_s, u"custom-metrics"_s, u"live-control"_s})
        out.append({id, u":/examples/"_s + id + u".js"_s});
    return out;
}

} // namespace stampede::resources
