#pragma once

#include <QJsonArray>
#include <QList>
#include <QPointF>
#include <QString>

namespace stampede::studio {

// The target VUs over time that `stages` ([{duration, target}], k6's ramping-vus)
// describe, as points (seconds, VUs) starting at (0, startVUs). Stages whose
// duration or target is not a literal make the profile invalid: `error` says which.
struct StageProfile
{
    QList<QPointF> points;
    double totalSeconds = 0;
    double maxTarget = 0;
    QString error; // empty if every stage could be read
};

StageProfile stageProfile(const QJsonArray &stages, double start = 0);

// Seconds in a k6 duration ("1m30s", "500ms", a number = milliseconds); -1 if it is not one.
double durationSeconds(const QJsonValue &value);

} // namespace stampede::studio
