#pragma once

#include <cassert>
#include <cstddef>
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

/// Deterministic priority queue of events: a 4-ary min-heap on (time, sequence). Ties in
/// time pop in insertion order, so a run never depends on heap layout. Sifts move a hole
/// instead of swapping (one move per level), and pop sinks the hole to a leaf before placing
/// the last element (it usually belongs near the bottom), which halves the comparisons.
template <class Payload>
class EventQueue {
public:
    /// Schedules `payload` at absolute time `at` (must not be before the last popped time).
    void schedule(Ticks at, Payload payload) {
        m_heap.push_back(ScheduledEvent<Payload>{at, m_next_sequence++, std::move(payload)});
        sift_up(m_heap.size() - 1);
    }
    /// True when no event is pending.
    bool empty() const { return m_heap.empty(); }
    /// Number of pending events.
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
        if (m_heap.size() > 1) {
            ScheduledEvent<Payload> last = std::move(m_heap.back());
            m_heap.pop_back();
            place_from_root(std::move(last));
        } else {
            m_heap.pop_back();
        }
        return out;
    }
    /// Drops every pending event and restarts the sequence numbering.
    void clear() {
        m_heap.clear();
        m_next_sequence = 0;
    }
    /// Reserves room for `n` pending events.
    void reserve(std::size_t n) { m_heap.reserve(n); }

private:
    static constexpr std::size_t k_arity = 4;

    // (time, sequence) as one signed 128-bit number; __extension__ marks the GNU type.
    __extension__ using Key = __int128;
    __extension__ using UnsignedKey = unsigned __int128;

    // One 128-bit comparison (compare + subtract-with-borrow, no branch): random keys
    // would mispredict the branches of a field-by-field comparison.
    static bool before(const ScheduledEvent<Payload>& a, const ScheduledEvent<Payload>& b) {
        return key(a) < key(b);
    }
    static Key key(const ScheduledEvent<Payload>& e) {
        return static_cast<Key>(static_cast<UnsignedKey>(static_cast<std::uint64_t>(e.time)) << 64 |
                                e.sequence);
    }

    void sift_up(std::size_t i) {
        if (i == 0) return;
        std::size_t parent = (i - 1) / k_arity;
        if (!before(m_heap[i], m_heap[parent])) return;
        ScheduledEvent<Payload> moving = std::move(m_heap[i]);
        do {
            m_heap[i] = std::move(m_heap[parent]);
            i = parent;
            if (i == 0) break;
            parent = (i - 1) / k_arity;
        } while (before(moving, m_heap[parent]));
        m_heap[i] = std::move(moving);
    }

    // Above this size (bytes) the heap outgrows the private caches: descents then wait on
    // memory, and branches (whose speculation fetches the next level early) beat
    // conditional moves (which serialise the loads). Both pick the same child.
    static constexpr std::size_t k_branchy_bytes = std::size_t{256} << 10;

    // The root is a hole: walk it down along the smallest children to a leaf, then sift
    // `moving` up from there (Floyd's bottom-up trick).
    void place_from_root(ScheduledEvent<Payload>&& moving) {
        const std::size_t hole = m_heap.size() * sizeof(ScheduledEvent<Payload>) > k_branchy_bytes
                                     ? sink_hole<false>()
                                     : sink_hole<true>();
        sift_hole_up(hole, std::move(moving));
    }

    // Moves the smallest child up into the hole until the hole is a leaf; returns the leaf.
    template <bool branch_free>
    std::size_t sink_hole() {
        const std::size_t n = m_heap.size();
        std::size_t hole = 0;
        for (;;) {
            const std::size_t first = hole * k_arity + 1;
            if (first >= n) return hole;
            std::size_t best = first;
            if (branch_free && first + k_arity <= n) {
                // A tournament of the four children: two independent comparisons, then one.
                const std::size_t a = before(m_heap[first + 1], m_heap[first]) ? first + 1 : first;
                const std::size_t b = before(m_heap[first + 3], m_heap[first + 2]) ? first + 3 : first + 2;
                best = before(m_heap[b], m_heap[a]) ? b : a;
            } else {
                const std::size_t end = first + k_arity < n ? first + k_arity : n;
                for (std::size_t c = first + 1; c < end; ++c) {
                    const auto& x = m_heap[c];
                    const auto& y = m_heap[best];
                    if (x.time < y.time || (x.time == y.time && x.sequence < y.sequence)) best = c;
                }
            }
            m_heap[hole] = std::move(m_heap[best]);
            hole = best;
        }
    }

    void sift_hole_up(std::size_t hole, ScheduledEvent<Payload>&& moving) {
        while (hole > 0) {
            const std::size_t parent = (hole - 1) / k_arity;
            if (!before(moving, m_heap[parent])) break;
            m_heap[hole] = std::move(m_heap[parent]);
            hole = parent;
        }
        m_heap[hole] = std::move(moving);
    }

    std::vector<ScheduledEvent<Payload>> m_heap;
    std::uint64_t m_next_sequence = 0;
};

}  // namespace pipeadvise::des
