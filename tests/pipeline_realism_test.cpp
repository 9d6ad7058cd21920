// The pipeline a practitioner recognises (spec §7): fixed stage latencies, one window
// semantics in micro-batch and streaming, automatic restarts, the lake as batch source, no
// phantom runs and honest statistics.
#include <catch2/catch.hpp>

#include <cmath>

#include "pipeadvise/physics/incidents.hpp"
#include "pipeadvise/pipeline/plan.hpp"
#include "pipeadvise/pipeline/simulate.hpp"
#include "pipeline_test_support.hpp"

using namespace pipeadvise;
using pipeline::Mode;

namespace {

// A stream so far below capacity that queueing and service are microseconds: what is left
// of the lag is the fixed stage latencies.
model::Workload light_stream(double lambda = 20, double horizon = 2000) {
    auto w = test::queue_workload(lambda, 1e6, 1, horizon, 2);
    w.simulation.fixed_latencies = true;
    return w;
}

double quantile_of(const pipeline::ModeResult& r, double q) {
    double cumulative = 0.0;
    for (const auto& [upper, share] : r.lag_histogram) {
        cumulative += share;
        if (cumulative >= q - 1e-12) return upper;
    }
    return r.lag.max;
}

// Stateful hourly windows with mobile events 1-2 h late and a 10-minute watermark.
model::Workload late_mobile_windows() {
    auto w = test::queue_workload(2, 1000, 1, 2 * 86400, 2);
    w.simulation.arrivals = model::ArrivalProcess::poisson;
    auto& uc = w.use_cases[0];
    uc.computation.stateful = true;
    uc.computation.window = test::seconds(3600);
    uc.data.late_arrivals.fraction = 0.3;
    uc.data.late_arrivals.p50 = test::seconds(3600);
    uc.data.late_arrivals.p99 = test::seconds(7200);
    w.proposal.watermark = test::seconds(600);
    w.infrastructure.micro_batch_trigger = test::seconds(120);
    w.infrastructure.micro_batch_overhead = test::seconds(5);
    return w;
}

}  // namespace

TEST_CASE("the log hop is a lognormal with the documented p50 2 ms and p99 5 ms", "[pipeline][stages]") {
    const auto w = light_stream();
    const auto r = pipeline::simulate(w, w.use_cases[0], test::only(Mode::streaming));
    const auto& s = r.modes.at(Mode::streaming);
    // Flink, stateless (chained operators: no network buffer), no sink: the hop alone.
    CHECK(s.lag.p50 == Approx(0.002).epsilon(0.04));
    CHECK(s.lag.p99 == Approx(0.005).epsilon(0.06));
    CHECK(s.lag.p50 > 0.001);  // no sub-millisecond Kafka pipeline
}

TEST_CASE("fixed_latencies none switches every stage latency off", "[pipeline][stages]") {
    auto w = light_stream();
    w.simulation.fixed_latencies = false;
    w.infrastructure.engine = model::Engine::spark;
    w.proposal.sink = model::Sink::delta;
    w.proposal.delivery = model::Delivery::exactly_once;
    const auto r = pipeline::simulate(w, w.use_cases[0], test::only(Mode::streaming));
    CHECK(r.modes.at(Mode::streaming).lag.p99 < 1e-4);
}

TEST_CASE("Spark's micro-batch engine cannot go below its planning and commit time", "[pipeline][stages]") {
    auto w = light_stream();
    w.infrastructure.engine = model::Engine::spark;
    const auto r = pipeline::simulate(w, w.use_cases[0], test::only(Mode::streaming));
    const auto& s = r.modes.at(Mode::streaming);
    const double batch = pipeline::k_spark_batch_seconds;
    // P + U(0, P) + the hop: mean 1.5 P + 2.3 ms, never below P.
    CHECK(quantile_of(s, 0.001) >= batch * 0.99);
    CHECK(s.lag.mean == Approx(1.5 * batch + 0.0023).epsilon(0.03));
}

TEST_CASE("an exactly-once sink is visible when the Flink checkpoint completes", "[pipeline][stages]") {
    auto w = light_stream();
    w.proposal.sink = model::Sink::database;
    w.proposal.delivery = model::Delivery::exactly_once;
    w.infrastructure.checkpoint_interval = test::seconds(60);
    const auto slow = pipeline::simulate(w, w.use_cases[0], test::only(Mode::streaming));
    // Lag grows by U(0, interval) + checkpoint duration (no state: none).
    CHECK(slow.modes.at(Mode::streaming).lag.mean == Approx(30.0).epsilon(0.03));
    w.infrastructure.checkpoint_interval = test::seconds(10);
    const auto fast = pipeline::simulate(w, w.use_cases[0], test::only(Mode::streaming));
    CHECK(fast.modes.at(Mode::streaming).lag.mean == Approx(5.0).epsilon(0.03));
    // At least once, the database write is visible at once: the hop plus a 5 ms write.
    w.proposal.delivery = model::Delivery::at_least_once;
    const auto direct = pipeline::simulate(w, w.use_cases[0], test::only(Mode::streaming));
    CHECK(direct.modes.at(Mode::streaming).lag.p50 ==
          Approx(0.002 + pipeline::k_database_write_seconds).epsilon(0.05));
}

