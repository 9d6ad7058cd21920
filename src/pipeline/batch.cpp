#include <algorithm>
#include <cmath>

#include "pipeadvise/pipeline/replication.hpp"
#include "windows.hpp"

namespace pipeadvise::pipeline {

namespace {

// The next time on the `period` grid strictly after `t`.
Ticks next_on_grid(Ticks t, Ticks period) {
    return (t / period + 1) * period;
}
// The first time on the `period` grid at or after `t`.
Ticks grid_at_or_after(Ticks t, Ticks period) {
    return (t + period - 1) / period * period;
}

// Drills are known up front; a batch cluster only exists while a run is going, so node failures
// are drawn per run, and a bad deploy breaks the first run after it.
struct BatchFailures {
    std::vector<Outage> drills;          // by start
    std::vector<FailureRecord> records;  // by clear time
    std::vector<Ticks> bad_deploys;
};

BatchFailures plan_batch_failures(const Plan& p, des::Rng& failures) {
    BatchFailures f;
    for (std::size_t i = 0; i < p.drills.size(); ++i) {
        const DrillPlan& d = p.drills[i];
        f.drills.push_back({d.at, d.at + d.outage, static_cast<int>(i)});
        f.records.push_back({d.at, d.at + d.outage, static_cast<int>(i), false});
    }
    std::sort(f.drills.begin(), f.drills.end(),
              [](const Outage& a, const Outage& b) { return a.start < b.start; });
    std::sort(f.records.begin(), f.records.end(),
              [](const FailureRecord& a, const FailureRecord& b) { return a.clear < b.clear; });
    if (p.failures && p.bad_deploy_rate > 0.0) {
        for (Ticks t = to_ticks(des::exponential(failures, p.bad_deploy_rate)); t < p.horizon;
             t += to_ticks(des::exponential(failures, p.bad_deploy_rate))) {
            f.bad_deploys.push_back(t);
        }
    }
    return f;
}

enum class Stop { none, node, bad_deploy, outage };

// What, if anything, stops a run that starts at `s` and would end at `end`: a bad deploy before
// it (the run fails after start-up), a node failure drawn for it, or a drill's outage.
Stop first_stop(const Plan& p, const BatchFailures& f, std::size_t drill, std::size_t& deploy,
                des::Rng& failures, Ticks s, Ticks end, Ticks& stop) {
    stop = end;
    Stop why = Stop::none;
    if (deploy < f.bad_deploys.size() && f.bad_deploys[deploy] <= s) {
        stop = std::min(end, s + p.job_startup);
        why = Stop::bad_deploy;
        while (deploy < f.bad_deploys.size() && f.bad_deploys[deploy] <= s) ++deploy;
    }
    if (p.failures && p.node_failure_rate > 0.0 && s < p.horizon) {
        const Ticks at = s + to_ticks(des::exponential(failures, p.node_failure_rate));
        if (at < stop) {
            stop = at;
            why = Stop::node;
        }
    }
    if (drill < f.drills.size() && f.drills[drill].start < stop) {
        stop = f.drills[drill].start;
        why = Stop::outage;
    }
    return why;
}

}  // namespace

void run_batch(const Plan& p, const ReplicationStreams& streams, ReplicationOutput& out) {
    des::Rng& failures = streams.failures;
    Recorder recorder(p, Mode::batch, out);
    Source source = streams.source(p, false);
    ReadBuffer buffer(source, recorder);

    const BatchFailures f = plan_batch_failures(p, failures);
    const std::vector<Outage>& drills = f.drills;
    RecoveryTracker tracker(f.records, out);

    const Ticks schedule = p.batch_schedule;
    Ticks s = schedule;
    Ticks last_end = 0;
    std::size_t drill = 0, deploy = 0;
    int blamed_drill = -1;  // drill that delayed the pending work (losses are its doing)
    for (;;) {
        while (drill < drills.size() && drills[drill].end <= s) ++drill;
        if (drill < drills.size() && drills[drill].start <= s) {
            // Processing is stopped: the run starts as a catch-up when the outage ends.
            tracker.mark_affected(drills[drill].drill);
            blamed_drill = drills[drill].drill;
            s = drills[drill].end;
            ++drill;
            continue;
        }
        buffer.read_until(s);
        // Raw events land in the lake as they arrive, so only a batch reading the log itself
        // is subject to its retention.
        if (p.batch_source == model::BatchSource::log && s > p.retention) {
            const double lost = buffer.expire_before(s - p.retention);
            if (lost > 0.0) recorder.lose(lost, s, blamed_drill);
        }
        if (s > p.horizon && buffer.empty()) {
            const Ticks next = buffer.next_arrival();
            if (next < 0) break;
            s = std::max(grid_at_or_after(next, schedule), s);
            continue;
        }
        // A window longer than the schedule is recomputed over its whole lookback: the run
        // re-reads that much of already-processed data besides what is new (spec §7/§8).
        const Ticks run =
            p.job_startup + to_ticks((buffer.weight() + p.rate * p.batch_rescan_seconds) / p.capacity);
        const Ticks end = s + run;
        Ticks stop = end;
        const Stop why = first_stop(p, f, drill, deploy, failures, s, end, stop);
        if (why != Stop::none) {
            out.node_hours += p.nodes * to_seconds(stop - s) / 3600.0;
            if (why == Stop::outage) {
                tracker.mark_affected(drills[drill].drill);
                blamed_drill = drills[drill].drill;
                s = drills[drill].end;
                ++drill;
                continue;
            }
            tracker.add({stop, stop, -1, true});
            ++out.failures;
            if (why == Stop::node) {
                // Spark notices the lost executor and the scheduler re-runs the job by itself.
                ++out.automatic_restarts;
                s = stop + p.spark_auto_detect + p.restart_delay;
                continue;
            }
            // A broken deploy fails every attempt: noticed by a human, rolled back, re-run.
            const double repair = p.response.repair_seconds;
            out.incidents += 1.0;
            out.incident_hours += (p.response.detect_seconds + repair) / 3600.0;
            s = stop + detection_delay(p, stop) + to_ticks(repair);
            continue;
        }
        out.node_hours += p.nodes * to_seconds(run) / 3600.0;
        buffer.complete(end);
        tracker.observe(end);
        blamed_drill = -1;
        last_end = end;
        s = std::max(next_on_grid(s, schedule), end);
    }
    tracker.finish(last_end);
}

void run_micro_batch(const Plan& p, const ReplicationStreams& streams, ReplicationOutput& out) {
    const OutagePlan op = plan_outages(p, Mode::micro_batch, streams.failures);
    out.failures = op.failures;
    out.automatic_restarts = op.automatic_restarts;
    out.incidents = op.incidents;
    out.incident_hours = op.incident_hours;
    out.node_hours = p.nodes * p.horizon_seconds / 3600.0;

    Recorder recorder(p, Mode::micro_batch, out);
    RecoveryTracker tracker(op.records, out);
    Source source = streams.source(p, false);
    ReadBuffer buffer(source, recorder);

    // Stateful work has the streaming semantics: events later than the watermark are dropped,
    // and with emit: window_end a window's result leaves with the first batch that has read
    // the stream up to window end + watermark (Spark's append mode).
    Windows windows(p, recorder);
    const bool windowed = emits_at_window_end(p);
    const auto commit = [&](Ticks read_until, Ticks end) {
        if (!p.stateful) {
            buffer.complete(end);
            return;
        }
        buffer.consume([&](const Entity& e) {
            if (e.late && e.arrival - e.event_time > p.watermark) {
                recorder.drop(e.weight, end);
                return;
            }
            const auto emit = [&](Ticks event, double weight) {
                if (windowed) {
                    windows.add(event, weight, end);
                } else {
                    recorder.complete(to_seconds(end - event), weight, end);
                }
            };
            if (e.spread == 0) {
                emit(e.event_time, e.weight);
            } else {
                emit(e.event_time + e.spread / 4, 0.5 * e.weight);
                emit(e.event_time + e.spread - e.spread / 4, 0.5 * e.weight);
            }
        });
        if (windowed) windows.fire_until(read_until, end);
    };

    const Ticks trigger = p.trigger;
    // The held cluster starts once (job_startup); then a batch per trigger.
    Ticks s = std::max(trigger, p.job_startup);
    Ticks previous = 0, last_end = 0;
    std::size_t cursor = 0;
    for (;;) {
        s = skip_outages(op.outages, cursor, s, 0);
        buffer.read_until(s);
        if (s > p.retention) {
            const double lost = buffer.expire_before(s - p.retention);
            if (lost > 0.0) recorder.lose(lost, s, cursor > 0 ? op.outages[cursor - 1].drill : -1);
        }
        if (s > p.horizon && buffer.empty()) {
            const Ticks next = buffer.next_arrival();
            if (next < 0) break;
            s = std::max(grid_at_or_after(next, trigger), s);
            continue;
        }
        const Ticks run = p.micro_batch_overhead + to_ticks(buffer.weight() / p.capacity);
        if (cursor < op.outages.size() && op.outages[cursor].start < s + run) {
            // The batch dies with the cluster; its offsets were not committed, so the restart
            // reads them again together with everything that arrived meanwhile.
            s = op.outages[cursor].start;
            continue;
        }
        const Ticks end = s + run;
        commit(s, end);
        // Lag is back to normal once a batch again covers no more than one trigger.
        if (s - previous <= trigger) tracker.observe(end);
        previous = s;
        last_end = end;
        s = std::max(next_on_grid(s, trigger), end);
    }
    if (windowed) windows.fire_all(last_end, trigger, p.micro_batch_overhead);
    tracker.finish(last_end);
}

}  // namespace pipeadvise::pipeline
