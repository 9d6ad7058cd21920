#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <utility>

#include "html_chart_parts.hpp"
#include "pipeadvise/util/units.hpp"

/// The lag charts of the report: the per-mode range (p50–p95 bars on a log axis) and the
/// cumulative share of events by lag.
namespace pipeadvise::render::html {

namespace {

using namespace chart;

/// The log axis of the range chart: from the smallest positive p50/mean/p95 (or the SLA) to
/// the largest max/p99, with margins.
std::pair<double, double> lag_range_bounds(const pipeline::SimulationResult& simulation, double sla_seconds) {
    double lo = sla_seconds > 0 ? sla_seconds : std::numeric_limits<double>::infinity();
    double hi = sla_seconds;
    for (const auto& [mode, r] : simulation.modes) {
        for (double v : {r.lag.p50, r.lag.mean, r.lag.p95}) {
            if (v > 0) lo = std::min(lo, v);
        }
        hi = std::max({hi, r.lag.max, r.lag.p99});
    }
    if (!std::isfinite(lo)) lo = 1;
    // Margins on the log axis, never below 1 ms (zero lags cannot sit on a log axis), and at
    // least a decade wide.
    lo = std::max(lo / 2.5, 1e-3);
    hi = std::max(hi * 2.0, lo * 10);
    return {lo, hi};
}

std::string lag_range_desc(const pipeline::SimulationResult& simulation, double sla_seconds) {
    std::string desc =
        "Freshness lag per mode on a log scale; SLA " + util::format_seconds(sla_seconds) + ".";
    for (const auto& [mode, r] : simulation.modes) {
        desc += " " + std::string(mode_label(mode)) + ": p50 " + util::format_seconds(r.lag.p50) + ", p95 " +
                util::format_seconds(r.lag.p95) + ", p99 " + util::format_seconds(r.lag.p99) + ", " +
                share_text(r.sla_attainment) + " within SLA.";
    }
    return desc;
}

/// The legend of the range chart's glyphs: box, whisker, mean and max markers.
void lag_range_legend(Canvas& c, double left) {
    double lx = left;
    const double ly = 18;
    c.begin_group("legend");
    c.rect(lx, ly - 9, 26, 10, colors::k_muted, {}, "rx=\"2\"");
    c.text(lx + 32, ly, "p50 to p95", Anchor::start, k_note_font);
    lx += 32 + svg::text_width("p50 to p95", k_note_font) + 22;
    c.line(lx, ly - 4, lx + 26, ly - 4, colors::k_muted, 2);
    c.line(lx + 26, ly - 9, lx + 26, ly + 1, colors::k_muted, 2);
    c.text(lx + 32, ly, "p95 to p99", Anchor::start, k_note_font);
    lx += 32 + svg::text_width("p95 to p99", k_note_font) + 22;
    c.marker(0, lx + 6, ly - 4, 9, "#ffffff", colors::k_ink);
    c.text(lx + 16, ly, "mean", Anchor::start, k_note_font);
    lx += 16 + svg::text_width("mean", k_note_font) + 22;
    c.marker(3, lx + 6, ly - 4, 9, "#ffffff", colors::k_muted);
    c.text(lx + 16, ly, "max", Anchor::start, k_note_font);
    c.end_group();
}

/// One mode's row of the range chart: the glyphs and, right of the plot, p95 and attainment.
void lag_range_row(Canvas& c, const svg::LogScale& x, double cy, pipeline::Mode mode,
                   const pipeline::ModeResult& r, const ModeTags& tags, double left, double right) {
    const std::string_view color = mode_color(mode);
    c.begin_group("lag-row", "data-mode=\"" + std::string(mode_key(mode)) + "\"");
    mode_row_label(c, left, cy, mode, tags);
    const std::string tip = std::string(mode_label(mode)) + ": p50 " + util::format_seconds(r.lag.p50) +
                            ", p95 " + util::format_seconds(r.lag.p95) + ", p99 " +
                            util::format_seconds(r.lag.p99) + ", mean " + util::format_seconds(r.lag.mean) +
                            ", max " + util::format_seconds(r.lag.max);
    const double x50 = x(r.lag.p50), x95 = x(r.lag.p95), x99 = x(r.lag.p99);
    c.line(x95, cy, x99, cy, color, 2);
    c.line(x99, cy - 7, x99, cy + 7, color, 2);
    // At least 3 px, so a box with p50 = p95 stays visible.
    c.rect(x50, cy - 9, std::max(x95 - x50, 3.0), 18, color, tip, "rx=\"3\"");
    c.marker(3, x(r.lag.max), cy, 10, "#ffffff", color, "max " + util::format_seconds(r.lag.max));
    c.marker(0, x(r.lag.mean), cy, 10, "#ffffff", colors::k_ink, "mean " + util::format_seconds(r.lag.mean));
    c.text(right + 16, cy - 3, "p95 " + util::format_seconds(r.lag.p95), Anchor::start, k_label_font,
           colors::k_ink, "font-weight=\"600\"");
    c.text(right + 16, cy + 13, share_text(r.sla_attainment) + " within SLA", Anchor::start, k_note_font,
           colors::k_muted);
    c.end_group();
}

/// The log axis of the CDF: the lag histograms' bounds with a share, and the SLA; none when
/// no histogram has a share.
std::optional<std::pair<double, double>> lag_cdf_bounds(const pipeline::SimulationResult& simulation,
                                                        double sla_seconds) {
    double lo = sla_seconds > 0 ? sla_seconds : std::numeric_limits<double>::infinity();
    double hi = sla_seconds;
    bool any = false;
    for (const auto& [mode, r] : simulation.modes) {
        for (const auto& [bound, share] : r.lag_histogram) {
            if (share <= 0) continue;
            any = true;
            if (bound > 0) lo = std::min(lo, bound);
            hi = std::max(hi, bound);
        }
    }
    if (!any) return std::nullopt;
    // As in lag_range_chart: a margin, 1 ms at least, a decade at least.
    lo = std::max(lo / 2.0, 1e-3);
    hi = std::max(hi * 1.5, lo * 10);
    return std::pair{lo, hi};
}

/// One mode's cumulative curve, with its SLA attainment marked where it meets the SLA.
void lag_cdf_curve(Canvas& c, const svg::LogScale& x, const svg::LinearScale& y, pipeline::Mode mode,
                   const pipeline::ModeResult& r, double sla_seconds, double right) {
    c.begin_group("cdf-line");
    std::vector<std::pair<double, double>> points;
    double cumulative = 0;
    // Bounds are upper bounds: the curve starts at 0 one bucket below the first, taking the
    // ratio of the first two bounds as the bucket width on the log axis.
    const double first = r.lag_histogram.front()[0];
    const double ratio = r.lag_histogram.size() > 1 && first > 0 ? r.lag_histogram[1][0] / first : 2.0;
    points.emplace_back(x(first / std::max(ratio, 1.01)), y(0));
    for (const auto& [bound, share] : r.lag_histogram) {
        // Rounding may take the sum of the shares past 1.
        cumulative = std::min(1.0, cumulative + share);
        points.emplace_back(x(bound), y(cumulative));
    }
    points.emplace_back(right, y(cumulative));
    c.polyline(points, mode_color(mode), 2.5, mode_dash(mode));
    if (sla_seconds > 0) {
        // Where the curve meets the SLA: the share of events within it.
        c.marker(mode_shape(mode), x(sla_seconds), y(std::clamp(r.sla_attainment, 0.0, 1.0)), 10,
                 mode_color(mode), "#ffffff",
                 std::string(mode_label(mode)) + ": " + share_text(r.sla_attainment) + " within SLA");
    }
    c.end_group();
}

}  // namespace

std::string lag_range_chart(const pipeline::SimulationResult& simulation, double sla_seconds,
                            const std::string& id, const ModeTags& tags) {
    if (simulation.modes.empty()) return {};
    std::vector<std::string> names;
    for (const auto& [mode, r] : simulation.modes) names.emplace_back(mode_label(mode));
    const auto [lo, hi] = lag_range_bounds(simulation, sla_seconds);

    const double left = label_column_width(names, k_label_font) + 28;
    const double annotation = 200;
    const double right = k_width - annotation;
    const double top = 58;
    const double row = 58;
    const double bottom = top + row * static_cast<double>(simulation.modes.size());
    const double height = bottom + 50;

    Canvas c(id, k_width, height, "Freshness lag per mode against the SLA",
             lag_range_desc(simulation, sla_seconds));
    svg::LogScale x(lo, hi, left, right);
    lag_range_legend(c, left);
    x_axis(c, x, svg::log_time_ticks(lo, hi, 9), top, bottom, time_tick,
           "Lag from event time to usable downstream (log scale)", left, right);

    c.text(right + 16, top - 8, "p95 · share within SLA", Anchor::start, k_tick_font, colors::k_muted);
    std::size_t i = 0;
    for (const auto& [mode, r] : simulation.modes) {
        const double cy = top + row * (static_cast<double>(i) + 0.5);
        lag_range_row(c, x, cy, mode, r, tags, left, right);
        ++i;
    }
    if (sla_seconds > 0) sla_marker(c, x(sla_seconds), top, bottom, sla_seconds, left, right);
    return c.str();
}

std::string lag_cdf_chart(const pipeline::SimulationResult& simulation, double sla_seconds,
                          const std::string& id) {
    const auto bounds = lag_cdf_bounds(simulation, sla_seconds);
    if (!bounds) return {};
    const auto [lo, hi] = *bounds;

    const double left = 64;
    const double right = k_width - 24;
    const double top = 56;
    const double bottom = 300;
    const double height = bottom + 50;
    std::string desc = "Cumulative share of events by freshness lag per mode; SLA " +
                       util::format_seconds(sla_seconds) + ".";
    for (const auto& [mode, r] : simulation.modes) {
        desc += " " + std::string(mode_label(mode)) + ": " + share_text(r.sla_attainment) + " within SLA.";
    }
    Canvas c(id, k_width, height, "Share of events fresher than a given lag", desc);
    svg::LogScale x(lo, hi, left, right);
    svg::LinearScale y(0, 1, bottom, top);

    c.begin_group("axis y-axis");
    for (double t : {0.0, 0.25, 0.5, 0.75, 1.0}) {
        c.line(left, y(t), right, y(t), colors::k_grid, 1);
        c.text(left - 8, y(t) + 4, format_percent(t), Anchor::end, k_tick_font, colors::k_muted);
    }
    c.text(18, (top + bottom) / 2, "Share of events", Anchor::middle, k_note_font, colors::k_muted,
           "transform=\"rotate(-90 18 " + svg::num((top + bottom) / 2) + ")\"");
    c.end_group();
    x_axis(c, x, svg::log_time_ticks(lo, hi, 10), top, bottom, time_tick, "Lag (log scale)", left, right);

    double lx = left;
    c.begin_group("legend");
    for (const auto& [mode, r] : simulation.modes) {
        if (r.lag_histogram.empty()) continue;
        lx =
            legend_line(c, lx, 18, mode,
                        std::string(mode_label(mode)) + " (" + share_text(r.sla_attainment) + " within SLA)");
    }
    c.end_group();

    for (const auto& [mode, r] : simulation.modes) {
        if (r.lag_histogram.empty()) continue;
        lag_cdf_curve(c, x, y, mode, r, sla_seconds, right);
    }
    if (sla_seconds > 0) sla_marker(c, x(sla_seconds), top, bottom, sla_seconds, left, right);
    return c.str();
}

}  // namespace pipeadvise::render::html
