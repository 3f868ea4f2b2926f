// Studio responsiveness and chart memory benchmark (`ninja bench_studio`).
//
//   bench_studio_responsiveness <stampede> <stampede-testserver> [seconds=15] [vus=64]
//
// Part 1: the real main window (offscreen) runs a real `stampede run` (constant VUs looping
// http.get) against a loopback nginx-light (the test server if nginx is missing) with the
// live stream, the REST control and the output pane on. A 5 ms QTimer on the GUI thread
// measures how late each tick fires (max and p99). The peer in the same run is the same
// window with no run (baseline). Prints the achieved request rate from the engine's own
// live snapshots.
//
// Part 2: 8 hours of synthetic per-second snapshots (28,800 NDJSON lines, as fast as
// possible) through LiveRunModel::feed() — the receiver's code path — into a shown
// LivePanel, one chunk per simulated minute. Prints RSS and chart point counts after
// 1 h, 4 h and 8 h: the ring buffers keep them flat.
//
// Figures only; nothing here asserts a time.

#include "core/studio/liverunmodel.h"
#include "core/studio/runcontroller.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/run/livepanel.h"
#include "ui/run/outputpane.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QLineSeries>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using Series = stampede::studio::LiveRunModel::Series;

namespace {

// Ticks every 5 ms on the GUI thread and records how late each tick is.
class Watchdog : public QObject
{
public:
    explicit Watchdog(QObject *parent = nullptr)
        : QObject(parent)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(5);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            const double late = double(now - m_last) / 1e6 - 5.0;
            m_lateness.push_back(late);
            // The GUI thread's own CPU time since the last tick: work it did, as opposed to
            // time the scheduler gave to other processes on this shared machine.
            const double cpu = threadCpuMs();
            m_busy.push_back(cpu - m_lastCpu);
            m_lastCpu = cpu;
            if (late > 25.0)
                m_stalls.push_back({double(m_last) / 1e9, late});
            m_last = now;
        });
    }
    void start()
    {
        m_lateness.clear();
        m_busy.clear();
        m_stalls.clear();
        m_clock.start();
        m_last = 0;
        m_lastCpu = threadCpuMs();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    double max() const { return m_lateness.empty() ? 0 : *std::max_element(m_lateness.begin(), m_lateness.end()); }
    // The most CPU the GUI thread spent between two ticks (ms), and how often it exceeded `ms`.
    double maxBusy() const { return m_busy.empty() ? 0 : *std::max_element(m_busy.begin(), m_busy.end()); }
    double busyPercentile(double p) const
    {
        if (m_busy.empty())
            return 0;
        std::vector<double> v = m_busy;
        const size_t i = std::min(v.size() - 1, size_t(p / 100.0 * double(v.size())));
        std::nth_element(v.begin(), v.begin() + qsizetype(i), v.end());
        return v[i];
    }
    static double threadCpuMs()
    {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
    }
    double percentile(double p) const
    {
        if (m_lateness.empty())
            return 0;
        std::vector<double> v = m_lateness;
        const size_t i = std::min(v.size() - 1, size_t(p / 100.0 * double(v.size())));
        std::nth_element(v.begin(), v.begin() + qsizetype(i), v.end());
        return v[i];
    }
    size_t ticks() const { return m_lateness.size(); }
    size_t over(double ms) const
    {
        return size_t(std::count_if(m_lateness.begin(), m_lateness.end(), [ms](double l) { return l > ms; }));
    }

    // Stalls over 25 ms: (seconds since start() when the stalled tick was due, lateness in ms).
    QString stalls() const
    {
        QStringList out;
        for (const auto &[at, late] : m_stalls)
            out << u"%1 ms at %2 s"_s.arg(late, 0, 'f', 1).arg(at, 0, 'f', 2);
        return out.isEmpty() ? u"none"_s : out.join(u", "_s);
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    std::vector<std::pair<double, double>> m_stalls;
    qint64 m_last = 0;
    std::vector<double> m_lateness;
    std::vector<double> m_busy;
    double m_lastCpu = 0;
};

double rssMiB()
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QString text = QString::fromLatin1(f.readAll());
    const auto m = QRegularExpression(u"VmRSS:\\s+(\\d+) kB"_s).match(text);
    return m.hasMatch() ? m.captured(1).toDouble() / 1024.0 : 0;
}

void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

quint16 freePort()
{
    QTcpServer s;
    return s.listen(QHostAddress::LocalHost, 0) ? s.serverPort() : 0;
}

