#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "pipeadvise/cost/calibrate.hpp"
#include "pipeadvise/util/diagnostic.hpp"

using namespace pipeadvise;

namespace {

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(PIPEADVISE_SOURCE_DIR) + "/tests/data/calibrate/" + name);
    REQUIRE(in);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<util::Diagnostic> errors_of(const std::string& text) {
    try {
        cost::parse_runs_csv(text, "runs.csv");
    } catch (const util::Error& e) {
        CHECK(e.exit_code() == 2);
        return e.diagnostics();
    }
    FAIL("expected an input error");
    return {};
}

bool has_warning(const cost::Calibration& c, const std::string& part) {
    for (const auto& w : c.warnings)
        if (w.find(part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("calibrate recovers startup and throughput from exact runs", "[cost][calibrate]") {
    const auto runs = cost::parse_runs_csv(fixture("exact.csv"), "exact.csv");
    REQUIRE(runs.size() == 8);
    CHECK(runs[0].line == 2);
    const auto c = cost::calibrate(runs);
    REQUIRE(c.job_startup_seconds);
    REQUIRE(c.node_throughput);
    CHECK(c.job_startup_seconds->value == Approx(120.0).epsilon(1e-6));
    CHECK(c.node_throughput->value == Approx(800.0).epsilon(1e-6));
    REQUIRE(c.duration.r_squared);
    CHECK(*c.duration.r_squared == Approx(1.0).epsilon(1e-9));
    CHECK(c.duration.residual_max < 1e-3);
    // Cost line: 2.5 USD per run + 1 USD per million events.
    REQUIRE(c.cost);
    CHECK(c.cost->identified);
    CHECK(c.cost->intercept.value == Approx(2.5).epsilon(1e-6));
    CHECK(c.cost->slope.value == Approx(1e-6).epsilon(1e-6));
    CHECK(c.warnings.empty());
    // Cost also follows node-hours closely here, so a node_hour_usd is fitted and pasted.
    REQUIRE(c.node_hour_usd);
    CHECK(cost::infrastructure_snippet(c) ==
          "infrastructure:\n  node_throughput: 800/s\n  job_startup: 2m\n"
          "  node_hour_usd: 2.74\n");
}

TEST_CASE("calibrate fits the price of a node-hour from run costs", "[cost][calibrate]") {
    // cost = 0.10 USD per run + 0.40 USD per node-hour, exactly.
    std::vector<cost::RunObservation> runs;
    const double nodes[] = {2, 4, 4, 8, 1};
    const double seconds[] = {1800, 900, 3600, 7200, 5400};
    for (int i = 0; i < 5; ++i) {
        cost::RunObservation r;
        r.events = 1e6 * (i + 1);
        r.nodes = nodes[i];
        r.duration_seconds = seconds[i];
        r.cost_usd = 0.10 + 0.40 * nodes[i] * seconds[i] / 3600.0;
        runs.push_back(r);
    }
    const auto c = cost::calibrate(runs);
    REQUIRE(c.node_hour_usd);
    CHECK(c.node_hour_usd->value == Approx(0.40).epsilon(1e-9));
    CHECK(c.node_hours_cost->intercept.value == Approx(0.10).epsilon(1e-6));
    CHECK(cost::infrastructure_snippet(c).find("  node_hour_usd: 0.4\n") != std::string::npos);
    // Costs that do not follow node-hours give no price, and say so.
    for (auto& r : runs) r.cost_usd = 5.0 + (r.events > 3e6 ? 1.0 : -1.0);
    const auto d = cost::calibrate(runs);
    CHECK_FALSE(d.node_hour_usd);
    CHECK(has_warning(d, "node_hour_usd is left out"));
}

TEST_CASE("calibrate recovers parameters from noisy runs with standard errors", "[cost][calibrate]") {
    const auto runs = cost::parse_runs_csv(fixture("noisy.csv"), "noisy.csv");
    REQUIRE(runs.size() == 8);
    CHECK(runs[0].nodes == 2);  // columns in any order
    CHECK_FALSE(runs[0].cost_usd);
    const auto c = cost::calibrate(runs);
    REQUIRE(c.job_startup_seconds);
    REQUIRE(c.node_throughput);
    REQUIRE(c.job_startup_seconds->standard_error);
    REQUIRE(c.node_throughput->standard_error);
    const double startup_se = *c.job_startup_seconds->standard_error;
    const double throughput_se = *c.node_throughput->standard_error;
    CHECK(startup_se > 0);
    CHECK(startup_se < 20);
    CHECK(std::abs(c.job_startup_seconds->value - 120.0) < 3 * startup_se);
    CHECK(std::abs(c.node_throughput->value - 800.0) < 3 * throughput_se);
    CHECK(c.node_throughput->value == Approx(800.0).epsilon(0.02));
    CHECK(*c.duration.r_squared > 0.99);
    CHECK(c.duration.residual_max <= 16.0);
    CHECK(c.duration.residual_rms > 3.0);
    CHECK(c.duration.residuals.size() == 8);
    CHECK_FALSE(c.cost);
    CHECK(c.warnings.empty());
}

TEST_CASE("calibrate detects runs that cannot separate startup from throughput", "[cost][calibrate]") {
    const auto c = cost::calibrate(cost::parse_runs_csv(fixture("same-ratio.csv"), "same-ratio.csv"));
    CHECK_FALSE(c.duration.identified);
    CHECK_FALSE(c.job_startup_seconds);
    CHECK_FALSE(c.node_throughput);
    CHECK(has_warning(c, "cannot be separated"));
    CHECK(cost::infrastructure_snippet(c).empty());
}

TEST_CASE("calibrate warns with fewer runs than parameters and without residual freedom",
          "[cost][calibrate]") {
    const auto one = cost::calibrate({cost::RunObservation{1000, 1, 10, std::nullopt, 2}});
    CHECK_FALSE(one.duration.identified);
    CHECK(has_warning(one, "1 row(s) for 2 parameters"));
    const auto two = cost::calibrate({cost::RunObservation{1000, 1, 11, std::nullopt, 2},
                                      cost::RunObservation{2000, 1, 21, std::nullopt, 3}});
    REQUIRE(two.node_throughput);
    CHECK(two.node_throughput->value == Approx(100.0));
    CHECK(two.job_startup_seconds->value == Approx(1.0));
    CHECK_FALSE(two.node_throughput->standard_error);
    CHECK(has_warning(two, "standard errors need at least 3 runs"));
}

TEST_CASE("calibrate warns on negative fitted values", "[cost][calibrate]") {
    // Duration falls as events per node grow: no throughput can explain it.
    const auto c = cost::calibrate({cost::RunObservation{1000, 1, 50, std::nullopt, 2},
                                    cost::RunObservation{2000, 1, 40, std::nullopt, 3},
                                    cost::RunObservation{3000, 1, 31, std::nullopt, 4}});
    CHECK_FALSE(c.node_throughput);
    CHECK(has_warning(c, "not positive"));
    // A negative intercept is reported and left out of the snippet.
    const auto d = cost::calibrate({cost::RunObservation{1000, 1, 5, std::nullopt, 2},
                                    cost::RunObservation{2000, 1, 15, std::nullopt, 3},
                                    cost::RunObservation{3000, 1, 25, std::nullopt, 4}});
    CHECK(d.job_startup_seconds->value == Approx(-5.0));
    CHECK(has_warning(d, "job_startup is negative"));
    CHECK(cost::infrastructure_snippet(d) == "infrastructure:\n  node_throughput: 100/s\n");
}

TEST_CASE("runs CSV errors carry line and column", "[cost][calibrate]") {
    const auto header = errors_of(fixture("bad-header.csv"));
    REQUIRE(header.size() == 2);
    CHECK(header[0].location.line == 1);
    CHECK(header[0].location.column == 8);
    CHECK(header[0].message.find("did you mean 'nodes'") != std::string::npos);
    CHECK(header[1].message.find("missing required column 'nodes'") != std::string::npos);

    const auto values = errors_of(fixture("bad-values.csv"));
    REQUIRE(values.size() == 4);  // every problem, not just the first
    CHECK(values[0].location.line == 3);
    CHECK(values[0].location.column == 5);
    // Each value message names the column, the value, the expected range and an example.
    CHECK(values[0].message ==
          "nodes: must be greater than zero (got 0; expected the number of nodes the run used, greater than "
          "zero; e.g. 8)");
    CHECK(values[1].location.line == 4);
    CHECK(values[1].location.column == 7);
    CHECK(values[1].message.rfind("duration_seconds: number 'abc'", 0) == 0);
    CHECK(values[1].message.find("the run's wall-clock time in seconds, greater than zero; e.g. 1860") !=
          std::string::npos);
    CHECK(values[2].location.line == 5);
    CHECK(values[2].message.find("expected 3 fields, found 2") != std::string::npos);
    CHECK(values[3].location.line == 6);
    CHECK(values[3].location.column == 1);
    CHECK(values[3].message ==
          "events: must be zero or more (got -5; expected the number of events the run processed, zero or "
          "more; "
          "e.g. 120000000)");
    const auto empty_cell = errors_of("events,nodes,duration_seconds,cost_usd\n100,,30,1\n1,1,1,-2\n");
    REQUIRE(empty_cell.size() == 2);
    CHECK(empty_cell[0].location.column == 5);
    CHECK(empty_cell[0].message ==
          "nodes: the field is empty (expected the number of nodes the run used, greater than zero; e.g. 8)");
    CHECK(empty_cell[1].message ==
          "cost_usd: must be zero or more (got -2; expected what the run cost in US dollars, zero or more; "
          "e.g. "
          "42.50)");

    CHECK(errors_of(fixture("empty.csv"))[0].message.find("empty runs file") != std::string::npos);
    CHECK(errors_of(fixture("header-only.csv"))[0].message.find("no runs") != std::string::npos);
    CHECK(errors_of("events,nodes,duration_seconds,events\n1,1,1,1\n")[0].message.find("duplicate column") !=
          std::string::npos);
}

TEST_CASE("runs CSV accepts quoted fields, CRLF and empty cost cells", "[cost][calibrate]") {
    const auto runs = cost::parse_runs_csv(
        "\"events\",nodes,duration_seconds,cost_usd\r\n\"1000\", 2 ,30,\r\n"
        "2000,2,50,1.5\r\n",
        "runs.csv");
    REQUIRE(runs.size() == 2);
    CHECK(runs[0].events == 1000);
    CHECK(runs[0].nodes == 2);
    CHECK_FALSE(runs[0].cost_usd);
    CHECK(runs[1].cost_usd == Approx(1.5));
}
