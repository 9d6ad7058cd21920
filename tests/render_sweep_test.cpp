#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "pipeadvise/render/sweep.hpp"
#include "pipeadvise/util/diagnostic.hpp"

using namespace pipeadvise;
using pipeline::Mode;

namespace {

evaluation::WhatifRow sample_row(std::string volume, model::Architecture a, double batch, double streaming) {
    evaluation::WhatifRow r;
    r.settings = {{"data.volume", std::move(volume)}};
    r.recommendation = a;
    r.monthly_cost_usd = {{Mode::batch, batch}, {Mode::streaming, streaming}};
    r.lag_p95_seconds = {{Mode::batch, 50400}, {Mode::streaming, 0.25}};
    r.sla_attainment = {{Mode::batch, 0.0}, {Mode::streaming, 0.999}};
    return r;
}

}  // namespace

TEST_CASE("whatif JSON lines hold the settings, recommendation and per-mode figures only",
          "[render][whatif]") {
    const auto line =
        render::whatif_json_line(sample_row("10M/day", model::Architecture::batch, 1803.5, 7681.654321));
    CHECK(line.find('\n') == std::string::npos);
    const auto j = nlohmann::json::parse(line);
    CHECK(j.size() == 3);
    CHECK(j["set"]["data.volume"] == "10M/day");
    CHECK(j["recommendation"] == "batch");
    CHECK(j["modes"]["streaming"]["monthly_cost_usd"] == 7681.65);  // 6 significant digits
    CHECK(j["modes"]["batch"]["lag_p95_seconds"] == 50400);
    CHECK(j["modes"]["streaming"]["sla_attainment"] == 0.999);
    CHECK_FALSE(j["modes"].contains("micro_batch"));
}

TEST_CASE("whatif CSV quotes values and leaves unsimulated modes empty", "[render][whatif]") {
    const std::vector<evaluation::SweepDimension> dims{{"data.volume", {"1,5M/day"}}};
    const auto csv = render::render_whatif(dims, {sample_row("1,5M/day", model::Architecture::batch, 10, 20)},
                                           render::OutputFormat::csv, {});
    CHECK(csv ==
          "data.volume,recommendation,batch_monthly_cost_usd,batch_lag_p95_seconds,batch_sla_attainment,"
          "micro_batch_monthly_cost_usd,micro_batch_lag_p95_seconds,micro_batch_sla_attainment,"
          "streaming_monthly_cost_usd,streaming_lag_p95_seconds,streaming_sla_attainment\n"
          "\"1,5M/day\",batch,10,50400,0,,,,20,0.25,0.999\n");
}

TEST_CASE("whatif table lists break-even lines in words", "[render][whatif]") {
    const std::vector<evaluation::SweepDimension> dims{{"data.volume", {"1M/day", "100M/day"}}};
    const auto table =
        render::render_whatif(dims,
                              {sample_row("1M/day", model::Architecture::batch, 1000, 5000),
                               sample_row("100M/day", model::Architecture::micro_batch, 9000, 5000)},
                              render::OutputFormat::table, {});
    CHECK(table.find(
              "data.volume: recommendation flips from batch to micro_batch between 1M/day and 100M/day") !=
          std::string::npos);
    // batch - streaming: -4000 -> +4000, halfway: 50.5M/day.
    CHECK(table.find("streaming becomes cheaper than batch between 1M/day and 100M/day (about 50.5M/day") !=
          std::string::npos);
    CHECK(table.find("$9,000") != std::string::npos);
    CHECK_THROWS_AS(render::render_whatif(dims, {}, render::OutputFormat::sarif, {}), util::Error);
}

TEST_CASE("money changes read like infracost", "[render][diff]") {
    CHECK(render::describe_money_change({4120.0, 5030.0}) == "$4,120 → $5,030 (+$910, +22%)");
    CHECK(render::describe_money_change({200.0, 190.0}) == "$200 → $190 (-$10.00, -5.0%)");
    CHECK(render::describe_money_change({0.0, 50.0}) == "$0.00 → $50.00 (+$50.00)");
    CHECK(render::describe_money_change({std::nullopt, 50.0}) == "n/a → $50.00");
    CHECK(render::detail::signed_percent(0.0) == "0%");
}

TEST_CASE("diff markdown starts with the summary line and lists findings", "[render][diff]") {
    evaluation::Diff d;
    d.old_architecture = model::Architecture::batch;
    d.new_architecture = model::Architecture::full_streaming;
    d.recommended_monthly_usd = {4120.0, 5030.0};
    evaluation::ModeDiff m;
    m.mode = Mode::streaming;
    m.total = {4120.0, 5030.0};
    m.compute = {1000.0, 1500.0};
    d.modes.push_back(m);
    advisor::Finding f;
    f.id = "watermark-too-short";
    f.severity = advisor::Severity::warning;
    f.path = "proposal.watermark";
    f.message = "a | pipe <b>";
    d.findings_added.push_back(f);
    const auto md = render::render_diff(d, render::OutputFormat::markdown, {});
    CHECK(md.find("Monthly cost of the recommended architecture: **$4,120 → $5,030 (+$910, +22%)**") !=
          std::string::npos);
    CHECK(md.find("| streaming | compute | $1,000 | $1,500 | +$500 (+50%) |") != std::string::npos);
    CHECK(md.find("## Findings added (1)") != std::string::npos);
    CHECK(md.find("`watermark-too-short`") != std::string::npos);
    CHECK(md.find("<b>") == std::string::npos);  // workload text cannot inject markup

    const auto j = nlohmann::json::parse(render::render_diff(d, render::OutputFormat::json, {}));
    CHECK(j["recommendation_changed"] == true);
    CHECK(j["recommended_monthly_usd"]["delta"] == 910);
    CHECK(j["modes"]["streaming"]["monthly_usd"]["compute"]["delta_percent"] == 50);
    CHECK(j["modes"]["streaming"]["lag_seconds"]["p95"]["before"].is_null());
    CHECK(j["findings"]["added"][0]["id"] == "watermark-too-short");
}

TEST_CASE("calibration renders estimates, warnings and the snippet", "[render][calibrate]") {
    cost::CalibrationInput input;
    input.sources.push_back(cost::Source{"runs.csv", "runs_csv", "plain", 4, 60});
    input.runs = {cost::RunObservation{1000, 1, 11, 1.0, 2}, cost::RunObservation{2000, 1, 21, 1.5, 3},
                  cost::RunObservation{4000, 2, 21, 2.5, 4}};
    const auto c = cost::calibrate(input);
    const auto text = render::render_calibration(c, render::OutputFormat::text, {});
    CHECK(text.find("calibrate: 1 input(s)\n  runs.csv: runs_csv, 4 lines") != std::string::npos);
    CHECK(text.find("runs CSV: 3 run(s)") != std::string::npos);
    CHECK(text.find("cannot be separated") == std::string::npos);
    CHECK(text.find("infrastructure:\n  node_throughput: 100/s\n") != std::string::npos);
    CHECK(text.find("  job_startup: 1s\n") != std::string::npos);
    const auto j = nlohmann::json::parse(render::render_calibration(c, render::OutputFormat::json, {}));
    CHECK(j["sources"][0]["kind"] == "runs_csv");
    CHECK(j["fit"]["node_throughput"] == 100);
    CHECK(j["infrastructure"]["node_throughput"] == "100/s");
    CHECK(j["details"]["runs"]["cost_fit"]["identified"] == true);
    CHECK(j["applications"].empty());
    CHECK(j["streaming"].is_null());
    CHECK_THROWS_AS(render::render_calibration(c, render::OutputFormat::csv, {}), util::Error);
}
