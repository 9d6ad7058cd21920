#include <algorithm>
#include <cmath>
#include <limits>

#include "html_chart_parts.hpp"
#include "pipeadvise/util/units.hpp"

/// The report's what-if charts: small multiples of monthly cost and lag p95 per mode across
/// the values of the first swept key, one panel per combination of the other keys.
namespace pipeadvise::render::html {

namespace {

using namespace chart;

struct Panel {
    std::string title;
    std::vector<const evaluation::WhatifRow*> rows;
};

/// Groups rows by the values of the other dimensions (one panel each), keeping grid order.
std::vector<Panel> group_panels(const std::vector<evaluation::WhatifRow>& rows) {
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
    return panels;
}

/// Scales shared across panels, so small multiples compare at a glance.
struct SharedScales {
    std::string x_key;
    bool sweeps_sla = false;
    double sla_seconds = 0;
    std::vector<pipeline::Mode> modes;
    double lag_lo = std::numeric_limits<double>::infinity(), lag_hi = 0;
    std::vector<double> cost_ticks;

    /// The SLA a row is judged by: the swept value when the sweep moves the SLA.
    double sla_of(const evaluation::WhatifRow& r) const {
        if (sweeps_sla) {
            if (auto d = util::parse_duration(r.settings.front().value)) return d.value->seconds();
        }
        return sla_seconds;
    }
};

SharedScales shared_scales(const std::vector<evaluation::WhatifRow>& rows, double sla_seconds) {
    SharedScales s;
    s.x_key = rows.front().settings.front().key;
    s.sla_seconds = sla_seconds;
    // Sweeping a key that ends in latency.sla moves the SLA with x.
    s.sweeps_sla = s.x_key.size() >= 11 && s.x_key.compare(s.x_key.size() - 11, 11, "latency.sla") == 0;
    double cost_hi = 0;
    for (const auto& r : rows) {
        for (const auto& [mode, v] : r.monthly_cost_usd) {
            if (std::find(s.modes.begin(), s.modes.end(), mode) == s.modes.end()) s.modes.push_back(mode);
            cost_hi = std::max(cost_hi, v);
        }
        for (const auto& [mode, v] : r.lag_p95_seconds) {
            if (v > 0) s.lag_lo = std::min(s.lag_lo, v);
            s.lag_hi = std::max(s.lag_hi, v);
        }
        if (const double sla = s.sla_of(r); sla > 0) {
            s.lag_lo = std::min(s.lag_lo, sla);
            s.lag_hi = std::max(s.lag_hi, sla);
        }
    }
    // Mode order, as in the other charts, whatever order the rows met them in.
    std::sort(s.modes.begin(), s.modes.end());
    if (!std::isfinite(s.lag_lo)) s.lag_lo = 1;
    s.lag_lo = std::max(s.lag_lo / 2.5, 1e-3);
    s.lag_hi = std::max(s.lag_hi * 2.5, s.lag_lo * 10);
    s.cost_ticks = svg::nice_ticks(0, cost_hi > 0 ? cost_hi : 1, 5);
    return s;
}

std::string panel_desc(const Panel& panel, const SharedScales& s) {
    std::string desc = "Sweep of " + s.x_key + (panel.title.empty() ? "" : " with " + panel.title) +
                       ": monthly cost and lag p95 per mode at each value.";
    for (const auto* r : panel.rows) {
        desc += " " + r->settings.front().value + ":";
        for (auto mode : s.modes) {
            auto cost_it = r->monthly_cost_usd.find(mode);
            auto lag_it = r->lag_p95_seconds.find(mode);
            desc += " " + std::string(mode_label(mode)) + " " +
                    (cost_it != r->monthly_cost_usd.end() ? util::format_money(cost_it->second) : "n/a") +
                    " per month, p95 " +
                    (lag_it != r->lag_p95_seconds.end() ? util::format_seconds(lag_it->second) : "n/a") + ";";
        }
    }
    return desc;
}

/// Draws one panel: monthly cost on the left, lag p95 with the SLA on the right, both over the
/// swept values as categories.
class PanelPlot {
public:
    PanelPlot(Canvas& c, const Panel& panel, const SharedScales& s, double top, double bottom)
        : m_c(c), m_panel(panel), m_s(s), m_top(top), m_bottom(bottom), m_n(panel.rows.size()) {}

