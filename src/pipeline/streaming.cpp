#include <algorithm>
#include <array>
#include <cmath>
#include <deque>
#include <functional>

#include "pipeadvise/physics/queueing.hpp"
#include "pipeadvise/pipeline/replication.hpp"
#include "windows.hpp"

namespace pipeadvise::pipeline {

namespace {

// Queueing below the group's time scale that the group-level fluid does not show: the
// analytic M/G/c wait at the local load minus the wait the slot-to-slot noise already
// produces (the reflected random walk of the group-to-group steps: its stationary mean from
// Spitzer's identity with the steps' skewness, physics::reflected_walk_mean). Returns the mean wait and
// the probability of waiting at all, seconds.
struct SubSlotWait {
    double mean = 0;
    double probability = 0;
};
SubSlotWait sub_slot_wait(const Plan& p, double rho, double spread_seconds) {
    if (!(rho > 0.0)) return {};
    const double r = std::min(rho, k_max_correction_utilisation);
    const double x = r / k_max_correction_utilisation * k_wait_grid;
    const auto i = static_cast<std::size_t>(std::min<double>(k_wait_grid - 1, std::floor(x)));
    const double frac = x - static_cast<double>(i);
    const double analytic = p.wait_by_utilisation[i] * (1.0 - frac) + p.wait_by_utilisation[i + 1] * frac;
    const double probability =
        p.wait_probability_by_utilisation[i] * (1.0 - frac) + p.wait_probability_by_utilisation[i + 1] * frac;
    // The walk's steps: the work of a slot's arrivals (n on average) on c servers less the slot.
    const double n = rho * p.capacity * spread_seconds;
    const double step_sd = std::sqrt(n * (p.arrival_cv2 + p.service_cv2)) / p.capacity;
    const double drift = (1.0 - r) * spread_seconds;
    double fluid = 0.0;
    if (drift > 0.0 && step_sd > 0.0) {
        fluid = step_sd * physics::reflected_walk_mean(drift / step_sd, aggregate_service_skewness(p, n));
    }
    return {std::max(0.0, analytic - fluid), probability};
}

// One event's sojourn beyond the fluid: its own service plus a sub-slot wait that is zero
// with probability 1 - P(wait) and exponential otherwise (exact for M/M/c).
// Sub-steps in which a windowed group is read: spaced at most a sixteenth of the window (and
// of the watermark, when one is set), at least the two halves, at most k_max_window_steps.
constexpr int k_max_window_steps = 256;
int window_steps(const Plan& p, Ticks spread) {
    Ticks scale = p.window;
    if (p.watermark > 0) scale = std::min(scale, p.watermark);
    const Ticks spacing = std::max<Ticks>(1, scale / 16);
    const Ticks steps = (spread + spacing - 1) / spacing;
    return static_cast<int>(std::clamp<Ticks>(steps, 2, k_max_window_steps));
}

double event_sojourn(const Plan& p, des::Rng& rng, const SubSlotWait& wait) {
    double sojourn = one_service(rng, p);
    if (wait.mean > 0.0 && wait.probability > 0.0 && rng.uniform01() < wait.probability) {
        sojourn += des::exponential(rng, wait.probability / wait.mean);
    }
    return sojourn;
}

// The number in the system over time, for the Little's-law check (per-event, stateless runs):
// completion times of the events still in the system, and the integral of their count.
class NumberInSystem {
public:
    void arrive(Ticks a, Ticks done) {
        while (!m_in_system.empty() && m_in_system.front() <= a) {
            std::pop_heap(m_in_system.begin(), m_in_system.end(), std::greater<>());
            m_area += m_count * static_cast<double>(m_in_system.back() - m_last);
            m_last = m_in_system.back();
            m_count -= 1;
            m_in_system.pop_back();
        }
        m_area += m_count * static_cast<double>(a - m_last);
        m_last = a;
        m_count += 1;
        m_in_system.push_back(done);
        std::push_heap(m_in_system.begin(), m_in_system.end(), std::greater<>());
    }

