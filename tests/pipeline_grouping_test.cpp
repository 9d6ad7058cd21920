// Grouped entities vs one entity per event, scale, guards and determinism.
#include <catch2/catch.hpp>

#include <chrono>
#include <utility>

#include "pipeadvise/des/random.hpp"
#include "pipeadvise/des/stats.hpp"
#include "pipeadvise/pipeline/plan.hpp"
#include "pipeadvise/pipeline/simulate.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "pipeline_test_support.hpp"

using namespace pipeadvise;
using pipeline::Mode;

namespace {

pipeline::SimulationResult run_grouped(model::Workload w, pipeline::SimulateOptions options,
                                       std::int64_t budget) {
    w.simulation.granularity = model::Granularity::automatic;
    options.max_entities_per_replication = budget;
    return pipeline::simulate(w, w.use_cases[0], options);
}

// Streaming per event and in groups of at most `budget` entities per replication.
std::pair<pipeline::ModeResult, pipeline::ModeResult> streaming_each_and_grouped(const model::Workload& w,
                                                                                 std::int64_t budget) {
    const auto each = pipeline::simulate(w, w.use_cases[0], test::only(Mode::streaming));
    const auto grouped = run_grouped(w, test::only(Mode::streaming), budget);
    return {each.modes.at(Mode::streaming), grouped.modes.at(Mode::streaming)};
}

}  // namespace

