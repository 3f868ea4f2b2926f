#include "core/studio/stageprofile.h"

#include "core/util/duration.h"

#include <QCoreApplication>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace stampede::studio {

double durationSeconds(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toDouble() >= 0 ? value.toDouble() / 1000.0 : -1;
    if (!value.isString())
        return -1;
    const auto parsed = parseDuration(value.toString().trimmed().toStdString());
    if (!parsed || parsed->count() < 0)
        return -1;
    return double(parsed->count()) / 1e9;
}

StageProfile stageProfile(const QJsonArray &stages, double start)
{
    StageProfile p;
    p.points.append({0, start});
    p.maxTarget = start;
    double t = 0;
    for (qsizetype i = 0; i < stages.size(); ++i) {
        const QJsonObject stage = stages.at(i).toObject();
        const double seconds = durationSeconds(stage.value(u"duration"_s));
        const QJsonValue target = stage.value(u"target"_s);
        if (seconds < 0) {
            if (p.error.isEmpty())
                p.error = QCoreApplication::translate("StageProfile", "Stage %1: the duration is not a duration such as 30s").arg(i + 1);
            continue;
        }
        if (!target.isDouble() || target.toDouble() < 0) {
            if (p.error.isEmpty())
                p.error = QCoreApplication::translate("StageProfile", "Stage %1: the target is not a number of VUs").arg(i + 1);
            continue;
        }
        t += seconds;
        p.points.append({t, target.toDouble()});
        p.maxTarget = qMax(p.maxTarget, target.toDouble());
    }
    p.totalSeconds = t;
    return p;
}

} // namespace stampede::studio
