#include "pipeadvise/evaluation/configuration.hpp"

#include <algorithm>
#include <map>

#include "pipeadvise/pipeline/feasibility.hpp"
#include "pipeadvise/util/diagnostic.hpp"

namespace pipeadvise::evaluation {

namespace {

using pipeline::Mode;

/// The workload with `mode`'s interval set to `seconds`.
model::Workload at_interval(const model::Workload& workload, Mode mode, double seconds);

/// Capacity of the cluster `mode` holds at `interval_seconds`, events/s: the stated nodes, or
/// those the mode is sized to at that interval (a batch run must fit its schedule, so a shorter
/// schedule may hold fewer nodes for less time), as the simulator sizes it.
double capacity_of(const model::Workload& workload, const model::UseCase& use_case, Mode mode,
                   double interval_seconds) {
    const model::Workload w = at_interval(workload, mode, interval_seconds);
    return static_cast<double>(pipeline::mode_nodes(w, use_case, mode).nodes) *
           w.infrastructure.node_throughput;
}

/// Share of a lag uniform on [low, low + width] that is at most `sla`.
double uniform_share(double low, double width, double sla) {
    if (width <= 0.0) return low <= sla ? 1.0 : 0.0;
    return std::clamp((sla - low) / width, 0.0, 1.0);
}

/// The workload with `mode`'s interval set to `seconds`.
model::Workload at_interval(const model::Workload& workload, Mode mode, double seconds) {
    model::Workload out = workload;
    const auto d = util::Duration::from_seconds_int(static_cast<std::int64_t>(seconds));
    if (mode == Mode::batch) {
        out.infrastructure.batch_schedule = d;
    } else {
        out.infrastructure.micro_batch_trigger = d;
    }
    return out;
}

ConfiguredMode run(const model::Workload& workload, const model::UseCase& use_case, Mode mode,
                   std::optional<double> interval, const pipeline::SimulateOptions& options) {
    pipeline::SimulateOptions o = options;
    o.modes = {mode};
    ConfiguredMode out;
    out.simulation = interval ? pipeline::simulate(at_interval(workload, mode, *interval), use_case, o)
                              : pipeline::simulate(workload, use_case, o);
    ModeConfiguration& c = out.configuration;
    c.mode = mode;
    c.interval_seconds = interval;
    // The cluster the simulator held for this mode (stated, or sized for its load).
    const pipeline::ModeResult& r = out.simulation.modes.at(mode);
    c.nodes = r.nodes.nodes;
    c.brokers = r.brokers ? r.brokers->brokers : 0;
    c.target = use_case.latency.attainment_target;
    c.sla_attainment = out.simulation.modes.at(mode).sla_attainment;
    c.simulations = 1;
    return out;
}

/// The search's answer for `mode` (batch or micro-batch): the longest ladder interval whose
/// simulation meets the target. A longer interval pays fewer start-ups and per-trigger
/// overheads for the same events, so the longest that meets the target is also the cheapest.
ConfiguredMode search(const model::Workload& workload, const model::UseCase& use_case, Mode mode,
                      const pipeline::SimulateOptions& options) {
    std::vector<double> ladder;
    if (mode == Mode::batch) {
        for (int s : k_batch_schedule_ladder_seconds) ladder.push_back(s);
    } else {
        for (int s : k_trigger_ladder_seconds) ladder.push_back(s);
    }
    // Screen: only intervals whose analytic bound reaches the target can meet it in simulation.
    const double target = use_case.latency.attainment_target;
    std::vector<double> candidates;
    for (double v : ladder) {
        const double bound = mode == Mode::batch ? batch_attainment_bound(workload, use_case, v)
                                                 : micro_batch_attainment_bound(workload, use_case, v);
        if (bound >= target) candidates.push_back(v);
    }
    // Nothing passes the screen: simulate the shortest to state the best the mode can do.
    if (candidates.empty()) candidates.push_back(ladder.back());

    std::map<std::size_t, ConfiguredMode> simulated;
    int simulations = 0;
    auto at = [&](std::size_t i) -> const ConfiguredMode& {
        auto it = simulated.find(i);
        if (it != simulated.end()) return it->second;
        ++simulations;
        ConfiguredMode m;
        try {
            m = run(workload, use_case, mode, candidates[i], options);
        } catch (const util::Error&) {
            // A candidate the simulator refuses (a cap on runs or events) cannot be chosen.
            m.configuration.mode = mode;
            m.configuration.interval_seconds = candidates[i];
            m.configuration.sla_attainment = -1.0;
            m.configuration.target = target;
        }
        return simulated.emplace(i, std::move(m)).first->second;
    };
    auto meets = [&](std::size_t i) { return at(i).configuration.meets_target(); };

    // Attainment grows as the interval shrinks: try the screen's longest first (usually the
    // answer), then the shortest, then bisect between them.
    std::size_t chosen = 0;
    bool found = meets(0);
    if (!found && candidates.size() > 1) {
        std::size_t lo = 1, hi = candidates.size() - 1;
        found = meets(hi);
        while (found && lo < hi) {
            const std::size_t mid = lo + (hi - lo) / 2;
            if (meets(mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        chosen = found ? hi : candidates.size() - 1;
    }
    ConfiguredMode out = simulated.at(chosen);
    if (out.configuration.sla_attainment < 0.0) {
        // Even the shortest candidate could not be simulated: fall back to the longest that was.
        for (auto& [i, m] : simulated) {
            if (m.configuration.sla_attainment >= 0.0) out = m;
        }
        if (out.configuration.sla_attainment < 0.0)
            return run(workload, use_case, mode, std::nullopt, options);
    }
    ModeConfiguration& c = out.configuration;
    c.simulations = simulations;
    if (found) {
        c.meeting_interval_seconds = c.interval_seconds;
    } else {
        c.best_interval_seconds = c.interval_seconds;
        c.best_attainment = c.sla_attainment;
    }
    return out;
}

}  // namespace

double batch_attainment_bound(const model::Workload& workload, const model::UseCase& use_case,
                              double schedule_seconds) {
    const double capacity = capacity_of(workload, use_case, Mode::batch, schedule_seconds);
    if (capacity <= 0.0) return 0.0;
    const double run = workload.infrastructure.job_startup.seconds() +
                       use_case.data.volume_per_second * schedule_seconds / capacity;
    if (run > schedule_seconds) return 0.0;
    return uniform_share(run, schedule_seconds, use_case.latency.sla.seconds());
}

double micro_batch_attainment_bound(const model::Workload& workload, const model::UseCase& use_case,
                                    double trigger_seconds) {
    const double capacity = capacity_of(workload, use_case, Mode::micro_batch, trigger_seconds);
    if (capacity <= 0.0) return 0.0;
    const double processing =
        workload.infrastructure.micro_batch_overhead.seconds() +
        use_case.data.volume_per_second * use_case.data.peak_to_mean * trigger_seconds / capacity;
    if (processing > trigger_seconds) return 0.0;
    return uniform_share(processing, trigger_seconds, use_case.latency.sla.seconds());
}

ConfiguredMode simulate_configured(const model::Workload& workload, const model::UseCase& use_case, Mode mode,
                                   const pipeline::SimulateOptions& options) {
    if (mode == Mode::streaming) return run(workload, use_case, mode, std::nullopt, options);
    const model::Infrastructure& infra = workload.infrastructure;
    const bool is_auto = mode == Mode::batch ? infra.batch_schedule_auto : infra.micro_batch_trigger_auto;
    if (is_auto) return search(workload, use_case, mode, options);
    const double stated =
        mode == Mode::batch ? infra.batch_schedule.seconds() : infra.micro_batch_trigger.seconds();
    ConfiguredMode out = run(workload, use_case, mode, std::nullopt, options);
    ModeConfiguration& c = out.configuration;
    c.interval_seconds = stated;
    c.stated = true;
    if (c.meets_target()) return out;
    // The stated interval misses: find the one that would meet it, for the finding.
    const ConfiguredMode alternative = search(workload, use_case, mode, options);
    c.simulations += alternative.configuration.simulations;
    c.meeting_interval_seconds = alternative.configuration.meeting_interval_seconds;
    c.best_interval_seconds = alternative.configuration.interval_seconds;
    c.best_attainment = alternative.configuration.sla_attainment;
    return out;
}

pipeline::SimulationResult simulate_configured_modes(const model::Workload& workload,
                                                     const model::UseCase& use_case,
                                                     const pipeline::SimulateOptions& options,
                                                     std::vector<ModeConfiguration>& configurations) {
    pipeline::SimulationResult out;
    bool first = true;
    for (Mode mode : options.modes) {
        if (out.modes.count(mode) > 0) continue;
        ConfiguredMode m = simulate_configured(workload, use_case, mode, options);
        if (first) {
            out.seed = m.simulation.seed;
            out.replications = m.simulation.replications;
            out.horizon_seconds = m.simulation.horizon_seconds;
            first = false;
        }
        out.horizon_seconds = std::max(out.horizon_seconds, m.simulation.horizon_seconds);
        out.events_simulated += m.simulation.events_simulated;
        for (auto& [k, r] : m.simulation.modes) out.modes[k] = std::move(r);
        out.trace.insert(out.trace.end(), m.simulation.trace.begin(), m.simulation.trace.end());
        configurations.push_back(m.configuration);
    }
    if (first) {
        // No mode requested: the plain simulation states the run's seed and horizon.
        out = pipeline::simulate(workload, use_case, options);
    }
    return out;
}

}  // namespace pipeadvise::evaluation
