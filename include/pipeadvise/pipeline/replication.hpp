#pragma once

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <vector>

#include "pipeadvise/des/random.hpp"
#include "pipeadvise/des/stats.hpp"
#include "pipeadvise/pipeline/plan.hpp"
#include "pipeadvise/pipeline/result.hpp"
#include "pipeadvise/pipeline/source.hpp"

/// One replication of one mode: the building blocks the three mode loops share (what is
/// recorded, outages, recovery tracking, the read buffer of batch runs) and the loops.
namespace pipeadvise::pipeline {

/// Outcome of one drill in one replication.
struct DrillOutcome {
    double recovery_seconds = 0;
    double lost = 0;  ///< events lost to retention because of this drill
};

/// One `--trace` interval of one replication (event counts).
struct TraceBin {
    double arrived = 0;    ///< events that arrived in the log
    double departed = 0;   ///< events that left: emitted, dropped or lost
    double completed = 0;  ///< events emitted downstream
    double lag_sum = 0;    ///< sum of the emitted events' lags, seconds
};

/// Everything one replication of one mode measures (merged in replication order).
struct ReplicationOutput {
    des::LogHistogram lag;              ///< lag of emitted events, seconds
    des::RunningStats lag_stats;        ///< same, for the replication mean
    double events = 0;                  ///< events that arrived
    double sla_met = 0;                 ///< events emitted within the SLA
    std::vector<double> sla_met_extra;  ///< events within each of Plan::extra_slas
    double dropped = 0;                 ///< events dropped by the watermark
    double lost = 0;                    ///< events lost to retention or with a corrupt checkpoint
    des::LogHistogram recovery;         ///< per failure, seconds
    des::RunningStats recovery_stats;
    std::int64_t failures = 0;
    std::int64_t automatic_restarts = 0;  ///< failures the restart strategy recovered alone
    double incidents = 0;                 ///< failures that needed a human
    double incident_hours = 0;            ///< human hours spent in incidents
    std::vector<DrillOutcome> drills;
    double node_hours = 0;
    std::int64_t entities = 0;
    double mean_number_in_system = 0;
    std::vector<TraceBin> trace;
    bool trace_requested = false;  ///< set by the caller: fill `trace` (first replication)
    std::uint64_t stream = 0;      ///< set by the caller: (mode << 32) | replication
};

/// Fixed stage latencies between a result's completion and its visibility downstream: the
/// log hop, the streaming engine's floor and the sink's visibility (docs/simulation-model.md).
/// Draws come from their own random stream, so switching them off leaves every other draw
/// unchanged.
class FixedStages {
public:
    FixedStages(const Plan& plan, Mode mode, std::uint64_t stream);
    /// Seconds to add to the lag of a result completed at `at`.
    double extra(Ticks at) { return m_on ? draw(at) : 0.0; }

private:
    double draw(Ticks at);
    const Plan& m_plan;
    Mode m_mode;
    bool m_on;
    des::Rng m_rng;
};

/// Records arrivals, completions, drops and losses into a ReplicationOutput.
class Recorder {
public:
    Recorder(const Plan& plan, Mode mode, ReplicationOutput& out);
    /// An entity arrived in the log (counted once, whatever happens to it later).
    void arrive(const Entity& e) {
        m_out.events += e.weight;
        ++m_out.entities;
        if (m_trace) m_out.trace[bin(e.arrival)].arrived += e.weight;
    }
    /// `weight` events emitted at `at` with lag `lag_seconds`.
    void complete(double lag_seconds, double weight, Ticks at) {
        assert(lag_seconds >= -1e-6);
        lag_seconds += m_stages.extra(at);
        m_out.lag.add(lag_seconds, weight);
        m_out.lag_stats.add(lag_seconds, weight);
        if (lag_seconds <= m_sla) m_out.sla_met += weight;
        for (std::size_t k = 0; k < m_extra.size(); ++k) {
            if (lag_seconds <= m_extra[k]) m_out.sla_met_extra[k] += weight;
        }
        if (m_trace) {
            TraceBin& b = m_out.trace[bin(at)];
            b.departed += weight;
            b.completed += weight;
            b.lag_sum += lag_seconds * weight;
        }
    }
    /// `weight` events dropped (later than the watermark) at `at`.
    void drop(double weight, Ticks at) {
        m_out.dropped += weight;
        if (m_trace) m_out.trace[bin(at)].departed += weight;
    }
    /// `weight` events lost to retention at `at`; `drill` >= 0 attributes them to a drill.
    void lose(double weight, Ticks at, int drill) {
        m_out.lost += weight;
        if (drill >= 0) m_out.drills[static_cast<std::size_t>(drill)].lost += weight;
        if (m_trace) m_out.trace[bin(at)].departed += weight;
    }

private:
    std::size_t bin(Ticks t) const {
        const Ticks i = std::max<Ticks>(0, t) / m_interval;
        return static_cast<std::size_t>(std::min<Ticks>(i, static_cast<Ticks>(m_out.trace.size()) - 1));
    }
    ReplicationOutput& m_out;
    FixedStages m_stages;
    double m_sla;
    const std::vector<double>& m_extra;
    bool m_trace;
    Ticks m_interval;
};

/// A stretch of time with processing stopped: [start, end).
struct Outage {
    Ticks start = 0;
    Ticks end = 0;
    int drill = -1;  ///< index of a drill inside it, or -1
};

/// A failure or drill awaiting "lag back to normal".
struct FailureRecord {
    Ticks time = 0;        ///< when it happened
    Ticks clear = 0;       ///< end of its outage: normal can only be observed after
    int drill = -1;        ///< drill index, or -1 for a failure
    bool affected = true;  ///< batch drills: false when no run was touched
    /// A restart loop: `repeat` failures at time, time + period, ... in one outage (so a loop
    /// over a 10-year horizon is one record, not millions).
    std::int64_t repeat = 1;
    Ticks period = 0;
};

/// Outages of a mode with an always-held cluster, generated up front (failures there do
/// not depend on the load): drills, node failures, bad deploys, checkpoint corruption and
/// the OOM loop. Sorted and merged.
struct OutagePlan {
    std::vector<Outage> outages;
    std::vector<FailureRecord> records;  ///< sorted by clear
    std::int64_t failures = 0;
    std::int64_t automatic_restarts = 0;
    double incidents = 0;
    double incident_hours = 0;
    double state_lost = 0;  ///< events whose state a corrupt checkpoint lost (not in the log)
};
OutagePlan plan_outages(const Plan& plan, Mode mode, des::Rng& rng);

/// Earliest time >= start at which `duration` of processing fits without crossing an
/// outage; `cursor` (monotone) indexes the first outage ending after the returned time.
inline Ticks skip_outages(const std::vector<Outage>& outages, std::size_t& cursor, Ticks start,
                          Ticks duration) {
    while (cursor < outages.size() && outages[cursor].end <= start) ++cursor;
    while (cursor < outages.size() && outages[cursor].start < start + std::max<Ticks>(duration, 1)) {
        start = std::max(start, outages[cursor].end);
        ++cursor;
        while (cursor < outages.size() && outages[cursor].end <= start) ++cursor;
    }
    return start;
}

/// Resolves failure records when lag is observed back to normal.
class RecoveryTracker {
public:
    RecoveryTracker(std::vector<FailureRecord> records, ReplicationOutput& out);
    /// Lag observed normal at `t`: resolves every record whose outage ended by then.
    void observe(Ticks t) {
        while (m_next < m_records.size() && m_records[m_next].clear <= t) resolve(m_next++, t);
    }
    /// Adds a record (its clear must not precede already resolved ones).
    void add(const FailureRecord& r);
    /// Marks the drill's record as having delayed processing.
    void mark_affected(int drill);
    /// Resolves whatever is left at `t` (end of the run).
    void finish(Ticks t);

private:
    void resolve(std::size_t i, Ticks t);
    std::vector<FailureRecord> m_records;
    std::size_t m_next = 0;
    ReplicationOutput& m_out;
};

/// Events read by a batch or micro-batch run and not yet committed, in arrival order.
class ReadBuffer {
public:
    ReadBuffer(Source& source, Recorder& recorder);
    /// Reads every event that arrived by `t` (a group straddling `t` is split).
    void read_until(Ticks t);
    /// Drops events that arrived before `limit` (retention): returns their weight.
    double expire_before(Ticks limit);
    /// Events held.
    double weight() const { return m_weight; }
    bool empty() const { return m_head == m_items.size(); }
    /// Nothing held and nothing left to read.
    bool drained() { return empty() && m_later.empty() && !m_has_carry && m_source.exhausted(); }
    /// Emits every held event at `at` and empties the buffer.
    void complete(Ticks at);
    /// Hands every held entity to `f` and empties the buffer.
    template <class F>
    void consume(F&& f) {
        for (std::size_t i = m_head; i < m_items.size(); ++i) f(m_items[i]);
        m_items.clear();
        m_head = 0;
        m_weight = 0;
    }
    /// Arrival time of the next event not yet read, or -1 when there is none.
    Ticks next_arrival();

private:
    void take(const Entity& e, Ticks t);
    Source& m_source;
    Recorder& m_recorder;
    std::vector<Entity> m_items;
    std::vector<Entity> m_later;  // unread remainders of groups split at the last read
    std::vector<Entity> m_scratch;
    std::size_t m_head = 0;
    double m_weight = 0;
    Entity m_carry;
    bool m_has_carry = false;
};

/// The random streams of one replication of one mode, and its source's arrivals when shared.
struct ReplicationStreams {
    des::Rng& arrivals;  ///< the source's arrivals: (seed, 2 · replication), common to every mode
    des::Rng& work;      ///< service times and sub-slot waits, the mode's own
    des::Rng& failures;  ///< failures and restarts, the mode's own
    const ArrivalLog* log = nullptr;  ///< the same arrivals recorded (SimulationMemo::arrivals)
    /// The source: replaying `log` if set, else generating from `arrivals`.
    Source source(const Plan& plan, bool need_work) const {
        return log ? Source(plan, *log, work, need_work) : Source(plan, arrivals, work, need_work);
    }
};

/// Runs one replication of `mode`.
void run_replication(const Plan& plan, Mode mode, const ReplicationStreams& streams, ReplicationOutput& out);
void run_batch(const Plan& plan, const ReplicationStreams& streams, ReplicationOutput& out);
void run_micro_batch(const Plan& plan, const ReplicationStreams& streams, ReplicationOutput& out);
void run_streaming(const Plan& plan, const ReplicationStreams& streams, ReplicationOutput& out);

}  // namespace pipeadvise::pipeline