    /// Left: monthly cost per mode on a linear axis.
    void cost_side(double l, double r) const {
        svg::LinearScale cy(0, m_s.cost_ticks.back(), m_bottom, m_top);
        m_c.begin_group("axis y-axis");
        for (double t : m_s.cost_ticks) {
            m_c.line(l, cy(t), r, cy(t), colors::k_grid, 1);
            m_c.text(l - 8, cy(t) + 4, money_short(t), Anchor::end, k_tick_font, colors::k_muted);
        }
        m_c.text(l - 60, m_top - 16, "Monthly cost (USD per month)", Anchor::start, k_note_font,
                 colors::k_muted, "font-weight=\"600\"");
        m_c.end_group();
        categorical_axis(l, r);
        for (auto mode : m_s.modes) {
            mode_line("whatif-cost-line", mode, &evaluation::WhatifRow::monthly_cost_usd, l, r, cy,
                      [](double v) { return ": " + util::format_money(v) + " per month"; });
        }
    }

    /// Right: lag p95 per mode on a log axis, with the SLA.
    void lag_side(double l, double r) const {
        svg::LogScale ly(m_s.lag_lo, m_s.lag_hi, m_bottom, m_top);
        m_c.begin_group("axis y-axis");
        for (double t : svg::log_time_ticks(m_s.lag_lo, m_s.lag_hi, 7)) {
            m_c.line(l, ly(t), r, ly(t), colors::k_grid, 1);
            m_c.text(l - 8, ly(t) + 4, time_tick(t), Anchor::end, k_tick_font, colors::k_muted);
        }
        m_c.text(l - 60, m_top - 16, "Lag p95, with the SLA (log scale)", Anchor::start, k_note_font,
                 colors::k_muted, "font-weight=\"600\"");
        m_c.end_group();
        categorical_axis(l, r);
        sla_line(l, r, ly);
        for (auto mode : m_s.modes) {
            mode_line("whatif-lag-line", mode, &evaluation::WhatifRow::lag_p95_seconds, l, r, ly,
                      [](double v) { return ": lag p95 " + util::format_seconds(v); });
        }
    }

private:
    Canvas& m_c;
    const Panel& m_panel;
    const SharedScales& m_s;
    double m_top, m_bottom;
    std::size_t m_n;

    /// Categorical x: the swept values evenly spaced in grid order, whatever their magnitude.
    double x_at(double l, double r, std::size_t k) const {
        const double step = (r - l) / static_cast<double>(m_n);
        return l + step * (static_cast<double>(k) + 0.5);
    }

    const std::string& value_at(std::size_t k) const { return m_panel.rows[k]->settings.front().value; }

    void categorical_axis(double l, double r) const {
        m_c.begin_group("axis x-axis");
        m_c.line(l, m_bottom, r, m_bottom, colors::k_muted, 1);
        double last_end = -std::numeric_limits<double>::infinity();
        for (std::size_t k = 0; k < m_n; ++k) {
            const double px = x_at(l, r, k);
            m_c.line(px, m_bottom, px, m_bottom + 4, colors::k_muted, 1);
            const std::string& label = value_at(k);
            const double w = svg::text_width(label, k_tick_font);
            if (px - w / 2 < last_end + 6) continue;
            m_c.text(px, m_bottom + 17, label, Anchor::middle, k_tick_font, colors::k_muted);
            last_end = px + w / 2;
        }
        m_c.text((l + r) / 2, m_bottom + 38, m_s.x_key, Anchor::middle, k_note_font, colors::k_muted);
        m_c.end_group();
    }

