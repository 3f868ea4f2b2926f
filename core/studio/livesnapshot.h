#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace stampede::studio {

// One line of the engine's live stream (`stampede run --out live=...`), see
// core/output/livefeed.h for the format. Plain values, safe to copy across threads.
struct LiveHttp
{
    qint64 total = 0;
    double rate = 0;
    qint64 failed = 0;
    double failedRate = 0; // 0..1, last interval
    double avg = 0, p50 = 0, p90 = 0, p95 = 0, p99 = 0, max = 0; // ms, last interval
};

struct LiveData
{
    double sent = 0, received = 0;         // bytes, cumulative
    double sentRate = 0, receivedRate = 0; // bytes/s, last interval
};

struct LiveScenario
{
    QString name;
    qint64 iterations = 0;
    double rate = 0; // iterations/s, last interval
    double p95 = 0;  // ms, iteration duration, last interval
};

struct LiveEndpoint
{
    QString method;
    QString name;
    qint64 count = 0;
    double rate = 0;
    qint64 errors = 0;
    double avg = 0, p95 = 0; // ms, cumulative
};

struct LiveCheck
{
    QString group; // "" for the root group, else "::outer::inner"
    QString name;
    qint64 passes = 0;
    qint64 fails = 0;
};

struct LiveThreshold
{
    QString metric;
    QString expression;
    bool ok = true;
};

struct LiveSnapshot
{
    double elapsed = 0; // seconds since the start of the run
    bool final = false;
    double vus = 0, vusMax = 0;
    qint64 iterations = 0;
    double iterationRate = 0;
    LiveHttp http;
    LiveData data;
    QList<LiveScenario> scenarios;
    QList<LiveEndpoint> endpoints;
    QList<LiveCheck> checks;
    QList<LiveThreshold> thresholds; // sorted by metric, then expression
};

// Parses one NDJSON line. Returns nothing (and sets *error) for anything that is
// not a JSON object of type "snapshot"; missing fields keep their defaults.
std::optional<LiveSnapshot> parseLiveSnapshot(const QByteArray &line, QString *error = nullptr);

} // namespace stampede::studio

Q_DECLARE_METATYPE(stampede::studio::LiveSnapshot)
