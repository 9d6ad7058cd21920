#include <catch2/catch.hpp>

#include <cmath>

#include "advisor_fixtures.hpp"
#include "pipeadvise/advisor/estimates.hpp"
#include "pipeadvise/advisor/wording.hpp"

using namespace advisor_fixtures;
namespace advisor = pipeadvise::advisor;
namespace model = pipeadvise::model;

TEST_CASE("a lognormal fitted to p50 and p99 reproduces them", "[advisor]") {
    auto fit = advisor::fit_lognormal(30.0, 7200.0);
    CHECK(fit.mu == Approx(std::log(30.0)));
    CHECK(fit.sigma == Approx(std::log(240.0) / 2.3263478740408408));
    CHECK(advisor::lognormal_survival(fit, 30.0) == Approx(0.5));
    CHECK(advisor::lognormal_survival(fit, 7200.0) == Approx(0.01).epsilon(1e-6));
    CHECK(advisor::lognormal_survival(fit, 0.0) == 1.0);
    // a known value: z = ln(20) / sigma, P(Z > z) for z = 1.27155
    CHECK(advisor::lognormal_survival(fit, 600.0) == Approx(0.1018).margin(0.0005));
    // degenerate spread: all the mass at the median
    auto point = advisor::fit_lognormal(60.0, 60.0);
    CHECK(point.sigma == 0.0);
    CHECK(advisor::lognormal_survival(point, 59.0) == 1.0);
    CHECK(advisor::lognormal_survival(point, 61.0) == 0.0);
}

TEST_CASE("watermark drop fraction is the late share beyond the watermark", "[advisor]") {
    model::LateArrivals late;
    late.fraction = 0.02;
    late.p50 = secs(30);
    late.p99 = secs(7200);
    CHECK(advisor::watermark_drop_fraction(late, secs(7200)) == Approx(0.0002).epsilon(1e-6));
    CHECK(advisor::watermark_drop_fraction(late, secs(600)) == Approx(0.02 * 0.1018).margin(1e-5));
    CHECK(advisor::watermark_drop_fraction(late, secs(0)) == Approx(0.02));
    late.fraction = 0.0;
    CHECK(advisor::watermark_drop_fraction(late, secs(1)) == 0.0);
}

TEST_CASE("recovery estimates follow the maturity table", "[advisor]") {
    CHECK(advisor::incident_times(model::Maturity::low).detection_seconds == 3600.0);
    CHECK(advisor::incident_times(model::Maturity::low).repair_seconds == 7200.0);
    CHECK(advisor::incident_times(model::Maturity::medium).detection_seconds == 900.0);
    CHECK(advisor::incident_times(model::Maturity::medium).repair_seconds == 2700.0);
    CHECK(advisor::incident_times(model::Maturity::high).detection_seconds == 300.0);
    CHECK(advisor::incident_times(model::Maturity::high).repair_seconds == 900.0);

    auto w = sound_streaming();
    const auto& uc = w.use_cases[0];
    const double rate = 10e6 / 86400.0;
    auto r = advisor::worst_case_recovery(model::Architecture::full_streaming, uc, w.team, w.infrastructure);
    CHECK(r.detection_seconds == 900.0);
    CHECK(r.repair_seconds == 2700.0 + 2700.0);  // rollback + corrupted checkpoint
    CHECK(r.restart_seconds == 180.0);
    CHECK(r.restore_seconds == Approx(60.0 * rate * 3 / 50000.0 + 20.0 * 1024 / (10 * 100.0)));
    CHECK(r.rebuild_seconds == Approx(rate * 10.0 / 50000.0));  // the 10s window's events
    CHECK(r.total_seconds() == Approx(900.0 + 5400.0 + 180.0 + r.restore_seconds + r.rebuild_seconds));

    auto unready = w.team;
    unready.on_call = false;
    unready.recovery_runbook = false;
    auto u = advisor::worst_case_recovery(model::Architecture::full_streaming, uc, unready, w.infrastructure);
    CHECK(u.detection_seconds == 900.0 + 10 * 3600.0);
    CHECK(u.repair_seconds == 2700.0 + 2 * 2700.0);

    auto s =
        advisor::worst_case_recovery(model::Architecture::simple_streaming, uc, w.team, w.infrastructure);
    CHECK(s.total_seconds() == Approx(900.0 + 2700.0 + 180.0 + 60.0 * rate * 3 / 50000.0));
    auto b = advisor::worst_case_recovery(model::Architecture::batch, uc, w.team, w.infrastructure);
    CHECK(b.wait_seconds == Approx(12 * 3600.0 + 180.0 + rate * 12 * 3600 / 50000.0));
    CHECK(b.restart_seconds == 0.0);

    // full_history state covers the history, capped by the retention for the replay
    auto history = uc;
    history.computation.window.reset();
    history.computation.kind = model::ComputationKind::full_history;
    history.data.history = secs(365 * 86400);
    CHECK(advisor::state_horizon_seconds(history, w.infrastructure) == 365 * 86400.0);
    auto h =
        advisor::worst_case_recovery(model::Architecture::full_streaming, history, w.team, w.infrastructure);
    CHECK(h.rebuild_seconds == Approx(rate * 7 * 86400 / 50000.0));
    history.computation.kind = model::ComputationKind::sessionization;
    CHECK(advisor::state_horizon_seconds(history, w.infrastructure) == 60.0);
}

TEST_CASE("wording helpers", "[advisor]") {
    CHECK(advisor::percent(0.016) == "1.6%");
    CHECK(advisor::percent(0.00204) == "0.20%");
    CHECK(advisor::percent(0.0000312) == "0.0031%");
    CHECK(advisor::percent(0.25) == "25%");
    CHECK(advisor::percent(0.0) == "0%");
    CHECK(advisor::times(4.1) == "4.1×");
    CHECK(advisor::count_text(1234) == "1234");
    CHECK(advisor::count_text(350870575) == "350.9M");
    CHECK(advisor::count_text(3.615e9) == "3.6G");
    CHECK(advisor::count_text(12345) == "12.3k");
    CHECK(advisor::times(12.4) == "12×");
    CHECK(advisor::join_words({"a"}) == "a");
    CHECK(advisor::join_words({"a", "b"}) == "a and b");
    CHECK(advisor::join_words({"a", "b", "c"}) == "a, b and c");
}
