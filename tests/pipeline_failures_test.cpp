// Drills, failures, recovery and losses (spec §5 "Drills", "Failures", §6 drill recovery).
#include <catch2/catch.hpp>

#include <cmath>

#include "pipeadvise/pipeline/plan.hpp"
#include "pipeadvise/pipeline/replication.hpp"
#include "pipeadvise/pipeline/simulate.hpp"
#include "pipeline_test_support.hpp"

using namespace pipeadvise;
using pipeline::Mode;

namespace {

// lambda = 50/s against capacity 100/s, constant arrivals, deterministic service.
model::Workload drill_workload(double outage_seconds, double retention_seconds) {
    auto w = test::queue_workload(50, 100, 1, 4 * 3600, 1);
    w.simulation.arrivals = model::ArrivalProcess::constant;
    w.simulation.service = model::ServiceDistribution::deterministic;
    w.infrastructure.retention = test::seconds(retention_seconds);
    test::quiet_failures(w);
    w.simulation.failures.drills.push_back({test::seconds(3600), test::seconds(outage_seconds)});
    return w;
}

// 2 events/s, windowed state three times a node's memory in an in-memory store: out of memory
// at once, then after every automatic restart (a restart loop).
model::Workload oom_workload(double horizon_seconds, int replications) {
    auto w = test::queue_workload(2, 100, 1, horizon_seconds, replications);
    w.simulation.arrivals = model::ArrivalProcess::constant;
    test::quiet_failures(w);
    w.use_cases[0].computation.stateful = true;
    w.use_cases[0].computation.window = test::seconds(300);
    w.use_cases[0].computation.state_size_bytes = 3 * w.infrastructure.node_memory_bytes;
    w.infrastructure.state_store = model::StateStore::memory;
    return w;
}

}  // namespace

TEST_CASE("a streaming drill below capacity recovers in D + lambda D / (C - lambda)", "[pipeline][drill]") {
    const double lambda = 50, capacity = 100, outage = 600;
    const auto w = drill_workload(outage, 7 * 86400);
    const auto r = pipeline::simulate(w, w.use_cases[0], test::only(Mode::streaming));
    const auto& s = r.modes.at(Mode::streaming);
    REQUIRE(s.drills.size() == 1);
    CHECK(s.drills[0].at_seconds == 3600);
    CHECK(s.drills[0].outage_seconds == outage);
    CHECK(s.drills[0].recovery_seconds ==
          Approx(outage + lambda * outage / (capacity - lambda)).epsilon(0.002));
    CHECK(s.drills[0].events_lost == 0);
    CHECK(s.events_lost == 0);
    // A drill is not a failure: nothing counts as an incident.
    CHECK(s.recovery.failures == 0);
    CHECK(s.usage.incidents_per_month == 0);
}

TEST_CASE("a drill longer than retention loses lambda (outage - retention)", "[pipeline][drill]") {
    const double lambda = 50, capacity = 100, outage = 600, retention = 300;
    const auto w = drill_workload(outage, retention);
    const auto r = pipeline::simulate(w, w.use_cases[0], test::only(Mode::streaming));
    const auto& s = r.modes.at(Mode::streaming);
    CHECK(static_cast<double>(s.drills[0].events_lost) ==
          Approx(lambda * (outage - retention)).epsilon(0.001));
    CHECK(static_cast<double>(s.events_lost) == Approx(lambda * (outage - retention)).epsilon(0.001));
    // The consumer resumes at the oldest retained offset: only `retention` of backlog is left.
    CHECK(s.drills[0].recovery_seconds ==
          Approx(outage + lambda * retention / (capacity - lambda)).epsilon(0.002));
}

