#include "pipeadvise/pipeline/simulate.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <functional>
#include <thread>

#include "pipeadvise/des/stats.hpp"
#include "pipeadvise/physics/calendar.hpp"
#include "pipeadvise/physics/diurnal.hpp"
#include "pipeadvise/pipeline/feasibility.hpp"
#include "pipeadvise/pipeline/memo.hpp"
#include "pipeadvise/pipeline/plan.hpp"
#include "pipeadvise/pipeline/replication.hpp"
#include "pipeadvise/pipeline/task_pool.hpp"
#include "pipeadvise/util/units.hpp"

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

// The plan's own daily rate (its tabulated shape), so the backlog is that of the simulated arrivals.
physics::PeakBacklog diurnal_peak_backlog(const Plan& p, double capacity) {
    if (p.shape_table.empty() || !(p.rate * p.peak_to_mean > capacity)) return {};
    return physics::diurnal_peak_backlog([&p](double t) { return rate_at(p, t); }, capacity);
}

// Shortest horizon a mode needs to show a steady state: 4 batch schedules, micro-batch
// triggers or windows (fewer would report a phantom run: 0 s lag with every event pending).
double required_horizon_seconds(const Plan& p, Mode mode) {
    constexpr double k_periods = 4.0;
    double period = 0.0;
    if (mode == Mode::batch) period = to_seconds(p.batch_schedule) + to_seconds(p.job_startup);
    if (mode == Mode::micro_batch) period = to_seconds(p.trigger);
    if (mode != Mode::batch && emits_at_window_end(p)) {
        period = std::max(period, to_seconds(p.window) + to_seconds(p.watermark));
    }
    return k_periods * period;
}

// The replications of one mode, summed in replication order (so a mode's figures do not depend
// on the thread count).
struct Totals {
    des::LogHistogram lag, recovery;
    des::RunningStats lag_all, recovery_all;
    std::vector<double> replication_means, node_hours, incidents, incident_hours;
    double events = 0, met = 0, dropped = 0, lost = 0, number_in_system = 0;
    std::vector<double> met_extra, drill_recovery, drill_lost;
    std::int64_t failures = 0, automatic_restarts = 0, entities = 0;
};

Totals sum_replications(const Plan& p, const std::vector<ReplicationOutput>& outputs, std::size_t first) {
    Totals t;
    t.met_extra.assign(p.extra_slas.size(), 0.0);
    t.drill_recovery.assign(p.drills.size(), 0.0);
    t.drill_lost.assign(p.drills.size(), 0.0);
    for (std::size_t i = 0; i < static_cast<std::size_t>(p.replications); ++i) {
        const ReplicationOutput& o = outputs[first + i];
        t.lag.merge(o.lag);
        t.lag_all.merge(o.lag_stats);
        if (o.lag_stats.count() > 0.0) t.replication_means.push_back(o.lag_stats.mean());
        t.events += o.events;
        t.met += o.sla_met;
        for (std::size_t k = 0; k < t.met_extra.size(); ++k) t.met_extra[k] += o.sla_met_extra[k];
        t.dropped += o.dropped;
        t.lost += o.lost;
        t.recovery.merge(o.recovery);
        t.recovery_all.merge(o.recovery_stats);
        t.failures += o.failures;
        t.automatic_restarts += o.automatic_restarts;
        t.node_hours.push_back(o.node_hours * physics::k_seconds_per_month / p.horizon_seconds);
        t.incidents.push_back(o.incidents * physics::k_seconds_per_month / p.horizon_seconds);
        t.incident_hours.push_back(o.incident_hours * physics::k_seconds_per_month / p.horizon_seconds);
        for (std::size_t d = 0; d < p.drills.size(); ++d) {
            t.drill_recovery[d] += o.drills[d].recovery_seconds;
            t.drill_lost[d] += o.drills[d].lost;
        }
        t.entities += o.entities;
        t.number_in_system += o.mean_number_in_system;
    }
    return t;
}

