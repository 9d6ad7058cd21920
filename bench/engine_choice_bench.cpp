// Which engine should drive the pipeline simulation: the sweep the pipeline runs (arrivals in
// order over a min-heap of server free times, rare events as sorted timelines merged into it)
// or a general event queue (des::EventQueue: arrivals, departures and rare events all
// scheduled and popped)? Both run the same FIFO G/G/c queue on the same draws and must give
// the same sum of sojourns and the same checkpoint offsets; the benchmark reports customers
// per second. Rare events are checkpoints that record the log offset read so far, at a given
// period (one a minute is the pipeline's default checkpoint interval).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <functional>
#include <stdexcept>
#include <vector>

#include "pipeadvise/des/event_queue.hpp"
#include "pipeadvise/des/random.hpp"

namespace {

using pipeadvise::des::EventQueue;
using pipeadvise::des::Rng;
using pipeadvise::des::Ticks;

constexpr double k_ticks_per_second = 1e9;
constexpr double k_arrival_rate = 1000.0;  // customers/s
constexpr std::int64_t k_customers = 1'000'000;

struct Outcome {
    double sojourn_sum = 0;                 // seconds
    std::vector<std::int64_t> checkpoints;  // arrivals read at each checkpoint
};

// The draws of one run, made up front in arrival order so both engines see the same numbers.
struct Draws {
    std::vector<Ticks> arrival;
    std::vector<Ticks> service;
};

Draws draw(std::int64_t customers, int servers, double utilisation) {
    Rng rng(42);
    const double service_rate = k_arrival_rate / (utilisation * servers);
    Draws d;
    d.arrival.reserve(static_cast<std::size_t>(customers));
    d.service.reserve(static_cast<std::size_t>(customers));
    double t = 0;
    for (std::int64_t i = 0; i < customers; ++i) {
        t += pipeadvise::des::exponential(rng, k_arrival_rate);
        d.arrival.push_back(static_cast<Ticks>(t * k_ticks_per_second));
        d.service.push_back(
            static_cast<Ticks>(pipeadvise::des::exponential(rng, service_rate) * k_ticks_per_second));
    }
    return d;
}

// The pipeline's engine: arrivals in order; c servers as a min-heap of free times (the
// Kiefer-Wolfowitz recursion, exact for FIFO G/G/c); the checkpoint timeline is merged in
// by comparing its next time with each arrival.
Outcome sweep(const Draws& d, int servers, Ticks checkpoint_period) {
    Outcome out;
    std::vector<Ticks> free(static_cast<std::size_t>(servers), 0);
    Ticks next_checkpoint = checkpoint_period;
    const auto n = static_cast<std::int64_t>(d.arrival.size());
    for (std::int64_t i = 0; i < n; ++i) {
        const Ticks a = d.arrival[static_cast<std::size_t>(i)];
        while (next_checkpoint <= a) {
            out.checkpoints.push_back(i);
            next_checkpoint += checkpoint_period;
        }
        const Ticks s = std::max(a, free.front());
        const Ticks done = s + d.service[static_cast<std::size_t>(i)];
        std::pop_heap(free.begin(), free.end(), std::greater<>());
        free.back() = done;
        std::push_heap(free.begin(), free.end(), std::greater<>());
        out.sojourn_sum += static_cast<double>(done - a) / k_ticks_per_second;
    }
    return out;
}

// The same queue on the event queue: an arrival schedules the next arrival and, with a free
// server, its departure; a departure starts the oldest waiting customer; a checkpoint
// schedules the next one. Same-time events pop in insertion order.
Outcome event_queue(const Draws& d, int servers, Ticks checkpoint_period) {
    enum class Kind : std::uint32_t { arrival, departure, checkpoint };
    struct Event {
        Kind kind;
        std::uint32_t customer;
    };
    Outcome out;
    EventQueue<Event> queue;
    queue.reserve(static_cast<std::size_t>(servers) + 2);
    std::deque<std::uint32_t> waiting;
    int idle = servers;
    std::int64_t arrived = 0;
    const auto n = static_cast<std::uint32_t>(d.arrival.size());
    auto start = [&](std::uint32_t c, Ticks now) {
        queue.schedule(now + d.service[c], Event{Kind::departure, c});
        out.sojourn_sum += static_cast<double>(now + d.service[c] - d.arrival[c]) / k_ticks_per_second;
    };
    queue.schedule(d.arrival[0], Event{Kind::arrival, 0});
    queue.schedule(checkpoint_period, Event{Kind::checkpoint, 0});
    while (!queue.empty()) {
        const auto e = queue.pop();
        switch (e.payload.kind) {
            case Kind::arrival: {
                ++arrived;
                const std::uint32_t c = e.payload.customer;
                if (c + 1 < n) queue.schedule(d.arrival[c + 1], Event{Kind::arrival, c + 1});
                if (idle > 0) {
                    --idle;
                    start(c, e.time);
                } else {
                    waiting.push_back(c);
                }
                break;
            }
            case Kind::departure:
                if (waiting.empty()) {
                    ++idle;
                } else {
                    start(waiting.front(), e.time);
                    waiting.pop_front();
                }
                break;
            case Kind::checkpoint:
                // Checkpoints run while arrivals remain, as in the sweep.
                if (arrived < n) {
                    out.checkpoints.push_back(arrived);
                    queue.schedule(e.time + checkpoint_period, Event{Kind::checkpoint, 0});
                }
                break;
        }
    }
    return out;
}

template <Outcome (*Engine)(const Draws&, int, Ticks)>
void run(benchmark::State& state) {
    const int servers = static_cast<int>(state.range(0));
    const Ticks period = static_cast<Ticks>(state.range(1)) * 1'000'000;  // ms -> ticks
    static const Draws d1 = draw(k_customers, 1, 0.8);
    static const Draws d10 = draw(k_customers, 10, 0.8);
    const Draws& d = servers == 1 ? d1 : d10;
    // Same answer from both engines (sums of the same terms in a different order: compare
    // with a relative tolerance), or the timing means nothing.
    const Outcome a = sweep(d, servers, period), b = event_queue(d, servers, period);
    if (a.checkpoints != b.checkpoints ||
        std::abs(a.sojourn_sum - b.sojourn_sum) > 1e-9 * std::abs(a.sojourn_sum)) {
        state.SkipWithError("the engines disagree");
        return;
    }
    double mean = 0;
    for (auto _ : state) {
        const Outcome o = Engine(d, servers, period);
        mean = o.sojourn_sum / static_cast<double>(k_customers);
        benchmark::DoNotOptimize(mean);
    }
    state.counters["mean_sojourn_s"] = mean;
    state.counters["checkpoints"] = static_cast<double>(a.checkpoints.size());
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * k_customers);
}

// Arguments: servers, checkpoint period in ms (60,000 = the default one-minute interval;
// 1,000 and 10 stress the merge with far more frequent rare events).
void arguments(benchmark::internal::Benchmark* b) {
    for (const int servers : {1, 10}) {
        for (const int period_ms : {60000, 1000, 10}) b->Args({servers, period_ms});
    }
    b->Unit(benchmark::kMillisecond);
}

}  // namespace

BENCHMARK_TEMPLATE(run, sweep)->Apply(arguments);
BENCHMARK_TEMPLATE(run, event_queue)->Apply(arguments);
BENCHMARK_MAIN();
