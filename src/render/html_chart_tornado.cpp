#include <algorithm>
#include <cmath>

#include "html_chart_parts.hpp"

/// The report's tornado chart: what moves the streaming cost multiplier, widest swing first.
namespace pipeadvise::render::html {

namespace {

using namespace chart;

/// One input's two bars around the base multiplier, each labelled at its end.
void tornado_bar(Canvas& c, const svg::LinearScale& x, const evaluation::TornadoBar& b,
                 double base_multiplier, double cy, double left) {
    c.begin_group("tornado-bar");
    c.text(left - 14, cy + 4.5, b.input, Anchor::end, k_label_font, colors::k_ink);
    const double base = x(base_multiplier);
    const auto segment = [&](double value, double y, std::string_view color, std::string_view which) {
        const double px = x(value);
        c.rect(std::min(base, px), y, std::max(std::abs(px - base), 2.0), 12, color,
               b.input + " " + std::string(which) + ": " + format_multiplier(value));
        const bool leftward = px < base;
        c.text(leftward ? std::min(px, base) - 5 : std::max(px, base) + 5, y + 10, format_multiplier(value),
               leftward ? Anchor::end : Anchor::start, k_tick_font, colors::k_ink);
    };
    segment(b.multiplier_low, cy - 13, colors::k_sky, "at 50%");
    segment(b.multiplier_high, cy + 1, colors::k_orange, "at 150%");
    c.end_group();
}

}  // namespace

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
        tornado_bar(c, x, bars[i], sensitivity.base_multiplier, top + row * (static_cast<double>(i) + 0.5),
                    left);
    }
    const double base = x(sensitivity.base_multiplier);
    c.line(base, top - 6, base, bottom, colors::k_ink, 1.5);
    c.text(base, top - 12, "base " + format_multiplier(sensitivity.base_multiplier), Anchor::middle,
           k_note_font, colors::k_ink, "font-weight=\"600\"");
    return c.str();
}

}  // namespace pipeadvise::render::html
