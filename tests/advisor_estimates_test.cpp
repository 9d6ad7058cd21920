#include <catch2/catch.hpp>

#include "advisor_fixtures.hpp"
#include "pipeadvise/advisor/estimates.hpp"
#include "pipeadvise/advisor/wording.hpp"

using namespace advisor_fixtures;
namespace advisor = pipeadvise::advisor;
namespace model = pipeadvise::model;

TEST_CASE("the worst-case recovery the advisor quotes follows the maturity table", "[advisor]") {
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
