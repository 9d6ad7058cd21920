#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "pipeadvise/des/event_queue.hpp"

namespace pipeadvise::des {

/// Limits one simulation run may not pass (spec §5, Guards). The defaults are documented
/// in docs/performance.md and keep a run within seconds and ~100 MiB.
struct Caps {
    /// Most events (or event groups) processed over the whole run, all replications.
    std::uint64_t max_events = 2'000'000'000;
    /// Most simulated time of one replication, in ticks (nanoseconds): 20 years, twice the
    /// longest horizon a workload may ask for, so a draining backlog still fits.
    Ticks max_simulated_ticks = Ticks{20} * 365 * 86'400 * 1'000'000'000;
    /// Most bytes of simulation state (pending events, buffers) held at once: 256 MiB.
    std::uint64_t max_bytes = std::uint64_t{256} << 20;
};

/// Counts processed events, simulated time and approximate bytes against Caps. The checks
/// are one compare each on the hot path; only crossing a cap throws util::Error (kind
/// input) with a message that names the cap and the workload keys that change it, so a
/// run stops instead of reporting a partial result.
class Guard {
public:
    /// `subject` names the run in messages (e.g. "streaming simulation").
    explicit Guard(Caps caps = {}, std::string subject = "simulation")
        : m_caps(caps), m_subject(std::move(subject)) {}

    /// Counts `n` processed events; throws when the total passes Caps::max_events.
    void count_events(std::uint64_t n = 1) {
        m_events += n;
        if (m_events > m_caps.max_events) [[unlikely]]
            fail_events(m_events);
    }
    /// Throws now if `planned` more events would pass Caps::max_events (checks a run's
    /// size before starting it, so nothing is simulated in vain).
    void check_planned_events(std::uint64_t planned) const {
        if (planned > m_caps.max_events - (m_events < m_caps.max_events ? m_events : m_caps.max_events))
            [[unlikely]]
            fail_events(m_events + planned);
    }
    /// Records the simulated clock; throws when it passes Caps::max_simulated_ticks.
    void advance_to(Ticks now) {
        if (now > m_caps.max_simulated_ticks) [[unlikely]]
            fail_time(now);
    }
    /// Adds `delta` bytes (negative to release) to the state held; throws when the
    /// total passes Caps::max_bytes.
    void account_bytes(std::int64_t delta) {
        m_bytes = delta < 0 && static_cast<std::uint64_t>(-delta) > m_bytes
                      ? 0
                      : m_bytes + static_cast<std::uint64_t>(delta);
        if (m_bytes > m_caps.max_bytes) [[unlikely]]
            fail_bytes(m_bytes);
    }
    /// Sets the state held to `bytes` (e.g. a queue's size times its element size).
    void set_bytes(std::uint64_t bytes) {
        m_bytes = bytes;
        if (m_bytes > m_caps.max_bytes) [[unlikely]]
            fail_bytes(m_bytes);
    }
    /// Events counted so far.
    std::uint64_t events() const { return m_events; }
    /// Bytes currently accounted.
    std::uint64_t bytes() const { return m_bytes; }
    /// The caps in force.
    const Caps& caps() const { return m_caps; }

private:
    [[noreturn]] void fail_events(std::uint64_t events) const;
    [[noreturn]] void fail_time(Ticks now) const;
    [[noreturn]] void fail_bytes(std::uint64_t bytes) const;

    Caps m_caps;
    std::string m_subject;
    std::uint64_t m_events = 0;
    std::uint64_t m_bytes = 0;
};

}  // namespace pipeadvise::des
