#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "pipeadvise/render/html.hpp"
#include "pipeadvise/render/svg.hpp"
#include "pipeadvise/util/units.hpp"

namespace pipeadvise::render::html {

namespace {

using svg::Anchor;
using svg::Canvas;
namespace colors = svg::colors;

constexpr double k_width = 960;
constexpr double k_tick_font = 11;
constexpr double k_label_font = 13;
constexpr double k_note_font = 12;

// Each mode has an Okabe–Ito colour, a dash pattern and a marker shape, so the modes stay
// apart in grey print and for readers with a colour-vision deficiency.
std::string_view mode_color(pipeline::Mode mode) {
    switch (mode) {
        case pipeline::Mode::batch:
            return colors::k_blue;
        case pipeline::Mode::micro_batch:
            return colors::k_green;
        case pipeline::Mode::streaming:
            return colors::k_vermillion;
    }
    return colors::k_ink;
}

std::string_view mode_key(pipeline::Mode mode) {
    switch (mode) {
        case pipeline::Mode::batch:
            return "batch";
        case pipeline::Mode::micro_batch:
            return "micro_batch";
        case pipeline::Mode::streaming:
            return "streaming";
    }
    return "";
}

// Marker shapes follow the Mode order: circle, square, triangle.
int mode_shape(pipeline::Mode mode) {
    return static_cast<int>(mode);
}

std::string_view mode_dash(pipeline::Mode mode) {
    switch (mode) {
        case pipeline::Mode::batch:
            return "";
        case pipeline::Mode::micro_batch:
            return "7 4";
        case pipeline::Mode::streaming:
            return "2 3";
    }
    return "";
}

/// Tick label of a time axis: exact durations read best ("10m", "1h", "250ms").
std::string time_tick(double seconds) {
    if (seconds <= 0) return "0";
    return util::format_duration(util::Duration::from_seconds(seconds));
}

std::string money_tick(double usd) {
    return util::format_money(usd);
}

/// Money without cents, for axis ticks where $1,000.00 would be noise.
std::string money_short(double usd) {
    if (usd >= 1e6) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "$%.3gM", usd / 1e6);
        return buf;
    }
    if (usd == 0) return "$0";
    if (usd >= 100) return util::format_money(std::round(usd));
    return money_tick(usd);
}

/// Draws a horizontal time or value axis with grid lines at `ticks` (pixel positions by `x`).
template <class Scale, class Format>
void x_axis(Canvas& c, const Scale& x, const std::vector<double>& ticks, double top, double bottom,
            Format format, std::string_view title, double left, double right) {
    c.begin_group("axis x-axis");
    double last_label_end = -std::numeric_limits<double>::infinity();
    for (double t : ticks) {
        const double px = x(t);
        // Ticks outside the plot are skipped; half a pixel of slack keeps those at its very ends.
        if (px < left - 0.5 || px > right + 0.5) continue;
        c.line(px, top, px, bottom, colors::k_grid, 1);
        c.line(px, bottom, px, bottom + 4, colors::k_muted, 1);
        const std::string label = format(t);
        const double w = svg::text_width(label, k_tick_font);
        if (px - w / 2 < last_label_end + 6) continue;  // keep tick labels apart
        c.text(px, bottom + 17, label, Anchor::middle, k_tick_font, colors::k_muted);
        last_label_end = px + w / 2;
    }
    c.line(left, bottom, right, bottom, colors::k_muted, 1);
    if (!title.empty())
        c.text((left + right) / 2, bottom + 36, title, Anchor::middle, k_note_font, colors::k_muted);
    c.end_group();
}

/// A legend entry swatch + label laid out left to right; returns the x after the entry.
double legend_swatch(Canvas& c, double x, double y, std::string_view fill, std::string_view label,
                     std::string_view extra = "rx=\"2\"") {
    c.rect(x, y - 10, 12, 12, fill, {}, extra);
    c.text(x + 17, y, label, Anchor::start, k_note_font);
    return x + 17 + svg::text_width(label, k_note_font) + 18;
}

