#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

#include "pipeadvise/evaluation/whatif.hpp"
#include "pipeadvise/util/units.hpp"

/// Break-even points of a what-if grid: where, along one swept key with the others fixed, the
/// recommendation changes or two modes' monthly costs cross.
namespace pipeadvise::evaluation {

namespace {

/// A value of a sweep read as a number, with the unit family it was written in.
enum class Family { number, duration, rate, size };
struct Numeric {
    double value = 0;
    Family family = Family::number;
};

std::optional<Numeric> numeric(std::string_view text) {
    if (auto n = util::parse_number(text)) return Numeric{*n.value, Family::number};
    if (auto d = util::parse_duration(text)) return Numeric{d.value->seconds(), Family::duration};
    if (auto r = util::parse_rate(text)) return Numeric{*r.value, Family::rate};
    if (auto s = util::parse_size(text)) return Numeric{static_cast<double>(*s.value), Family::size};
    return std::nullopt;
}

/// A rate in the time unit the user wrote (`/day`, `/h`, `/min`, `/s`), with k/M/G scaling.
std::string format_rate_like(double per_second, std::string_view like) {
    static constexpr std::pair<std::string_view, double> k_units[] = {
        {"/day", 86400.0}, {"/h", 3600.0}, {"/min", 60.0}, {"/s", 1.0}};
    std::string_view suffix = "/s";
    double seconds = 1.0;
    for (const auto& [u, s] : k_units) {
        if (like.size() >= u.size() && like.substr(like.size() - u.size()) == u) {
            suffix = u;
            seconds = s;
            break;
        }
    }
    double v = per_second * seconds;
    std::string scale;
    for (const auto& [factor, name] : {std::pair{1e9, "G"}, std::pair{1e6, "M"}, std::pair{1e3, "k"}}) {
        if (v >= factor) {
            v /= factor;
            scale = name;
            break;
        }
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3g", v);
    return buf + scale + std::string(suffix);
}

std::string format_numeric(double value, Family family, std::string_view like) {
    switch (family) {
        case Family::duration:
            return util::format_seconds(value);
        case Family::rate:
            return format_rate_like(value, like);
        case Family::size:
            return util::format_size(static_cast<std::int64_t>(std::llround(value)));
        case Family::number:
            break;
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.4g", value);
    return buf;
}

}  // namespace

namespace {

using Coordinates = std::vector<std::size_t>;
using RowsByCoordinates = std::map<Coordinates, const WhatifRow*>;

/// Coordinates of each row in the grid, from the values it set.
RowsByCoordinates grid_coordinates(const std::vector<SweepDimension>& dimensions,
                                   const std::vector<WhatifRow>& rows) {
    RowsByCoordinates by_coordinates;
    for (const auto& row : rows) {
        if (row.settings.size() != dimensions.size()) continue;
        Coordinates c;
        for (std::size_t d = 0; d < dimensions.size(); ++d) {
            const auto& values = dimensions[d].values;
            const auto it = std::find(values.begin(), values.end(), row.settings[d].value);
            if (it == values.end()) break;
            c.push_back(static_cast<std::size_t>(it - values.begin()));
        }
        if (c.size() == dimensions.size()) by_coordinates.emplace(std::move(c), &row);
    }
    return by_coordinates;
}

/// Each pair of modes whose cost order flips between `lo` and `hi`, with where the costs meet
/// when both values are numbers of one family.
void cost_crossings(const BreakEven& b, const WhatifRow& lo, const WhatifRow& hi,
                    std::vector<BreakEven>& out) {
    const auto lo_num = numeric(b.from_value);
    const auto hi_num = numeric(b.to_value);
    for (std::size_t i = 0; i < pipeline::k_all_modes.size(); ++i) {
        for (std::size_t j = i + 1; j < pipeline::k_all_modes.size(); ++j) {
            const auto a = pipeline::k_all_modes[i];
            const auto c = pipeline::k_all_modes[j];
            if (!lo.monthly_cost_usd.count(a) || !lo.monthly_cost_usd.count(c) ||
                !hi.monthly_cost_usd.count(a) || !hi.monthly_cost_usd.count(c)) {
                continue;
            }
            const double before = lo.monthly_cost_usd.at(a) - lo.monthly_cost_usd.at(c);
            const double after = hi.monthly_cost_usd.at(a) - hi.monthly_cost_usd.at(c);
            if ((before < 0) == (after < 0) || before == after) continue;
            BreakEven x = b;
            x.kind = BreakEven::Kind::cost;
            x.first = before < 0 ? a : c;   // cheaper at from_value
            x.second = before < 0 ? c : a;  // cheaper at to_value
            if (lo_num && hi_num && lo_num->family == hi_num->family) {
                const double t = before / (before - after);
                x.estimate = format_numeric(lo_num->value + t * (hi_num->value - lo_num->value),
                                            lo_num->family, b.from_value);
            }
            out.push_back(std::move(x));
        }
    }
}

/// The break-evens along dimension `d` from the grid line through `base` (base[d] == 0).
void line_break_evens(const std::vector<SweepDimension>& dimensions, std::size_t d, const Coordinates& base,
                      const RowsByCoordinates& by_coordinates, std::vector<BreakEven>& out) {
    const auto& dim = dimensions[d];
    std::vector<model::Override> fixed;
    for (std::size_t o = 0; o < dimensions.size(); ++o)
        if (o != d) fixed.push_back(model::Override{dimensions[o].key, dimensions[o].values[base[o]]});

    for (std::size_t v = 0; v + 1 < dim.values.size(); ++v) {
        auto lo_c = base, hi_c = base;
        lo_c[d] = v;
        hi_c[d] = v + 1;
        const auto lo_it = by_coordinates.find(lo_c);
        const auto hi_it = by_coordinates.find(hi_c);
        if (lo_it == by_coordinates.end() || hi_it == by_coordinates.end()) continue;
        const WhatifRow& lo = *lo_it->second;
        const WhatifRow& hi = *hi_it->second;

        BreakEven b;
        b.dimension = dim.key;
        b.fixed = fixed;
        b.from_value = dim.values[v];
        b.to_value = dim.values[v + 1];
        if (lo.recommendation != hi.recommendation) {
            b.kind = BreakEven::Kind::recommendation;
            b.before = lo.recommendation;
            b.after = hi.recommendation;
            out.push_back(b);
        }
        cost_crossings(b, lo, hi, out);
    }
}

}  // namespace

std::vector<BreakEven> break_even(const std::vector<SweepDimension>& dimensions,
                                  const std::vector<WhatifRow>& rows) {
    const RowsByCoordinates by_coordinates = grid_coordinates(dimensions, rows);
    std::vector<BreakEven> out;
    for (std::size_t d = 0; d < dimensions.size(); ++d) {
        if (dimensions[d].values.size() < 2) continue;
        // Every combination of the other dimensions, in grid order (each once).
        std::set<Coordinates> seen;
        for (const auto& [coordinates, first_row] : by_coordinates) {
            Coordinates base = coordinates;
            base[d] = 0;
            if (!seen.insert(base).second) continue;
            line_break_evens(dimensions, d, base, by_coordinates, out);
        }
    }
    return out;
}

}  // namespace pipeadvise::evaluation
