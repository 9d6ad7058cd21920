#pragma once

#include <cassert>
#include <cstdint>
#include <utility>
#include <vector>

namespace pipeadvise::des {

/// Simulated time: integer nanoseconds since the start of a replication (no float clock).
using Ticks = std::int64_t;

/// A pending event: ordered by (time, sequence) so same-time events keep insertion order.
template <class Payload>
struct ScheduledEvent {
    Ticks time;
    std::uint64_t sequence;
    Payload payload;
};

/// Deterministic priority queue of events (a binary heap on (time, sequence)).
template <class Payload>
class EventQueue {
public:
    /// Schedules `payload` at absolute time `at` (must not be before the last popped time).
    void schedule(Ticks at, Payload payload) {
        m_heap.push_back(ScheduledEvent<Payload>{at, m_next_sequence++, std::move(payload)});
        sift_up(m_heap.size() - 1);
    }
    bool empty() const { return m_heap.empty(); }
    std::size_t size() const { return m_heap.size(); }
    /// Earliest pending event; queue must not be empty.
    const ScheduledEvent<Payload>& top() const {
        assert(!m_heap.empty());
        return m_heap.front();
    }
    /// Removes and returns the earliest pending event; queue must not be empty.
    ScheduledEvent<Payload> pop() {
        assert(!m_heap.empty());
        ScheduledEvent<Payload> out = std::move(m_heap.front());
        m_heap.front() = std::move(m_heap.back());
        m_heap.pop_back();
        if (!m_heap.empty()) sift_down(0);
        return out;
    }
    void clear() {
        m_heap.clear();
        m_next_sequence = 0;
    }
    void reserve(std::size_t n) { m_heap.reserve(n); }

private:
    static bool before(const ScheduledEvent<Payload>& a, const ScheduledEvent<Payload>& b) {
        return a.time < b.time || (a.time == b.time && a.sequence < b.sequence);
    }
    void sift_up(std::size_t i) {
        while (i > 0) {
            std::size_t parent = (i - 1) / 2;
            if (!before(m_heap[i], m_heap[parent])) break;
            std::swap(m_heap[i], m_heap[parent]);
            i = parent;
        }
    }
    void sift_down(std::size_t i) {
        const std::size_t n = m_heap.size();
        for (;;) {
            std::size_t smallest = i;
            const std::size_t l = 2 * i + 1, r = l + 1;
            if (l < n && before(m_heap[l], m_heap[smallest])) smallest = l;
            if (r < n && before(m_heap[r], m_heap[smallest])) smallest = r;
            if (smallest == i) return;
            std::swap(m_heap[i], m_heap[smallest]);
            i = smallest;
        }
    }

    std::vector<ScheduledEvent<Payload>> m_heap;
    std::uint64_t m_next_sequence = 0;
};

}  // namespace pipeadvise::des
