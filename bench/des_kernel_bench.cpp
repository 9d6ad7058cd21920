// The classic hold model (Vaucher & Duval): N pending events; each step pops the earliest
// and schedules one at now + an exponential increment. Reports events/s.
#include <benchmark/benchmark.h>

#include <cstdint>

#include "pipeadvise/des/event_queue.hpp"
#include "pipeadvise/des/random.hpp"

namespace {

using pipeadvise::des::EventQueue;
using pipeadvise::des::Rng;
using pipeadvise::des::Ticks;

// A payload of the size a pipeline event typically carries (an id and a weight).
struct Payload {
    std::uint32_t kind;
    std::uint32_t node;
    double weight;
};

constexpr double k_mean_increment_ticks = 1e6;  // 1 ms in nanosecond ticks

// Exponential increments precomputed in a ring so the benchmark measures the queue, not
// the logarithm; the ring is large enough that the access pattern is not periodic.
struct Increments {
    static constexpr std::size_t k_size = 1 << 16;
    Ticks values[k_size];
    explicit Increments(std::uint64_t seed) {
        Rng rng(seed);
        for (auto& v : values) {
            v = static_cast<Ticks>(pipeadvise::des::exponential(rng, 1.0 / k_mean_increment_ticks));
        }
    }
};

void hold_model(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    static const Increments increments(1);
    EventQueue<Payload> queue;
    queue.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        queue.schedule(increments.values[i % Increments::k_size],
                       Payload{0, static_cast<std::uint32_t>(i), 1.0});
    }
    std::size_t cursor = n;
    for (auto _ : state) {
        auto event = queue.pop();
        event.payload.kind ^= 1;
        queue.schedule(event.time + increments.values[cursor++ & (Increments::k_size - 1)], event.payload);
    }
    benchmark::DoNotOptimize(queue.top());
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// The same hold model with the exponential drawn per event, as a simulation does.
void hold_model_with_rng(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    Rng rng(2);
    EventQueue<Payload> queue;
    queue.reserve(n);
    const double rate = 1.0 / k_mean_increment_ticks;
    for (std::size_t i = 0; i < n; ++i) {
        queue.schedule(static_cast<Ticks>(pipeadvise::des::exponential(rng, rate)),
                       Payload{0, static_cast<std::uint32_t>(i), 1.0});
    }
    for (auto _ : state) {
        auto event = queue.pop();
        queue.schedule(event.time + static_cast<Ticks>(pipeadvise::des::exponential(rng, rate)),
                       event.payload);
    }
    benchmark::DoNotOptimize(queue.top());
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

}  // namespace

BENCHMARK(hold_model)->Arg(1000)->Arg(1000000);
BENCHMARK(hold_model_with_rng)->Arg(1000)->Arg(1000000);

BENCHMARK_MAIN();