// A loopback HTTP target: nginx-light with one worker (as bench/http_throughput.sh), or the test server.
struct Target
{
    std::unique_ptr<QProcess> process;
    QString url;
    QString name;
};

Target startTarget(const QString &testServer, QTemporaryDir &dir)
{
    Target t;
    const QString nginx = u"/usr/sbin/nginx"_s;
    if (QFileInfo(nginx).isExecutable()) {
        const quint16 port = freePort();
        QDir(dir.path()).mkpath(u"www"_s);
        QDir(dir.path()).mkpath(u"logs"_s);
        QFile page(dir.filePath(u"www/index.html"_s));
        if (page.open(QIODevice::WriteOnly))
            page.write(QByteArray(1024, 'x'));
        page.close();
        QFile conf(dir.filePath(u"nginx.conf"_s));
        if (conf.open(QIODevice::WriteOnly))
            conf.write(u"worker_processes 1;\ndaemon off;\nmaster_process off;\npid %1/nginx.pid;\n"
                       "error_log %1/logs/error.log warn;\nevents { worker_connections 4096; }\n"
                       "http { access_log off; keepalive_requests 1000000;\n"
                       "  server { listen 127.0.0.1:%2; root %1/www; location / { index index.html; } } }\n"_s
                           .arg(dir.path())
                           .arg(port)
                           .toUtf8());
        conf.close();
        t.process = std::make_unique<QProcess>();
        t.process->start(nginx, {u"-p"_s, dir.path(), u"-c"_s, dir.filePath(u"nginx.conf"_s)});
        if (t.process->waitForStarted(5000)) {
            spin(400);
            if (t.process->state() == QProcess::Running) {
                t.url = u"http://127.0.0.1:%1/index.html"_s.arg(port);
                t.name = u"nginx-light (1 worker, 1 KiB page)"_s;
                return t;
            }
        }
        std::fprintf(stderr, "nginx did not start (%s); using the test server\n",
                     t.process->readAllStandardError().constData());
    }
    t.process = std::make_unique<QProcess>();
    t.process->start(testServer, {u"--port"_s, u"0"_s});
    if (!t.process->waitForStarted(5000) || !t.process->waitForReadyRead(10000))
        return t;
    const auto m = QRegularExpression(u"listening on (\\S+)"_s).match(QString::fromUtf8(t.process->readAllStandardOutput()));
    if (m.hasMatch()) {
        t.url = m.captured(1) + u"/"_s;
        t.name = u"stampede-testserver"_s;
    }
    return t;
}

void stopTarget(Target &t)
{
    if (t.process && t.process->state() != QProcess::NotRunning) {
        t.process->terminate();
        if (!t.process->waitForFinished(3000))
            t.process->kill();
        t.process->waitForFinished(1000);
    }
}

