#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pipeadvise/cost/calibrate.hpp"
#include "pipeadvise/evaluation/diff.hpp"
#include "pipeadvise/evaluation/whatif.hpp"
#include "pipeadvise/render/render.hpp"

/// Pieces of the budget commands' renderers (`whatif` sweeps, `diff` and `calibrate`); their
/// entry points are in render.hpp.
namespace pipeadvise::render {

/// One grid point as a JSON Lines row (no trailing newline): `set`, `recommendation`,
/// `modes.<mode>.{lag_p95_seconds, sla_attainment, monthly_cost_usd}`.
std::string whatif_json_line(const evaluation::WhatifRow& row);

/// One break-even line in words, e.g. "data.volume: recommendation flips batch -> micro_batch
/// between 1M/day and 10M/day".
std::string describe(const evaluation::BreakEven& break_even);

/// "$4,120 → $5,030 (+$910, +22%)" for a change in USD.
std::string describe_money_change(const evaluation::Change& change);

namespace detail {
std::string diff_text(const evaluation::Diff& diff, const RenderOptions& options);
std::string diff_json(const evaluation::Diff& diff, const RenderOptions& options);
std::string diff_markdown(const evaluation::Diff& diff, const RenderOptions& options);
std::string calibration_text(const cost::CalibrationReport& report);
std::string calibration_json(const cost::CalibrationReport& report);
/// "+$910" / "-$12.50" / "$0.00": a signed USD delta.
std::string signed_money(double delta);
/// "+22%" / "-3.5%": a signed percentage.
std::string signed_percent(double percent);
/// A USD amount, or "n/a" when unknown.
std::string money_or_na(const std::optional<double>& v);
/// "+$910 (+22%)": the signed change of a cost, or "n/a" when a side is unknown.
std::string delta_cell(const evaluation::Change& c);
}  // namespace detail

}  // namespace pipeadvise::render