TEST_CASE("grouped and per-event batch and micro-batch agree", "[pipeline][grouping]") {
    // Four replications: a late group carries its slot's late events with one lateness draw, so
    // one draw from the far tail of the lognormal (p99 1 h) moves a two-replication mean by
    // up to 4 % (seed 1); over four the grouped mean is within 1.3 % for seeds 1 to 6.
    auto w = test::queue_workload(5, 25, 2, 86400, 4);
    w.simulation.arrivals = model::ArrivalProcess::diurnal;
    w.use_cases[0].data.peak_to_mean = 3;
    w.use_cases[0].data.late_arrivals = {0.05, test::seconds(60), test::seconds(3600)};
    w.infrastructure.batch_schedule = test::seconds(3600);
    pipeline::SimulateOptions options;
    options.modes = {Mode::batch, Mode::micro_batch};
    const auto each = pipeline::simulate(w, w.use_cases[0], options);
    const auto grouped = run_grouped(w, options, 8'000);
    for (Mode m : options.modes) {
        INFO(pipeline::to_string(m));
        const auto& e = each.modes.at(m);
        const auto& g = grouped.modes.at(m);
        CHECK(g.entities_simulated <= 4 * 8'000 + 8);
        CHECK(e.entities_simulated > 10 * g.entities_simulated);
        // Tolerances: mean and p95 2%, events 0.5% (different random draws).
        CHECK(g.lag.mean == Approx(e.lag.mean).epsilon(0.02));
        CHECK(g.lag.p95 == Approx(e.lag.p95).epsilon(0.02));
        CHECK(g.events_per_replication == Approx(e.events_per_replication).epsilon(0.005));
        CHECK(g.sla_attainment == Approx(e.sla_attainment).margin(0.01));
    }
}

TEST_CASE("grouped and per-event streaming agree", "[pipeline][grouping]") {
    // M/M/2 at rho 0.5 and 0.8 with small service times: groups of ~50-80 events.
    for (const double lambda : {10000.0, 16000.0}) {
        INFO("lambda " << lambda);
        auto w = test::queue_workload(lambda, 10000, 2, 20, 4);
        const auto [e, g] = streaming_each_and_grouped(w, 4000);
        CHECK(g.entities_simulated <= 4 * 4001);
        // Tolerances: 10% on the mean sojourn (a fraction of a millisecond here), 15% on p95.
        CHECK(g.lag.mean == Approx(e.lag.mean).epsilon(0.10));
        CHECK(g.lag.p95 == Approx(e.lag.p95).epsilon(0.15));
        CHECK(g.lag.p50 == Approx(e.lag.p50).epsilon(0.15));
    }
}

TEST_CASE("grouped and per-event stateful streaming drop the same share of late events",
          "[pipeline][grouping]") {
    auto w = test::queue_workload(10, 1000, 1, 86400, 2);
    w.use_cases[0].computation.stateful = true;
    w.use_cases[0].computation.window = test::seconds(60);
    w.use_cases[0].data.late_arrivals = {0.1, test::seconds(30), test::seconds(3600)};
    w.proposal.watermark = test::seconds(600);
    const auto [e, g] = streaming_each_and_grouped(w, 20'000);
    // Share of late events above the 10 min watermark for lognormal(p50 30 s, p99 1 h).
    const double beyond = des::lognormal_survival(des::fit_lognormal_p50_p99(30, 3600), 600);
    CHECK(e.late_events_dropped_fraction == Approx(0.1 * beyond).epsilon(0.03));
    CHECK(g.late_events_dropped_fraction == Approx(e.late_events_dropped_fraction).epsilon(0.10));
    // Windows of 60 s emit at end + 600 s: lag is about 630 s on average.
    CHECK(e.lag.mean == Approx(630).epsilon(0.02));
    CHECK(g.lag.mean == Approx(e.lag.mean).epsilon(0.02));
}

TEST_CASE("grouped windows shorter than a slot fire on time, as per event", "[pipeline][grouping]") {
    // 10 s windows and a 15 s watermark against slots of about 24 s (the bundled
    // error-rate-alerting case): a window fires when the stream is read up to its end plus
    // the watermark, not at the next group, so lag and attainment match per-event runs.
    for (const int nodes : {1, 4}) {
        INFO("nodes " << nodes);
        auto w = test::queue_workload(200.0, 400.0 / nodes * 1.05, nodes, 2 * 3600, 2);  // rho 0.95
        w.simulation.fixed_latencies = true;
        auto& uc = w.use_cases[0];
        uc.computation.stateful = true;
        uc.computation.window = test::seconds(10);
        uc.latency.sla = test::seconds(22);
        uc.data.late_arrivals = {0.01, test::seconds(2), test::seconds(10)};
        w.proposal.watermark = test::seconds(10);
        const auto [e, g] = streaming_each_and_grouped(w, 600);
        REQUIRE(g.entities_simulated <= 2 * 601);
        CHECK(e.entities_simulated > 1000 * g.entities_simulated);
        CHECK(g.lag.mean == Approx(e.lag.mean).epsilon(0.02));
        CHECK(g.lag.p95 == Approx(e.lag.p95).epsilon(0.02));
        CHECK(g.sla_attainment == Approx(e.sla_attainment).margin(0.02));
    }
}

TEST_CASE("simulation cost does not grow with volume under granularity auto", "[pipeline][scale]") {
    auto w = test::queue_workload(1e6 / 86400, 5000, 10, 7 * 86400, 2);
    w.simulation.granularity = model::Granularity::automatic;
    w.simulation.arrivals = model::ArrivalProcess::diurnal;
    w.simulation.service = model::ServiceDistribution::lognormal;
    const auto small = pipeline::simulate(w, w.use_cases[0], {});
    w.use_cases[0].data.volume_per_second = 1e10 / 86400;
    w.infrastructure.nodes = 100;
    w.infrastructure.node_throughput = 1e6;
    const auto large = pipeline::simulate(w, w.use_cases[0], {});
    CHECK(large.events_simulated <= 3 * 2 * (pipeline::k_entity_budget + 1));
    CHECK(large.events_simulated <= 2 * small.events_simulated);
    CHECK(large.modes.at(Mode::streaming).events_per_replication == Approx(7e10).epsilon(0.001));
}

TEST_CASE("granularity event past the cap is an input error, not a partial result", "[pipeline][guards]") {
    auto w = test::queue_workload(1e10 / 86400, 1e6, 100, 7 * 86400, 10);
    try {
        pipeline::simulate(w, w.use_cases[0], {});
        FAIL("expected an error");
    } catch (const util::Error& e) {
        CHECK(e.kind() == util::Error::Kind::input);
        CHECK_THAT(e.what(), Catch::Contains("granularity: auto"));
        CHECK_THAT(e.what(), Catch::Contains("cap"));
    }
}

TEST_CASE("arrivals above capacity report the backlog growth and stay bounded", "[pipeline][guards]") {
    auto w = test::queue_workload(150, 100, 1, 3600, 1);
    w.simulation.granularity = model::Granularity::automatic;
    const auto r = pipeline::simulate(w, w.use_cases[0], {});
    const auto& s = r.modes.at(Mode::streaming);
    REQUIRE(s.backlog_growth_per_second.has_value());
    CHECK(*s.backlog_growth_per_second == Approx(50));
    // The last event waits for the backlog of (150 - 100) * 3600 events.
    CHECK(s.lag.max == Approx(50.0 * 3600 / 100).epsilon(0.03));
    CHECK(r.modes.at(Mode::batch).backlog_growth_per_second.has_value());
}

TEST_CASE("the same seed gives identical results whatever the thread count", "[pipeline][determinism]") {
    auto w = test::queue_workload(50, 100, 2, 86400, 4);
    w.simulation.granularity = model::Granularity::automatic;
    w.simulation.arrivals = model::ArrivalProcess::diurnal;
    w.simulation.service = model::ServiceDistribution::lognormal;
    w.simulation.failures.enabled = true;
    w.simulation.failures.node_mtbf = test::seconds(86400);
    w.simulation.failures.drills.push_back({test::seconds(7200), test::seconds(1800)});
    w.use_cases[0].data.late_arrivals = {0.02, test::seconds(30), test::seconds(7200)};
    pipeline::SimulateOptions one;
    one.max_entities_per_replication = 20'000;
    one.threads = 1;
    one.trace = true;
    pipeline::SimulateOptions two = one;
    two.threads = 2;
    const auto a = pipeline::simulate(w, w.use_cases[0], one);
    const auto b = pipeline::simulate(w, w.use_cases[0], two);
    const auto c = pipeline::simulate(w, w.use_cases[0], two);
    REQUIRE(a.modes.size() == 3);
    for (Mode m : pipeline::k_all_modes) {
        INFO(pipeline::to_string(m));
        for (const auto* other : {&b, &c}) {
            const auto& x = a.modes.at(m);
            const auto& y = other->modes.at(m);
            CHECK(x.lag.mean == y.lag.mean);
            CHECK(x.lag.p99 == y.lag.p99);
            CHECK(x.lag.mean_ci95 == y.lag.mean_ci95);
            CHECK(x.sla_attainment == y.sla_attainment);
            CHECK(x.recovery.mean == y.recovery.mean);
            CHECK(x.recovery.failures == y.recovery.failures);
            CHECK(x.usage.node_hours_per_month == y.usage.node_hours_per_month);
            CHECK(x.usage.incident_hours_per_month_by_replication ==
                  y.usage.incident_hours_per_month_by_replication);
            CHECK(x.lag_histogram == y.lag_histogram);
            CHECK(x.drills[0].recovery_seconds == y.drills[0].recovery_seconds);
        }
    }
    REQUIRE(a.trace.size() == b.trace.size());
    CHECK(!a.trace.empty());
    for (std::size_t i = 0; i < a.trace.size(); ++i)
        CHECK(a.trace[i].backlog_events == b.trace[i].backlog_events);
    w.simulation.seed = 2;
    const auto d = pipeline::simulate(w, w.use_cases[0], two);
    CHECK(d.modes.at(Mode::streaming).lag.mean != a.modes.at(Mode::streaming).lag.mean);
    CHECK(d.modes.at(Mode::batch).lag.mean != a.modes.at(Mode::batch).lag.mean);
}

TEST_CASE("a trace finer than the cap allows is an input error", "[pipeline][guards]") {
    auto w = test::queue_workload(1, 100, 1, 86400, 1);
    auto options = test::only(Mode::streaming);
    options.trace = true;
    options.trace_interval_seconds = 0.001;
    CHECK_THROWS_AS(pipeline::simulate(w, w.use_cases[0], options), util::Error);
    options.trace_interval_seconds = 60;
    CHECK(pipeline::simulate(w, w.use_cases[0], options).trace.size() == 1441);
}

TEST_CASE("grouped streaming drains a backlog as per-event runs do", "[pipeline][grouping]") {
    // A 2-minute outage at rho 0.5 with 10 s slots: while a backlog drains, an event's wait
    // falls across its slot (the fluid reads it as it is processed), so grouped lag follows
    // per-event lag; reading a whole slot at its start delay would add half a slot of drain,
    // (1 - rho) x 10 s / 2, to each of them (mean lag 4.16 s against 4.01 s).
    auto w = test::queue_workload(5000, 10000, 1, 3600, 2);
    test::quiet_failures(w);
    w.simulation.failures.drills.push_back({test::seconds(600), test::seconds(120)});
    w.use_cases[0].latency.sla = test::seconds(30);
    const auto [e, g] = streaming_each_and_grouped(w, 360);
    REQUIRE(g.entities_simulated <= 2 * 361);
    CHECK(g.lag.mean == Approx(e.lag.mean).epsilon(0.02));
    CHECK(g.lag.p99 == Approx(e.lag.p99).epsilon(0.02 + 2 * des::LogHistogram::k_relative_error));
    CHECK(g.sla_attainment == Approx(e.sla_attainment).margin(0.005));
    // Recovery is seen at the first group read on time: within a slot of the per-event figure.
    CHECK(g.drills[0].recovery_seconds == Approx(e.drills[0].recovery_seconds).margin(10.0));
}