    /// One mode's line and markers over the rows that have a value in `values`.
    template <class Scale, class Tip>
    void mode_line(std::string_view group, pipeline::Mode mode,
                   std::map<pipeline::Mode, double> evaluation::WhatifRow::*values, double l, double r,
                   const Scale& y, Tip tip) const {
        std::vector<std::pair<double, double>> pts;
        m_c.begin_group(group);
        for (std::size_t k = 0; k < m_n; ++k) {
            const auto& row_values = m_panel.rows[k]->*values;
            auto it = row_values.find(mode);
            if (it == row_values.end()) continue;
            pts.emplace_back(x_at(l, r, k), y(it->second));
        }
        m_c.polyline(pts, mode_color(mode), 2.5, mode_dash(mode));
        for (std::size_t k = 0; k < m_n; ++k) {
            const auto& row_values = m_panel.rows[k]->*values;
            auto it = row_values.find(mode);
            if (it == row_values.end()) continue;
            m_c.marker(mode_shape(mode), x_at(l, r, k), y(it->second), 9, mode_color(mode), "#ffffff",
                       std::string(mode_label(mode)) + " at " + value_at(k) + tip(it->second));
        }
        m_c.end_group();
    }

    void sla_line(double l, double r, const svg::LogScale& ly) const {
        std::vector<double> slas;
        for (const auto* row : m_panel.rows) slas.push_back(m_s.sla_of(*row));
        m_c.begin_group("sla-marker");
        std::vector<std::pair<double, double>> sla_pts;
        for (std::size_t k = 0; k < m_n; ++k) {
            if (slas[k] > 0) sla_pts.emplace_back(x_at(l, r, k), ly(slas[k]));
        }
        if (!sla_pts.empty()) {
            if (!m_s.sweeps_sla) {
                // A fixed SLA is one horizontal line across the whole plot.
                sla_pts = {{l, sla_pts.front().second}, {r, sla_pts.front().second}};
            }
            m_c.polyline(sla_pts, colors::k_ink, 1.5, "5 3");
            m_c.text(r - 4, sla_pts.back().second - 6,
                     m_s.sweeps_sla ? "SLA" : "SLA " + sla_text(slas.front()), Anchor::end, k_note_font,
                     colors::k_ink, "font-weight=\"600\"");
        }
        m_c.end_group();
    }
};

std::string panel_chart(const Panel& panel, const SharedScales& s, const std::string& id) {
    const double legend_y = panel.title.empty() ? 18 : 46;
    const double top = legend_y + 46;
    const double plot_h = 230;
    const double bottom = top + plot_h;
    const double height = bottom + 56;
    const double gap = 100;
    const double l1 = 80, r1 = (k_width - gap) / 2;
    const double l2 = r1 + gap, r2 = k_width - 20;

    Canvas c(id, k_width, height, "What-if: cost and lag as " + s.x_key + " varies", panel_desc(panel, s));
    if (!panel.title.empty()) {
        c.text(l1 - 60, 20, panel.title, Anchor::start, k_label_font, colors::k_ink, "font-weight=\"600\"");
    }
    double lx = l1 - 60;
    c.begin_group("legend");
    for (auto mode : s.modes) lx = legend_line(c, lx, legend_y, mode, mode_label(mode));
    c.end_group();

    const PanelPlot plot(c, panel, s, top, bottom);
    plot.cost_side(l1, r1);
    plot.lag_side(l2, r2);
    return c.str();
}

}  // namespace

std::vector<std::string> whatif_charts(const std::vector<evaluation::WhatifRow>& rows, double sla_seconds,
                                       const std::string& id, std::size_t max_panels) {
    std::vector<std::string> out;
    if (rows.empty() || rows.front().settings.empty()) return out;
    const std::vector<Panel> panels = group_panels(rows);
    const SharedScales scales = shared_scales(rows, sla_seconds);
    for (std::size_t p = 0; p < panels.size() && p < max_panels; ++p) {
        out.push_back(panel_chart(panels[p], scales, id + "-" + std::to_string(p + 1)));
    }
    return out;
}

}  // namespace pipeadvise::render::html
