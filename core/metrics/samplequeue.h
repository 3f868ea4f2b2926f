#pragma once

#include "core/metrics/metric.h"

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace stampede::metrics {

// Hands batches of samples from VU threads to the metrics thread. Producers
// lock once per batch (a VU flushes every iteration or every few hundred
// samples), never once per request.
class SampleQueue
{
public:
    void push(SampleBatch &&batch)
    {
        if (batch.empty())
            return;
        {
            std::lock_guard lock(m_mutex);
            if (m_pending.empty())
                m_pending = std::move(batch);
            else
                m_pending.insert(m_pending.end(), std::make_move_iterator(batch.begin()),
                                 std::make_move_iterator(batch.end()));
        }
        batch.clear();
    }

    // Takes everything queued so far (possibly nothing).
    SampleBatch drain()
    {
        SampleBatch out;
        std::lock_guard lock(m_mutex);
        out.swap(m_pending);
        return out;
    }

private:
    std::mutex m_mutex;
    SampleBatch m_pending;
};

} // namespace stampede::metrics
