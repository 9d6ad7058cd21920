#include <catch2/catch.hpp>

#include <cmath>

#include "pipeadvise/physics/calendar.hpp"
#include "pipeadvise/physics/diurnal.hpp"
#include "pipeadvise/physics/incidents.hpp"
#include "pipeadvise/physics/lateness.hpp"
#include "pipeadvise/physics/queueing.hpp"
#include "pipeadvise/physics/recovery.hpp"

using namespace pipeadvise;

namespace {

util::Duration secs(std::int64_t s) {
    return util::Duration::from_seconds_int(s);
}

}  // namespace

TEST_CASE("watermark drop fraction is the late share beyond the watermark", "[physics]") {
    model::LateArrivals late;
    late.fraction = 0.02;
    late.p50 = secs(30);
    late.p99 = secs(7200);
    CHECK(physics::watermark_drop_fraction(late, secs(7200)) == Approx(0.0002).epsilon(1e-6));
    // z = ln(20) / sigma = 1.27155, P(Z > z) = 0.1018
    CHECK(physics::watermark_drop_fraction(late, secs(600)) == Approx(0.02 * 0.1018).margin(1e-5));
    CHECK(physics::watermark_drop_fraction(late, secs(0)) == Approx(0.02));
    // p99 at the median: every late event arrives at the median
    late.p99 = secs(30);
    CHECK(physics::watermark_drop_fraction(late, secs(29)) == Approx(0.02));
    CHECK(physics::watermark_drop_fraction(late, secs(31)) == 0.0);
    late.fraction = 0.0;
    CHECK(physics::watermark_drop_fraction(late, secs(1)) == 0.0);
}

TEST_CASE("incident response follows the maturity table and the night", "[physics]") {
    CHECK(physics::incident_response(model::Maturity::low).detect_seconds == 3600.0);
    CHECK(physics::incident_response(model::Maturity::low).repair_seconds == 7200.0);
    CHECK(physics::incident_response(model::Maturity::medium).detect_seconds == 900.0);
    CHECK(physics::incident_response(model::Maturity::medium).repair_seconds == 2700.0);
    CHECK(physics::incident_response(model::Maturity::high).detect_seconds == 300.0);
    CHECK(physics::incident_response(model::Maturity::high).repair_seconds == 900.0);
    CHECK(physics::checkpoint_repair_seconds({900, 2700}, false) == 5400.0);
    CHECK(physics::checkpoint_repair_seconds({900, 2700}, true) == 2700.0);
    const std::int64_t hour = 3600 * util::k_ns_per_second;
    CHECK(physics::unattended_wait_ns(22 * hour) == 10 * hour);
    CHECK(physics::unattended_wait_ns(2 * hour) == 6 * hour);
    CHECK(physics::unattended_wait_ns(14 * hour) == 0);
    CHECK(physics::unattended_wait_ns(3 * 24 * hour + 23 * hour) == 9 * hour);
    CHECK(physics::k_unattended_night_seconds == 10 * 3600.0);
}

TEST_CASE("restore, replay and rebuild times", "[physics]") {
    CHECK(physics::state_restore_seconds(100.0 * 1024 * 1024 * 60, 1) == 60.0);
    CHECK(physics::state_restore_seconds(100.0 * 1024 * 1024 * 60, 6) == 10.0);
    CHECK(physics::checkpoint_replay_seconds(60, 50, 100) == 30.0);
    CHECK(physics::checkpoint_replay_seconds(60, 500, 100) == 60.0);
    CHECK(physics::rebuild_seconds(100, 3600, 1000) == 360.0);
    CHECK(std::isinf(physics::rebuild_seconds(100, 3600, 0)));
}

TEST_CASE("Erlang C and the M/G/c wait match textbook values", "[physics]") {
    // M/M/1: P(wait) = rho; Wq = rho / (mu - lambda)
    CHECK(physics::erlang_c(1, 0.5) == Approx(0.5));
    CHECK(physics::mgc_wait_seconds(1, 10, 0.5, 1, 1) == Approx(0.5 / (10 - 5)));
    // M/M/2 at rho 0.5: C = 1/3
    CHECK(physics::erlang_c(2, 0.5) == Approx(1.0 / 3.0));
    // M/D/1: half the M/M/1 wait (Pollaczek-Khinchine)
    CHECK(physics::mgc_wait_seconds(1, 10, 0.8, 1, 0) == Approx(0.5 * 0.8 / (10 - 8)));
    CHECK(physics::service_cv2(model::ServiceDistribution::lognormal) == Approx(0.25));
    CHECK(physics::arrival_cv2(model::ArrivalProcess::constant) == 0.0);
}

