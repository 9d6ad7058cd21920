#include <algorithm>
#include <array>
#include <cmath>
#include <deque>
#include <functional>

#include "pipeadvise/pipeline/replication.hpp"

namespace pipeadvise::pipeline {

namespace {

// Stateful output: tumbling event-time windows that emit when the stream has been read
// up to window end + watermark. Each window keeps k_window_bins event-time sub-bins so
// memory is bounded whatever the volume.
class Windows {
public:
    Windows(const Plan& plan, Recorder& recorder)
        : m_window(plan.window), m_watermark(plan.watermark), m_recorder(recorder) {}

    void add(Ticks event, double weight, Ticks completion) {
        const std::int64_t k = event / m_window;
        if (!m_open.empty() && k < m_open.front().k) {
            // Its window has already fired: the update is emitted on its own.
            m_recorder.complete(to_seconds(completion - event), weight, completion);
            return;
        }
        Window* w = nullptr;
        if (m_open.empty() || k > m_open.back().k) {
            m_open.push_back(Window{k});
            w = &m_open.back();
        } else {
            auto it = std::lower_bound(m_open.begin(), m_open.end(), k,
                                       [](const Window& x, std::int64_t key) { return x.k < key; });
            if (it == m_open.end() || it->k != k) it = m_open.insert(it, Window{k});
            w = &*it;
        }
        const Ticks offset = event - k * m_window;
        const auto b =
            static_cast<std::size_t>(std::min<Ticks>(k_window_bins - 1, offset * k_window_bins / m_window));
        w->weight[b] += weight;
        w->offset_sum[b] += to_seconds(offset) * weight;
        w->last_completion = std::max(w->last_completion, completion);
    }

    /// The stream has been read at `at` up to arrival `arrival`: windows whose end plus the
    /// watermark has passed emit.
    void fire_until(Ticks arrival, Ticks at) {
        while (!m_open.empty() && fire_time(m_open.front()) <= arrival) {
            emit(m_open.front(), at);
            m_open.pop_front();
        }
    }

    void fire_all(Ticks at) {
        for (const Window& w : m_open) emit(w, std::max(at, fire_time(w)));
        m_open.clear();
    }

private:
    struct Window {
        std::int64_t k = 0;
        Ticks last_completion = 0;
        std::array<double, k_window_bins> weight{};
        std::array<double, k_window_bins> offset_sum{};
    };
    Ticks fire_time(const Window& w) const { return (w.k + 1) * m_window + m_watermark; }
    void emit(const Window& w, Ticks at) {
        const Ticks emitted = std::max(at, w.last_completion);
        const double start = to_seconds(w.k * m_window);
        for (int b = 0; b < k_window_bins; ++b) {
            if (!(w.weight[b] > 0.0)) continue;
            const double mean_event = start + w.offset_sum[b] / w.weight[b];
            m_recorder.complete(std::max(0.0, to_seconds(emitted) - mean_event), w.weight[b], emitted);
        }
    }

