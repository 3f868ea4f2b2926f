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

} // namespace stampede::resources