int responsiveness(const QString &stampede, const QString &testServer, int seconds, int vus)
{
    QTemporaryDir dir;
    Target target = startTarget(testServer, dir);
    if (target.url.isEmpty()) {
        std::fprintf(stderr, "no HTTP target could be started\n");
        return 1;
    }
    const QString script = dir.filePath(u"load.js"_s);
    {
        QFile f(script);
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        f.write(u"import http from 'k6/http';\n"
                "export const options = { vus: %1, duration: '%2s' };\n"
                "export default function () { http.get('%3'); }\n"_s.arg(vus).arg(seconds).arg(target.url).toUtf8());
    }

    stampede::ui::MainWindow w;
    w.setSettings(std::make_unique<QSettings>(dir.filePath(u"settings.ini"_s), QSettings::IniFormat));
    w.setRecoveryDirectory(dir.filePath(u"recovery"_s));
    w.runController()->setEnginePath(stampede);
    if (!w.openFile(script))
        return 1;
    w.resize(1600, 1000);
    w.show();
    spin(500);

    Watchdog dog;
    // Peer 1: the same window, no run.
    dog.start();
    spin(seconds * 1000);
    dog.stop();
    const double baseMax = dog.max(), baseP99 = dog.percentile(99), baseP50 = dog.percentile(50);
    const QString baseStalls = dog.stalls();
    const double baseBusyMax = dog.maxBusy(), baseBusyP99 = dog.busyPercentile(99);
    const size_t baseTicks = dog.ticks();

    // The run.
    QEventLoop done;
    QObject::connect(w.runController(), &stampede::studio::RunController::finished, &done, &QEventLoop::quit);
    QElapsedTimer wall;
    wall.start();
    dog.start();
    w.runAction()->trigger();
    done.exec();
    dog.stop();
    const double runSeconds = double(wall.elapsed()) / 1000.0;
    spin(300);

    if (w.liveModel()->snapshotCount() == 0) {
        std::fprintf(stderr, "the run produced no live data: %s\n%s\n", qPrintable(w.statusText()),
                     qPrintable(w.outputPane()->toPlainText().right(2000)));
        stopTarget(target);
        return 1;
    }
    const auto &latest = w.liveModel()->latest();
    double peak = 0;
    const auto &rate = w.liveModel()->series(Series::RequestRate);
    for (qsizetype i = 0; i < rate.size(); ++i)
        peak = qMax(peak, rate.at(i).y());
    const double avgRate = latest.elapsed > 0 ? double(latest.http.total) / latest.elapsed : 0;

    std::printf("== Part 1: GUI thread responsiveness during a run (offscreen main window) ==\n");
    std::printf("target: %s; engine: %d VUs looping http.get for %d s\n", qPrintable(target.name), vus, seconds);
    std::printf("achieved: %lld requests in %.1f s = %.0f req/s average, %.0f req/s peak second (engine's live snapshots)\n",
                qlonglong(latest.http.total), latest.elapsed, avgRate, peak);
    std::printf("live snapshots received: %d, chart points (req/s): %lld, failed requests: %lld\n",
                w.liveModel()->snapshotCount(), qlonglong(w.livePanel()->series(Series::RequestRate)->count()),
                qlonglong(latest.http.failed));
    std::printf("5 ms watchdog, lateness in ms      %8s %8s %8s %8s %10s\n", "p50", "p99", "max", "ticks", ">50ms");
    std::printf("  baseline (same window, no run)   %8.2f %8.2f %8.2f %8zu %10zu\n", baseP50, baseP99, baseMax, baseTicks,
                size_t(0) + 0);
    std::printf("  during the run (%.1f s)          %8.2f %8.2f %8.2f %8zu %10zu\n", runSeconds, dog.percentile(50),
                dog.percentile(99), dog.max(), dog.ticks(), dog.over(50));
    std::printf("  ratio run/baseline               %8s %8.1f %8.1f\n", "", baseP99 > 0 ? dog.percentile(99) / baseP99 : 0,
                baseMax > 0 ? dog.max() / baseMax : 0);
    std::printf("GUI thread CPU between ticks (ms): baseline p99 %.2f max %.2f; run p99 %.2f max %.2f\n", baseBusyP99,
                baseBusyMax, dog.busyPercentile(99), dog.maxBusy());
    std::printf("stalls > 25 ms, baseline: %s\n", qPrintable(baseStalls));
    std::printf("stalls > 25 ms, run: %s\n", qPrintable(dog.stalls()));
    std::printf("budget: worst stall %.1f ms (of it the GUI thread's own work at most %.1f ms) vs 50 ms -> %s\n",
                dog.max(), dog.maxBusy(), dog.max() <= 50 ? "within" : "EXCEEDED (see the baseline's stalls: CPU contention)");
    std::printf("run result: %s\n\n", qPrintable(w.statusText()));
    std::fflush(stdout);
    stopTarget(target);
    return 0;
}

QByteArray snapshotLine(int second)
{
    const double t = second;
    const double rate = 20000 + 500 * std::sin(t / 60.0);
    const qint64 total = qint64(t * 20000);
    return u"{\"type\":\"snapshot\",\"elapsed\":%1,\"final\":false,\"vus\":64,\"vusMax\":64,"
            "\"iterations\":{\"rate\":%2,\"total\":%3},"
            "\"http\":{\"total\":%3,\"rate\":%2,\"failed\":0,\"failedRate\":0,\"avg\":2.1,\"p50\":1.9,\"p90\":3.2,"
            "\"p95\":3.9,\"p99\":6.5,\"max\":%4},"
            "\"data\":{\"sent\":%5,\"received\":%6,\"sentRate\":%7,\"receivedRate\":%8},"
            "\"scenarios\":[{\"name\":\"api\",\"iterations\":%3,\"rate\":%2,\"p95\":4.1},"
            "{\"name\":\"browse\",\"iterations\":%9,\"rate\":12.5,\"p95\":250.0}],"
            "\"endpoints\":[{\"method\":\"GET\",\"name\":\"home\",\"count\":%3,\"rate\":%2,\"errors\":0,\"avg\":2.1,\"p95\":3.9},"
            "{\"method\":\"POST\",\"name\":\"login\",\"count\":%9,\"rate\":12.5,\"errors\":0,\"avg\":8.0,\"p95\":20.0}],"
            "\"checks\":[{\"group\":\"\",\"name\":\"status is 200\",\"passes\":%3,\"fails\":0},"
            "{\"group\":\"::shop\",\"name\":\"cart ok\",\"passes\":%9,\"fails\":0}],"
            "\"thresholds\":{\"http_req_duration\":{\"p(95)<500\":true}}}\n"_s
        .arg(t)
        .arg(rate)
        .arg(total)
        .arg(10 + second % 97)
        .arg(double(total) * 120)
        .arg(double(total) * 1200)
        .arg(rate * 120)
        .arg(rate * 1200)
        .arg(second * 12)
        .toUtf8();
}

