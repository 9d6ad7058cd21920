#include "pipeadvise/evaluation/sensitivity.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <memory>
#include <optional>
#include <thread>
#include <tuple>

#include "pipeadvise/pipeline/memo.hpp"
#include "pipeadvise/pipeline/task_pool.hpp"
#include "pipeadvise/util/diagnostic.hpp"

namespace pipeadvise::evaluation {

namespace {

using util::Duration;

// The SLA search walks a geometric ladder of this ratio from the current SLA, then bisects
// the first step whose answer differs; bands narrower than one step could be skipped.
constexpr double k_ladder_ratio = 1.05;
constexpr std::int64_t k_min_sla_ns = 1'000'000;  // 1 ms
constexpr std::int64_t k_max_sla_ns = 10LL * 365 * 86400 * util::k_ns_per_second;

// Counts and durations are integers: round the scaled value and keep it at least `minimum`
// (one node, one broker, one nanosecond) so a 50% variant never becomes an invalid workload.
std::int64_t scaled(std::int64_t v, double factor, std::int64_t minimum) {
    return std::max(minimum, static_cast<std::int64_t>(std::llround(static_cast<double>(v) * factor)));
}

Duration scaled(Duration d, double factor) {
    return Duration::from_ns(scaled(d.ns, factor, 1));
}

/// The workload with one input multiplied by `factor` (counts rounded, kept >= 1).
model::Workload with_input(model::Workload w, const std::string& input, double factor) {
    model::UseCase& uc = w.use_cases.front();
    model::Infrastructure& infra = w.infrastructure;
    if (input == "data.volume")
        uc.data.volume_per_second *= factor;
    else if (input == "data.event_size")
        uc.data.event_size_bytes = scaled(uc.data.event_size_bytes, factor, 1);
    else if (input == "infrastructure.nodes" && infra.nodes)
        infra.nodes = static_cast<int>(scaled(*infra.nodes, factor, 1));
    else if (input == "infrastructure.node_throughput")
        infra.node_throughput *= factor;
    else if (input == "infrastructure.node_hour_usd")
        infra.node_hour_usd *= factor;
    else if (input == "infrastructure.broker_hour_usd")
        infra.broker_hour_usd *= factor;
    else if (input == "infrastructure.brokers" && infra.brokers)
        infra.brokers = static_cast<int>(scaled(*infra.brokers, factor, 1));
    else if (input == "infrastructure.target_utilisation")
        infra.target_utilisation = std::min(1.0, infra.target_utilisation * factor);
    else if (input == "infrastructure.engineer_hour_usd")
        infra.engineer_hour_usd *= factor;
    else if (input == "infrastructure.retention")
        infra.retention = scaled(infra.retention, factor);
    else if (input == "infrastructure.batch_schedule")
        infra.batch_schedule = scaled(infra.batch_schedule, factor);
    else if (input == "infrastructure.job_startup")
        infra.job_startup = scaled(infra.job_startup, factor);
    else if (input == "computation.state_size")
        uc.computation.state_size_bytes = scaled(uc.computation.state_size_bytes, factor, 0);
    return w;
}

/// Prices enter the cost model only, so their variants reuse the base simulation.
bool price_only(const std::string& input) {
    return input == "infrastructure.node_hour_usd" || input == "infrastructure.broker_hour_usd" ||
           input == "infrastructure.engineer_hour_usd";
}

/// NaN when either mode is infeasible: a mode that cannot run has no multiplier (spec §8).
double streaming_over_batch(const model::Workload& w, const pipeline::SimulationResult& simulation) {
    const auto& uc = w.use_cases.front();
    const auto& batch_result = simulation.modes.at(pipeline::Mode::batch);
    const auto& streaming_result = simulation.modes.at(pipeline::Mode::streaming);
    if (!batch_result.feasible || !streaming_result.feasible) return std::numeric_limits<double>::quiet_NaN();
    const auto batch = cost::monthly_cost(w, uc, batch_result);
    const auto streaming = cost::monthly_cost(w, uc, streaming_result);
    return cost::multiplier(streaming, batch);
}

/// Inputs that move nothing in this workload are left out: a node or broker count under
/// `auto` is sized from the load (the sizing follows data.volume and target_utilisation).
bool applies(const model::Workload& w, const std::string& input) {
    const model::Infrastructure& infra = w.infrastructure;
    if (input == "infrastructure.nodes") return infra.nodes.has_value();
    if (input == "infrastructure.brokers") return infra.brokers.has_value();
    if (input == "infrastructure.target_utilisation") return !infra.nodes || !infra.brokers;
    return true;
}

// Advice without simulated facts (the analytic estimates): the flip search asks for dozens of
// SLAs, and the latency question turns on the SLA itself, not on simulated figures.
model::Architecture architecture_at(model::Workload w, Duration sla, const EvaluateOptions& options) {
    w.use_cases.front().latency.sla = sla;
    advisor::AdviceOptions advice_options;
    advice_options.context = options.context;
    advice_options.today = options.today;
    return advisor::advise(w, advice_options).use_cases.front().recommendation.architecture;
}

/// Nearest SLA beyond the current one (downwards when `tighter`) with another answer.
std::optional<SlaFlip> find_flip(const model::Workload& w, const EvaluateOptions& options, bool tighter) {
    const Duration current = w.use_cases.front().latency.sla;
    const model::Architecture here = architecture_at(w, current, options);
    // Whole seconds read best; sub-second SLAs are searched to the millisecond.
    const std::int64_t resolution =
        current.ns >= 10 * util::k_ns_per_second ? util::k_ns_per_second : k_min_sla_ns;
    std::int64_t same = current.ns;  // last value known to give `here`
    while (true) {
        std::int64_t probe = tighter ? static_cast<std::int64_t>(static_cast<double>(same) / k_ladder_ratio)
                                     : static_cast<std::int64_t>(static_cast<double>(same) * k_ladder_ratio);
        if (tighter) {
            probe = std::min(probe, same - resolution);
            if (probe < k_min_sla_ns) return std::nullopt;
        } else {
            probe = std::max(probe, same + resolution);
            if (probe > k_max_sla_ns) return std::nullopt;
        }
        const model::Architecture there = architecture_at(w, Duration::from_ns(probe), options);
        if (there == here) {
            same = probe;
            continue;
        }
        // Bisect (same, probe] to the resolution: `probe` ends as the nearest differing SLA.
        while (std::llabs(probe - same) > resolution) {
            const std::int64_t mid = same + (probe - same) / 2;
            if (architecture_at(w, Duration::from_ns(mid), options) == here)
                same = mid;
            else
                probe = mid;
        }
        // Snap to the resolution grid, nearest to the current SLA first, keeping a value whose
        // answer still differs.
        const std::int64_t down = (probe / resolution) * resolution;
        const std::int64_t up = ((probe + resolution - 1) / resolution) * resolution;
        for (const std::int64_t candidate : {tighter ? up : down, tighter ? down : up}) {
            if (candidate >= k_min_sla_ns && candidate != same &&
                architecture_at(w, Duration::from_ns(candidate), options) != here) {
                probe = candidate;
                break;
            }
        }
        return SlaFlip{Duration::from_ns(probe), architecture_at(w, Duration::from_ns(probe), options)};
    }
}

// Simulates the tornado's variants side by side, one thread per core with their replications
// on one task pool, so no core idles at the end of each variant. A variant past a simulation
// cap has no result; any other error is rethrown, the first in variant order.
std::vector<std::optional<pipeline::SimulationResult>> simulate_variants(
    const std::vector<model::Workload>& variants, pipeline::SimulateOptions options) {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const unsigned threads = options.threads != 0 ? options.threads : cores;
    if (!options.pool) options.pool = std::make_shared<pipeline::TaskPool>();
    std::vector<std::optional<pipeline::SimulationResult>> results(variants.size());
    std::vector<std::exception_ptr> errors(variants.size());
    std::atomic<std::size_t> next{0};
    std::atomic<unsigned> running{threads};
    const auto work = [&] {
        for (std::size_t i = next++; i < variants.size(); i = next++) {
            try {
                results[i] = pipeline::simulate(variants[i], variants[i].use_cases.front(), options);
            } catch (const util::Error& e) {
                if (e.kind() == util::Error::Kind::internal) errors[i] = std::current_exception();
            } catch (...) {
                errors[i] = std::current_exception();
            }
        }
        --running;
        options.pool->notify();
        // No variant left to start: run the replications of those still running.
        options.pool->help_until([&] { return running.load() == 0; });
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();
    for (const std::exception_ptr& e : errors)
        if (e) std::rethrow_exception(e);
    return results;
}

}  // namespace

const std::vector<std::string>& tornado_inputs() {
    static const std::vector<std::string> inputs{
        "data.volume",
        "data.event_size",
        "infrastructure.nodes",
        "infrastructure.target_utilisation",
        "infrastructure.node_throughput",
        "infrastructure.node_hour_usd",
        "infrastructure.broker_hour_usd",
        "infrastructure.brokers",
        "infrastructure.engineer_hour_usd",
        "infrastructure.retention",
        "infrastructure.batch_schedule",
        "infrastructure.job_startup",
        "computation.state_size",
    };
    return inputs;
}

std::pair<std::optional<SlaFlip>, std::optional<SlaFlip>> sla_flips(const model::Workload& workload,
                                                                    const EvaluateOptions& options) {
    if (workload.use_cases.empty()) return {};
    model::Workload first = workload;
    first.use_cases.resize(1);
    return {find_flip(first, options, true), find_flip(first, options, false)};
}

Sensitivity sensitivity(const model::Workload& workload, const EvaluateOptions& options) {
    if (workload.use_cases.empty())
        throw util::Error(util::Error::Kind::internal, "workload without use cases");
    // The first use case alone, with fewer replications and the same seed for every variant
    // (common random numbers: differences come from the input, not from sampling noise).
    model::Workload base = workload;
    base.use_cases.resize(1);
    base.simulation.replications = std::min(base.simulation.replications, k_tornado_replications);

    Sensitivity out;
    out.replications = base.simulation.replications;
    std::tie(out.flip_tighter, out.flip_looser) = sla_flips(base, options);

    pipeline::SimulateOptions simulate_options = options.simulate_options;
    simulate_options.modes = {pipeline::Mode::batch, pipeline::Mode::streaming};
    simulate_options.trace = false;
    // One memo for the base and its variants: a variant that leaves the source as it is (the
    // cluster, the throughput, the utilisation target) replays the base's recorded arrivals.
    if (!simulate_options.memo) simulate_options.memo = std::make_shared<pipeline::SimulationMemo>();
    const auto base_simulation = pipeline::simulate(base, base.use_cases.front(), simulate_options);
    out.base_multiplier = streaming_over_batch(base, base_simulation);

    // Every variant that changes the plan, each simulated once (the price inputs reuse the base).
    std::vector<std::pair<std::string, double>> variants;
    for (const auto& input : tornado_inputs()) {
        if (!applies(base, input)) continue;
        for (const double factor : {0.5, 1.5}) variants.emplace_back(input, factor);
    }
    std::vector<model::Workload> simulated;
    for (const auto& [input, factor] : variants)
        if (!price_only(input)) simulated.push_back(with_input(base, input, factor));
    const auto simulations = simulate_variants(simulated, simulate_options);

    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::size_t next_simulation = 0;
    for (std::size_t v = 0; v < variants.size(); v += 2) {
        TornadoBar bar;
        bar.input = variants[v].first;
        for (std::size_t f = v; f < v + 2; ++f) {
            const model::Workload variant = with_input(base, variants[f].first, variants[f].second);
            const pipeline::SimulationResult* simulation = &base_simulation;
            if (!price_only(variants[f].first)) {
                const auto& s = simulations[next_simulation++];
                simulation = s ? &*s : nullptr;  // none: past a cap, the bar has no multiplier
            }
            (variants[f].second < 1 ? bar.multiplier_low : bar.multiplier_high) =
                simulation ? streaming_over_batch(variant, *simulation) : nan;
        }
        out.bars.push_back(bar);
    }
    const auto swing = [](const TornadoBar& b) {
        const double s = std::abs(b.multiplier_high - b.multiplier_low);
        return std::isnan(s) ? -1.0 : s;
    };
    std::stable_sort(out.bars.begin(), out.bars.end(),
                     [&](const TornadoBar& a, const TornadoBar& b) { return swing(a) > swing(b); });
    return out;
}

}  // namespace pipeadvise::evaluation