double legend_line(Canvas& c, double x, double y, pipeline::Mode mode, std::string_view label) {
    c.line(x, y - 4, x + 26, y - 4, mode_color(mode), 2.5, mode_dash(mode));
    c.marker(mode_shape(mode), x + 13, y - 4, 8, mode_color(mode), mode_color(mode));
    c.text(x + 32, y, label, Anchor::start, k_note_font);
    return x + 32 + svg::text_width(label, k_note_font) + 20;
}

double label_column_width(const std::vector<std::string>& labels, double font) {
    double w = 0;
    for (const auto& l : labels) w = std::max(w, svg::text_width(l, font));
    return w;
}

/// An SLA as the workload states it ("30s", "1d"): SLAs are exact durations.
std::string sla_text(double seconds) {
    return util::format_duration(util::Duration::from_seconds(seconds));
}

/// The SLA as a dashed vertical line with its label above the plot.
void sla_marker(Canvas& c, double px, double top, double bottom, double sla_seconds, double left,
                double right) {
    c.begin_group("sla-marker");
    c.line(px, top - 4, px, bottom, colors::k_ink, 1.5, "5 3");
    const std::string label = "SLA " + sla_text(sla_seconds);
    const double w = svg::text_width(label, k_note_font);
    Anchor anchor = Anchor::middle;
    double tx = px;
    // Near an edge the label is anchored to that side, so the SVG does not cut it off.
    if (px - w / 2 < left) {
        anchor = Anchor::start;
        tx = std::max(px - 6, left - 10);
    } else if (px + w / 2 > right) {
        anchor = Anchor::end;
        tx = std::min(px + 6, right + 10);
    }
    c.text(tx, top - 8, label, anchor, k_note_font, colors::k_ink, "font-weight=\"600\"");
    c.end_group();
}

std::string share_text(double share) {
    return format_percent(share);
}

/// "recommended" / "fallback" under a mode's name, or "".
std::string_view tag_of(pipeline::Mode mode, const ModeTags& tags) {
    if (tags.recommended == mode) return "recommended";
    if (tags.fallback == mode) return "fallback";
    return "";
}

/// A per-mode row's name, right-aligned before the plot, with its tag below it.
void mode_row_label(Canvas& c, double left, double cy, pipeline::Mode mode, const ModeTags& tags) {
    const std::string_view tag = tag_of(mode, tags);
    c.text(left - 14, tag.empty() ? cy + 4.5 : cy, mode_label(mode), Anchor::end, k_label_font, colors::k_ink,
           "font-weight=\"600\"");
    if (!tag.empty()) {
        c.text(left - 14, cy + 14, tag, Anchor::end, k_tick_font,
               tag == "recommended" ? colors::k_blue : colors::k_muted, "font-style=\"italic\"");
    }
}

}  // namespace

std::string_view mode_label(pipeline::Mode mode) {
    switch (mode) {
        case pipeline::Mode::batch:
            return "Batch";
        case pipeline::Mode::micro_batch:
            return "Micro-batch";
        case pipeline::Mode::streaming:
            return "Streaming";
    }
    return "?";
}

std::string format_percent(double share) {
    if (!std::isfinite(share)) return "n/a";
    char buf[32];
    const double pct = share * 100.0;
    // A decimal unless within 0.05 points of a whole percentage, so 99.5% does not read as 100%.
    if (std::abs(pct - std::round(pct)) < 0.05) {
        std::snprintf(buf, sizeof buf, "%.0f%%", std::round(pct));
    } else {
        std::snprintf(buf, sizeof buf, "%.1f%%", pct);
    }
    return buf;
}

std::string format_multiplier(double multiplier) {
    if (!std::isfinite(multiplier)) return "n/a";
    char buf[32];
    // Two decimals below 2×, where 1.05× against 1.1× matters; one above.
    std::snprintf(buf, sizeof buf, multiplier < 2 ? "%.2f\u00d7" : "%.1f\u00d7", multiplier);
    return buf;
}