int ringBufferBound()
{
    std::printf("== Part 2: 8 hours of per-second snapshots through LiveRunModel::feed() into a shown LivePanel ==\n");
    stampede::studio::LiveRunModel model;
    stampede::ui::LivePanel panel(&model);
    panel.resize(1600, 900);
    panel.show();
    panel.runStarted();
    spin(200);
    const double rssStart = rssMiB();
    std::printf("ring capacity: %lld points per series; RSS before: %.1f MiB\n", qlonglong(model.capacity()), rssStart);
    std::printf("%8s %10s %12s %12s %14s %16s %10s %12s %14s\n", "hours", "snapshots", "RSS MiB", "ring points",
                "req/s drawn",
                "scenario points", "feed s", "1 snap ms", "repaint ms");
    QElapsedTimer clock;
    clock.start();
    const int total = 8 * 3600;
    for (int minute = 0; minute * 60 < total; ++minute) {
        QByteArray chunk;
        for (int s = minute * 60 + 1; s <= (minute + 1) * 60; ++s)
            chunk += snapshotLine(s);
        model.feed(chunk);
        QApplication::processEvents(); // paint what the panel changed
        const int seconds = (minute + 1) * 60;
        if (seconds == 3600 || seconds == 4 * 3600 || seconds == 8 * 3600) {
            spin(50);
            // What each second of a live run costs the GUI thread at this fill level: one more
            // snapshot through feed() (model, tables, chart series), then the repaint it causes.
            QElapsedTimer one;
            one.start();
            model.feed(snapshotLine(seconds));
            const double snapshotMs = double(one.nsecsElapsed()) / 1e6;
            QElapsedTimer paint;
            paint.start();
            QApplication::processEvents();
            panel.repaint();
            const double paintMs = double(paint.nsecsElapsed()) / 1e6;
            qsizetype scenarioPoints = 0;
            const auto lines = panel.scenarioSeries();
            for (QLineSeries *l : lines)
                scenarioPoints = qMax(scenarioPoints, qsizetype(l->count()));
            std::printf("%8d %10d %12.1f %12lld %14lld %16lld %10.1f %12.1f %14.1f\n", seconds / 3600,
                        model.snapshotCount(), rssMiB(), qlonglong(model.series(Series::RequestRate).size()),
                        qlonglong(panel.series(Series::RequestRate)->count()), qlonglong(scenarioPoints),
                        double(clock.elapsed()) / 1000.0, snapshotMs, paintMs);
            std::fflush(stdout);
        }
    }
    std::printf("points dropped by the ring (VUs series): %lld\n", qlonglong(model.series(Series::Vus).dropped()));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // keep the user's settings and history untouched
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: %s <stampede> <stampede-testserver> [seconds=15] [vus=64] [--part2-only]\n",
                     qPrintable(args.value(0)));
        return 2;
    }
    const int seconds = args.size() > 3 && !args[3].startsWith(u'-') ? args[3].toInt() : 15;
    const int vus = args.size() > 4 && !args[4].startsWith(u'-') ? args[4].toInt() : 64;
    if (!args.contains(u"--part2-only"_s)) {
        if (const int rc = responsiveness(QFileInfo(args[1]).absoluteFilePath(), QFileInfo(args[2]).absoluteFilePath(),
                                          qMax(3, seconds), qMax(1, vus));
            rc != 0)
            return rc;
    }
    return ringBufferBound();
}
