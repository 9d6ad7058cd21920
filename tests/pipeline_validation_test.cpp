// Spec §6: the simulator against queueing theory and the closed forms of each mode.
#include <catch2/catch.hpp>

#include <cmath>

#include "pipeadvise/des/stats.hpp"
#include "pipeadvise/pipeline/simulate.hpp"
#include "pipeline_test_support.hpp"

using namespace pipeadvise;
using pipeline::Mode;
using test::queue_workload;

namespace {

// Erlang C by its textbook sum (independent of the simulator's own helper).
double erlang_c_sum(int c, double a) {
    double term = 1.0, sum = 0.0;
    for (int k = 0; k < c; ++k) {
        if (k > 0) term *= a / k;
        sum += term;
    }
    const double top = term * a / c / (1.0 - a / c);
    return top / (sum + top);
}

// Quantile read from the chart histogram (bucket upper bounds, 1% relative width).
double histogram_quantile(const pipeline::ModeResult& r, double q) {
    double cumulative = 0;
    for (const auto& [upper, share] : r.lag_histogram) {
        cumulative += share;
        if (cumulative >= q - 1e-12) return upper;
    }
    return r.lag.max;
}

const pipeline::ModeResult& streaming_of(const pipeline::SimulationResult& r) {
    return r.modes.at(Mode::streaming);
}

}  // namespace

TEST_CASE("streaming M/M/1 mean lag is 1/(mu - lambda) at rho 0.5", "[pipeline][validation]") {
    const double mu = 1000, lambda = 500;
    const auto w = queue_workload(lambda, mu, 1, 100, 10);
    const auto r = pipeline::simulate(w, w.use_cases[0], test::only(Mode::streaming));
    const auto& s = streaming_of(r);
    const double expected = 1.0 / (mu - lambda);
    CHECK(s.lag.mean == Approx(expected).epsilon(0.02));
    CHECK(s.lag.mean_ci95->at(0) <= expected);
    CHECK(s.lag.mean_ci95->at(1) >= expected);
    // Sojourn in M/M/1 is exponential with rate mu - lambda: p95 = ln(20)/(mu - lambda).
    CHECK(s.lag.p95 == Approx(std::log(20.0) * expected).epsilon(0.03));
    CHECK(s.events_lost == 0);
    CHECK(r.events_simulated == s.entities_simulated);
    CHECK(s.events_per_replication == Approx(lambda * 100).epsilon(0.01));
}

TEST_CASE("streaming M/M/1 mean lag is 1/(mu - lambda) at rho 0.8", "[pipeline][validation]") {
    const double mu = 1000, lambda = 800;
    const auto w = queue_workload(lambda, mu, 1, 250, 10);
    const auto r = pipeline::simulate(w, w.use_cases[0], test::only(Mode::streaming));
    const auto& s = streaming_of(r);
    const double expected = 1.0 / (mu - lambda);
    CHECK(s.lag.mean == Approx(expected).epsilon(0.02));
    CHECK(s.lag.mean_ci95->at(0) <= expected);
    CHECK(s.lag.mean_ci95->at(1) >= expected);
}

TEST_CASE("streaming with deterministic service is M/D/1 (Pollaczek-Khinchine)", "[pipeline][validation]") {
    const double mu = 1000, lambda = 800, rho = lambda / mu;
    auto w = queue_workload(lambda, mu, 1, 150, 10);
    w.simulation.service = model::ServiceDistribution::deterministic;
    const auto r = pipeline::simulate(w, w.use_cases[0], test::only(Mode::streaming));
    const double expected = 1.0 / mu + rho / (2.0 * mu * (1.0 - rho));
    CHECK(streaming_of(r).lag.mean == Approx(expected).epsilon(0.02));
    CHECK(streaming_of(r).lag.mean_ci95->at(0) <= expected);
    CHECK(streaming_of(r).lag.mean_ci95->at(1) >= expected);
}

TEST_CASE("streaming on c nodes is M/M/c (Erlang C)", "[pipeline][validation]") {
    const int c = 3;
    const double mu = 1000, lambda = 2400;
    const auto w = queue_workload(lambda, mu, c, 80, 10);
    const auto r = pipeline::simulate(w, w.use_cases[0], test::only(Mode::streaming));
    const double expected = erlang_c_sum(c, lambda / mu) / (c * mu - lambda) + 1.0 / mu;
    CHECK(streaming_of(r).lag.mean == Approx(expected).epsilon(0.02));
    CHECK(streaming_of(r).lag.mean_ci95->at(0) <= expected);
    CHECK(streaming_of(r).lag.mean_ci95->at(1) >= expected);
}

TEST_CASE("Little's law holds on the simulated streaming queue", "[pipeline][validation]") {
    const double mu = 1000, lambda = 500, rho = lambda / mu;
    const auto w = queue_workload(lambda, mu, 1, 100, 10);
    auto options = test::only(Mode::streaming);
    options.measure_number_in_system = true;
    const auto r = pipeline::simulate(w, w.use_cases[0], options);
    const auto& s = streaming_of(r);
    // L from the time-averaged number in system (its own accounting); lambda W from the lags.
    CHECK(s.mean_number_in_system == Approx(lambda * s.lag.mean).epsilon(0.01));
    CHECK(s.mean_number_in_system == Approx(rho / (1.0 - rho)).epsilon(0.02));
}