TEST_CASE("micro-batch and batch recover from a drill and report it", "[pipeline][drill]") {
    auto w = drill_workload(600, 7 * 86400);
    w.infrastructure.micro_batch_trigger = test::seconds(60);
    w.infrastructure.micro_batch_overhead = test::seconds(0);
    w.infrastructure.job_startup = test::seconds(0);
    w.infrastructure.batch_schedule = test::seconds(3600);
    pipeline::SimulateOptions options;
    options.modes = {Mode::batch, Mode::micro_batch};
    const auto r = pipeline::simulate(w, w.use_cases[0], options);
    const auto& m = r.modes.at(Mode::micro_batch);
    // Fluid limit D + lambda D / (C - lambda) = 1200 s, plus up to a trigger of granularity.
    CHECK(m.drills[0].recovery_seconds >= 1200 * 0.95);
    CHECK(m.drills[0].recovery_seconds <= 1200 + 60 + 60);
    const auto& b = r.modes.at(Mode::batch);
    // The 01:00 run falls inside the outage: a catch-up run starts at its end and reads
    // 3600 + 600 s of data at 50/s on 100/s of capacity.
    CHECK(b.drills[0].recovery_seconds == Approx(600 + 50.0 * 4200 / 100).epsilon(1e-6));
    CHECK(b.events_lost == 0);
}

TEST_CASE("an in-memory state store larger than the cluster fails over and over", "[pipeline][failures]") {
    auto w = oom_workload(86400, 2);
    const auto oom = pipeline::simulate(w, w.use_cases[0], test::only(Mode::streaming));
    w.infrastructure.state_store = model::StateStore::rocksdb;
    const auto fine = pipeline::simulate(w, w.use_cases[0], test::only(Mode::streaming));
    const auto& o = oom.modes.at(Mode::streaming);
    const auto& f = fine.modes.at(Mode::streaming);
    // One cycle = detection 15m + startup 3m + restore of 192 GiB at 100 MiB/s (~33 min).
    CHECK(o.recovery.failures >= 2 * 20);
    CHECK(f.recovery.failures == 0);
    CHECK(o.lag.max > 12 * 3600.0);
    CHECK(o.lag.mean > 100 * f.lag.mean);
    CHECK(o.sla_attainment < 0.05);
    CHECK(f.sla_attainment > 0.0);
    CHECK(o.usage.incidents_per_month > 0);
}

