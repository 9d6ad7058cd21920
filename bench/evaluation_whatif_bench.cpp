// What a user waits for in a sweep: `whatif` on the 100-point grid (reference scenario, 10
// volumes x 10 SLAs), with simulations shared between points and without, and the 3-D grid
// (volume x SLA x nodes, 1,000 points), each as points per second and as a ratio to one plain
// `evaluate` of the base file measured in the same run (wall time: the grid runs on every core).
// The configuration search's share of `evaluate`: the three modes simulated once each at the
// file's configuration (what `evaluate` simulated before the search), as a ratio too.
#include <benchmark/benchmark.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "pipeadvise/evaluation/evaluation.hpp"
#include "pipeadvise/evaluation/whatif.hpp"
#include "pipeadvise/model/loader.hpp"
#include "pipeadvise/pipeline/memo.hpp"
#include "pipeadvise/pipeline/simulate.hpp"

namespace {

using namespace pipeadvise;
using Clock = std::chrono::steady_clock;

std::string reference_text() {
    std::ifstream in(std::string(PIPEADVISE_SOURCE_DIR) + "/scenarios/reference-10m-per-day.yaml");
    if (!in) throw std::runtime_error("scenarios/reference-10m-per-day.yaml not found");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

const std::vector<std::string> k_volumes{"1M/day",  "2M/day",   "5M/day",   "10M/day",  "20M/day",
                                         "50M/day", "100M/day", "200M/day", "500M/day", "1G/day"};
const std::vector<std::string> k_slas{"10s", "30s", "1m", "2m", "5m", "10m", "30m", "1h", "6h", "1d"};
const std::vector<std::string> k_nodes{"1", "2", "3", "4", "6", "8", "12", "16", "24", "32"};

model::Workload reference_workload() {
    model::LoadResult loaded = model::load_workload_text(reference_text(), "reference-10m-per-day.yaml");
    if (!loaded.workload) throw std::runtime_error("reference scenario does not load");
    return std::move(*loaded.workload);
}

// Wall seconds of one plain evaluate of the base file, from the first benchmark below.
double g_evaluate_seconds = 0.0;

void evaluate_reference(benchmark::State& state) {
    const model::Workload workload = reference_workload();
    double total = 0.0;
    for (auto _ : state) {
        const auto start = Clock::now();
        const evaluation::Evaluation e = evaluation::evaluate(workload, {});
        total += std::chrono::duration<double>(Clock::now() - start).count();
        benchmark::DoNotOptimize(e.advice);
    }
    g_evaluate_seconds = total / static_cast<double>(state.iterations());
    state.counters["wall_seconds"] = g_evaluate_seconds;
}

// evaluate, counting the simulations its configuration search runs.
void evaluate_with_search(benchmark::State& state) {
    const model::Workload workload = reference_workload();
    double total = 0.0, simulations = 0.0;
    for (auto _ : state) {
        evaluation::EvaluateOptions options;
        options.simulate_options.memo = std::make_shared<pipeline::SimulationMemo>();
        const auto start = Clock::now();
        const evaluation::Evaluation e = evaluation::evaluate(workload, options);
        total += std::chrono::duration<double>(Clock::now() - start).count();
        simulations = static_cast<double>(options.simulate_options.memo->misses());
        benchmark::DoNotOptimize(e.advice);
    }
    const double seconds = total / static_cast<double>(state.iterations());
    state.counters["wall_seconds"] = seconds;
    state.counters["simulations"] = simulations;
    if (g_evaluate_seconds > 0.0) state.counters["ratio_to_evaluate"] = seconds / g_evaluate_seconds;
}

// The three modes at the file's configuration, once each, with no search.
void simulate_stated_configuration(benchmark::State& state) {
    const model::Workload workload = reference_workload();
    double total = 0.0;
    for (auto _ : state) {
        pipeline::SimulateOptions options;
        options.memo = std::make_shared<pipeline::SimulationMemo>();
        const auto start = Clock::now();
        const pipeline::SimulationResult r =
            pipeline::simulate(workload, workload.use_cases.front(), options);
        total += std::chrono::duration<double>(Clock::now() - start).count();
        benchmark::DoNotOptimize(r.modes.size());
    }
    const double seconds = total / static_cast<double>(state.iterations());
    state.counters["wall_seconds"] = seconds;
    state.counters["simulations"] = 3;
    if (g_evaluate_seconds > 0.0) state.counters["ratio_to_evaluate"] = seconds / g_evaluate_seconds;
}

void whatif(benchmark::State& state, std::vector<evaluation::SweepDimension> dimensions, bool share) {
    const std::string text = reference_text();
    const auto grid = evaluation::expand_grid(dimensions);
    evaluation::EvaluateOptions options;
    options.share_simulations = share;
    double total = 0.0;
    for (auto _ : state) {
        const auto start = Clock::now();
        const auto rows = evaluation::run_whatif(text, "reference-10m-per-day.yaml", grid, options, 0);
        total += std::chrono::duration<double>(Clock::now() - start).count();
        benchmark::DoNotOptimize(rows.data());
    }
    const double seconds = total / static_cast<double>(state.iterations());
    state.counters["points"] = static_cast<double>(grid.size());
    state.counters["wall_seconds"] = seconds;
    state.counters["points_per_second"] = static_cast<double>(grid.size()) / seconds;
    if (g_evaluate_seconds > 0.0) state.counters["ratio_to_evaluate"] = seconds / g_evaluate_seconds;
}

}  // namespace

// Registered in this order: the evaluate comes first so the grids can state their ratio to it.
BENCHMARK(evaluate_reference)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(evaluate_with_search)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(simulate_stated_configuration)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK_CAPTURE(whatif, grid_100_shared, {{"data.volume", k_volumes}, {"latency.sla", k_slas}}, true)
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->Iterations(1);
BENCHMARK_CAPTURE(whatif, grid_100_alone, {{"data.volume", k_volumes}, {"latency.sla", k_slas}}, false)
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->Iterations(1);
BENCHMARK_CAPTURE(whatif, grid_1000_shared,
                  {{"data.volume", k_volumes}, {"latency.sla", k_slas}, {"infrastructure.nodes", k_nodes}},
                  true)
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->Iterations(1);

BENCHMARK_MAIN();
