#include "core/studio/livesnapshot.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stampede::studio {

std::optional<LiveSnapshot> parseLiveSnapshot(const QByteArray &line, QString *error)
{
    auto fail = [error](const QString &why) -> std::optional<LiveSnapshot> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(QCoreApplication::translate("LiveSnapshot", "Invalid JSON in the live stream: %1")
                        .arg(parseError.errorString()));
    if (!doc.isObject())
        return fail(QCoreApplication::translate("LiveSnapshot", "The live stream sent something other than an object"));
    const QJsonObject o = doc.object();
    if (o.value(u"type"_s).toString() != u"snapshot"_s)
        return fail(QCoreApplication::translate("LiveSnapshot", "Unknown message type \"%1\" in the live stream")
                        .arg(o.value(u"type"_s).toString()));

    LiveSnapshot s;
    s.elapsed = o.value(u"elapsed"_s).toDouble();
    s.final = o.value(u"final"_s).toBool();
    s.vus = o.value(u"vus"_s).toDouble();
    s.vusMax = o.value(u"vusMax"_s).toDouble();
    const QJsonObject it = o.value(u"iterations"_s).toObject();
    s.iterations = it.value(u"total"_s).toInteger();
    s.iterationRate = it.value(u"rate"_s).toDouble();

    const QJsonObject h = o.value(u"http"_s).toObject();
    s.http.total = h.value(u"total"_s).toInteger();
    s.http.rate = h.value(u"rate"_s).toDouble();
    s.http.failed = h.value(u"failed"_s).toInteger();
    s.http.failedRate = h.value(u"failedRate"_s).toDouble();
    s.http.avg = h.value(u"avg"_s).toDouble();
    s.http.p50 = h.value(u"p50"_s).toDouble();
    s.http.p90 = h.value(u"p90"_s).toDouble();
    s.http.p95 = h.value(u"p95"_s).toDouble();
    s.http.p99 = h.value(u"p99"_s).toDouble();
    s.http.max = h.value(u"max"_s).toDouble();

    const QJsonObject d = o.value(u"data"_s).toObject();
    s.data.sent = d.value(u"sent"_s).toDouble();
    s.data.received = d.value(u"received"_s).toDouble();
    s.data.sentRate = d.value(u"sentRate"_s).toDouble();
    s.data.receivedRate = d.value(u"receivedRate"_s).toDouble();

    const QJsonArray scenarios = o.value(u"scenarios"_s).toArray();
    for (const QJsonValue &v : scenarios) {
        const QJsonObject so = v.toObject();
        s.scenarios.append({so.value(u"name"_s).toString(), so.value(u"iterations"_s).toInteger(),
                            so.value(u"rate"_s).toDouble(), so.value(u"p95"_s).toDouble()});
    }
    const QJsonArray endpoints = o.value(u"endpoints"_s).toArray();
    for (const QJsonValue &v : endpoints) {
        const QJsonObject eo = v.toObject();
        s.endpoints.append({eo.value(u"method"_s).toString(), eo.value(u"name"_s).toString(),
                            eo.value(u"count"_s).toInteger(), eo.value(u"rate"_s).toDouble(),
                            eo.value(u"errors"_s).toInteger(), eo.value(u"avg"_s).toDouble(),
                            eo.value(u"p95"_s).toDouble()});
    }
    const QJsonArray checks = o.value(u"checks"_s).toArray();
    for (const QJsonValue &v : checks) {
        const QJsonObject co = v.toObject();
        s.checks.append({co.value(u"group"_s).toString(), co.value(u"name"_s).toString(),
                         co.value(u"passes"_s).toInteger(), co.value(u"fails"_s).toInteger()});
    }
    const QJsonObject thresholds = o.value(u"thresholds"_s).toObject();
    for (auto m = thresholds.begin(); m != thresholds.end(); ++m) {
        const QJsonObject exprs = m.value().toObject();
        for (auto e = exprs.begin(); e != exprs.end(); ++e)
            s.thresholds.append({m.key(), e.key(), e.value().toBool(true)});
    }
    std::sort(s.thresholds.begin(), s.thresholds.end(), [](const LiveThreshold &a, const LiveThreshold &b) {
        return std::tie(a.metric, a.expression) < std::tie(b.metric, b.expression);
    });
    return s;
}

} // namespace stampede::studio
