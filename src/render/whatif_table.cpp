#include <cmath>
#include <cstdio>
#include <set>

#include "pipeadvise/render/escape.hpp"
#include "pipeadvise/render/formats.hpp"
#include "pipeadvise/render/json.hpp"
#include "pipeadvise/render/sweep.hpp"
#include "pipeadvise/render/text_util.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "pipeadvise/util/units.hpp"

namespace pipeadvise::render {

namespace {

/// Modes present in any row, in mode order.
std::vector<pipeline::Mode> modes_of(const std::vector<evaluation::WhatifRow>& rows) {
    std::set<pipeline::Mode> present;
    for (const auto& r : rows)
        for (const auto& [mode, usd] : r.monthly_cost_usd) present.insert(mode);
    return {present.begin(), present.end()};
}

std::string cost_cell(const evaluation::WhatifRow& row, pipeline::Mode mode) {
    const auto it = row.monthly_cost_usd.find(mode);
    return it == row.monthly_cost_usd.end() ? "-" : util::format_money(it->second);
}

std::string lag_cell(const evaluation::WhatifRow& row, pipeline::Mode mode) {
    const auto it = row.lag_p95_seconds.find(mode);
    return it == row.lag_p95_seconds.end() ? "-" : util::format_seconds(it->second);
}

std::vector<std::string> header_of(const std::vector<evaluation::SweepDimension>& dimensions,
                                   const std::vector<pipeline::Mode>& modes) {
    std::vector<std::string> header;
    for (const auto& d : dimensions) header.push_back(d.key);
    header.emplace_back("recommendation");
    for (const auto mode : modes) header.push_back(std::string(pipeline::to_string(mode)) + " $/month");
    for (const auto mode : modes) header.push_back(std::string(pipeline::to_string(mode)) + " lag p95");
    return header;
}

std::vector<std::string> cells_of(const evaluation::WhatifRow& row,
                                  const std::vector<pipeline::Mode>& modes) {
    std::vector<std::string> cells;
    for (const auto& s : row.settings) cells.push_back(s.value);
    cells.emplace_back(model::to_string(row.recommendation));
    for (const auto mode : modes) cells.push_back(cost_cell(row, mode));
    for (const auto mode : modes) cells.push_back(lag_cell(row, mode));
    return cells;
}

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string number(double x) {
    if (!std::isfinite(x)) return "";
    char buf[32];
    // Six significant digits, without exponent notation for large figures.
    std::snprintf(buf, sizeof buf, std::abs(x) < 1e6 ? "%.6g" : "%.0f", x);
    return buf;
}

std::string whatif_csv(const std::vector<evaluation::SweepDimension>& dimensions,
                       const std::vector<evaluation::WhatifRow>& rows) {
    std::string out;
    std::vector<std::string> header;
    for (const auto& d : dimensions) header.push_back(d.key);
    header.emplace_back("recommendation");
    for (const auto mode : pipeline::k_all_modes) {
        const std::string m(pipeline::to_string(mode));
        header.push_back(m + "_monthly_cost_usd");
        header.push_back(m + "_lag_p95_seconds");
        header.push_back(m + "_sla_attainment");
    }
    for (std::size_t i = 0; i < header.size(); ++i) out += (i ? "," : "") + csv_field(header[i]);
    out += '\n';
    for (const auto& row : rows) {
        std::vector<std::string> cells;
        for (const auto& s : row.settings) cells.push_back(s.value);
        cells.emplace_back(model::to_string(row.recommendation));
        for (const auto mode : pipeline::k_all_modes) {
            const auto c = row.monthly_cost_usd.find(mode);
            const auto l = row.lag_p95_seconds.find(mode);
            const auto a = row.sla_attainment.find(mode);
            cells.push_back(c == row.monthly_cost_usd.end() ? "" : number(c->second));
            cells.push_back(l == row.lag_p95_seconds.end() ? "" : number(l->second));
            cells.push_back(a == row.sla_attainment.end() ? "" : number(a->second));
        }
        for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_field(cells[i]);
        out += '\n';
    }
    return out;
}

std::string fixed_suffix(const evaluation::BreakEven& b) {
    if (b.fixed.empty()) return {};
    std::string out = " (";
    for (std::size_t i = 0; i < b.fixed.size(); ++i) {
        if (i) out += ", ";
        out += b.fixed[i].key + "=" + b.fixed[i].value;
    }
    return out + ")";
}

std::string break_even_text(const std::vector<evaluation::SweepDimension>& dimensions,
                            const std::vector<evaluation::WhatifRow>& rows, bool markdown) {
    const auto lines = evaluation::break_even(dimensions, rows);
    std::string out =
        markdown ? "\n## Break-even\n\n" : "\nBreak-even (one dimension swept, the others fixed):\n";
    if (lines.empty()) {
        out += markdown ? "No recommendation flip or cost crossing within the swept values.\n"
                        : "  no recommendation flip or cost crossing within the swept values\n";
        return out;
    }
    for (const auto& b : lines) {
        out += markdown ? "- " + escape_markdown(describe(b)) + "\n"
                        : "  " + escape_terminal(describe(b)) + "\n";
    }
    return out;
}

std::string whatif_table(const std::vector<evaluation::SweepDimension>& dimensions,
                         const std::vector<evaluation::WhatifRow>& rows) {
    const auto modes = modes_of(rows);
    std::vector<std::vector<std::string>> cells;
    for (const auto& row : rows) {
        auto c = cells_of(row, modes);
        for (auto& x : c) x = escape_terminal(x);
        cells.push_back(std::move(c));
    }
    std::vector<std::string> header = header_of(dimensions, modes);
    for (auto& h : header) h = escape_terminal(h);
    std::string out = text::table(header, cells, "");
    out += break_even_text(dimensions, rows, false);
    return out;
}

std::string whatif_markdown(const std::vector<evaluation::SweepDimension>& dimensions,
                            const std::vector<evaluation::WhatifRow>& rows) {
    const auto modes = modes_of(rows);
    const auto header = header_of(dimensions, modes);
    std::string out = "# What-if sweep\n\n|";
    for (const auto& h : header) out += " " + escape_markdown(h) + " |";
    out += "\n|";
    for (std::size_t i = 0; i < header.size(); ++i) out += i < dimensions.size() + 1 ? " --- |" : " ---: |";
    out += '\n';
    for (const auto& row : rows) {
        out += '|';
        for (const auto& c : cells_of(row, modes)) out += " " + escape_markdown(c) + " |";
        out += '\n';
    }
    out += break_even_text(dimensions, rows, true);
    return out;
}

}  // namespace

std::string describe(const evaluation::BreakEven& b) {
    std::string out = b.dimension + fixed_suffix(b) + ": ";
    if (b.kind == evaluation::BreakEven::Kind::recommendation) {
        out += "recommendation flips from " + std::string(model::to_string(b.before)) + " to " +
               std::string(model::to_string(b.after)) + " between " + b.from_value + " and " + b.to_value;
    } else {
        out += std::string(pipeline::to_string(b.second)) + " becomes cheaper than " +
               std::string(pipeline::to_string(b.first)) + " between " + b.from_value + " and " + b.to_value;
        if (b.estimate) out += " (about " + *b.estimate + ", by linear interpolation)";
    }
    return out;
}

namespace detail {

std::string whatif_table(const Dimensions& dimensions, const WhatifRows& rows, const RenderOptions&) {
    return render::whatif_table(dimensions, rows);
}

std::string whatif_markdown(const Dimensions& dimensions, const WhatifRows& rows, const RenderOptions&) {
    return render::whatif_markdown(dimensions, rows);
}

std::string whatif_csv(const Dimensions& dimensions, const WhatifRows& rows, const RenderOptions&) {
    return render::whatif_csv(dimensions, rows);
}

std::string whatif_json(const Dimensions&, const WhatifRows& rows, const RenderOptions&) {
    std::string out;
    for (const auto& row : rows) out += whatif_json_line(row) + "\n";
    return out;
}

}  // namespace detail

}  // namespace pipeadvise::render
