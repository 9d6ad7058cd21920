#include <catch2/catch.hpp>

#include "pipeadvise/model/sizing.hpp"

using namespace pipeadvise;

namespace {

model::Workload workload(double events_per_day) {
    model::Workload w;
    w.name = "sizing";
    model::UseCase uc;
    uc.name = w.name;
    uc.data.volume_per_second = events_per_day / 86400.0;
    uc.data.event_size_bytes = 1024;
    uc.data.peak_to_mean = 2;
    w.use_cases.push_back(uc);
    return w;
}

}  // namespace

TEST_CASE("auto streaming nodes keep the peak under 70 % of capacity, at least 2", "[sizing]") {
    // 2B/day = 23,148/s mean, 46,296/s at a peak of 2; 0.7 x 5k/s = 3.5k/s usable per node.
    const auto big = workload(2e9);
    const auto s = model::streaming_nodes(big, big.use_cases.front());
    CHECK(s.nodes == 14);  // ceil(46,296 / 3,500) = 14
    CHECK(s.rule == model::NodeRule::peak_rate);
    CHECK(s.peak_rate == Approx(46296.3).epsilon(1e-4));
    // 1M/day needs far less than one node: the floor of an always-on cluster.
    const auto small = workload(1e6);
    const auto m = model::streaming_nodes(small, small.use_cases.front());
    CHECK(m.nodes == 2);
    CHECK(m.rule == model::NodeRule::minimum);
}

TEST_CASE("a stated node count stays fixed whatever the load", "[sizing]") {
    for (double volume : {1e6, 2e9}) {
        auto w = workload(volume);
        w.infrastructure.nodes = 10;
        CHECK(model::streaming_nodes(w, w.use_cases.front()).nodes == 10);
        CHECK(model::micro_batch_nodes(w, w.use_cases.front()).nodes == 10);
        CHECK(model::batch_nodes(w, w.use_cases.front()).nodes == 10);
        CHECK(model::batch_nodes(w, w.use_cases.front()).rule == model::NodeRule::stated);
    }
}

TEST_CASE("auto batch nodes finish a run within half its schedule", "[sizing]") {
    // 2B/day, 12h schedule, 3 min start-up: the busiest 12 h holds 1 + sin(pi/2)/(pi/2) = 1.64
    // of the mean, 1.64 x 23,148/s x 43,200 s = 1.64e9 events, in 6 h - 3 min at 5k/s per node.
    auto w = workload(2e9);
    const auto s = model::batch_nodes(w, w.use_cases.front());
    const double events = 2e9 / 86400.0 * (1.0 + 2.0 / 3.14159265358979) * 43200.0;
    CHECK(s.events_per_run == Approx(events).epsilon(1e-6));
    CHECK(s.run_budget_seconds == Approx(21600.0));
    CHECK(s.nodes == static_cast<int>(std::ceil(events / (5000.0 * (21600.0 - 180.0)))));
    CHECK(s.rule == model::NodeRule::batch_run);
}

TEST_CASE("a 30-day window re-read every day sizes batch for 30 days of events", "[sizing]") {
    auto w = workload(1e9);
    w.infrastructure.batch_schedule = model::days(1);
    auto& c = w.use_cases.front().computation;
    c.stateful = true;
    c.window = model::days(30);
    CHECK(model::batch_scan_seconds(w, w.use_cases.front()) == Approx(30 * 86400.0));
    CHECK(model::batch_rescan_seconds(w, w.use_cases.front()) == Approx(29 * 86400.0));
    const int thirty = model::batch_nodes(w, w.use_cases.front()).nodes;
    c.window = model::days(1);
    CHECK(model::batch_rescan_seconds(w, w.use_cases.front()) == 0.0);
    const int one = model::batch_nodes(w, w.use_cases.front()).nodes;
    CHECK(thirty >= 25 * one);
}

TEST_CASE("an in-memory state store is sized to hold its state", "[sizing]") {
    auto w = workload(1e6);
    auto& c = w.use_cases.front().computation;
    c.stateful = true;
    c.state_size_bytes = 400LL << 30;
    w.infrastructure.state_store = model::StateStore::memory;
    w.infrastructure.node_memory_bytes = 16LL << 30;
    const auto s = model::streaming_nodes(w, w.use_cases.front());
    CHECK(s.nodes == 25);
    CHECK(s.rule == model::NodeRule::state_memory);
    w.infrastructure.state_store = model::StateStore::rocksdb;
    CHECK(model::streaming_nodes(w, w.use_cases.front()).nodes == 2);
}

TEST_CASE("brokers follow the peak MB/s with replication, at least 3", "[sizing]") {
    // 10M/day of 1 KiB at a peak of 2: 0.24 MB/s, far below one broker.
    auto w = workload(10e6);
    CHECK(model::log_brokers(w, w.use_cases.front()).brokers == 3);
    // 10B/day of 1 KiB: 237 MB/s at the peak, x 3 replicas / (0.7 x 81.25 MB/s) = 12.5 -> 13.
    w.use_cases.front().data.volume_per_second = 10e9 / 86400.0;
    const auto b = model::log_brokers(w, w.use_cases.front());
    CHECK(b.peak_mb_per_second == Approx(237.04).epsilon(1e-3));
    CHECK(b.brokers == 13);
    w.infrastructure.brokers = 6;
    CHECK(model::log_brokers(w, w.use_cases.front()).brokers == 6);
    CHECK(model::log_brokers(w, w.use_cases.front()).stated);
}