    Ticks m_window;
    Ticks m_watermark;
    Recorder& m_recorder;
    std::deque<Window> m_open;
};

// Queueing below the group's time scale that the group-level fluid does not show: the
// analytic M/G/c wait at the local load minus the wait the slot-to-slot noise already
// produces (reflected random walk with Siegmund's correction). Returns the mean wait and
// the probability of waiting at all, seconds.
struct SubSlotWait {
    double mean = 0;
    double probability = 0;
};
SubSlotWait sub_slot_wait(const Plan& p, double rho, double n, double spread_seconds) {
    if (!(rho > 0.0)) return {};
    const double r = std::min(rho, k_max_correction_utilisation);
    const double x = r / k_max_correction_utilisation * k_wait_grid;
    const auto i = static_cast<std::size_t>(std::min<double>(k_wait_grid - 1, std::floor(x)));
    const double frac = x - static_cast<double>(i);
    const double analytic = p.wait_by_utilisation[i] * (1.0 - frac) + p.wait_by_utilisation[i + 1] * frac;
    const double probability =
        p.wait_probability_by_utilisation[i] * (1.0 - frac) + p.wait_probability_by_utilisation[i + 1] * frac;
    const double step_sd = std::sqrt(n * (p.arrival_cv2 + p.service_cv2)) / p.capacity;
    const double drift = (1.0 - r) * spread_seconds;
    const double fluid =
        drift > 0.0 ? std::max(0.0, step_sd * step_sd / (2.0 * drift) - 0.5826 * step_sd) : 0.0;
    return {std::max(0.0, analytic - fluid), probability};
}

// One event's sojourn beyond the fluid: its own service plus a sub-slot wait that is zero
// with probability 1 - P(wait) and exponential otherwise (exact for M/M/c).
double event_sojourn(const Plan& p, des::Rng& rng, const SubSlotWait& wait) {
    double sojourn = one_service(rng, p);
    if (wait.mean > 0.0 && wait.probability > 0.0 && rng.uniform01() < wait.probability) {
        sojourn += des::exponential(rng, wait.probability / wait.mean);
    }
    return sojourn;
}

}  // namespace

void run_streaming(const Plan& p, des::Rng& arrivals, des::Rng& failures, ReplicationOutput& out) {
    const OutagePlan op = plan_outages(p, Mode::streaming, failures);
    out.failures = op.failures;
    out.incidents = op.incidents;
    out.incident_hours = op.incident_hours;
    out.lost += op.state_lost;
    out.node_hours = p.nodes * p.horizon_seconds / 3600.0;

    Recorder recorder(p, out);
    RecoveryTracker tracker(op.records, out);
    Source source(p, arrivals, true);
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
    std::vector<Ticks> in_system;  // completion times of events still in the system
    double area = 0;               // integral of the number in system, tick-events
    Ticks area_last = 0;
    double in_count = 0;

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
            if (little) {
                while (!in_system.empty() && in_system.front() <= a) {
                    std::pop_heap(in_system.begin(), in_system.end(), std::greater<>());
                    area += in_count * static_cast<double>(in_system.back() - area_last);
                    area_last = in_system.back();
                    in_count -= 1;
                    in_system.pop_back();
                }
                area += in_count * static_cast<double>(a - area_last);
                area_last = a;
                in_count += 1;
                in_system.push_back(done);
                std::push_heap(in_system.begin(), in_system.end(), std::greater<>());
            }
        } else {
            const Ticks finish = std::max(s + duration, a + e.spread);
            // The server is busy for the group's work only: holding it until the group's last
            // arrival would make every on-time group wait behind a late group that overlaps it
            // (a slot of extra lag). Consecutive on-time groups never overlap, so for them this
            // is the same as waiting for the last arrival.
            fluid_free = s + duration;
            const double spread_seconds = to_seconds(e.spread);
            const SubSlotWait wait = sub_slot_wait(p, e.rate / p.capacity, e.weight, spread_seconds);
            Ticks sojourn = 0;
            for (const double u : {0.25, 0.75}) {
                const Ticks arrived = a + std::llround(u * static_cast<double>(e.spread));
                const Ticks processed = s + std::llround(u * static_cast<double>(duration));
                sojourn = to_ticks(event_sojourn(p, arrivals, wait));
                const Ticks completion = std::max(arrived, processed) + sojourn;
                const Ticks event = e.event_time + (arrived - a);
                if (windowed) {
                    windows.add(event, 0.5 * e.weight, completion);
                } else {
                    recorder.complete(to_seconds(completion - event), 0.5 * e.weight, completion);
                }
            }
            done = finish + sojourn;
        }
        last_done = std::max(last_done, done);
        if (s - a <= normal_wait) tracker.observe(s);
    }
    if (windowed) windows.fire_all(last_start);
    if (little) {
        std::sort(in_system.begin(), in_system.end());
        for (Ticks t : in_system) {
            area += in_count * static_cast<double>(t - area_last);
            area_last = t;
            in_count -= 1;
        }
        if (area_last > 0) out.mean_number_in_system = area / static_cast<double>(area_last);
    }
    tracker.finish(std::max(last_done, last_start));
}

}  // namespace pipeadvise::pipeline
