#include <algorithm>

#include "html_chart_parts.hpp"
#include "pipeadvise/util/units.hpp"

/// The report's monthly cost chart: per mode, the cost stacked by part, with the total, the
/// multiplier over batch and the p5–p95 whisker of the total.
namespace pipeadvise::render::html {

namespace {

using namespace chart;

struct Part {
    std::string_view name;
    std::string_view color;
    double cost::CostBreakdown::*field;
};
const Part k_parts[] = {{"Compute", colors::k_sky, &cost::CostBreakdown::compute},
                        {"Infrastructure", colors::k_orange, &cost::CostBreakdown::infrastructure},
                        {"Storage", colors::k_yellow, &cost::CostBreakdown::storage},
                        {"Engineering", colors::k_purple, &cost::CostBreakdown::engineering}};

void cost_legend(Canvas& c, double left) {
    double lx = left;
    c.begin_group("legend");
    for (const Part& p : k_parts) lx = legend_swatch(c, lx, 18, p.color, p.name);
    c.line(lx, 14, lx + 22, 14, colors::k_ink, 1.5);
    c.line(lx, 9, lx, 19, colors::k_ink, 1.5);
    c.line(lx + 22, 9, lx + 22, 19, colors::k_ink, 1.5);
    c.text(lx + 28, 18, "p5 to p95 of the total", Anchor::start, k_note_font);
    c.end_group();
}

/// One mode's row: the stacked parts, the whisker, and the total and multiplier on the right.
void cost_row(Canvas& c, const svg::LinearScale& x, double cy, pipeline::Mode mode,
              const evaluation::ModeCost& mc, const ModeTags& tags, double left, double right) {
    const cost::CostBreakdown& b = mc.monthly_usd;
    c.begin_group("cost-row");
    mode_row_label(c, left, cy, mode, tags);
    double at = 0;
    for (const Part& p : k_parts) {
        const double v = b.*(p.field);
        if (v <= 0) continue;
        c.rect(x(at), cy - 14, x(at + v) - x(at), 28, p.color,
               std::string(mode_label(mode)) + " " + std::string(p.name) + ": " + util::format_money(v) +
                   " per month",
               "stroke=\"#ffffff\" stroke-width=\"1\"");
        at += v;
    }
    const auto [p5, p95] = b.total_p5_p95;
    // No whisker when the spread of the total is unknown.
    if (p95 > 0 && p95 >= p5) {
        c.line(x(p5), cy, x(p95), cy, colors::k_ink, 1.5);
        c.line(x(p5), cy - 6, x(p5), cy + 6, colors::k_ink, 1.5);
        c.line(x(p95), cy - 6, x(p95), cy + 6, colors::k_ink, 1.5);
    }
    c.text(right + 16, cy - 2, util::format_money(b.total) + " / month", Anchor::start, k_label_font,
           colors::k_ink, "font-weight=\"600\"");
    const std::string sub = mode == pipeline::Mode::batch
                                ? "baseline"
                                : format_multiplier_or_na(mc.multiplier_vs_batch) + " batch";
    c.text(right + 16, cy + 14, sub, Anchor::start, k_note_font, colors::k_muted);
    c.end_group();
}

}  // namespace

std::string cost_chart(const std::map<pipeline::Mode, evaluation::ModeCost>& costs, const std::string& id,
                       const ModeTags& tags) {
    if (costs.empty()) return {};
    std::vector<std::string> names;
    double hi = 0;
    for (const auto& [mode, mc] : costs) {
        names.emplace_back(mode_label(mode));
        // The axis reaches the p95 of the total too, so the whisker fits.
        hi = std::max({hi, mc.monthly_usd.total, mc.monthly_usd.total_p5_p95[1]});
    }
    const std::vector<double> ticks = svg::nice_ticks(0, hi > 0 ? hi : 1, 6);
    const double left = label_column_width(names, k_label_font) + 28;
    const double right = k_width - 190;
    const double top = 44;
    const double row = 62;
    const double bottom = top + row * static_cast<double>(costs.size());
    const double height = bottom + 50;

    std::string desc = "Monthly cost per mode stacked by compute, infrastructure, storage and engineering.";
    for (const auto& [mode, mc] : costs) {
        desc += " " + std::string(mode_label(mode)) + ": " + util::format_money(mc.monthly_usd.total) +
                " per month, " + format_multiplier_or_na(mc.multiplier_vs_batch) + " batch.";
    }
    Canvas c(id, k_width, height, "Monthly cost per mode by part", desc);
    svg::LinearScale x(0, ticks.back(), left, right);
    cost_legend(c, left);
    x_axis(c, x, ticks, top, bottom, money_short, "USD per month", left, right);

    std::size_t i = 0;
    for (const auto& [mode, mc] : costs) {
        const double cy = top + row * (static_cast<double>(i) + 0.5);
        cost_row(c, x, cy, mode, mc, tags, left, right);
        ++i;
    }
    return c.str();
}

}  // namespace pipeadvise::render::html