// Lag, its interval, the SLA attainment (at this call's SLA and at any other counted) and the
// histogram.
void merge_lag(const Plan& p, Mode mode, const Totals& t, ModeResult& r,
               std::vector<std::pair<double, double>>* attainment_by_sla) {
    r.lag.mean = t.lag_all.mean();
    r.lag.p50 = t.lag.quantile(0.50);
    r.lag.p95 = t.lag.quantile(0.95);
    r.lag.p99 = t.lag.quantile(0.99);
    r.lag.max = t.lag.max();
    if (t.replication_means.size() >= 2) {
        const des::MeanCi ci =
            des::bootstrap_mean_ci95(t.replication_means, p.seed ^ (static_cast<std::uint64_t>(mode) + 1));
        r.lag.mean_ci95 = std::array<double, 2>{ci.low, ci.high};
    }
    r.sla_attainment = t.events > 0.0 ? t.met / t.events : 1.0;
    if (attainment_by_sla) {
        // Summed in the same order as `met`, so each share is the bytes a run at that SLA gives.
        for (std::size_t k = 0; k < t.met_extra.size(); ++k) {
            attainment_by_sla->emplace_back(p.extra_slas[k],
                                            t.events > 0.0 ? t.met_extra[k] / t.events : 1.0);
        }
    }
    const double total = t.lag.count();
    for (const auto& [upper, weight] : t.lag.buckets()) {
        r.lag_histogram.push_back({upper, total > 0.0 ? weight / total : 0.0});
    }
}

// Failures, drills, usage and the backlog.
void merge_operations(const Plan& p, Mode mode, const Totals& t, ModeResult& r) {
    const double n = static_cast<double>(p.replications);
    r.recovery.failures = t.failures;
    r.recovery.automatic_restarts = t.automatic_restarts;
    r.recovery.mean = t.recovery_all.mean();
    r.recovery.p95 = t.recovery.quantile(0.95);
    r.late_events_dropped_fraction = t.events > 0.0 ? t.dropped / t.events : 0.0;
    r.events_lost = std::llround(t.lost / n);
    for (std::size_t d = 0; d < p.drills.size(); ++d) {
        DrillResult dr;
        dr.at_seconds = to_seconds(p.drills[d].at);
        dr.outage_seconds = to_seconds(p.drills[d].outage);
        dr.recovery_seconds = t.drill_recovery[d] / n;
        dr.events_lost = std::llround(t.drill_lost[d] / n);
        r.drills.push_back(dr);
    }
    r.usage.node_hours_per_month = mean_of(t.node_hours);
    r.usage.node_hours_p5_p95 = {quantile_of(t.node_hours, 0.05), quantile_of(t.node_hours, 0.95)};
    r.usage.incidents_per_month = mean_of(t.incidents);
    r.usage.incident_hours_per_month_by_replication = t.incident_hours;
    r.usage.state_bytes = mode == Mode::batch ? 0.0 : p.state_bytes;
    // A batch or micro-batch run that overruns its period reads more the next time and so
    // amortises its fixed overhead over longer runs (run = overhead / (1 - lambda / C)): every
    // mode is stable exactly when the mean rate stays below the processing capacity.
    if (p.rate > 0.0 && p.rate >= p.capacity) {
        r.backlog_growth_per_second = p.rate - p.capacity;
    } else {
        const physics::PeakBacklog peak = diurnal_peak_backlog(p, p.capacity);
        if (peak.events > 0.0) {
            r.peak_backlog_events = peak.events;
            r.peak_drain_seconds = peak.drain_seconds;
        }
    }
}

