#include <algorithm>
#include <cstdint>

#include "html_chart_parts.hpp"
#include "pipeadvise/util/units.hpp"

/// The report's recovery chart: per mode, the mean and p95 time from a failure until lag is
/// back to normal, the failure count and the scripted drills.
namespace pipeadvise::render::html {

namespace {

using namespace chart;

struct BarSpec {
    std::string label;
    double value;
    std::string fill;
    std::string extra;
};
using BarSpecs = std::map<pipeline::Mode, std::vector<BarSpec>>;

/// The bars of each mode that failed or ran a drill: mean, p95 and the worst drill.
BarSpecs recovery_bars(const pipeline::SimulationResult& simulation) {
    BarSpecs specs;
    for (const auto& [mode, r] : simulation.modes) {
        if (r.recovery.failures == 0 && r.drills.empty()) continue;
        const std::string color(mode_color(mode));
        auto& s = specs[mode];
        s.push_back({"mean " + util::format_seconds(r.recovery.mean), r.recovery.mean, color,
                     "fill-opacity=\"0.45\""});
        s.push_back({"p95 " + util::format_seconds(r.recovery.p95), r.recovery.p95, color, ""});
        if (r.drills.empty()) continue;
        double worst = 0;
        std::int64_t lost = 0;
        for (const auto& d : r.drills) {
            worst = std::max(worst, d.recovery_seconds);
            lost += d.events_lost;
        }
        s.push_back({"drill " + util::format_seconds(worst) +
                         (lost > 0 ? ", " + std::to_string(lost) + " events lost" : ", nothing lost"),
                     worst, "#ffffff", "stroke=\"" + color + "\" stroke-width=\"2\""});
    }
    return specs;
}

/// The plot's right end: bar-end labels must stay left of the failure column, so the plot
/// shrinks until they do.
double recovery_plot_right(const BarSpecs& specs, double axis_max, double left, double column) {
    double right = column - 16;
    // Shrinking moves the bar ends too, hence more than one pass (at most three).
    for (int pass = 0; pass < 3; ++pass) {
        double overflow = 0;
        for (const auto& [mode, s] : specs) {
            for (const auto& b : s) {
                const double end =
                    left + b.value / axis_max * (right - left) + 6 + svg::text_width(b.label, k_tick_font);
                overflow = std::max(overflow, end - (column - 12));
            }
        }
        if (overflow <= 0) break;
        right -= overflow;
    }
    return right;
}

void recovery_legend(Canvas& c, double left, bool drills) {
    c.begin_group("legend");
    double lx = left;
    lx = legend_swatch(c, lx, 18, colors::k_muted, "mean", "rx=\"2\" fill-opacity=\"0.45\"");
    lx = legend_swatch(c, lx, 18, colors::k_muted, "p95");
    if (drills) {
        legend_swatch(c, lx, 18, "#ffffff", "scripted drill (outage + catch-up)",
                      "stroke=\"#57606A\" stroke-width=\"2\"");
    }
    c.end_group();
}

struct RowGeometry {
    double left, column, y0, cy, bar;
};

/// One mode's row: its failure count in the column and its bars (or a note that none ran).
void recovery_row(Canvas& c, const svg::LinearScale& x, const RowGeometry& g, pipeline::Mode mode,
                  const pipeline::ModeResult& r, const BarSpecs& specs, const ModeTags& tags) {
    c.begin_group("recovery-row");
    mode_row_label(c, g.left, g.cy, mode, tags);
    const std::string failures =
        std::to_string(r.recovery.failures) + (r.recovery.failures == 1 ? " failure" : " failures");
    c.text(g.column, g.cy + 4.5, failures, Anchor::start, k_label_font, colors::k_ink, "font-weight=\"600\"");
    const auto found = specs.find(mode);
    if (found == specs.end()) {
        c.text(g.left + 8, g.cy + 4.5, "no failures simulated", Anchor::start, k_note_font, colors::k_muted);
        c.end_group();
        return;
    }
    for (std::size_t k = 0; k < found->second.size(); ++k) {
        const BarSpec& b = found->second[k];
        const double by = g.y0 + static_cast<double>(k) * (g.bar + 4);
        const double w = std::max(x(b.value) - g.left, 2.0);
        c.rect(g.left, by, w, g.bar, b.fill, std::string(mode_label(mode)) + " " + b.label, b.extra);
        c.text(g.left + w + 6, by + g.bar - 3, b.label, Anchor::start, k_tick_font, colors::k_ink);
    }
    c.end_group();
}

}  // namespace

std::string recovery_chart(const pipeline::SimulationResult& simulation, const std::string& id,
                           const ModeTags& tags) {
    if (simulation.modes.empty()) return {};
    std::vector<std::string> names;
    bool drills = false;
    for (const auto& [mode, r] : simulation.modes) {
        names.emplace_back(mode_label(mode));
        drills = drills || !r.drills.empty();
    }
    const BarSpecs specs = recovery_bars(simulation);
    double hi = 0;
    for (const auto& [mode, s] : specs) {
        for (const auto& b : s) hi = std::max(hi, b.value);
    }
    // An hour-long axis when nothing failed, so the empty chart still has a scale.
    const std::vector<double> ticks = svg::time_ticks(hi > 0 ? hi : 3600, 6);
    const double left = label_column_width(names, k_label_font) + 28;
    const double column = k_width - 210;  // failure counts start here
    const double right = recovery_plot_right(specs, ticks.back(), left, column);
    const double top = 44;
    const double bar = 14;
    const double bars = drills ? 3 : 2;
    const double row = bars * (bar + 4) + 26;
    const double bottom = top + row * static_cast<double>(simulation.modes.size());
    const double height = bottom + 50;

    std::string desc = "Time from a failure until lag is back to normal, per mode.";
    for (const auto& [mode, r] : simulation.modes) {
        desc += " " + std::string(mode_label(mode)) + ": mean " + util::format_seconds(r.recovery.mean) +
                ", p95 " + util::format_seconds(r.recovery.p95) + ", " + std::to_string(r.recovery.failures) +
                " failures.";
    }
    Canvas c(id, k_width, height, "Recovery time per mode", desc);
    svg::LinearScale x(0, ticks.back(), left, right);
    recovery_legend(c, left, drills);
    x_axis(c, x, ticks, top, bottom, time_tick, "Time until lag is back to normal", left, right);
    c.text(column, top - 8, "failures over all replications", Anchor::start, k_tick_font, colors::k_muted);

    std::size_t i = 0;
    for (const auto& [mode, r] : simulation.modes) {
        const RowGeometry g{left, column, top + row * static_cast<double>(i) + 13,
                            top + row * (static_cast<double>(i) + 0.5), bar};
        ++i;
        recovery_row(c, x, g, mode, r, specs, tags);
    }
    return c.str();
}

}  // namespace pipeadvise::render::html
