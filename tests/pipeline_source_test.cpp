// The plan and the source: diurnal shape, arrival order, late data, aggregate service.
#include <catch2/catch.hpp>

#include <cmath>

#include "pipeadvise/des/random.hpp"
#include "pipeadvise/pipeline/plan.hpp"
#include "pipeadvise/pipeline/source.hpp"
#include "pipeline_test_support.hpp"

using namespace pipeadvise;
using pipeline::Mode;

TEST_CASE("the diurnal shape has mean 1, the stated peak and is never negative", "[pipeline][source]") {
    for (const double peak : {1.0, 1.5, 2.0, 3.0, 6.0}) {
        INFO("peak_to_mean " << peak);
        auto w = test::queue_workload(10, 100, 1, 86400, 1);
        w.simulation.arrivals = model::ArrivalProcess::diurnal;
        w.use_cases[0].data.peak_to_mean = peak;
        const auto plan = pipeline::make_plan(w, w.use_cases[0], {});
        double sum = 0, top = 0, bottom = 1e9;
        const int n = 86400;
        for (int i = 0; i < n; ++i) {
            const double f = pipeline::rate_shape(plan, i + 0.5);
            sum += f;
            top = std::max(top, f);
            bottom = std::min(bottom, f);
        }
        CHECK(sum / n == Approx(1.0).epsilon(1e-4));
        CHECK(top == Approx(peak).epsilon(1e-4));
        CHECK(bottom >= 0.0);
        CHECK(pipeline::rate_shape(plan, 14 * 3600.0) == Approx(peak).epsilon(1e-6));
    }
}

TEST_CASE("the source delivers in arrival order with the stated late share and lateness",
          "[pipeline][source]") {
    auto w = test::queue_workload(100, 1000, 1, 3 * 3600, 1);
    w.use_cases[0].data.late_arrivals = {0.2, test::seconds(30), test::seconds(600)};
    const auto plan = pipeline::make_plan(w, w.use_cases[0], {});
    des::Rng rng(7, 0);
    pipeline::Source source(plan, rng, true);
    pipeline::Entity e;
    pipeline::Ticks last = 0;
    double events = 0, late = 0, work = 0;
    std::vector<double> lateness;
    bool ordered = true;
    while (source.next(e)) {
        ordered = ordered && e.arrival >= last;
        last = e.arrival;
        events += e.weight;
        work += e.work;
        if (e.late) {
            late += e.weight;
            lateness.push_back(pipeline::to_seconds(e.arrival - e.event_time));
        }
    }
    CHECK(ordered);
    CHECK(events == Approx(100.0 * 3 * 3600).epsilon(0.01));
    CHECK(late / events == Approx(0.2).epsilon(0.02));
    std::sort(lateness.begin(), lateness.end());
    CHECK(lateness[lateness.size() / 2] == Approx(30).epsilon(0.03));
    CHECK(lateness[lateness.size() * 99 / 100] == Approx(600).epsilon(0.08));
    // Exponential service with mean 1/mu.
    CHECK(work / events == Approx(1.0 / 1000).epsilon(0.01));
}

TEST_CASE("grouped entities carry the volume and the summed service", "[pipeline][source]") {
    auto w = test::queue_workload(1e9 / 86400, 2e4, 100, 86400, 1);
    w.simulation.granularity = model::Granularity::automatic;
    w.simulation.service = model::ServiceDistribution::lognormal;
    w.use_cases[0].data.late_arrivals = {0.05, test::seconds(60), test::seconds(3600)};
    const auto plan = pipeline::make_plan(w, w.use_cases[0], {});
    REQUIRE(plan.grouped);
    des::Rng rng(3, 1);
    pipeline::Source source(plan, rng, true);
    pipeline::Entity e;
    double events = 0, late = 0, work = 0;
    std::int64_t entities = 0;
    while (source.next(e)) {
        ++entities;
        events += e.weight;
        work += e.work;
        if (e.late) late += e.weight;
    }
    CHECK(entities <= pipeline::k_entity_budget + 2);
    CHECK(events == Approx(1e9).epsilon(0.001));
    CHECK(late / events == Approx(0.05).epsilon(1e-9));
    CHECK(work == Approx(1e9 / 2e4).epsilon(0.001));
}