TEST_CASE("a restart loop over ten years is one outage and one record", "[pipeline][failures]") {
    // Memory does not grow with the horizon: the loop's cycles follow one another, so they are
    // kept as one outage and one record of `repeat` failures, each still counted and resolved.
    auto w = oom_workload(3650 * 86400.0, 1);
    w.simulation.granularity = model::Granularity::automatic;
    const pipeline::Plan plan = pipeline::make_plan(w, w.use_cases[0], test::only(Mode::streaming));
    REQUIRE(plan.oom);
    des::Rng rng(1, 1);
    const pipeline::OutagePlan op = pipeline::plan_outages(plan, Mode::streaming, rng);
    const double cycle = pipeline::to_seconds(plan.auto_detect + plan.restart_delay + plan.restore);
    const double loop_seconds = plan.horizon_seconds - pipeline::to_seconds(plan.oom_first);
    CHECK(op.failures == static_cast<std::int64_t>(std::ceil(loop_seconds / cycle)));
    CHECK(op.failures > 100'000);
    CHECK(op.outages.size() == 1);
    REQUIRE(op.records.size() == 1);
    CHECK(op.records[0].repeat == op.failures);
    // Every cycle is resolved: the recovery histogram holds one value per failure.
    const auto r = pipeline::simulate(w, w.use_cases[0], test::only(Mode::streaming));
    CHECK(r.modes.at(Mode::streaming).recovery.failures == op.failures);
}

TEST_CASE("a corrupt checkpoint with short retention loses events", "[pipeline][failures]") {
    auto w = test::queue_workload(1, 100, 1, 2 * 86400, 4);
    w.simulation.failures.enabled = true;
    w.simulation.failures.node_mtbf = test::seconds(12 * 3600);
    w.simulation.failures.bad_deploy_every = util::Duration{0};
    w.simulation.failures.checkpoint_corruption_probability = 1.0;
    w.use_cases[0].computation.stateful = true;
    w.use_cases[0].computation.window = test::seconds(2 * 3600);
    w.infrastructure.retention = test::seconds(1800);
    const auto corrupt = pipeline::simulate(w, w.use_cases[0], test::only(Mode::streaming));
    w.simulation.failures.checkpoint_corruption_probability = 0.0;
    const auto clean = pipeline::simulate(w, w.use_cases[0], test::only(Mode::streaming));
    const auto& c = corrupt.modes.at(Mode::streaming);
    const auto& k = clean.modes.at(Mode::streaming);
    REQUIRE(c.recovery.failures > 0);
    // Each rebuild misses the 2h - 30m of state the log no longer holds (1 event/s).
    const double per_failure = 1.0 * (2 * 3600 - 1800);
    CHECK(static_cast<double>(c.events_lost) >=
          per_failure * static_cast<double>(c.recovery.failures) / 4.0 * 0.99);
    CHECK(c.events_lost > k.events_lost);
    CHECK(c.recovery.mean > k.recovery.mean);
}

TEST_CASE("a more mature team recovers faster", "[pipeline][failures]") {
    auto w = test::queue_workload(10, 100, 1, 7 * 86400, 4);
    w.simulation.granularity = model::Granularity::automatic;
    w.simulation.failures.enabled = true;
    w.simulation.failures.node_mtbf = test::seconds(86400);
    w.simulation.failures.bad_deploy_every = test::seconds(3 * 86400);
    w.simulation.failures.checkpoint_corruption_probability = 0.0;
    pipeline::SimulateOptions options;  // all modes
    options.max_entities_per_replication = 20'000;
    w.team.maturity = model::Maturity::low;
    const auto low = pipeline::simulate(w, w.use_cases[0], options);
    w.team.maturity = model::Maturity::high;
    const auto high = pipeline::simulate(w, w.use_cases[0], options);
    for (Mode m : pipeline::k_all_modes) {
        INFO(pipeline::to_string(m));
        const auto& l = low.modes.at(m);
        const auto& h = high.modes.at(m);
        REQUIRE(l.recovery.failures > 0);
        REQUIRE(h.recovery.failures > 0);
        CHECK(h.recovery.mean < l.recovery.mean);
        CHECK(h.lag.mean <= l.lag.mean);
        double low_hours = 0, high_hours = 0;
        for (double v : l.usage.incident_hours_per_month_by_replication) low_hours += v;
        for (double v : h.usage.incident_hours_per_month_by_replication) high_hours += v;
        CHECK(high_hours < low_hours);
    }
    // Streaming: node failures restart by themselves in about a minute; a bad deploy waits for
    // detection and a rollback (low: 60 + 120 min, high: 5 + 15 min).
    CHECK(low.modes.at(Mode::streaming).recovery.p95 > 3 * 3600);
    CHECK(high.modes.at(Mode::streaming).recovery.p95 < 3600);
    CHECK(low.modes.at(Mode::streaming).recovery.automatic_restarts > 0);
}

TEST_CASE("without on-call a night-time failure waits for the morning", "[pipeline][failures]") {
    auto w = test::queue_workload(10, 100, 1, 86400, 1);
    w.team.maturity = model::Maturity::medium;
    w.team.on_call = false;
    const auto plan = pipeline::make_plan(w, w.use_cases[0], {});
    const pipeline::Ticks hour = 3600 * pipeline::k_ticks_per_second;
    const pipeline::Ticks base = 15 * 60 * pipeline::k_ticks_per_second;
    CHECK(pipeline::detection_delay(plan, 2 * hour) == 6 * hour + base);
    CHECK(pipeline::detection_delay(plan, 23 * hour) == 9 * hour + base);
    CHECK(pipeline::detection_delay(plan, 14 * hour) == base);
    w.team.on_call = true;
    const auto with_on_call = pipeline::make_plan(w, w.use_cases[0], {});
    CHECK(pipeline::detection_delay(with_on_call, 2 * hour) == base);
}

TEST_CASE("a batch run that loses a node is re-run by the scheduler, no human", "[pipeline][failures]") {
    auto w = test::queue_workload(10, 100, 1, 60 * 86400, 4);
    w.simulation.granularity = model::Granularity::automatic;
    w.simulation.failures.enabled = true;
    w.simulation.failures.node_mtbf = test::seconds(86400);
    w.simulation.failures.bad_deploy_every = util::Duration{0};
    w.infrastructure.batch_schedule = test::seconds(12 * 3600);
    w.infrastructure.job_startup = test::seconds(180);
    const auto r = pipeline::simulate(w, w.use_cases[0], test::only(Mode::batch));
    const auto& b = r.modes.at(Mode::batch);
    REQUIRE(b.recovery.failures > 0);
    CHECK(b.recovery.automatic_restarts == b.recovery.failures);
    // Run time: 180 s + 432000 events / 100/s = 4500 s; Spark notices the loss in 120 s and
    // the re-run takes a full run again.
    CHECK(b.recovery.mean > 120 + 180);
    CHECK(b.recovery.mean < 2 * (120 + 4500));
    CHECK(b.usage.incidents_per_month == 0);
}

TEST_CASE("a batch reading the log loses what retention dropped before each run", "[pipeline][retention]") {
    // Constant arrivals; a run every 12 h reads only what the 6 h retention still holds.
    auto w = test::queue_workload(1, 100, 1, 4 * 86400, 1);
    w.simulation.arrivals = model::ArrivalProcess::constant;
    w.infrastructure.batch_source = model::BatchSource::log;
    w.infrastructure.batch_schedule = test::seconds(12 * 3600);
    w.infrastructure.retention = test::seconds(6 * 3600);
    w.infrastructure.micro_batch_trigger = test::seconds(120);
    w.infrastructure.micro_batch_overhead = test::seconds(1);
    pipeline::SimulateOptions options;
    options.modes = {Mode::batch, Mode::micro_batch};
    const auto r = pipeline::simulate(w, w.use_cases[0], options);
    const auto& b = r.modes.at(Mode::batch);
    CHECK(static_cast<double>(b.events_lost) == Approx(0.5 * 4 * 86400).epsilon(0.001));
    // Lost events count as misses; the survivors are at most 6 h old when read.
    CHECK(b.sla_attainment == 0.0);
    CHECK(b.lag.max == Approx(6 * 3600 + 180 + 6 * 3600 / 100.0).epsilon(1e-4));
    CHECK(r.modes.at(Mode::micro_batch).events_lost == 0);
}

TEST_CASE("events dropped by the watermark count against the SLA", "[pipeline][retention]") {
    auto w = test::queue_workload(10, 1000, 1, 6 * 3600, 1);
    w.use_cases[0].computation.stateful = true;
    w.use_cases[0].computation.window = test::seconds(10);
    w.use_cases[0].data.late_arrivals = {0.3, test::seconds(30), test::seconds(600)};
    w.use_cases[0].latency.sla = test::seconds(3600);
    w.proposal.watermark = test::seconds(0);
    const auto r = pipeline::simulate(w, w.use_cases[0], test::only(Mode::streaming));
    const auto& s = r.modes.at(Mode::streaming);
    // With no watermark every late event is dropped; everything else is emitted in time.
    CHECK(s.late_events_dropped_fraction == Approx(0.3).epsilon(0.02));
    CHECK(s.sla_attainment == Approx(1.0 - s.late_events_dropped_fraction).epsilon(1e-9));
}

TEST_CASE("a drill on an M/M/1 stream recovers in D + lambda D / (C - lambda) on average",
          "[pipeline][drill]") {
    const double lambda = 50, capacity = 100, outage = 600;
    auto w = test::queue_workload(lambda, capacity, 1, 2 * 3600, 4);
    test::quiet_failures(w);
    w.simulation.failures.drills.push_back({test::seconds(1800), test::seconds(outage)});
    const auto r = pipeline::simulate(w, w.use_cases[0], test::only(Mode::streaming));
    const auto& s = r.modes.at(Mode::streaming);
    // Poisson arrivals and exponential service: the busy period after the outage drains the
    // backlog's work at 1 - rho, in expectation exactly the fluid formula.
    CHECK(s.drills[0].recovery_seconds ==
          Approx(outage + lambda * outage / (capacity - lambda)).epsilon(0.01));
}