TEST_CASE("micro-batch and streaming drop the same late events and emit after window end + watermark",
          "[pipeline][semantics]") {
    const auto w = late_mobile_windows();
    pipeline::SimulateOptions o;
    o.modes = {Mode::micro_batch, Mode::streaming};
    o.threads = 2;
    const auto r = pipeline::simulate(w, w.use_cases[0], o);
    const auto& mb = r.modes.at(Mode::micro_batch);
    const auto& st = r.modes.at(Mode::streaming);
    // Lateness lognormal(p50 1 h, p99 2 h): P(lateness > 10 min) is ~1, so 30 % are dropped.
    CHECK(st.late_events_dropped_fraction == Approx(0.3).epsilon(0.03));
    CHECK(mb.late_events_dropped_fraction == Approx(st.late_events_dropped_fraction).margin(0.01));
    // An on-time event waits for its window to close plus the watermark: mean W/2 + 10 min.
    CHECK(st.lag.mean >= 1800 + 600 - 5);
    CHECK(mb.lag.mean >= 1800 + 600);
    // Micro-batch adds at most one trigger and the batch run time.
    CHECK(mb.lag.mean <= st.lag.mean + 120 + 10);
}

TEST_CASE("micro-batch with emit on_update drops the same share as streaming", "[pipeline][semantics]") {
    auto w = late_mobile_windows();
    w.use_cases[0].computation.emit = model::EmitMode::on_update;
    pipeline::SimulateOptions o;
    o.modes = {Mode::micro_batch, Mode::streaming};
    o.threads = 2;
    const auto r = pipeline::simulate(w, w.use_cases[0], o);
    CHECK(r.modes.at(Mode::micro_batch).late_events_dropped_fraction ==
          Approx(r.modes.at(Mode::streaming).late_events_dropped_fraction).margin(0.01));
    // Results per update: lag within a trigger plus the batch run time.
    CHECK(r.modes.at(Mode::micro_batch).lag.p50 < 130);
}

TEST_CASE("batch picks late events up in the next run and drops none", "[pipeline][semantics]") {
    const auto w = late_mobile_windows();
    const auto r = pipeline::simulate(w, w.use_cases[0], test::only(Mode::batch));
    CHECK(r.modes.at(Mode::batch).late_events_dropped_fraction == 0.0);
}

TEST_CASE("node failures restart automatically; bad deploys wait for a human", "[pipeline][failures]") {
    auto w = test::queue_workload(50, 100, 1, 30 * 86400, 2);
    w.simulation.granularity = model::Granularity::automatic;
    test::quiet_failures(w);
    w.simulation.failures.node_mtbf = test::seconds(2 * 86400);
    const auto nodes_only = pipeline::simulate(w, w.use_cases[0], test::only(Mode::streaming));
    const auto& a = nodes_only.modes.at(Mode::streaming);
    REQUIRE(a.recovery.failures > 10);
    CHECK(a.recovery.automatic_restarts == a.recovery.failures);
    CHECK(a.usage.incidents_per_month == 0.0);
    // Heartbeat timeout 50 s + restart delay 1 s + replay of up to a minute at utilisation 0.5,
    // then the catch-up at C - lambda: a minute or two, not a human's 18 minutes.
    CHECK(a.recovery.mean > 51);
    CHECK(a.recovery.mean < 180);

    w.simulation.failures.node_mtbf = util::Duration{0};
    w.simulation.failures.bad_deploy_every = test::seconds(2 * 86400);
    const auto deploys = pipeline::simulate(w, w.use_cases[0], test::only(Mode::streaming));
    const auto& b = deploys.modes.at(Mode::streaming);
    REQUIRE(b.recovery.failures > 10);
    CHECK(b.recovery.automatic_restarts == 0);
    CHECK(b.usage.incidents_per_month > 0.0);
    const auto response = physics::incident_response(model::Maturity::medium);
    CHECK(b.recovery.mean > response.detect_seconds + response.repair_seconds);
}

