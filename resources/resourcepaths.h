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

} // namespace stampede::resources
