#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeadvise/evaluation/evaluation.hpp"
#include "pipeadvise/evaluation/sensitivity.hpp"
#include "pipeadvise/evaluation/whatif.hpp"
#include "pipeadvise/render/render.hpp"

/// Pieces of the `report` page (render::render_report in render.hpp): one self-contained HTML
/// page (inline CSS and SVG, no scripts, no network references) built from an evaluation, its
/// sensitivity and an optional sweep.
namespace pipeadvise::render::html {

/// Human name of a simulated mode ("Batch", "Micro-batch", "Streaming").
std::string_view mode_label(pipeline::Mode mode);
/// Share 0..1 as a percentage with one decimal ("98.1%").
std::string format_percent(double share);
/// A cost multiplier ("4.1×", "0.85×").
std::string format_multiplier(double multiplier);
/// format_multiplier, or "n/a" for a mode without a multiplier (infeasible, spec §8).
std::string format_multiplier_or_na(const std::optional<double>& multiplier);

/// Which modes the advice picked, tagged under the mode's name in the per-mode charts.
struct ModeTags {
    std::optional<pipeline::Mode> recommended;
    std::optional<pipeline::Mode> fallback;
};

// Charts: each returns one `<svg>` element with the given id (a plain identifier), or an
// empty string when there is nothing to draw.

/// Lag p50–p95 bars, p95–p99 whiskers, mean and max markers per mode on a log time axis,
/// with the SLA (seconds) as a vertical line.
std::string lag_range_chart(const pipeline::SimulationResult& simulation, double sla_seconds,
                            const std::string& id, const ModeTags& tags = {});
/// Cumulative share of events by lag per mode (from the lag histograms), log time axis,
/// with the SLA line and each mode's SLA attainment marked on it.
std::string lag_cdf_chart(const pipeline::SimulationResult& simulation, double sla_seconds,
                          const std::string& id);
/// Monthly cost per mode stacked by part (USD/month), with totals, multipliers over batch
/// and the p5–p95 whisker of the total.
std::string cost_chart(const std::map<pipeline::Mode, evaluation::ModeCost>& costs, const std::string& id,
                       const ModeTags& tags = {});
/// Recovery time per mode (mean and p95 seconds), failure counts, and drill recoveries.
std::string recovery_chart(const pipeline::SimulationResult& simulation, const std::string& id,
                           const ModeTags& tags = {});
/// Tornado of the streaming/batch multiplier: per input, the multiplier at -50% and +50%
/// around the base, widest swing first.
std::string tornado_chart(const evaluation::Sensitivity& sensitivity, const std::string& id);
/// What-if curves: x = values of the first swept key, y = monthly cost per mode and lag p95
/// per mode (with the SLA line); one panel per combination of the other swept keys (at most
/// `max_panels`; the rest are only in the table).
std::vector<std::string> whatif_charts(const std::vector<evaluation::WhatifRow>& rows, double sla_seconds,
                                       const std::string& id, std::size_t max_panels = 6);

}  // namespace pipeadvise::render::html
