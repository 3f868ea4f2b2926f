#pragma once

#include <QtGlobal>

#include <vector>

namespace stampede::studio {

// A fixed-capacity FIFO: once full, each push drops the oldest element, so a
// long run keeps bounded memory. Index 0 is the oldest element still held.
template<typename T>
class RingBuffer
{
public:
    explicit RingBuffer(qsizetype capacity = 3600)
        : m_capacity(qMax<qsizetype>(1, capacity))
    {
    }

    qsizetype capacity() const { return m_capacity; }
    qsizetype size() const { return qsizetype(m_data.size()); }
    bool isEmpty() const { return m_data.empty(); }
    // How many elements were dropped because the buffer was full.
    qint64 dropped() const { return m_dropped; }

    void push(const T &value)
    {
        if (qsizetype(m_data.size()) < m_capacity) {
            m_data.push_back(value);
            return;
        }
        m_data[size_t(m_head)] = value;
        m_head = (m_head + 1) % m_capacity;
        ++m_dropped;
    }

    const T &at(qsizetype i) const { return m_data[size_t((m_head + i) % qsizetype(m_data.size()))]; }
    const T &last() const { return at(size() - 1); }

    std::vector<T> toVector() const
    {
        std::vector<T> out;
        out.reserve(m_data.size());
        for (qsizetype i = 0; i < size(); ++i)
            out.push_back(at(i));
        return out;
    }

    void clear()
    {
        m_data.clear();
        m_head = 0;
        m_dropped = 0;
    }

private:
    std::vector<T> m_data;
    qsizetype m_capacity;
    qsizetype m_head = 0; // index of the oldest element once full
    qint64 m_dropped = 0;
};

} // namespace stampede::studio