ModeResult merge(const Plan& p, Mode mode, const std::vector<ReplicationOutput>& outputs, std::size_t first,
                 std::vector<std::pair<double, double>>* attainment_by_sla = nullptr) {
    const Totals t = sum_replications(p, outputs, first);
    ModeResult r;
    r.mode = mode;
    merge_lag(p, mode, t, r, attainment_by_sla);
    merge_operations(p, mode, t, r);
    r.entities_simulated = t.entities;
    r.horizon_seconds = p.horizon_seconds;
    const double n = static_cast<double>(p.replications);
    r.events_per_replication = t.events / n;
    r.mean_number_in_system = t.number_in_system / n;
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

// Each mode runs on its own cluster, sized for its load unless the file states `nodes`; a mode
// whose period does not fit 4 times in the horizon gets a longer horizon of its own.
struct ModePlans {
    std::vector<Plan> plans;
    std::vector<model::NodeSizing> sizings;
    std::vector<bool> extended;
};

ModePlans plan_modes(const Plan& plan, const model::Workload& workload, const model::UseCase& use_case,
                     const SimulateOptions& options, const std::vector<Mode>& modes) {
    ModePlans out;
    for (Mode m : modes) {
        out.sizings.push_back(mode_nodes(workload, use_case, m));
        const double needed = required_horizon_seconds(plan, m);
        if (needed > plan.horizon_seconds) {
            model::Workload longer = workload;
            longer.simulation.horizon = util::Duration::from_seconds(needed);
            out.plans.push_back(make_plan(longer, use_case, options));
            out.extended.push_back(true);
        } else {
            out.plans.push_back(plan);
            out.extended.push_back(false);
        }
        with_nodes(out.plans.back(), out.sizings.back().nodes, workload);
    }
    return out;
}

// With a memo, each mode is looked up by its plan's key first: a mode another call has
// simulated (or is simulating) is taken from there, and only the rest are run here. Every mode
// is claimed before any is awaited, so two calls never wait on each other.
struct Claims {
    std::vector<std::optional<SimulationMemo::Future>> shared;
    std::vector<std::shared_ptr<std::promise<std::shared_ptr<const SimulationMemo::Entry>>>> owed;
    std::vector<std::size_t> owned;  // modes simulated by this call
};

Claims claim_modes(SimulationMemo* memo, std::vector<Plan>& plans, const std::vector<Mode>& modes) {
    Claims c;
    c.shared.resize(modes.size());
    c.owed.resize(modes.size());
    for (std::size_t m = 0; m < modes.size(); ++m) {
        if (memo) {
            if (memo->counts(plans[m].sla_seconds)) plans[m].extra_slas = memo->slas();
            auto [future, promise] = memo->claim(memo->key(plans[m], modes[m]));
            if (future) {
                c.shared[m] = std::move(future);
                continue;
            }
            c.owed[m] = std::move(promise);
        }
        c.owned.push_back(m);
    }
    return c;
}

// Runs tasks 0..count-1 on up to `threads` threads; the first error is rethrown after all stop.
void run_parallel(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& task) {
    if (threads <= 1) {
        for (std::size_t i = 0; i < count; ++i) task(i);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::vector<std::exception_ptr> errors(threads);
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            try {
                for (std::size_t i = next++; i < count; i = next++) task(i);
            } catch (...) {
                errors[t] = std::current_exception();
                next = count;
            }
        });
    }
    for (std::thread& th : pool) th.join();
    for (const std::exception_ptr& e : errors) {
        if (e) std::rethrow_exception(e);
    }
}

// Salt of the work streams (service times, sub-slot waits): unrelated to the arrival, failure
// and fixed-stage streams.
constexpr std::uint64_t k_work_stream_salt = 0x3c6ef372fe94f82bULL;

// Simulates the modes this call owns, every (mode, replication) a task. The source's arrivals
// come from the replication's stream, common to every mode (common random numbers: the modes
// are compared on the same events); work and failures come from streams keyed by the mode, so a
// mode's figures depend neither on the thread count nor on the other modes requested. With a
// memo, the arrivals are recorded once per replication and source and replayed by each mode and
// plan that reads them: the same entities, so the same bytes as generating them.
std::vector<ReplicationOutput> run_owned(const Plan& plan, const ModePlans& mp,
                                         const std::vector<Mode>& modes, Claims& claims,
                                         const SimulateOptions& options, SimulationMemo* memo) {
    const auto reps = static_cast<std::size_t>(plan.replications);
    const std::size_t tasks = claims.owned.size() * reps;
    std::vector<ReplicationOutput> outputs(tasks);
    for (std::size_t i = 0; i < tasks; ++i) {
        outputs[i].trace_requested = i % reps == 0;
        outputs[i].stream = (static_cast<std::uint64_t>(modes[claims.owned[i / reps]]) << 32) | (i % reps);
    }
    const auto run_task = [&](std::size_t i) {
        const std::size_t m = claims.owned[i / reps];
        const Mode mode = modes[m];
        const std::uint64_t replication = i % reps;
        const std::uint64_t stream = (static_cast<std::uint64_t>(mode) << 32) | replication;
        des::Rng arrivals(plan.seed, 2 * replication);
        des::Rng work(plan.seed ^ k_work_stream_salt, stream);
        des::Rng failures(plan.seed, 2 * stream + 1);
        std::shared_ptr<const ArrivalLog> log;
        if (memo) log = memo->arrivals(mp.plans[m], static_cast<std::int64_t>(replication));
        run_replication(mp.plans[m], mode, ReplicationStreams{arrivals, work, failures, log.get()},
                        outputs[i]);
    };
    unsigned threads = options.threads != 0 ? options.threads : std::thread::hardware_concurrency();
    threads = static_cast<unsigned>(std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(1, tasks)));
    try {
        if (options.pool) {
            // On the shared pool: this thread runs tasks (its own or other calls') until its
            // own are done; `threads` is not used.
            options.pool->wait(*options.pool->submit(tasks, run_task));
        } else {
            run_parallel(tasks, threads, run_task);
        }
    } catch (...) {
        // Whoever waits on a mode this call owed gets the same error it would have met alone.
        for (auto& promise : claims.owed)
            if (promise) promise->set_exception(std::current_exception());
        if (options.pool) options.pool->notify();  // for the calls awaiting them
        throw;
    }
    return outputs;
}

