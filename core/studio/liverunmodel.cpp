#include "core/studio/liverunmodel.h"

using namespace Qt::StringLiterals;

namespace stampede::studio {

namespace {
// A single line longer than this is not a snapshot; drop it instead of growing forever.
constexpr qsizetype kMaxLineBytes = 16 * 1024 * 1024;

QString thresholdKey(const QString &metric, const QString &expression)
{
    return metric + u'\n' + expression;
}
} // namespace

LiveRunModel::LiveRunModel(qsizetype capacity, QObject *parent)
    : QObject(parent)
    , m_capacity(capacity)
{
    qRegisterMetaType<LiveSnapshot>();
    reset();
}

void LiveRunModel::reset()
{
    m_buffer.clear();
    m_latest = LiveSnapshot();
    m_count = 0;
    m_errors = 0;
    for (auto &s : m_series)
        s = RingBuffer<QPointF>(m_capacity);
    m_scenarios.clear();
    m_failedThresholds.clear();
}

void LiveRunModel::feed(const QByteArray &bytes)
{
    m_buffer.append(bytes);
    qsizetype start = 0;
    qsizetype nl;
    while ((nl = m_buffer.indexOf('\n', start)) >= 0) {
        const QByteArray line = m_buffer.mid(start, nl - start).trimmed();
        start = nl + 1;
        if (line.isEmpty())
            continue;
        QString error;
        if (auto snapshot = parseLiveSnapshot(line, &error)) {
            m_moreInChunk = m_buffer.indexOf('\n', start) >= 0;
            addSnapshot(*snapshot);
            m_moreInChunk = false;
        } else {
            ++m_errors;
            Q_EMIT streamError(error);
        }
    }
    m_buffer.remove(0, start);
    if (m_buffer.size() > kMaxLineBytes) {
        m_buffer.clear();
        ++m_errors;
        Q_EMIT streamError(tr("A line of the live stream was too long and was dropped"));
    }
}

void LiveRunModel::finishStream()
{
    if (!m_buffer.trimmed().isEmpty())
        feed(QByteArrayLiteral("\n"));
    m_buffer.clear();
}

void LiveRunModel::addSnapshot(const LiveSnapshot &s)
{
    m_latest = s;
    ++m_count;
    // The final snapshot's "interval" is the tail after the last full second
    // (usually empty): its rates and latencies would draw a false cliff to zero.
    // Its cumulative figures still update the tables through snapshotAdded.
    if (s.final && m_count > 1) {
        emitSnapshot(s);
        return;
    }
    const double x = s.elapsed;
    auto push = [&](Series which, double y) { m_series[size_t(which)].push(QPointF(x, y)); };
    push(Series::Vus, s.vus);
    push(Series::RequestRate, s.http.rate);
    push(Series::P50, s.http.p50);
    push(Series::P90, s.http.p90);
    push(Series::P95, s.http.p95);
    push(Series::P99, s.http.p99);
    push(Series::Max, s.http.max);
    push(Series::ErrorRate, s.http.failedRate * 100.0);
    push(Series::SentRate, s.data.sentRate);
    push(Series::ReceivedRate, s.data.receivedRate);
    for (const LiveScenario &sc : s.scenarios) {
        auto it = m_scenarios.find(sc.name);
        if (it == m_scenarios.end())
            it = m_scenarios.emplace(sc.name, ScenarioSeries{RingBuffer<QPointF>(m_capacity),
                                                             RingBuffer<QPointF>(m_capacity)}).first;
        it->second.rate.push(QPointF(x, sc.rate));
        it->second.p95.push(QPointF(x, sc.p95));
    }
    emitSnapshot(s);
}

void LiveRunModel::emitSnapshot(const LiveSnapshot &s)
{
    QList<std::pair<QString, QString>> newlyFailed;
    for (const LiveThreshold &t : s.thresholds) {
        if (!t.ok && !m_failedThresholds.contains(thresholdKey(t.metric, t.expression))) {
            m_failedThresholds.insert(thresholdKey(t.metric, t.expression), true);
            newlyFailed.append({t.metric, t.expression});
        }
    }
    Q_EMIT snapshotAdded(s);
    for (const auto &[metric, expression] : newlyFailed)
        Q_EMIT thresholdFailed(metric, expression);
}

QStringList LiveRunModel::scenarioNames() const
{
    QStringList names;
    for (const auto &[name, series] : m_scenarios)
        names.append(name);
    return names;
}

const LiveRunModel::ScenarioSeries *LiveRunModel::scenarioSeries(const QString &name) const
{
    const auto it = m_scenarios.find(name);
    return it == m_scenarios.end() ? nullptr : &it->second;
}

bool LiveRunModel::hasThresholdFailed(const QString &metric, const QString &expression) const
{
    return m_failedThresholds.contains(thresholdKey(metric, expression));
}

} // namespace stampede::studio
