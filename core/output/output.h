#pragma once

#include "core/metrics/metric.h"
#include "core/util/error.h"

#include <nlohmann/json_fwd.hpp>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace stampede::output {

using BatchPtr = std::shared_ptr<const metrics::SampleBatch>;

// What an output may need to know about the run.
struct OutputContext
{
    const metrics::Registry *registry = nullptr;
    std::string scriptPath;
    nlohmann::json *thresholds = nullptr; // the thresholds option (raw), may be null
    std::function<void(const std::string &)> warn; // thread-safe
};

// Every consumer of results is an Output (as in k6): files, streams, the live feed.
// The engine hands each batch of samples to every output from the metrics thread;
// addSamples() must return at once. Outputs that do I/O derive from ThreadedOutput.
class Output
{
public:
    virtual ~Output() = default;
    virtual std::string description() const = 0;
    virtual Status start() = 0;
    virtual void addSamples(const BatchPtr &batch) = 0;
    // The latest threshold verdicts: {"metric{sel}": {"expr": ok, ...}, ...}.
    virtual void setThresholdStates(const nlohmann::json &) {}
    // Flushes and closes; reports what could not be written.
    virtual Status stop() = 0;
};

// An output that does its I/O on its own thread, fed through a bounded queue.
// If the output falls behind, batches are dropped (and reported) instead of
// slowing the test down.
class ThreadedOutput : public Output
{
public:
    explicit ThreadedOutput(OutputContext ctx, size_t maxQueuedBatches = 4096);
    ~ThreadedOutput() override;

    Status start() final;
    void addSamples(const BatchPtr &batch) final;
    Status stop() final;

    uint64_t droppedBatches() const { return m_dropped.load(); }

protected:
    virtual Status open() = 0;
    virtual void write(const metrics::SampleBatch &batch) = 0; // on the output's thread
    virtual void tick() {}                                     // about every 100 ms, on the output's thread
    virtual Status close() = 0;                                // on the calling thread, after the last write

    OutputContext m_ctx;

private:
    void loop();

    const size_t m_max;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<BatchPtr> m_queue;
    bool m_stopping = false;
    std::thread m_thread;
    std::atomic<uint64_t> m_dropped{0};
    bool m_warned = false;
};

// Creates an output from a --out value: "json=file.json", "csv=file.csv",
// "live=unix:/path/to.sock" or "live=file.ndjson".
Result<std::unique_ptr<Output>> createOutput(const std::string &spec, const OutputContext &ctx);

// Fans batches out to all outputs.
class OutputManager
{
public:
    void add(std::unique_ptr<Output> output) { m_outputs.push_back(std::move(output)); }
    bool empty() const { return m_outputs.empty(); }
    Status startAll();
    void dispatch(metrics::SampleBatch &&batch);
    void setThresholdStates(const nlohmann::json &states);
    std::vector<Error> stopAll();
    std::vector<std::string> descriptions() const;

private:
    std::vector<std::unique_ptr<Output>> m_outputs;
};

} // namespace stampede::output
