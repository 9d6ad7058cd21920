// Cost of one draw from each owned distribution.
#include <benchmark/benchmark.h>

#include "pipeadvise/des/random.hpp"

namespace {

using namespace pipeadvise::des;

void rng_next_u64(benchmark::State& state) {
    Rng rng(1);
    for (auto _ : state) benchmark::DoNotOptimize(rng.next_u64());
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void rng_uniform01(benchmark::State& state) {
    Rng rng(1);
    for (auto _ : state) benchmark::DoNotOptimize(rng.uniform01());
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void rng_exponential(benchmark::State& state) {
    Rng rng(1);
    for (auto _ : state) benchmark::DoNotOptimize(exponential(rng, 0.8));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void rng_standard_normal(benchmark::State& state) {
    Rng rng(1);
    for (auto _ : state) benchmark::DoNotOptimize(standard_normal(rng));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void rng_lognormal(benchmark::State& state) {
    Rng rng(1);
    for (auto _ : state) benchmark::DoNotOptimize(lognormal(rng, 1.0, 0.5));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void rng_poisson(benchmark::State& state) {
    Rng rng(1);
    const double mean = static_cast<double>(state.range(0)) / 10.0;
    for (auto _ : state) benchmark::DoNotOptimize(poisson(rng, mean));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

}  // namespace

BENCHMARK(rng_next_u64);
BENCHMARK(rng_uniform01);
BENCHMARK(rng_exponential);
BENCHMARK(rng_standard_normal);
BENCHMARK(rng_lognormal);
// Argument is 10 x the mean: 0.5, 5 (inversion), 37.5, 1e6 (PTRS).
BENCHMARK(rng_poisson)->Arg(5)->Arg(50)->Arg(375)->Arg(10000000);

BENCHMARK_MAIN();