TEST_CASE("the diurnal shape has mean 1 and the stated peak at 14:00", "[physics]") {
    for (double peak : {1.5, 2.0, 3.0, 6.0}) {
        INFO(peak);
        const physics::DiurnalShape shape = physics::fit_diurnal_shape(peak);
        double sum = 0.0;
        const int n = 4096;
        for (int i = 0; i < n; ++i)
            sum += physics::diurnal_shape_value(shape, physics::k_seconds_per_day * i / n);
        CHECK(sum / n == Approx(1.0).epsilon(1e-6));
        CHECK(physics::diurnal_shape_value(shape, 14 * 3600.0) == Approx(peak).epsilon(1e-9));
        CHECK(physics::diurnal_shape_value(shape, 2 * 3600.0) >= 0.0);
    }
    CHECK(physics::fit_diurnal_shape(1.0).scale == 0.0);
}

TEST_CASE("a daily peak above capacity builds the fluid backlog and drains at the spare rate", "[physics]") {
    // 200/s from 10:00 to 11:00 and 50/s otherwise, against 100/s: 100/s too many for an hour
    // (360,000 events at 11:00), then drained at 50/s spare (7,200 s, back to empty at 13:00).
    const auto rate = [](double t) {
        const double hour = std::fmod(t, physics::k_seconds_per_day) / 3600.0;
        return hour >= 10.0 && hour < 11.0 ? 200.0 : 50.0;
    };
    const physics::PeakBacklog b = physics::diurnal_peak_backlog(rate, 100.0);
    CHECK(b.events == Approx(360000.0));
    CHECK(b.drain_seconds == Approx(7200.0).margin(30.0));  // one 30 s step
    // A peak that ends near midnight carries its backlog into the next day: the second day
    // starts with it, so the peak is measured on a day like every other.
    const auto late = [](double t) {
        const double hour = std::fmod(t, physics::k_seconds_per_day) / 3600.0;
        return hour >= 23.0 ? 400.0 : 50.0;
    };
    const physics::PeakBacklog c = physics::diurnal_peak_backlog(late, 100.0);
    CHECK(c.events == Approx(300.0 * 3600.0));
    CHECK(c.drain_seconds == Approx(300.0 * 3600.0 / 50.0).margin(30.0));  // 6 h, past midnight
    // Under capacity all day: nothing.
    const physics::PeakBacklog none = physics::diurnal_peak_backlog([](double) { return 99.0; }, 100.0);
    CHECK(none.events == 0.0);
    CHECK(none.drain_seconds == 0.0);
}

TEST_CASE("reflected random walk mean follows Spitzer's identity", "[physics][queueing]") {
    // E[W] / sd = sum over k of E[S_k+] / k for normal steps of mean -r, sd 1, summed here with
    // the C library's erfc (the implementation uses its own tail and exp).
    const auto spitzer = [](double r) {
        double sum = 0.0;
        for (int k = 1; k < 2'000'000; ++k) {
            const double a = r * std::sqrt(static_cast<double>(k));
            const double pdf = std::exp(-0.5 * a * a) / std::sqrt(2.0 * M_PI);
            sum +=
                (std::sqrt(static_cast<double>(k)) * pdf - k * r * 0.5 * std::erfc(a / std::sqrt(2.0))) / k;
            if (a > 12.0) break;
        }
        return sum;
    };
    for (const double r : {0.2, 0.363, 0.5, 0.75, 1.0, 1.68, 3.0}) {
        INFO("drift/sd " << r);
        CHECK(physics::reflected_walk_mean(r, 0.0) == Approx(spitzer(r)).epsilon(1e-4).margin(1e-7));
    }
    // Heavy traffic: Siegmund's expansion 1/(2r) - 0.5826 + r/4 meets the series below 0.2.
    for (const double r : {0.05, 0.1, 0.199}) {
        INFO("drift/sd " << r);
        CHECK(physics::reflected_walk_mean(r, 0.0) == Approx(spitzer(r)).epsilon(2e-3));
    }
    // Right-skewed steps wait longer; no drift or a large one gives nothing to wait for.
    CHECK(physics::reflected_walk_mean(0.75, 0.2) > physics::reflected_walk_mean(0.75, 0.0));
    CHECK(physics::reflected_walk_mean(0.75, 0.2) == Approx(0.2484 + 0.2 / 6 * 0.5802).epsilon(1e-3));
    CHECK(physics::reflected_walk_mean(0.0, 0.0) == 0.0);
    CHECK(physics::reflected_walk_mean(9.5, 0.0) == 0.0);
}
