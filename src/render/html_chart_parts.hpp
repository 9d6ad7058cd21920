#pragma once

#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "pipeadvise/render/html.hpp"
#include "pipeadvise/render/svg.hpp"

/// What the report's charts share: sizes, each mode's colour, dash and marker, tick labels,
/// axes, legends and the SLA marker. The charts live one kind per file (html_chart_lag.cpp,
/// html_chart_cost.cpp, html_chart_recovery.cpp, html_chart_tornado.cpp, html_chart_whatif.cpp).
/// Private to src/render/.
namespace pipeadvise::render::html::chart {

using svg::Anchor;
using svg::Canvas;
namespace colors = svg::colors;

inline constexpr double k_width = 960;
inline constexpr double k_tick_font = 11;
inline constexpr double k_label_font = 13;
inline constexpr double k_note_font = 12;

// Each mode has an Okabe–Ito colour, a dash pattern and a marker shape, so the modes stay
// apart in grey print and for readers with a colour-vision deficiency.
std::string_view mode_color(pipeline::Mode mode);
/// The mode's JSON spelling, for data attributes ("micro_batch").
std::string_view mode_key(pipeline::Mode mode);
/// Marker shapes follow the Mode order: circle, square, triangle.
int mode_shape(pipeline::Mode mode);
std::string_view mode_dash(pipeline::Mode mode);

/// Tick label of a time axis: exact durations read best ("10m", "1h", "250ms").
std::string time_tick(double seconds);
/// Money without cents, for axis ticks where $1,000.00 would be noise.
std::string money_short(double usd);
/// An SLA as the workload states it ("30s", "1d"): SLAs are exact durations.
std::string sla_text(double seconds);
std::string share_text(double share);

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
                     std::string_view extra = "rx=\"2\"");
/// A legend entry of a mode's line and marker; returns the x after the entry.
double legend_line(Canvas& c, double x, double y, pipeline::Mode mode, std::string_view label);
double label_column_width(const std::vector<std::string>& labels, double font);

/// The SLA as a dashed vertical line with its label above the plot.
void sla_marker(Canvas& c, double px, double top, double bottom, double sla_seconds, double left,
                double right);
/// A per-mode row's name, right-aligned before the plot, with its tag below it.
void mode_row_label(Canvas& c, double left, double cy, pipeline::Mode mode, const ModeTags& tags);

}  // namespace pipeadvise::render::html::chart