TEST_CASE("batch reads the lake: retention loses nothing unless batch_source is log",
          "[pipeline][retention]") {
    auto w = test::queue_workload(10, 1000, 1, 7 * 86400, 1);
    w.simulation.arrivals = model::ArrivalProcess::constant;
    w.infrastructure.retention = test::seconds(4 * 3600);
    w.infrastructure.batch_schedule = test::seconds(12 * 3600);
    w.infrastructure.job_startup = test::seconds(60);
    const auto lake = pipeline::simulate(w, w.use_cases[0], test::only(Mode::batch));
    CHECK(lake.modes.at(Mode::batch).events_lost == 0);
    w.infrastructure.batch_source = model::BatchSource::log;
    const auto log = pipeline::simulate(w, w.use_cases[0], test::only(Mode::batch));
    const auto& b = log.modes.at(Mode::batch);
    CHECK(static_cast<double>(b.events_lost) / b.events_per_replication == Approx(2.0 / 3.0).epsilon(0.02));
}

TEST_CASE("a horizon shorter than 4 schedules is extended for that mode, never a phantom run",
          "[pipeline][guards]") {
    auto w = test::queue_workload(0.1, 1000, 1, 7 * 86400, 1);
    w.simulation.arrivals = model::ArrivalProcess::constant;
    w.infrastructure.batch_schedule = test::seconds(30 * 86400);
    w.infrastructure.job_startup = test::seconds(180);
    pipeline::SimulateOptions o;
    o.modes = {Mode::batch, Mode::streaming};
    const auto r = pipeline::simulate(w, w.use_cases[0], o);
    const auto& b = r.modes.at(Mode::batch);
    CHECK(b.horizon_extended);
    CHECK(b.horizon_seconds >= 4 * 30 * 86400.0);
    CHECK(b.events_lost == 0);
    CHECK(b.lag.mean == Approx(15 * 86400.0).epsilon(0.01));
    CHECK(b.usage.node_hours_per_month > 0.0);
    const auto& s = r.modes.at(Mode::streaming);
    CHECK_FALSE(s.horizon_extended);
    CHECK(s.horizon_seconds == 7 * 86400.0);
}

TEST_CASE("one replication has no confidence interval; bootstrap intervals are never negative",
          "[pipeline][statistics]") {
    auto w = test::queue_workload(50, 100, 1, 3 * 86400, 1);
    w.simulation.granularity = model::Granularity::automatic;
    const auto one = pipeline::simulate(w, w.use_cases[0], test::only(Mode::streaming));
    CHECK_FALSE(one.modes.at(Mode::streaming).lag.mean_ci95.has_value());
    // Failure-dominated means: rare long outages in a few replications.
    test::quiet_failures(w);
    w.simulation.failures.bad_deploy_every = test::seconds(3 * 86400);
    w.simulation.replications = 10;
    const auto many = pipeline::simulate(w, w.use_cases[0], test::only(Mode::streaming));
    const auto& s = many.modes.at(Mode::streaming);
    REQUIRE(s.lag.mean_ci95.has_value());
    CHECK((*s.lag.mean_ci95)[0] > 0.0);
    CHECK((*s.lag.mean_ci95)[0] <= s.lag.mean);
    CHECK((*s.lag.mean_ci95)[1] >= s.lag.mean);
}

TEST_CASE("a stable micro-batch overrun is not a growing backlog", "[pipeline][statistics]") {
    auto w = test::queue_workload(9.5, 10, 1, 86400, 1);
    w.simulation.arrivals = model::ArrivalProcess::constant;
    w.simulation.service = model::ServiceDistribution::deterministic;
    w.infrastructure.micro_batch_trigger = test::seconds(60);
    w.infrastructure.micro_batch_overhead = test::seconds(5);
    const auto r = pipeline::simulate(w, w.use_cases[0], test::only(Mode::micro_batch));
    const auto& m = r.modes.at(Mode::micro_batch);
    CHECK_FALSE(m.backlog_growth_per_second.has_value());
    // Runs settle at overhead / (1 - rho) = 100 s: the lag stays bounded.
    CHECK(m.lag.max < 400);
}

TEST_CASE("a diurnal peak above capacity reports the peak backlog and its drain time",
          "[pipeline][statistics]") {
    auto w = test::queue_workload(60, 100, 1, 2 * 86400, 1);
    w.simulation.arrivals = model::ArrivalProcess::diurnal;
    w.use_cases[0].data.peak_to_mean = 2.0;
    w.simulation.granularity = model::Granularity::automatic;
    const auto r = pipeline::simulate(w, w.use_cases[0], test::only(Mode::streaming));
    const auto& s = r.modes.at(Mode::streaming);
    CHECK_FALSE(s.backlog_growth_per_second.has_value());
    REQUIRE(s.peak_backlog_events.has_value());
    // Rate 60 (1 + cos)/... peaks at 120/s: above 100/s for part of the afternoon.
    CHECK(*s.peak_backlog_events > 1e5);
    CHECK(*s.peak_drain_seconds > 3600);
    CHECK(*s.peak_drain_seconds < 86400);
    // The simulation sees the same backlog: the worst lag is hours, not milliseconds.
    CHECK(s.lag.max > 1800);
}
