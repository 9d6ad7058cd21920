// The simulator as users run it: pipeline::simulate on a loaded workload, one thread, one
// replication, reporting simulated events (entities) per second of CPU. Each case is the
// M/M/1 workload of bench/mm1.yaml with one thing changed, so the cost of each feature of
// the sweep shows against the bare queue.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <stdexcept>
#include <string>

#include "pipeadvise/model/loader.hpp"
#include "pipeadvise/pipeline/simulate.hpp"

namespace {

using namespace pipeadvise;

// bench/mm1.yaml with a shorter horizon (125,000 s at 0.8/s: ~100,000 customers) and the
// given `computation`, `infrastructure` and trailing `simulation` keys.
std::string workload_text(const std::string& infrastructure, const std::string& computation,
                          const std::string& simulation) {
    return "version: 1\nname: bench\nlatency:\n  sla: 30s\n  verified_with_stakeholders: true\n"
           "  decision: benchmark only\ncomputation:\n" +
           computation +
           "data:\n  bounded: false\n  volume: 0.8/s\n"
           "team:\n  maturity: high\n  kafka_experience: true\n  on_call: true\n  recovery_runbook: true\n"
           "infrastructure:\n" +
           infrastructure + "simulation:\n  horizon: 125000s\n  replications: 1\n  seed: 1\n" +
           "  arrivals: poisson\n  service: exponential\n" + simulation;
}

model::Workload load(const std::string& text) {
    model::LoadResult r = model::load_workload_text(text, "bench.yaml");
    if (!r.workload) {
        std::string message = "bench workload does not load:";
        for (const auto& e : r.errors) message += " " + e.message;
        throw std::runtime_error(message);
    }
    return std::move(*r.workload);
}

void simulate(benchmark::State& state, const std::string& text, pipeline::Mode mode) {
    const model::Workload w = load(text);
    pipeline::SimulateOptions options;
    options.modes = {mode};
    options.threads = 1;
    std::int64_t events = 0;
    for (auto _ : state) {
        const pipeline::SimulationResult r = pipeline::simulate(w, w.use_cases.front(), options);
        events = r.events_simulated;
        benchmark::DoNotOptimize(r.modes);
    }
    state.counters["events_per_run"] = static_cast<double>(events);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * events);
}

const std::string k_stateless = "  stateful: false\n  kind: stateless\n";
const std::string k_one_node = "  nodes: 1\n  node_throughput: 1/s\n";
const std::string k_per_event = "  granularity: event\n  failures: none\n";

}  // namespace

// The M/M/1 queue of bench/mm1.yaml: per event, one server, nothing else.
BENCHMARK_CAPTURE(simulate, streaming_mm1, workload_text(k_one_node, k_stateless, k_per_event),
                  pipeline::Mode::streaming)
    ->Unit(benchmark::kMillisecond);
// Ten servers at the same utilisation: the heap of free times has ten entries.
BENCHMARK_CAPTURE(simulate, streaming_mm10,
                  workload_text("  nodes: 10\n  node_throughput: 0.1/s\n", k_stateless, k_per_event),
                  pipeline::Mode::streaming)
    ->Unit(benchmark::kMillisecond);
// Stateful windows (1-minute tumbling, emit at window end).
BENCHMARK_CAPTURE(simulate, streaming_windows,
                  workload_text(k_one_node, "  stateful: true\n  kind: windowed_aggregation\n  window: 1m\n",
                                k_per_event),
                  pipeline::Mode::streaming)
    ->Unit(benchmark::kMillisecond);
// Failures on: node failures, bad deploys and checkpoint corruption merged in as outages.
BENCHMARK_CAPTURE(
    simulate, streaming_failures,
    workload_text(k_one_node, k_stateless,
                  "  granularity: event\n  failures:\n    node_mtbf: 1d\n    bad_deploy_every: 1d\n"),
    pipeline::Mode::streaming)
    ->Unit(benchmark::kMillisecond);
// Micro-batch and batch on the same stream: a step per trigger or scheduled run.
BENCHMARK_CAPTURE(simulate, micro_batch_mm1, workload_text(k_one_node, k_stateless, k_per_event),
                  pipeline::Mode::micro_batch)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(simulate, batch_mm1, workload_text(k_one_node, k_stateless, k_per_event),
                  pipeline::Mode::batch)
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