TEST_CASE("aggregate service has the sum's mean and variance", "[pipeline][source]") {
    auto w = test::queue_workload(10, 50, 1, 3600, 1);
    for (const auto service :
         {model::ServiceDistribution::exponential, model::ServiceDistribution::lognormal}) {
        w.simulation.service = service;
        const auto plan = pipeline::make_plan(w, w.use_cases[0], {});
        des::Rng rng(11, 0);
        for (const double n : {5.0, 400.0}) {
            INFO("n " << n);
            double sum = 0, sum2 = 0;
            const int draws = 20000;
            for (int i = 0; i < draws; ++i) {
                const double s = pipeline::aggregate_service(rng, plan, n);
                sum += s;
                sum2 += s * s;
            }
            const double mean = sum / draws, var = sum2 / draws - mean * mean;
            CHECK(mean == Approx(n / 50).epsilon(0.01));
            CHECK(var == Approx(n * plan.service_cv2 / (50.0 * 50.0)).epsilon(0.05));
        }
    }
    w.simulation.service = model::ServiceDistribution::deterministic;
    const auto plan = pipeline::make_plan(w, w.use_cases[0], {});
    des::Rng rng(1, 0);
    CHECK(pipeline::aggregate_service(rng, plan, 10) == Approx(0.2));
}

TEST_CASE("documented defaults: window 1 min, watermark = late p99 unless proposed", "[pipeline][plan]") {
    auto w = test::queue_workload(10, 100, 1, 3600, 1);
    w.use_cases[0].computation.stateful = true;
    auto plan = pipeline::make_plan(w, w.use_cases[0], {});
    CHECK(plan.window == 60 * pipeline::k_ticks_per_second);
    CHECK(plan.watermark == 0);
    w.use_cases[0].data.late_arrivals = {0.1, test::seconds(30), test::seconds(7200)};
    plan = pipeline::make_plan(w, w.use_cases[0], {});
    CHECK(plan.watermark == 7200 * pipeline::k_ticks_per_second);
    w.proposal.watermark = test::seconds(600);
    plan = pipeline::make_plan(w, w.use_cases[0], {});
    CHECK(plan.watermark == 600 * pipeline::k_ticks_per_second);
    // Restore at 100 MiB/s per node.
    w.use_cases[0].computation.state_size_bytes = 100LL * 1024 * 1024 * 60;
    plan = pipeline::make_plan(w, w.use_cases[0], {});
    CHECK(plan.restore == 60 * pipeline::k_ticks_per_second);
    CHECK(plan.response.detect_seconds == physics::incident_response(w.team.maturity).detect_seconds);
}

TEST_CASE("the trace shows the backlog a drill builds and drains", "[pipeline][trace]") {
    auto w = test::queue_workload(50, 100, 1, 4 * 3600, 1);
    w.simulation.arrivals = model::ArrivalProcess::constant;
    w.simulation.service = model::ServiceDistribution::deterministic;
    test::quiet_failures(w);
    w.simulation.failures.drills.push_back({test::seconds(3600), test::seconds(600)});
    auto options = test::only(Mode::streaming);
    options.trace = true;
    options.trace_interval_seconds = 60;
    const auto r = pipeline::simulate(w, w.use_cases[0], options);
    REQUIRE(r.trace.size() == 4 * 60 + 1);
    double peak = 0, peak_time = 0;
    for (const auto& t : r.trace) {
        CHECK(t.mode == "streaming");
        if (t.backlog_events > peak) {
            peak = t.backlog_events;
            peak_time = t.time_seconds;
        }
    }
    // lambda * outage events wait when processing resumes; drained 600 s later.
    CHECK(peak == Approx(50.0 * 600).epsilon(0.01));
    CHECK(peak_time == Approx(4200));
    CHECK(r.trace[30].backlog_events < 2);
    CHECK(r.trace[30].throughput_per_second == Approx(50).epsilon(0.02));
    CHECK(r.trace[90].backlog_events < 2);
}
