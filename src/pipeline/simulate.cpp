#include "pipeadvise/pipeline/simulate.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <thread>

#include "pipeadvise/des/stats.hpp"
#include "pipeadvise/physics/calendar.hpp"
#include "pipeadvise/pipeline/plan.hpp"
#include "pipeadvise/pipeline/replication.hpp"

namespace pipeadvise::pipeline {

std::string_view to_string(Mode m) {
    switch (m) {
        case Mode::batch:
            return "batch";
        case Mode::micro_batch:
            return "micro_batch";
        case Mode::streaming:
            return "streaming";
    }
    return "batch";
}

namespace {

double quantile_of(std::vector<double> values, double q) {
    if (values.empty()) return 0.0;
    std::sort(values.begin(), values.end());
    const double pos = q * static_cast<double>(values.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(values.size() - 1, lo + 1);
    const double frac = pos - static_cast<double>(lo);
    return values[lo] * (1.0 - frac) + values[hi] * frac;
}

double mean_of(const std::vector<double>& values) {
    if (values.empty()) return 0.0;
    double sum = 0.0;
    for (double v : values) sum += v;
    return sum / static_cast<double>(values.size());
}

// Capacity a mode sustains on average, events/s: a batch or micro-batch run pays its fixed
// overhead every period.
double effective_capacity(const Plan& p, Mode mode) {
    switch (mode) {
        case Mode::batch:
            return p.capacity * std::max(0.0, 1.0 - to_seconds(p.job_startup) / to_seconds(p.batch_schedule));
        case Mode::micro_batch:
            return p.capacity *
                   std::max(0.0, 1.0 - to_seconds(p.micro_batch_overhead) / to_seconds(p.trigger));
        case Mode::streaming:
            return p.capacity;
    }
    return p.capacity;
}

ModeResult merge(const Plan& p, Mode mode, const std::vector<ReplicationOutput>& outputs, std::size_t first) {
    const auto reps = static_cast<std::size_t>(p.replications);
    ModeResult r;
    r.mode = mode;
    des::LogHistogram lag, recovery;
    des::RunningStats lag_all, recovery_all;
    std::vector<double> replication_means, node_hours, incidents, incident_hours;
    double events = 0, met = 0, dropped = 0, lost = 0, number_in_system = 0;
    std::vector<double> drill_recovery(p.drills.size(), 0.0), drill_lost(p.drills.size(), 0.0);
    for (std::size_t i = 0; i < reps; ++i) {
        const ReplicationOutput& o = outputs[first + i];
        lag.merge(o.lag);
        lag_all.merge(o.lag_stats);
        if (o.lag_stats.count() > 0.0) replication_means.push_back(o.lag_stats.mean());
        events += o.events;
        met += o.sla_met;
        dropped += o.dropped;
        lost += o.lost;
        recovery.merge(o.recovery);
        recovery_all.merge(o.recovery_stats);
        r.recovery.failures += o.failures;
        node_hours.push_back(o.node_hours * physics::k_seconds_per_month / p.horizon_seconds);
        incidents.push_back(o.incidents * physics::k_seconds_per_month / p.horizon_seconds);
        incident_hours.push_back(o.incident_hours * physics::k_seconds_per_month / p.horizon_seconds);
        for (std::size_t d = 0; d < p.drills.size(); ++d) {
            drill_recovery[d] += o.drills[d].recovery_seconds;
            drill_lost[d] += o.drills[d].lost;
        }
        r.entities_simulated += o.entities;
        number_in_system += o.mean_number_in_system;
    }
    const double n = static_cast<double>(reps);
    r.lag.mean = lag_all.mean();
    r.lag.p50 = lag.quantile(0.50);
    r.lag.p95 = lag.quantile(0.95);
    r.lag.p99 = lag.quantile(0.99);
    r.lag.max = lag.max();
    const des::MeanCi ci = des::mean_ci95(replication_means);
    r.lag.mean_ci95 = {ci.low, ci.high};
    r.sla_attainment = events > 0.0 ? met / events : 1.0;
    r.recovery.mean = recovery_all.mean();
    r.recovery.p95 = recovery.quantile(0.95);
    r.late_events_dropped_fraction = events > 0.0 ? dropped / events : 0.0;
    r.events_lost = std::llround(lost / n);
    for (std::size_t d = 0; d < p.drills.size(); ++d) {
        DrillResult dr;
        dr.at_seconds = to_seconds(p.drills[d].at);
        dr.outage_seconds = to_seconds(p.drills[d].outage);
        dr.recovery_seconds = drill_recovery[d] / n;
        dr.events_lost = std::llround(drill_lost[d] / n);
        r.drills.push_back(dr);
    }
    r.usage.node_hours_per_month = mean_of(node_hours);
    r.usage.node_hours_p5_p95 = {quantile_of(node_hours, 0.05), quantile_of(node_hours, 0.95)};
    r.usage.incidents_per_month = mean_of(incidents);
    r.usage.incident_hours_per_month_by_replication = incident_hours;
    r.usage.state_bytes = mode == Mode::batch ? 0.0 : p.state_bytes;
    const double capacity = effective_capacity(p, mode);
    if (p.rate > 0.0 && p.rate >= capacity) r.backlog_growth_per_second = p.rate - capacity;
    const double total = lag.count();
    for (const auto& [upper, weight] : lag.buckets()) {
        r.lag_histogram.push_back({upper, total > 0.0 ? weight / total : 0.0});
    }
    r.events_per_replication = events / n;
    r.mean_number_in_system = number_in_system / n;
    return r;
}

void append_trace(const Plan& p, Mode mode, const ReplicationOutput& o, std::vector<TracePoint>& trace) {
    const double interval = to_seconds(std::max<Ticks>(1, p.trace_interval));
    double backlog = 0.0;
    for (std::size_t i = 0; i < o.trace.size(); ++i) {
        const TraceBin& b = o.trace[i];
        backlog += b.arrived - b.departed;
        TracePoint t;
        t.mode = std::string(to_string(mode));
        t.time_seconds = std::min(p.horizon_seconds, interval * static_cast<double>(i + 1));
        t.backlog_events = std::max(0.0, backlog);
        t.lag_seconds = b.completed > 0.0 ? b.lag_sum / b.completed : 0.0;
        t.throughput_per_second = b.completed / interval;
        trace.push_back(t);
    }
}

}  // namespace

SimulationResult simulate(const model::Workload& workload, const model::UseCase& use_case,
                          const SimulateOptions& options) {
    const Plan plan = make_plan(workload, use_case, options);
    std::vector<Mode> modes;
    for (Mode m : options.modes) {
        if (std::find(modes.begin(), modes.end(), m) == modes.end()) modes.push_back(m);
    }
    const auto reps = static_cast<std::size_t>(plan.replications);
    const std::size_t tasks = modes.size() * reps;
    std::vector<ReplicationOutput> outputs(tasks);
    for (std::size_t i = 0; i < tasks; ++i) outputs[i].trace_requested = i % reps == 0;

    // Each (mode, replication) has its own random streams, keyed by the mode itself, so a
    // mode's figures depend neither on the thread count nor on the other modes requested.
    const auto run_task = [&](std::size_t i) {
        const Mode mode = modes[i / reps];
        const std::uint64_t stream = (static_cast<std::uint64_t>(mode) << 32) | (i % reps);
        des::Rng arrivals(plan.seed, 2 * stream);
        des::Rng failures(plan.seed, 2 * stream + 1);
        run_replication(plan, mode, arrivals, failures, outputs[i]);
    };
    unsigned threads = options.threads != 0 ? options.threads : std::thread::hardware_concurrency();
    threads = static_cast<unsigned>(std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(1, tasks)));
    if (threads <= 1) {
        for (std::size_t i = 0; i < tasks; ++i) run_task(i);
    } else {
        std::atomic<std::size_t> next{0};
        std::vector<std::exception_ptr> errors(threads);
        std::vector<std::thread> pool;
        for (unsigned t = 0; t < threads; ++t) {
            pool.emplace_back([&, t] {
                try {
                    for (std::size_t i = next++; i < tasks; i = next++) run_task(i);
                } catch (...) {
                    errors[t] = std::current_exception();
                    next = tasks;
                }
            });
        }
        for (std::thread& th : pool) th.join();
        for (const std::exception_ptr& e : errors) {
            if (e) std::rethrow_exception(e);
        }
    }

    SimulationResult result;
    result.seed = plan.seed;
    result.replications = plan.replications;
    result.horizon_seconds = plan.horizon_seconds;
    for (std::size_t m = 0; m < modes.size(); ++m) {
        ModeResult r = merge(plan, modes[m], outputs, m * reps);
        result.events_simulated += r.entities_simulated;
        result.modes[modes[m]] = std::move(r);
        if (plan.trace) append_trace(plan, modes[m], outputs[m * reps], result.trace);
    }
    return result;
}

}  // namespace pipeadvise::pipeline
