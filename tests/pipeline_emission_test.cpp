// Stateful streaming emission: per window at window end + watermark, or per update.
#include <catch2/catch.hpp>

#include "pipeadvise/des/random.hpp"
#include "pipeadvise/pipeline/simulate.hpp"
#include "pipeline_test_support.hpp"

using namespace pipeadvise;
using pipeline::Mode;

namespace {

// One node at rho 0.01, a 60 s window and a 10 min watermark.
model::Workload windowed_workload(model::EmitMode emit) {
    auto w = test::queue_workload(10, 1000, 1, 86400, 2);
    w.use_cases[0].computation.stateful = true;
    w.use_cases[0].computation.window = test::seconds(60);
    w.use_cases[0].computation.emit = emit;
    w.proposal.watermark = test::seconds(600);
    return w;
}

pipeline::ModeResult streaming(model::Workload w, model::Granularity granularity) {
    w.simulation.granularity = granularity;
    pipeline::SimulateOptions options = test::only(Mode::streaming);
    options.max_entities_per_replication = 20'000;
    return pipeline::simulate(w, w.use_cases[0], options).modes.at(Mode::streaming);
}

}  // namespace

TEST_CASE("stateful streaming with emit on_update lags like stateless work", "[pipeline][emission]") {
    for (const auto granularity : {model::Granularity::event, model::Granularity::automatic}) {
        INFO("granularity " << model::to_string(granularity));
        auto stateless = windowed_workload(model::EmitMode::on_update);
        stateless.use_cases[0].computation.stateful = false;
        const auto base = streaming(stateless, granularity);
        const auto on_update = streaming(windowed_workload(model::EmitMode::on_update), granularity);
        const auto window_end = streaming(windowed_workload(model::EmitMode::window_end), granularity);
        // Without late data nothing is dropped and the same seed draws the same events and
        // services, so on_update is the stateless run exactly.
        CHECK(on_update.lag.mean == base.lag.mean);
        CHECK(on_update.lag.p95 == base.lag.p95);
        CHECK(on_update.lag.max == base.lag.max);
        CHECK(on_update.sla_attainment == base.sla_attainment);
        CHECK(on_update.lag.mean < 0.01);
        CHECK(on_update.sla_attainment == 1.0);
        // Windows of 60 s emit at end + 600 s: at least 630 s on average, all past the 60 s SLA.
        CHECK(window_end.lag.mean >= 60.0 / 2 + 600);
        CHECK(window_end.lag.mean == Approx(630).epsilon(0.02));
        CHECK(window_end.sla_attainment == 0.0);
        CHECK(window_end.events_per_replication == on_update.events_per_replication);
    }
}

TEST_CASE("emit on_update still drops events later than the watermark, as window_end does",
          "[pipeline][emission]") {
    for (const auto granularity : {model::Granularity::event, model::Granularity::automatic}) {
        INFO("granularity " << model::to_string(granularity));
        auto late = [](model::EmitMode emit) {
            auto w = windowed_workload(emit);
            w.use_cases[0].data.late_arrivals = {0.1, test::seconds(30), test::seconds(3600)};
            return w;
        };
        const auto on_update = streaming(late(model::EmitMode::on_update), granularity);
        const auto window_end = streaming(late(model::EmitMode::window_end), granularity);
        // The drop decision depends only on the event, so both modes drop the same events.
        const double beyond = des::lognormal_survival(des::fit_lognormal_p50_p99(30, 3600), 600);
        CHECK(on_update.late_events_dropped_fraction == window_end.late_events_dropped_fraction);
        CHECK(on_update.late_events_dropped_fraction == Approx(0.1 * beyond).epsilon(0.10));
        CHECK(window_end.lag.mean >= 60.0 / 2 + 600);
        // on_update: on-time events wait for their service only; late events that are kept
        // carry their lateness (at most the watermark), so the mean is below 10% of 600 s.
        CHECK(on_update.lag.mean > 0.0);
        CHECK(on_update.lag.mean < 0.1 * 600);
        CHECK(on_update.lag.p50 < 0.01);
        // Dropped events count against the SLA in both modes.
        CHECK(on_update.sla_attainment <= 1.0 - on_update.late_events_dropped_fraction + 1e-9);
        CHECK(on_update.sla_attainment > window_end.sla_attainment);
    }
}

TEST_CASE("grouped and per-event on_update agree with late data", "[pipeline][emission][grouping]") {
    // 2% of events late (lognormal p50 30 s, p99 2 h), a 10 min watermark and a 30 s SLA,
    // with groups about 22 s wide: late groups overlap on-time ones and must not hold the
    // fluid server for their whole spread.
    auto w = test::queue_workload(20, 1000, 1, 86400, 2);
    w.use_cases[0].computation.stateful = true;
    w.use_cases[0].computation.window = test::seconds(180);
    w.use_cases[0].computation.emit = model::EmitMode::on_update;
    w.use_cases[0].latency.sla = test::seconds(30);
    w.use_cases[0].data.late_arrivals = {0.02, test::seconds(30), test::seconds(7200)};
    w.proposal.watermark = test::seconds(600);
    pipeline::SimulateOptions options = test::only(Mode::streaming);
    options.max_entities_per_replication = 4'000;
    const auto each = pipeline::simulate(w, w.use_cases[0], options).modes.at(Mode::streaming);
    w.simulation.granularity = model::Granularity::automatic;
    const auto grouped = pipeline::simulate(w, w.use_cases[0], options).modes.at(Mode::streaming);
    CHECK(grouped.entities_simulated <= 2 * 2 * 4'001);
    // Tolerances: SLA attainment +-0.005, drop share 10%, mean lag 10% (the late tail carries
    // it), p95 within 0.1 s (on-time events wait for their service only).
    CHECK(grouped.sla_attainment == Approx(each.sla_attainment).margin(0.005));
    CHECK(grouped.late_events_dropped_fraction == Approx(each.late_events_dropped_fraction).epsilon(0.10));
    CHECK(grouped.lag.mean == Approx(each.lag.mean).epsilon(0.10));
    CHECK(each.lag.p95 < 0.1);
    CHECK(grouped.lag.p95 < 0.1);
    // Late events older than 30 s and the dropped ones are the only misses.
    const auto fit = des::fit_lognormal_p50_p99(30, 7200);
    const double misses = 0.02 * des::lognormal_survival(fit, 30);
    CHECK(1.0 - each.sla_attainment == Approx(misses).epsilon(0.05));
}