TEST_CASE("batch with constant arrivals has mean lag H/2 + D", "[pipeline][validation]") {
    const double lambda = 10, capacity = 100, schedule = 3600, startup = 60;
    auto w = queue_workload(lambda, capacity, 1, 86400, 1);
    w.simulation.arrivals = model::ArrivalProcess::constant;
    w.infrastructure.batch_schedule = test::seconds(schedule);
    w.infrastructure.job_startup = test::seconds(startup);
    const auto r = pipeline::simulate(w, w.use_cases[0], test::only(Mode::batch));
    const auto& b = r.modes.at(Mode::batch);
    const double run = startup + lambda * schedule / capacity;  // D = startup + events / capacity
    CHECK(b.lag.mean == Approx(schedule / 2 + run).epsilon(0.001));
    CHECK(b.lag.p50 == Approx(schedule / 2 + run).epsilon(0.011));
    CHECK(b.lag.max == Approx(schedule + run).epsilon(0.001));
    // Batch holds nodes only while running: 24 runs of D a day.
    CHECK(b.usage.node_hours_per_month == Approx(30.0 * 24 * run / 3600).epsilon(1e-6));
}

TEST_CASE("micro-batch lag is uniform on [P, T + P]", "[pipeline][validation]") {
    const double lambda = 100, capacity = 1000, trigger = 60, overhead = 5;
    auto w = queue_workload(lambda, capacity, 1, 4 * 3600, 2);
    w.simulation.arrivals = model::ArrivalProcess::constant;
    w.infrastructure.micro_batch_trigger = test::seconds(trigger);
    w.infrastructure.micro_batch_overhead = test::seconds(overhead);
    w.infrastructure.job_startup = test::seconds(0);
    const auto r = pipeline::simulate(w, w.use_cases[0], test::only(Mode::micro_batch));
    const auto& m = r.modes.at(Mode::micro_batch);
    const double p = overhead + lambda * trigger / capacity;
    CHECK(m.lag.mean == Approx(p + trigger / 2).epsilon(0.002));
    CHECK(histogram_quantile(m, 0.05) == Approx(p + 0.05 * trigger).epsilon(0.02));
    CHECK(m.lag.p50 == Approx(p + 0.50 * trigger).epsilon(0.02));
    CHECK(m.lag.p95 == Approx(p + 0.95 * trigger).epsilon(0.02));
    CHECK(m.lag.max == Approx(p + trigger).epsilon(0.002));
}

TEST_CASE("grouped streaming agrees with per-event runs up to utilisation 0.95",
          "[pipeline][validation][grouping]") {
    // M/M/c, c = 1, 4, 16, at rho 0.8 to 0.95, groups of 80 to 95 events (20,000 per
    // replication over 200 s): the sub-slot wait is the Erlang C wait less the reflected walk
    // the groups already show (Spitzer's identity with the steps' skewness). Tolerances: 2% on
    // the mean, 0.01 on the share within 3 ms, and on p95 2% beyond the histogram's resolution
    // (each reported quantile is within des::LogHistogram::k_relative_error, 1%).
    const double p95_tolerance = 0.02 + 2 * des::LogHistogram::k_relative_error;
    for (const int nodes : {1, 4, 16}) {
        for (const double rho : {0.8, 0.9, 0.95}) {
            INFO("nodes " << nodes << ", rho " << rho);
            auto w = queue_workload(rho * 10000.0, 10000.0 / nodes, nodes, 800, 4);
            w.use_cases[0].latency.sla = test::seconds(0.003);
            const auto each = pipeline::simulate(w, w.use_cases[0], test::only(Mode::streaming));
            w.simulation.granularity = model::Granularity::automatic;
            pipeline::SimulateOptions grouped_options = test::only(Mode::streaming);
            grouped_options.max_entities_per_replication = 80000;
            const auto grouped = pipeline::simulate(w, w.use_cases[0], grouped_options);
            const auto& e = each.modes.at(Mode::streaming);
            const auto& g = grouped.modes.at(Mode::streaming);
            REQUIRE(g.entities_simulated <= 4 * 80001);
            REQUIRE(e.entities_simulated > 50 * g.entities_simulated);
            CHECK(g.lag.mean == Approx(e.lag.mean).epsilon(0.02));
            CHECK(g.lag.p95 == Approx(e.lag.p95).epsilon(p95_tolerance));
            CHECK(g.sla_attainment == Approx(e.sla_attainment).margin(0.01));
        }
    }
}

TEST_CASE("the start-empty transient shows on a short horizon and is gone on a long one",
          "[pipeline][validation]") {
    // M/M/1 at rho 0.95 (mu 1000/s): mean sojourn 1 / (mu - lambda) = 20 ms, relaxation time
    // about 1 / (mu (1 - sqrt(rho))^2) = 1.6 s. Started empty, a 1 s run sees a queue that has
    // not filled; the shortfall falls as 1/horizon, so a run of 1,000 relaxation times is
    // within noise of the theory, and the default 7-day horizon (at the default throughput,
    // relaxation times of seconds to a minute) is thousands of relaxation times long.
    const double lambda = 950, mu = 1000, theory = 1.0 / (mu - lambda);
    const auto brief = queue_workload(lambda, mu, 1, 1, 400);
    const auto short_run = pipeline::simulate(brief, brief.use_cases[0], test::only(Mode::streaming));
    CHECK(short_run.modes.at(Mode::streaming).lag.mean < 0.85 * theory);
    const auto w = queue_workload(lambda, mu, 1, 1600, 32);
    const auto long_run = pipeline::simulate(w, w.use_cases[0], test::only(Mode::streaming));
    CHECK(long_run.modes.at(Mode::streaming).lag.mean == Approx(theory).epsilon(0.02));
}
