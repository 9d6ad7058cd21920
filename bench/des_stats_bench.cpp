// Cost of adding to the statistics accumulators the simulator updates per event.
#include <benchmark/benchmark.h>

#include <vector>

#include "pipeadvise/des/random.hpp"
#include "pipeadvise/des/stats.hpp"

namespace {

using namespace pipeadvise::des;

std::vector<double> sample_lags() {
    Rng rng(1);
    std::vector<double> xs(1 << 16);
    for (auto& x : xs) x = lognormal(rng, 1.0, 1.5);
    return xs;
}

void histogram_add(benchmark::State& state) {
    static const std::vector<double> xs = sample_lags();
    LogHistogram histogram;
    std::size_t i = 0;
    for (auto _ : state) histogram.add(xs[i++ & (xs.size() - 1)]);
    benchmark::DoNotOptimize(histogram.count());
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void running_stats_add(benchmark::State& state) {
    static const std::vector<double> xs = sample_lags();
    RunningStats stats;
    std::size_t i = 0;
    for (auto _ : state) stats.add(xs[i++ & (xs.size() - 1)]);
    benchmark::DoNotOptimize(stats.mean());
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void histogram_quantile(benchmark::State& state) {
    static const std::vector<double> xs = sample_lags();
    LogHistogram histogram;
    for (double x : xs) histogram.add(x);
    for (auto _ : state) benchmark::DoNotOptimize(histogram.quantile(0.99));
}

}  // namespace

BENCHMARK(histogram_add);
BENCHMARK(running_stats_add);
BENCHMARK(histogram_quantile);

BENCHMARK_MAIN();