    void finish(ReplicationOutput& out) {
        std::sort(m_in_system.begin(), m_in_system.end());
        for (Ticks t : m_in_system) {
            m_area += m_count * static_cast<double>(t - m_last);
            m_last = t;
            m_count -= 1;
        }
        if (m_last > 0) out.mean_number_in_system = m_area / static_cast<double>(m_last);
    }

private:
    std::vector<Ticks> m_in_system;
    double m_area = 0;  // tick-events
    Ticks m_last = 0;
    double m_count = 0;
};

// A group of events on the fluid server, started at `s` for `duration`: returns when its last
// event is done. Each half of the group draws one sojourn, as two events would. Without windows
// the two halves are recorded as two points; with windows the group is read in sub-steps no
// longer than a sixteenth of the window or the watermark, so that a window fires when the stream
// is read up to its end plus the watermark, not up to the next group (a slot can be longer than
// a window).
Ticks serve_group(const Plan& p, const Entity& e, Ticks s, Ticks duration, des::Rng& work, bool windowed,
                  Windows& windows, Recorder& recorder) {
    const Ticks a = e.arrival;
    const Ticks finish = std::max(s + duration, a + e.spread);
    const double spread_seconds = to_seconds(e.spread);
    const SubSlotWait wait = sub_slot_wait(p, e.rate / p.capacity, spread_seconds);
    std::array<Ticks, 2> sojourns{};
    for (Ticks& x : sojourns) x = to_ticks(event_sojourn(p, work, wait));
    const int steps = windowed ? window_steps(p, e.spread) : 2;
    // An event waits for the group's start delay, the reflected walk whose stationary mean the
    // sub-slot wait subtracts. In a backlog deeper than the slot (an outage, a peak above
    // capacity) the server stays busy through the slot and reads each event as it reaches it:
    // the wait falls across the slot. Windowed groups are always read by position.
    const bool read_wait_by_position = windowed || s - a >= e.spread;
    const double share = e.weight / steps;
    for (int i = 0; i < steps; ++i) {
        const double u = (i + 0.5) / steps;
        const Ticks arrived = a + std::llround(u * static_cast<double>(e.spread));
        const Ticks processed = s + std::llround(u * static_cast<double>(duration));
        const Ticks read = read_wait_by_position ? std::max(arrived, processed) : arrived + (s - a);
        const Ticks completion = read + sojourns[u < 0.5 ? 0 : 1];
        const Ticks event = e.event_time + (arrived - a);
        if (windowed) {
            windows.fire_until(arrived, read);
            windows.add(event, share, completion);
        } else {
            recorder.complete(to_seconds(completion - event), share, completion);
        }
    }
    return finish + sojourns[1];
}

}  // namespace

void run_streaming(const Plan& p, const ReplicationStreams& streams, ReplicationOutput& out) {
    const OutagePlan op = plan_outages(p, Mode::streaming, streams.failures);
    out.failures = op.failures;
    out.automatic_restarts = op.automatic_restarts;
    out.incidents = op.incidents;
    out.incident_hours = op.incident_hours;
    out.lost += op.state_lost;
    out.node_hours = p.nodes * p.horizon_seconds / 3600.0;

    Recorder recorder(p, Mode::streaming, out);
    RecoveryTracker tracker(op.records, out);
    Source source = streams.source(p, true);
    Windows windows(p, recorder);
    // emit: on_update makes a result usable once its event is processed, as stateless
    // work does; the watermark still closes the state that late events would update.
    const bool windowed = emits_at_window_end(p);

    // Per event: c FIFO servers as a min-heap of the times they become free (the
    // Kiefer-Wolfowitz recursion: exact for FIFO G/G/c). Grouped: one fluid server of
    // rate c.
    std::vector<Ticks> servers(static_cast<std::size_t>(p.nodes), 0);
    Ticks fluid_free = 0;
    const double mean_service = 1.0 / p.node_throughput;
    const Ticks normal_wait = p.grouped ? p.slot : std::max<Ticks>(1, to_ticks(2.0 * mean_service));
    const bool little = p.measure_number_in_system && !p.grouped && !p.stateful;
    NumberInSystem number_in_system;

    std::size_t cursor = 0;
    Ticks last_start = 0, last_done = 0;
    Entity e;
    while (source.next(e)) {
        recorder.arrive(e);
        const Ticks a = e.arrival;
        const Ticks free = p.grouped ? fluid_free : servers.front();
        const Ticks duration = to_ticks(p.grouped ? e.work / p.nodes : e.work);
        // FIFO: nothing starts before its predecessor did (skipped entities included).
        const Ticks s = skip_outages(op.outages, cursor, std::max({a, free, last_start}), duration);
        assert(s >= a);
        last_start = s;
        if (p.stateful) {
            if (windowed) windows.fire_until(a, s);
            if (e.late && e.arrival - e.event_time > p.watermark) {
                recorder.drop(e.weight, s);
                continue;
            }
        }
        if (s - a > p.retention) {
            // The log no longer holds it when the consumer gets there.
            recorder.lose(e.weight, s, cursor > 0 ? op.outages[cursor - 1].drill : -1);
            continue;
        }
        Ticks done = 0;
        if (!p.grouped) {
            done = s + duration;
            std::pop_heap(servers.begin(), servers.end(), std::greater<>());
            servers.back() = done;
            std::push_heap(servers.begin(), servers.end(), std::greater<>());
            if (windowed) {
                windows.add(e.event_time, e.weight, done);
            } else {
                recorder.complete(to_seconds(done - e.event_time), e.weight, done);
            }
            if (little) number_in_system.arrive(a, done);
        } else {
            // The server is busy for the group's work only: holding it until the group's last
            // arrival would make every on-time group wait behind a late group that overlaps it
            // (a slot of extra lag). Consecutive on-time groups never overlap, so for them this
            // is the same as waiting for the last arrival.
            fluid_free = s + duration;
            done = serve_group(p, e, s, duration, streams.work, windowed, windows, recorder);
        }
        last_done = std::max(last_done, done);
        if (s - a <= normal_wait) tracker.observe(s);
    }
    if (windowed) windows.fire_all(last_start);
    if (little) number_in_system.finish(out);
    tracker.finish(std::max(last_done, last_start));
}

}  // namespace pipeadvise::pipeline
