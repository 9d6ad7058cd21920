#include "html_chart_parts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "pipeadvise/util/units.hpp"

namespace pipeadvise::render::html {

namespace chart {

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

std::string time_tick(double seconds) {
    if (seconds <= 0) return "0";
    return util::format_duration(util::Duration::from_seconds(seconds));
}

namespace {

std::string money_tick(double usd) {
    return util::format_money(usd);
}

/// "recommended" / "fallback" under a mode's name, or "".
std::string_view tag_of(pipeline::Mode mode, const ModeTags& tags) {
    if (tags.recommended == mode) return "recommended";
    if (tags.fallback == mode) return "fallback";
    return "";
}

}  // namespace

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

double legend_swatch(Canvas& c, double x, double y, std::string_view fill, std::string_view label,
                     std::string_view extra) {
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

std::string sla_text(double seconds) {
    return util::format_duration(util::Duration::from_seconds(seconds));
}

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

void mode_row_label(Canvas& c, double left, double cy, pipeline::Mode mode, const ModeTags& tags) {
    const std::string_view tag = tag_of(mode, tags);
    c.text(left - 14, tag.empty() ? cy + 4.5 : cy, mode_label(mode), Anchor::end, k_label_font, colors::k_ink,
           "font-weight=\"600\"");
    if (!tag.empty()) {
        c.text(left - 14, cy + 14, tag, Anchor::end, k_tick_font,
               tag == "recommended" ? colors::k_blue : colors::k_muted, "font-style=\"italic\"");
    }
}

}  // namespace chart

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

}  // namespace pipeadvise::render::html
