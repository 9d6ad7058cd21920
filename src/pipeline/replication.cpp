#include "pipeadvise/pipeline/replication.hpp"

#include <algorithm>
#include <cmath>

#include "pipeadvise/physics/recovery.hpp"

namespace pipeadvise::pipeline {

namespace {
// Salt of the fixed-stage stream: unrelated to the arrival and failure streams.
constexpr std::uint64_t k_stage_stream_salt = 0x5fa9e3c1d2b47a61ULL;
}  // namespace

FixedStages::FixedStages(const Plan& plan, Mode mode, std::uint64_t stream)
    : m_plan(plan),
      m_mode(mode),
      m_on(plan.fixed_latencies && mode != Mode::batch),
      m_rng(plan.seed ^ k_stage_stream_salt, stream) {}

double FixedStages::draw(Ticks at) {
    const Plan& p = m_plan;
    // The log hop: an independent delay in front of the queue leaves Poisson arrivals
    // Poisson (M/G/inf output), so adding it to the lag is exact in distribution.
    double x = des::lognormal(m_rng, p.log_hop.mu, p.log_hop.sigma);
    if (m_mode == Mode::micro_batch) return x;  // planning and commit are in the batch run time
    switch (p.engine) {
        case model::Engine::flink:
            // A keyed exchange waits for its network buffer; chained stateless work does not.
            if (p.stateful) x += des::uniform(m_rng, 0.0, p.flink_flush_seconds);
            if (p.transactional_sink) {
                // Visible when the next checkpoint after the write completes.
                const Ticks t = at + to_ticks(x);
                const Ticks interval = p.checkpoint_interval;
                const Ticks next = (t / interval + 1) * interval;
                x += to_seconds(next - t + p.checkpoint_duration);
            }
            break;
        case model::Engine::spark:
            // Continuous micro-batches: wait for the batch in flight, then one's own batch,
            // whose commit also makes a transactional sink's output visible.
            x += k_spark_batch_seconds + des::uniform(m_rng, 0.0, k_spark_batch_seconds);
            break;
        case model::Engine::kafka_streams:
            // Keyed work goes through a repartition topic: one more log hop.
            if (p.stateful) x += des::lognormal(m_rng, p.log_hop.mu, p.log_hop.sigma);
            if (p.transactional_sink) x += des::uniform(m_rng, 0.0, k_kafka_streams_eos_commit_seconds);
            break;
    }
    return x + p.sink_write_seconds;
}

Recorder::Recorder(const Plan& plan, Mode mode, ReplicationOutput& out)
    : m_out(out),
      m_stages(plan, mode, out.stream),
      m_sla(plan.sla_seconds),
      m_extra(plan.extra_slas),
      m_trace(plan.trace && out.trace_requested),
      m_interval(std::max<Ticks>(1, plan.trace_interval)) {
    m_out.drills.assign(plan.drills.size(), DrillOutcome{});
    m_out.sla_met_extra.assign(plan.extra_slas.size(), 0.0);
    if (m_trace) m_out.trace.assign(static_cast<std::size_t>(plan.horizon / m_interval + 1), TraceBin{});
}

namespace {

// Downtime of one failure of an always-held cluster and the human hours it costs.
struct Downtime {
    Ticks total = 0;
    double human_hours = 0;
    double state_lost = 0;
    bool automatic = false;  ///< recovered by the engine's restart strategy, no human
};

Downtime failure_downtime(const Plan& p, Mode mode, Ticks t, bool deploy, bool corrupt) {
    Downtime d;
    const bool corrupt_state = mode == Mode::streaming && p.stateful && corrupt;
    // A lost node is noticed by the engine (heartbeat timeout) and its restart strategy
    // brings the job back on the remaining or replacement nodes: no human in the loop. A bad
    // deploy fails again on every restart, and a corrupt checkpoint cannot be restored: both
    // wait for a human (detection by maturity, rollback or rebuild).
    d.automatic = !deploy && !corrupt_state;
    Ticks detect = 0;
    Ticks extra = 0;
    double repair = 0.0;
    if (d.automatic) {
        detect = (mode == Mode::streaming ? p.auto_detect : p.spark_auto_detect) + p.restart_delay;
    } else {
        detect = detection_delay(p, t);
        repair = deploy ? p.response.repair_seconds : 0.0;
        extra = p.job_startup;
    }
    if (mode == Mode::streaming) {
        extra += p.restore;
        // Replay since the last checkpoint uses the capacity for that share of the interval.
        const Ticks since_checkpoint = t % p.checkpoint_interval;
        extra += to_ticks(physics::checkpoint_replay_seconds(to_seconds(since_checkpoint),
                                                             rate_at(p, to_seconds(t)), p.capacity));
        if (corrupt_state) {
            repair += physics::checkpoint_repair_seconds(p.response, p.runbook);
            const double replay_seconds = to_seconds(std::min(p.retention, p.state_horizon));
            extra += to_ticks(physics::rebuild_seconds(p.rate, replay_seconds, p.capacity));
            d.state_lost = p.rate * std::max(0.0, to_seconds(p.state_horizon - p.retention));
        }
    }
    d.total = std::max<Ticks>(1, detect + to_ticks(repair) + extra);
    d.human_hours = d.automatic ? 0.0 : (p.response.detect_seconds + repair) / 3600.0;
    return d;
}

}  // namespace

OutagePlan plan_outages(const Plan& p, Mode mode, des::Rng& rng) {
    OutagePlan op;
    std::vector<Outage> raw;
    std::vector<FailureRecord> records;
    for (std::size_t i = 0; i < p.drills.size(); ++i) {
        const DrillPlan& d = p.drills[i];
        raw.push_back({d.at, d.at + d.outage, static_cast<int>(i)});
        records.push_back({d.at, 0, static_cast<int>(i), true});
    }
    const auto inside_drill = [&](Ticks t) {
        for (const DrillPlan& d : p.drills) {
            if (t >= d.at && t < d.at + d.outage) return true;
        }
        return false;
    };
    if (p.failures) {
        const bool oom = mode == Mode::streaming && p.oom;
        const Ticks limit = oom ? std::min(p.horizon, p.oom_first) : p.horizon;
        const double rate = p.node_failure_rate + p.bad_deploy_rate;
        Ticks t = 0, busy_until = 0;
        while (rate > 0.0) {
            t += to_ticks(des::exponential(rng, rate));
            if (t >= limit) break;
            const bool deploy = rng.uniform01() * rate < p.bad_deploy_rate;
            const bool corrupt = rng.uniform01() < p.corruption_probability;
            // Nothing fails twice while it is already down.
            if (t < busy_until || inside_drill(t)) continue;
            const Downtime d = failure_downtime(p, mode, t, deploy, corrupt);
            raw.push_back({t, t + d.total, -1});
            records.push_back({t, 0, -1, true});
            busy_until = t + d.total;
            ++op.failures;
            if (d.automatic) {
                ++op.automatic_restarts;
            } else {
                op.incidents += 1.0;
            }
            op.incident_hours += d.human_hours;
            op.state_lost += d.state_lost;
        }
        if (oom && p.oom_first < p.horizon) {
            // Every automatic restart restores the same oversized state and runs out of memory
            // again (a restart loop): one incident for the humans, who cannot fix it in place.
            // The cycles follow one another, so the loop is one outage and one record of
            // `cycles` failures.
            const Ticks first = p.oom_first;
            const Ticks cycle = std::max<Ticks>(1, p.auto_detect + p.restart_delay + p.restore);
            const std::int64_t cycles = (p.horizon - first + cycle - 1) / cycle;
            const Ticks end = first + cycles * cycle;
            raw.push_back({first, end, -1});
            records.push_back({first, 0, -1, true, cycles, cycle});
            op.failures += cycles;
            op.incidents += 1.0;
            op.incident_hours += to_seconds(std::min(end, p.horizon) - first) / 3600.0;
        }
    }
    std::sort(raw.begin(), raw.end(), [](const Outage& a, const Outage& b) {
        return a.start < b.start || (a.start == b.start && a.end < b.end);
    });
    for (const Outage& o : raw) {
        if (!op.outages.empty() && o.start <= op.outages.back().end) {
            Outage& back = op.outages.back();
            back.end = std::max(back.end, o.end);
            if (back.drill < 0) back.drill = o.drill;
        } else {
            op.outages.push_back(o);
        }
    }
    for (FailureRecord& r : records) {
        auto it = std::upper_bound(op.outages.begin(), op.outages.end(), r.time,
                                   [](Ticks t, const Outage& o) { return t < o.start; });
        r.clear = it == op.outages.begin() ? r.time : std::max(r.time, std::prev(it)->end);
    }
    std::sort(records.begin(), records.end(), [](const FailureRecord& a, const FailureRecord& b) {
        return a.clear < b.clear || (a.clear == b.clear && a.time < b.time) ||
               (a.clear == b.clear && a.time == b.time && a.drill < b.drill);
    });
    op.records = std::move(records);
    return op;
}

RecoveryTracker::RecoveryTracker(std::vector<FailureRecord> records, ReplicationOutput& out)
    : m_records(std::move(records)), m_out(out) {}

void RecoveryTracker::add(const FailureRecord& r) {
    auto it = std::upper_bound(m_records.begin() + static_cast<std::ptrdiff_t>(m_next), m_records.end(),
                               r.clear, [](Ticks c, const FailureRecord& x) { return c < x.clear; });
    m_records.insert(it, r);
}

void RecoveryTracker::mark_affected(int drill) {
    for (std::size_t i = m_next; i < m_records.size(); ++i) {
        if (m_records[i].drill == drill) m_records[i].affected = true;
    }
}

void RecoveryTracker::resolve(std::size_t i, Ticks t) {
    const FailureRecord& r = m_records[i];
    const Ticks until = r.affected ? std::max(t, r.clear) : r.clear;
    if (r.drill >= 0) {
        m_out.drills[static_cast<std::size_t>(r.drill)].recovery_seconds = to_seconds(until - r.time);
        return;
    }
    for (std::int64_t k = 0; k < r.repeat; ++k) {
        const double seconds = to_seconds(until - (r.time + k * r.period));
        m_out.recovery.add(seconds);
        m_out.recovery_stats.add(seconds);
    }
}

void RecoveryTracker::finish(Ticks t) {
    while (m_next < m_records.size()) resolve(m_next++, t);
}

ReadBuffer::ReadBuffer(Source& source, Recorder& recorder) : m_source(source), m_recorder(recorder) {}

void ReadBuffer::take(const Entity& c, Ticks t) {
    if (c.spread == 0 || c.arrival + c.spread <= t) {
        m_items.push_back(c);
        m_weight += c.weight;
        return;
    }
    // A group straddling t: the share that arrived by t is read now, the rest later.
    const Ticks part = t - c.arrival;
    if (part <= 0) {
        m_later.push_back(c);
        return;
    }
    Entity head = c;
    head.spread = part;
    head.weight = c.weight * (static_cast<double>(part) / static_cast<double>(c.spread));
    m_items.push_back(head);
    m_weight += head.weight;
    Entity rest = c;
    rest.arrival += part;
    rest.event_time += part;
    rest.spread -= part;
    rest.weight -= head.weight;
    m_later.push_back(rest);
}

void ReadBuffer::read_until(Ticks t) {
    // Remainders of split groups arrived at the previous read time: before anything unread.
    m_scratch.swap(m_later);
    m_later.clear();
    for (const Entity& r : m_scratch) take(r, t);
    m_scratch.clear();
    for (;;) {
        if (!m_has_carry) {
            if (!m_source.next(m_carry)) return;
            m_has_carry = true;
            m_recorder.arrive(m_carry);
        }
        if (m_carry.arrival > t) return;
        take(m_carry, t);
        m_has_carry = false;
    }
}

double ReadBuffer::expire_before(Ticks limit) {
    double lost = 0;
    while (m_head < m_items.size()) {
        Entity& e = m_items[m_head];
        if (e.arrival >= limit) break;
        if (e.spread == 0 || e.arrival + e.spread <= limit) {
            lost += e.weight;
            m_weight -= e.weight;
            ++m_head;
            continue;
        }
        const Ticks part = limit - e.arrival;
        const double w = e.weight * (static_cast<double>(part) / static_cast<double>(e.spread));
        lost += w;
        m_weight -= w;
        e.weight -= w;
        e.arrival += part;
        e.event_time += part;
        e.spread -= part;
        break;
    }
    if (empty()) {
        m_items.clear();
        m_head = 0;
        m_weight = 0;
    }
    return lost;
}

void ReadBuffer::complete(Ticks at) {
    for (std::size_t i = m_head; i < m_items.size(); ++i) {
        const Entity& e = m_items[i];
        if (e.spread == 0) {
            m_recorder.complete(to_seconds(at - e.event_time), e.weight, at);
        } else {
            // Events spread uniformly over the group: two quadrature points.
            const Ticks q1 = e.event_time + e.spread / 4;
            const Ticks q3 = e.event_time + e.spread - e.spread / 4;
            m_recorder.complete(to_seconds(at - q1), 0.5 * e.weight, at);
            m_recorder.complete(to_seconds(at - q3), 0.5 * e.weight, at);
        }
    }
    m_items.clear();
    m_head = 0;
    m_weight = 0;
}

Ticks ReadBuffer::next_arrival() {
    if (!m_later.empty()) return m_later.front().arrival;
    if (!m_has_carry) {
        if (!m_source.next(m_carry)) return -1;
        m_has_carry = true;
        m_recorder.arrive(m_carry);
    }
    return m_carry.arrival;
}

void run_replication(const Plan& plan, Mode mode, const ReplicationStreams& streams, ReplicationOutput& out) {
    switch (mode) {
        case Mode::batch:
            run_batch(plan, streams, out);
            return;
        case Mode::micro_batch:
            run_micro_batch(plan, streams, out);
            return;
        case Mode::streaming:
            run_streaming(plan, streams, out);
            return;
    }
}

}  // namespace pipeadvise::pipeline