// A simulation another call runs: with a pool, this thread runs pending tasks (that call's
// among them) until it is ready instead of blocking.
std::shared_ptr<const SimulationMemo::Entry> await(const SimulationMemo::Future& future, TaskPool* pool) {
    if (pool) {
        pool->help_until(
            [&future] { return future.wait_for(std::chrono::seconds(0)) == std::future_status::ready; });
    }
    return future.get();
}

}  // namespace

SimulationResult simulate(const model::Workload& workload, const model::UseCase& use_case,
                          const SimulateOptions& options) {
    const Plan plan = make_plan(workload, use_case, options);
    std::vector<Mode> modes;
    for (Mode m : options.modes) {
        if (std::find(modes.begin(), modes.end(), m) == modes.end()) modes.push_back(m);
    }
    ModePlans mp = plan_modes(plan, workload, use_case, options, modes);
    using Entry = SimulationMemo::Entry;
    SimulationMemo* memo = plan.trace ? nullptr : options.memo.get();
    Claims claims = claim_modes(memo, mp.plans, modes);
    const std::vector<ReplicationOutput> outputs = run_owned(plan, mp, modes, claims, options, memo);

    const auto reps = static_cast<std::size_t>(plan.replications);
    std::vector<std::shared_ptr<const Entry>> entries(modes.size());
    for (std::size_t o = 0; o < claims.owned.size(); ++o) {
        const std::size_t m = claims.owned[o];
        auto entry = std::make_shared<Entry>();
        entry->result = merge(mp.plans[m], modes[m], outputs, o * reps, &entry->attainment_by_sla);
        entries[m] = entry;
        if (claims.owed[m]) claims.owed[m]->set_value(entry);
    }
    if (options.pool && !claims.owned.empty()) options.pool->notify();  // for the calls awaiting them
    for (std::size_t m = 0; m < modes.size(); ++m) {
        if (claims.shared[m]) entries[m] = await(*claims.shared[m], options.pool.get());
    }

    SimulationResult result;
    result.seed = plan.seed;
    result.replications = plan.replications;
    result.horizon_seconds = plan.horizon_seconds;
    for (std::size_t m = 0; m < modes.size(); ++m) {
        ModeResult r = entries[m]->result;
        // A shared simulation answers for this call's SLA from the shares it counted.
        for (const auto& [sla, share] : entries[m]->attainment_by_sla) {
            if (sla == mp.plans[m].sla_seconds) r.sla_attainment = share;
        }
        r.nodes = mp.sizings[m];
        if (modes[m] != Mode::batch) r.brokers = model::log_brokers(workload, use_case);
        judge_feasibility(mp.plans[m], workload, use_case, r);
        r.horizon_extended = mp.extended[m];
        result.events_simulated += r.entities_simulated;
        result.modes[modes[m]] = std::move(r);
    }
    if (plan.trace) {
        for (std::size_t o = 0; o < claims.owned.size(); ++o) {
            append_trace(mp.plans[claims.owned[o]], modes[claims.owned[o]], outputs[o * reps], result.trace);
        }
    }
    return result;
}

}  // namespace pipeadvise::pipeline
