#pragma once

#include <QString>

// Paths of the resources embedded by resources/CMakeLists.txt (target stampede_resources).
namespace stampede::resources {

QString appIconPath();        // the application icon (SVG)
QString exampleScriptPath();  // examples/hello.js
QString actionIconPath(const QString &name); // toolbar icons, e.g. "run", "stop"

} // namespace stampede::resources