std::string lag_range_chart(const pipeline::SimulationResult& simulation, double sla_seconds,
                            const std::string& id, const ModeTags& tags) {
    if (simulation.modes.empty()) return {};
    std::vector<std::string> names;
    double lo = sla_seconds > 0 ? sla_seconds : std::numeric_limits<double>::infinity();
    double hi = sla_seconds;
    for (const auto& [mode, r] : simulation.modes) {
        names.emplace_back(mode_label(mode));
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

    const double left = label_column_width(names, k_label_font) + 28;
    const double annotation = 200;
    const double right = k_width - annotation;
    const double top = 58;
    const double row = 58;
    const double bottom = top + row * static_cast<double>(simulation.modes.size());
    const double height = bottom + 50;

    std::string desc =
        "Freshness lag per mode on a log scale; SLA " + util::format_seconds(sla_seconds) + ".";
    for (const auto& [mode, r] : simulation.modes) {
        desc += " " + std::string(mode_label(mode)) + ": p50 " + util::format_seconds(r.lag.p50) + ", p95 " +
                util::format_seconds(r.lag.p95) + ", p99 " + util::format_seconds(r.lag.p99) + ", " +
                share_text(r.sla_attainment) + " within SLA.";
    }
    Canvas c(id, k_width, height, "Freshness lag per mode against the SLA", desc);
    svg::LogScale x(lo, hi, left, right);

    // Legend of the glyphs.
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

    x_axis(c, x, svg::log_time_ticks(lo, hi, 9), top, bottom, time_tick,
           "Lag from event time to usable downstream (log scale)", left, right);

    c.text(right + 16, top - 8, "p95 · share within SLA", Anchor::start, k_tick_font, colors::k_muted);
    std::size_t i = 0;
    for (const auto& [mode, r] : simulation.modes) {
        const double cy = top + row * (static_cast<double>(i) + 0.5);
        const std::string_view color = mode_color(mode);
        c.begin_group("lag-row", "data-mode=\"" + std::string(mode_key(mode)) + "\"");
        mode_row_label(c, left, cy, mode, tags);
        const std::string tip = std::string(mode_label(mode)) + ": p50 " + util::format_seconds(r.lag.p50) +
                                ", p95 " + util::format_seconds(r.lag.p95) + ", p99 " +
                                util::format_seconds(r.lag.p99) + ", mean " +
                                util::format_seconds(r.lag.mean) + ", max " + util::format_seconds(r.lag.max);
        const double x50 = x(r.lag.p50), x95 = x(r.lag.p95), x99 = x(r.lag.p99);
        c.line(x95, cy, x99, cy, color, 2);
        c.line(x99, cy - 7, x99, cy + 7, color, 2);
        // At least 3 px, so a box with p50 = p95 stays visible.
        c.rect(x50, cy - 9, std::max(x95 - x50, 3.0), 18, color, tip, "rx=\"3\"");
        c.marker(3, x(r.lag.max), cy, 10, "#ffffff", color, "max " + util::format_seconds(r.lag.max));
        c.marker(0, x(r.lag.mean), cy, 10, "#ffffff", colors::k_ink,
                 "mean " + util::format_seconds(r.lag.mean));
        c.text(right + 16, cy - 3, "p95 " + util::format_seconds(r.lag.p95), Anchor::start, k_label_font,
               colors::k_ink, "font-weight=\"600\"");
        c.text(right + 16, cy + 13, share_text(r.sla_attainment) + " within SLA", Anchor::start, k_note_font,
               colors::k_muted);
        c.end_group();
        ++i;
    }
    if (sla_seconds > 0) sla_marker(c, x(sla_seconds), top, bottom, sla_seconds, left, right);
    return c.str();
}

std::string lag_cdf_chart(const pipeline::SimulationResult& simulation, double sla_seconds,
                          const std::string& id) {
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
    if (!any) return {};
    // As in lag_range_chart: a margin, 1 ms at least, a decade at least.
    lo = std::max(lo / 2.0, 1e-3);
    hi = std::max(hi * 1.5, lo * 10);

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
    if (sla_seconds > 0) sla_marker(c, x(sla_seconds), top, bottom, sla_seconds, left, right);
    return c.str();
}

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

    struct Part {
        std::string_view name;
        std::string_view color;
        double cost::CostBreakdown::*field;
    };
    const Part parts[] = {{"Compute", colors::k_sky, &cost::CostBreakdown::compute},
                          {"Infrastructure", colors::k_orange, &cost::CostBreakdown::infrastructure},
                          {"Storage", colors::k_yellow, &cost::CostBreakdown::storage},
                          {"Engineering", colors::k_purple, &cost::CostBreakdown::engineering}};
    double lx = left;
    c.begin_group("legend");
    for (const Part& p : parts) lx = legend_swatch(c, lx, 18, p.color, p.name);
    c.line(lx, 14, lx + 22, 14, colors::k_ink, 1.5);
    c.line(lx, 9, lx, 19, colors::k_ink, 1.5);
    c.line(lx + 22, 9, lx + 22, 19, colors::k_ink, 1.5);
    c.text(lx + 28, 18, "p5 to p95 of the total", Anchor::start, k_note_font);
    c.end_group();

    x_axis(c, x, ticks, top, bottom, money_short, "USD per month", left, right);

    std::size_t i = 0;
    for (const auto& [mode, mc] : costs) {
        const double cy = top + row * (static_cast<double>(i) + 0.5);
        const cost::CostBreakdown& b = mc.monthly_usd;
        c.begin_group("cost-row");
        mode_row_label(c, left, cy, mode, tags);
        double at = 0;
        for (const Part& p : parts) {
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
        ++i;
    }
    return c.str();
}

std::string recovery_chart(const pipeline::SimulationResult& simulation, const std::string& id,
                           const ModeTags& tags) {
    if (simulation.modes.empty()) return {};
    struct BarSpec {
        std::string label;
        double value;
        std::string fill;
        std::string extra;
    };
    std::vector<std::string> names;
    std::map<pipeline::Mode, std::vector<BarSpec>> specs;
    double hi = 0;
    bool drills = false;
    for (const auto& [mode, r] : simulation.modes) {
        names.emplace_back(mode_label(mode));
        drills = drills || !r.drills.empty();
        if (r.recovery.failures == 0 && r.drills.empty()) continue;
        const std::string color(mode_color(mode));
        auto& s = specs[mode];
        s.push_back({"mean " + util::format_seconds(r.recovery.mean), r.recovery.mean, color,
                     "fill-opacity=\"0.45\""});
        s.push_back({"p95 " + util::format_seconds(r.recovery.p95), r.recovery.p95, color, ""});
        if (!r.drills.empty()) {
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
        for (const auto& b : s) hi = std::max(hi, b.value);
    }
    // An hour-long axis when nothing failed, so the empty chart still has a scale.
    const std::vector<double> ticks = svg::time_ticks(hi > 0 ? hi : 3600, 6);
    const double left = label_column_width(names, k_label_font) + 28;
    const double column = k_width - 210;  // failure counts start here
    // Bar-end labels must stay left of the failure column: shrink the plot until they do.
    double right = column - 16;
    // Shrinking moves the bar ends too, hence more than one pass (at most three).
    for (int pass = 0; pass < 3; ++pass) {
        double overflow = 0;
        for (const auto& [mode, s] : specs) {
            for (const auto& b : s) {
                const double end = left + b.value / ticks.back() * (right - left) + 6 +
                                   svg::text_width(b.label, k_tick_font);
                overflow = std::max(overflow, end - (column - 12));
            }
        }
        if (overflow <= 0) break;
        right -= overflow;
    }
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

    c.begin_group("legend");
    double lx = left;
    lx = legend_swatch(c, lx, 18, colors::k_muted, "mean", "rx=\"2\" fill-opacity=\"0.45\"");
    lx = legend_swatch(c, lx, 18, colors::k_muted, "p95");
    if (drills) {
        legend_swatch(c, lx, 18, "#ffffff", "scripted drill (outage + catch-up)",
                      "stroke=\"#57606A\" stroke-width=\"2\"");
    }
    c.end_group();

    x_axis(c, x, ticks, top, bottom, time_tick, "Time until lag is back to normal", left, right);
    c.text(column, top - 8, "failures over all replications", Anchor::start, k_tick_font, colors::k_muted);

    std::size_t i = 0;
    for (const auto& [mode, r] : simulation.modes) {
        const double y0 = top + row * static_cast<double>(i) + 13;
        const double cy = top + row * (static_cast<double>(i) + 0.5);
        ++i;
        c.begin_group("recovery-row");
        mode_row_label(c, left, cy, mode, tags);
        const std::string failures =
            std::to_string(r.recovery.failures) + (r.recovery.failures == 1 ? " failure" : " failures");
        c.text(column, cy + 4.5, failures, Anchor::start, k_label_font, colors::k_ink, "font-weight=\"600\"");
        const auto found = specs.find(mode);
        if (found == specs.end()) {
            c.text(left + 8, cy + 4.5, "no failures simulated", Anchor::start, k_note_font, colors::k_muted);
            c.end_group();
            continue;
        }
        for (std::size_t k = 0; k < found->second.size(); ++k) {
            const BarSpec& b = found->second[k];
            const double by = y0 + static_cast<double>(k) * (bar + 4);
            const double w = std::max(x(b.value) - left, 2.0);
            c.rect(left, by, w, bar, b.fill, std::string(mode_label(mode)) + " " + b.label, b.extra);
            c.text(left + w + 6, by + bar - 3, b.label, Anchor::start, k_tick_font, colors::k_ink);
        }
        c.end_group();
    }
    return c.str();
}

std::string tornado_chart(const evaluation::Sensitivity& sensitivity, const std::string& id) {
    if (sensitivity.bars.empty()) return {};
    std::vector<evaluation::TornadoBar> bars = sensitivity.bars;
    // Widest swing first, the tornado shape; stable, so ties keep the analysis' order.
    std::stable_sort(bars.begin(), bars.end(), [](const auto& a, const auto& b) {
        return std::abs(a.multiplier_high - a.multiplier_low) >
               std::abs(b.multiplier_high - b.multiplier_low);
    });
    std::vector<std::string> names;
    double lo = sensitivity.base_multiplier, hi = sensitivity.base_multiplier;
    for (const auto& b : bars) {
        names.push_back(b.input);
        lo = std::min({lo, b.multiplier_low, b.multiplier_high});
        hi = std::max({hi, b.multiplier_low, b.multiplier_high});
    }
    // At least 0.2× wide, so a tiny swing is not blown up to fill the axis.
    if (hi - lo < 0.2) {
        lo -= 0.1;
        hi += 0.1;
    }
    const std::vector<double> ticks = svg::nice_ticks(lo, hi, 6);
    // Long input names are capped at 320 px so the bars keep their room.
    const double left = std::min(label_column_width(names, k_label_font), 320.0) + 28;
    const double right = k_width - 30;
    const double pad = 58;  // room for value labels beyond the bar ends
    const double top = 62;
    const double row = 38;
    const double bottom = top + row * static_cast<double>(bars.size());
    const double height = bottom + 50;

    std::string desc = "Streaming over batch monthly cost multiplier, base " +
                       format_multiplier(sensitivity.base_multiplier) + ", with each input at 50% and 150%.";
    for (const auto& b : bars) {
        desc += " " + b.input + ": " + format_multiplier(b.multiplier_low) + " to " +
                format_multiplier(b.multiplier_high) + ".";
    }
    Canvas c(id, k_width, height, "What moves the streaming cost multiplier", desc);
    svg::LinearScale x(ticks.front(), ticks.back(), left + pad, right - pad);

    c.begin_group("legend");
    double lx = left;
    lx = legend_swatch(c, lx, 18, colors::k_sky, "input at 50% of its value");
    legend_swatch(c, lx, 18, colors::k_orange, "input at 150% of its value");
    c.end_group();

    x_axis(c, x, ticks, top, bottom, format_multiplier, "Streaming monthly cost ÷ batch monthly cost",
           left + pad, right - pad);

    for (std::size_t i = 0; i < bars.size(); ++i) {
        const auto& b = bars[i];
        const double cy = top + row * (static_cast<double>(i) + 0.5);
        c.begin_group("tornado-bar");
        c.text(left - 14, cy + 4.5, b.input, Anchor::end, k_label_font, colors::k_ink);
        const double base = x(sensitivity.base_multiplier);
        const auto segment = [&](double value, double y, std::string_view color, std::string_view which) {
            const double px = x(value);
            c.rect(std::min(base, px), y, std::max(std::abs(px - base), 2.0), 12, color,
                   b.input + " " + std::string(which) + ": " + format_multiplier(value));
            const bool leftward = px < base;
            c.text(leftward ? std::min(px, base) - 5 : std::max(px, base) + 5, y + 10,
                   format_multiplier(value), leftward ? Anchor::end : Anchor::start, k_tick_font,
                   colors::k_ink);
        };
        segment(b.multiplier_low, cy - 13, colors::k_sky, "at 50%");
        segment(b.multiplier_high, cy + 1, colors::k_orange, "at 150%");
        c.end_group();
    }
    const double base = x(sensitivity.base_multiplier);
    c.line(base, top - 6, base, bottom, colors::k_ink, 1.5);
    c.text(base, top - 12, "base " + format_multiplier(sensitivity.base_multiplier), Anchor::middle,
           k_note_font, colors::k_ink, "font-weight=\"600\"");
    return c.str();
}

std::vector<std::string> whatif_charts(const std::vector<evaluation::WhatifRow>& rows, double sla_seconds,
                                       const std::string& id, std::size_t max_panels) {
    std::vector<std::string> out;
    if (rows.empty() || rows.front().settings.empty()) return out;
    const std::string x_key = rows.front().settings.front().key;

    // Group rows by the values of the other dimensions (one panel each), keeping grid order.
    struct Panel {
        std::string title;
        std::vector<const evaluation::WhatifRow*> rows;
    };
    std::vector<Panel> panels;
    for (const auto& r : rows) {
        std::string title;
        for (std::size_t k = 1; k < r.settings.size(); ++k) {
            if (!title.empty()) title += ", ";
            title += r.settings[k].key + " = " + r.settings[k].value;
        }
        auto it =
            std::find_if(panels.begin(), panels.end(), [&](const Panel& p) { return p.title == title; });
        if (it == panels.end()) {
            panels.push_back(Panel{title, {}});
            it = std::prev(panels.end());
        }
        it->rows.push_back(&r);
    }

    // Shared scales across panels, so small multiples compare at a glance.
    // Sweeping a key that ends in latency.sla moves the SLA with x.
    const bool sweeps_sla = x_key.size() >= 11 && x_key.compare(x_key.size() - 11, 11, "latency.sla") == 0;
    const auto sla_of = [&](const evaluation::WhatifRow& r) {
        if (sweeps_sla) {
            if (auto d = util::parse_duration(r.settings.front().value)) return d.value->seconds();
        }
        return sla_seconds;
    };
    std::vector<pipeline::Mode> modes;
    double cost_hi = 0, lag_lo = std::numeric_limits<double>::infinity(), lag_hi = 0;
    for (const auto& r : rows) {
        for (const auto& [mode, v] : r.monthly_cost_usd) {
            if (std::find(modes.begin(), modes.end(), mode) == modes.end()) modes.push_back(mode);
            cost_hi = std::max(cost_hi, v);
        }
        for (const auto& [mode, v] : r.lag_p95_seconds) {
            if (v > 0) lag_lo = std::min(lag_lo, v);
            lag_hi = std::max(lag_hi, v);
        }
        if (const double sla = sla_of(r); sla > 0) {
            lag_lo = std::min(lag_lo, sla);
            lag_hi = std::max(lag_hi, sla);
        }
    }
    // Mode order, as in the other charts, whatever order the rows met them in.
    std::sort(modes.begin(), modes.end());
    if (!std::isfinite(lag_lo)) lag_lo = 1;
    lag_lo = std::max(lag_lo / 2.5, 1e-3);
    lag_hi = std::max(lag_hi * 2.5, lag_lo * 10);
    const std::vector<double> cost_ticks = svg::nice_ticks(0, cost_hi > 0 ? cost_hi : 1, 5);

    for (std::size_t p = 0; p < panels.size() && p < max_panels; ++p) {
        const Panel& panel = panels[p];
        std::vector<double> slas;
        for (const auto* r : panel.rows) slas.push_back(sla_of(*r));

        const double legend_y = panel.title.empty() ? 18 : 46;
        const double top = legend_y + 46;
        const double plot_h = 230;
        const double bottom = top + plot_h;
        const double height = bottom + 56;
        const double gap = 100;
        const double l1 = 80, r1 = (k_width - gap) / 2;
        const double l2 = r1 + gap, r2 = k_width - 20;

        std::string desc = "Sweep of " + x_key + (panel.title.empty() ? "" : " with " + panel.title) +
                           ": monthly cost and lag p95 per mode at each value.";
        for (const auto* r : panel.rows) {
            desc += " " + r->settings.front().value + ":";
            for (auto mode : modes) {
                auto cost_it = r->monthly_cost_usd.find(mode);
                auto lag_it = r->lag_p95_seconds.find(mode);
                desc += " " + std::string(mode_label(mode)) + " " +
                        (cost_it != r->monthly_cost_usd.end() ? util::format_money(cost_it->second) : "n/a") +
                        " per month, p95 " +
                        (lag_it != r->lag_p95_seconds.end() ? util::format_seconds(lag_it->second) : "n/a") +
                        ";";
            }
        }
        Canvas c(id + "-" + std::to_string(p + 1), k_width, height,
                 "What-if: cost and lag as " + x_key + " varies", desc);
        if (!panel.title.empty()) {
            c.text(l1 - 60, 20, panel.title, Anchor::start, k_label_font, colors::k_ink,
                   "font-weight=\"600\"");
        }
        double lx = l1 - 60;
        c.begin_group("legend");
        for (auto mode : modes) lx = legend_line(c, lx, legend_y, mode, mode_label(mode));
        c.end_group();

        const std::size_t n = panel.rows.size();
        // Categorical x: the swept values evenly spaced in grid order, whatever their magnitude.
        const auto x_at = [&](double l, double r, std::size_t k) {
            const double step = (r - l) / static_cast<double>(n);
            return l + step * (static_cast<double>(k) + 0.5);
        };
        const auto categorical_axis = [&](double l, double r) {
            c.begin_group("axis x-axis");
            c.line(l, bottom, r, bottom, colors::k_muted, 1);
            double last_end = -std::numeric_limits<double>::infinity();
            for (std::size_t k = 0; k < n; ++k) {
                const double px = x_at(l, r, k);
                c.line(px, bottom, px, bottom + 4, colors::k_muted, 1);
                const std::string& label = panel.rows[k]->settings.front().value;
                const double w = svg::text_width(label, k_tick_font);
                if (px - w / 2 < last_end + 6) continue;
                c.text(px, bottom + 17, label, Anchor::middle, k_tick_font, colors::k_muted);
                last_end = px + w / 2;
            }
            c.text((l + r) / 2, bottom + 38, x_key, Anchor::middle, k_note_font, colors::k_muted);
            c.end_group();
        };

        // Left: monthly cost.
        svg::LinearScale cy(0, cost_ticks.back(), bottom, top);
        c.begin_group("axis y-axis");
        for (double t : cost_ticks) {
            c.line(l1, cy(t), r1, cy(t), colors::k_grid, 1);
            c.text(l1 - 8, cy(t) + 4, money_short(t), Anchor::end, k_tick_font, colors::k_muted);
        }
        c.text(l1 - 60, top - 16, "Monthly cost (USD per month)", Anchor::start, k_note_font, colors::k_muted,
               "font-weight=\"600\"");
        c.end_group();
        categorical_axis(l1, r1);
        for (auto mode : modes) {
            std::vector<std::pair<double, double>> pts;
            c.begin_group("whatif-cost-line");
            for (std::size_t k = 0; k < n; ++k) {
                auto it = panel.rows[k]->monthly_cost_usd.find(mode);
                if (it == panel.rows[k]->monthly_cost_usd.end()) continue;
                pts.emplace_back(x_at(l1, r1, k), cy(it->second));
            }
            c.polyline(pts, mode_color(mode), 2.5, mode_dash(mode));
            for (std::size_t k = 0; k < n; ++k) {
                auto it = panel.rows[k]->monthly_cost_usd.find(mode);
                if (it == panel.rows[k]->monthly_cost_usd.end()) continue;
                c.marker(mode_shape(mode), x_at(l1, r1, k), cy(it->second), 9, mode_color(mode), "#ffffff",
                         std::string(mode_label(mode)) + " at " + panel.rows[k]->settings.front().value +
                             ": " + util::format_money(it->second) + " per month");
            }
            c.end_group();
        }

        // Right: lag p95 on a log axis, with the SLA.
        svg::LogScale ly_scale(lag_lo, lag_hi, bottom, top);
        c.begin_group("axis y-axis");
        for (double t : svg::log_time_ticks(lag_lo, lag_hi, 7)) {
            c.line(l2, ly_scale(t), r2, ly_scale(t), colors::k_grid, 1);
            c.text(l2 - 8, ly_scale(t) + 4, time_tick(t), Anchor::end, k_tick_font, colors::k_muted);
        }
        c.text(l2 - 60, top - 16, "Lag p95, with the SLA (log scale)", Anchor::start, k_note_font,
               colors::k_muted, "font-weight=\"600\"");
        c.end_group();
        categorical_axis(l2, r2);
        c.begin_group("sla-marker");
        std::vector<std::pair<double, double>> sla_pts;
        for (std::size_t k = 0; k < n; ++k) {
            if (slas[k] > 0) sla_pts.emplace_back(x_at(l2, r2, k), ly_scale(slas[k]));
        }
        if (!sla_pts.empty()) {
            if (!sweeps_sla) {
                // A fixed SLA is one horizontal line across the whole plot.
                sla_pts = {{l2, sla_pts.front().second}, {r2, sla_pts.front().second}};
            }
            c.polyline(sla_pts, colors::k_ink, 1.5, "5 3");
            c.text(r2 - 4, sla_pts.back().second - 6, sweeps_sla ? "SLA" : "SLA " + sla_text(slas.front()),
                   Anchor::end, k_note_font, colors::k_ink, "font-weight=\"600\"");
        }
        c.end_group();
        for (auto mode : modes) {
            std::vector<std::pair<double, double>> pts;
            c.begin_group("whatif-lag-line");
            for (std::size_t k = 0; k < n; ++k) {
                auto it = panel.rows[k]->lag_p95_seconds.find(mode);
                if (it == panel.rows[k]->lag_p95_seconds.end()) continue;
                pts.emplace_back(x_at(l2, r2, k), ly_scale(it->second));
            }
            c.polyline(pts, mode_color(mode), 2.5, mode_dash(mode));
            for (std::size_t k = 0; k < n; ++k) {
                auto it = panel.rows[k]->lag_p95_seconds.find(mode);
                if (it == panel.rows[k]->lag_p95_seconds.end()) continue;
                c.marker(mode_shape(mode), x_at(l2, r2, k), ly_scale(it->second), 9, mode_color(mode),
                         "#ffffff",
                         std::string(mode_label(mode)) + " at " + panel.rows[k]->settings.front().value +
                             ": lag p95 " + util::format_seconds(it->second));
            }
            c.end_group();
        }
        out.push_back(c.str());
    }
    return out;
}

}  // namespace pipeadvise::render::html
