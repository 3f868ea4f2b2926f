#pragma once

#include <QList>
#include <QString>

// Paths of the resources embedded by resources/CMakeLists.txt (target stampede_resources).
namespace stampede::resources {

QString appIconPath();        // the application icon (SVG)
QString exampleScriptPath();  // examples/hello.js
QString actionIconPath(const QString &name); // toolbar icons, e.g. "run", "stop"
QString k6ApiPath();          // k6api/k6api.json, the k6 API for completion

// The script templates of File > New from Template.
struct Template
{
    QString id;   // file name without .js, e.g. "smoke"
    QString path; // resource path
};
QList<Template> scriptTemplates();

// The bundled examples of File > Open Example (they run against stampede-testserver,
// whose URL the studio passes as BASE_URL). tests/integration/tst_examples runs them all.
struct Example
{
    QString id;   // file name without .js, e.g. "login-cookies"
    QString path; // resource path
};
QList<Example> exampleScripts();

} // namespace stampede::resources
