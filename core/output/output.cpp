#include "core/output/output.h"

#include "core/output/csvoutput.h"
#include "core/output/influxdb.h"
#include "core/output/jsonoutput.h"
#include "core/output/livefeed.h"

#include <nlohmann/json.hpp>

namespace stampede::output {

ThreadedOutput::ThreadedOutput(OutputContext ctx, size_t maxQueuedBatches)
    : m_ctx(std::move(ctx)), m_max(maxQueuedBatches)
{
}

ThreadedOutput::~ThreadedOutput()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_cv.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

Status ThreadedOutput::start()
{
    if (Status s = open(); !s)
        return s;
    m_thread = std::thread([this] { loop(); });
    return {};
}

void ThreadedOutput::addSamples(const BatchPtr &batch)
{
    bool warn = false;
    {
        std::lock_guard lock(m_mutex);
        if (m_queue.size() >= m_max) {
            m_dropped.fetch_add(1);
            warn = !m_warned;
            m_warned = true;
        } else {
            m_queue.push_back(batch);
        }
    }
    if (warn && m_ctx.warn)
        m_ctx.warn("output " + description() + " is falling behind; dropping samples so the test is not slowed down");
    m_cv.notify_one();
}

void ThreadedOutput::loop()
{
    for (;;) {
        std::deque<BatchPtr> work;
        bool stopping = false;
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait_for(lock, std::chrono::milliseconds(100), [this] { return !m_queue.empty() || m_stopping; });
            work.swap(m_queue);
            stopping = m_stopping;
        }
        for (const BatchPtr &b : work)
            write(*b);
        tick();
        if (stopping) {
            std::lock_guard lock(m_mutex);
            if (m_queue.empty())
                return;
        }
    }
}

Status ThreadedOutput::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_cv.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    Status s = close();
    if (s && m_dropped.load() > 0)
        return Error{"output " + description() + " dropped " + std::to_string(m_dropped.load())
                     + " batches of samples because it could not keep up"};
    return s;
}

Result<std::unique_ptr<Output>> createOutput(const std::string &spec, const OutputContext &ctx)
{
    const size_t eq = spec.find('=');
    const std::string type = spec.substr(0, eq);
    const std::string arg = eq == std::string::npos ? std::string() : spec.substr(eq + 1);
    if (type == "json") {
        if (arg.empty())
            return Error{"--out json needs a file: --out json=results.json"};
        return std::unique_ptr<Output>(std::make_unique<JsonOutput>(ctx, arg));
    }
    if (type == "csv") {
        if (arg.empty())
            return Error{"--out csv needs a file: --out csv=results.csv"};
        return std::unique_ptr<Output>(std::make_unique<CsvOutput>(ctx, arg));
    }
    if (type == "live") {
        if (arg.empty())
            return Error{"--out live needs a target: --out live=unix:/path/to.sock or --out live=file.ndjson"};
        return std::unique_ptr<Output>(std::make_unique<LiveFeed>(ctx, arg));
    }
    if (type == "influxdb") {
        if (arg.empty())
            return Error{"--out influxdb needs a URL: --out influxdb=http://localhost:8086/k6"};
        return std::unique_ptr<Output>(std::make_unique<InfluxDbOutput>(ctx, arg));
    }
    if (type == "cloud" || type == "experimental-prometheus-rw" || type == "statsd"
        || type == "datadog" || type == "kafka" || type == "xk6-influxdb")
        return Error{"the \"" + type + "\" output is not supported by this version of Stampede yet"};
    return Error{"unknown output \"" + type + "\" (json, csv, influxdb, live)"};
}

Status OutputManager::startAll()
{
    for (auto &o : m_outputs) {
        if (Status s = o->start(); !s)
            return Error{"could not start output " + o->description() + ": " + s.error().message};
    }
    return {};
}

void OutputManager::dispatch(metrics::SampleBatch &&batch)
{
    if (m_outputs.empty() || batch.empty())
        return;
    auto shared = std::make_shared<const metrics::SampleBatch>(std::move(batch));
    for (auto &o : m_outputs)
        o->addSamples(shared);
}

void OutputManager::setThresholdStates(const nlohmann::json &states)
{
    for (auto &o : m_outputs)
        o->setThresholdStates(states);
}

std::vector<Error> OutputManager::stopAll()
{
    std::vector<Error> errors;
    for (auto &o : m_outputs) {
        if (Status s = o->stop(); !s)
            errors.push_back(s.error());
    }
    return errors;
}

std::vector<std::string> OutputManager::descriptions() const
{
    std::vector<std::string> out;
    for (const auto &o : m_outputs)
        out.push_back(o->description());
    return out;
}

} // namespace stampede::output
