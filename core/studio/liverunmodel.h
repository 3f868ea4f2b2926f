#pragma once

#include "core/studio/livesnapshot.h"
#include "core/studio/ringbuffer.h"

#include <QHash>
#include <QObject>
#include <QPointF>
#include <QStringList>

#include <array>
#include <map>

namespace stampede::studio {

// What the studio knows about a live run: the latest snapshot and one time
// series per chart line, each in a ring buffer (x = seconds since the start).
// Fed from the engine's NDJSON stream in arbitrary chunks; UI-free.
class LiveRunModel : public QObject
{
    Q_OBJECT
public:
    enum class Series {
        Vus,
        RequestRate,
        P50,
        P90,
        P95,
        P99,
        Max,
        ErrorRate,    // percent of failed requests in the interval
        SentRate,     // bytes/s
        ReceivedRate, // bytes/s
        Count
    };
    Q_ENUM(Series)

    struct ScenarioSeries
    {
        RingBuffer<QPointF> rate;
        RingBuffer<QPointF> p95;
    };

    // `capacity` points per series; the default keeps two hours at one snapshot per second.
    explicit LiveRunModel(qsizetype capacity = 7200, QObject *parent = nullptr);

    // Forgets everything (a new run starts).
    void reset();
    // Appends bytes of the NDJSON stream; complete lines become snapshots.
    void feed(const QByteArray &bytes);
    // Handles whatever is left without a trailing newline (the stream closed).
    void finishStream();
    // Adds one parsed snapshot.
    void addSnapshot(const LiveSnapshot &snapshot);

    qsizetype capacity() const { return m_capacity; }
    int snapshotCount() const { return m_count; }
    bool hasSnapshot() const { return m_count > 0; }
    bool isFinal() const { return m_latest.final; }
    const LiveSnapshot &latest() const { return m_latest; }
    const RingBuffer<QPointF> &series(Series which) const { return m_series[size_t(which)]; }
    QStringList scenarioNames() const;
    const ScenarioSeries *scenarioSeries(const QString &name) const;
    // True while feed() handles a snapshot that is followed by more complete lines of the
    // same chunk: a view may skip its expensive redraw until the last one (a burst
    // after a stall then costs one redraw, not one per snapshot).
    bool moreInChunk() const { return m_moreInChunk; }
    // Lines that were not valid snapshots.
    int errorCount() const { return m_errors; }

    // True once any threshold failed in this run (a failed threshold stays failed).
    bool anyThresholdFailed() const { return !m_failedThresholds.isEmpty(); }
    bool hasThresholdFailed(const QString &metric, const QString &expression) const;

Q_SIGNALS:
    void snapshotAdded(const stampede::studio::LiveSnapshot &snapshot);
    // Emitted the first time a threshold is seen failing.
    void thresholdFailed(const QString &metric, const QString &expression);
    void streamError(const QString &message);

private:
    void emitSnapshot(const LiveSnapshot &snapshot);

    qsizetype m_capacity;
    QByteArray m_buffer;
    LiveSnapshot m_latest;
    int m_count = 0;
    int m_errors = 0;
    bool m_moreInChunk = false;
    std::array<RingBuffer<QPointF>, size_t(Series::Count)> m_series;
    std::map<QString, ScenarioSeries> m_scenarios;
    QHash<QString, bool> m_failedThresholds; // "metric\nexpr"
};

} // namespace stampede::studio
