#include "pipeadvise/evaluation/whatif.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <mutex>
#include <numeric>
#include <set>
#include <thread>

#include "pipeadvise/pipeline/memo.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "pipeadvise/util/units.hpp"

namespace pipeadvise::evaluation {

namespace {

// Grids larger than this are refused: a typo in a value list should not start a week of work.
constexpr std::size_t k_max_grid_points = 100'000;

[[noreturn]] void usage(std::string message) {
    throw util::Error(util::Error::Kind::usage, std::move(message));
}

std::optional<std::size_t> parse_count(std::string_view text) {
    std::size_t value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
    return value;
}

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

std::vector<GridPoint> expand_grid(const std::vector<SweepDimension>& dimensions) {
    std::size_t total = 1;
    for (const auto& d : dimensions) {
        if (d.values.empty()) usage("--set " + d.key + " has no values");
        if (total > k_max_grid_points / d.values.size()) {
            usage("the sweep has more than " + std::to_string(k_max_grid_points) +
                  " grid points; split it with fewer values per --set");
        }
        total *= d.values.size();
    }
    std::vector<GridPoint> grid;
    grid.reserve(total);
    std::vector<std::size_t> digit(dimensions.size(), 0);
    for (std::size_t index = 0; index < total; ++index) {
        GridPoint p;
        p.index = index;
        for (std::size_t d = 0; d < dimensions.size(); ++d) {
            p.settings.push_back(model::Override{dimensions[d].key, dimensions[d].values[digit[d]]});
        }
        grid.push_back(std::move(p));
        // Row-major: the last dimension moves fastest.
        for (std::size_t d = dimensions.size(); d-- > 0;) {
            if (++digit[d] < dimensions[d].values.size()) break;
            digit[d] = 0;
        }
    }
    return grid;
}

std::vector<GridPoint> shard_grid(const std::vector<GridPoint>& grid, std::size_t shard, std::size_t shards) {
    if (shards == 0 || shard == 0 || shard > shards) {
        usage("--shard must be I/N with 1 <= I <= N, got " + std::to_string(shard) + "/" +
              std::to_string(shards));
    }
    // Contiguous slices: shard I gets positions [floor((I-1)·n/N), floor(I·n/N)), so the
    // slices partition the grid and their sizes differ by at most one.
    const std::size_t n = grid.size();
    const std::size_t begin = (shard - 1) * n / shards;
    const std::size_t end = shard * n / shards;
    return {grid.begin() + static_cast<std::ptrdiff_t>(begin),
            grid.begin() + static_cast<std::ptrdiff_t>(end)};
}

std::pair<std::size_t, std::size_t> parse_shard(std::string_view text) {
    const auto slash = text.find('/');
    const auto bad = [&] {
        usage("--shard expects I/N with 1 <= I <= N (e.g. 2/4), got '" + std::string(text) + "'");
    };
    if (slash == std::string_view::npos) bad();
    const auto i = parse_count(text.substr(0, slash));
    const auto n = parse_count(text.substr(slash + 1));
    if (!i || !n || *n == 0 || *i == 0 || *i > *n) bad();
    return {*i, *n};
}

SweepDimension parse_dimension(std::string_view text) {
    const auto eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0) {
        usage("--set expects KEY=V1,V2,..., got '" + std::string(text) + "'");
    }
    SweepDimension d;
    d.key = std::string(text.substr(0, eq));
    std::string_view rest = text.substr(eq + 1);
    while (true) {
        const auto comma = rest.find(',');
        std::string value(rest.substr(0, comma));
        if (value.empty()) usage("--set " + d.key + ": empty value in '" + std::string(text) + "'");
        if (std::find(d.values.begin(), d.values.end(), value) != d.values.end()) {
            usage("--set " + d.key + ": value '" + value + "' is listed twice");
        }
        d.values.push_back(std::move(value));
        if (comma == std::string_view::npos) break;
        rest = rest.substr(comma + 1);
    }
    return d;
}

std::vector<SweepDimension> parse_dimensions(const std::vector<std::string>& texts) {
    std::vector<SweepDimension> dimensions;
    std::set<std::string> keys;
    for (const auto& text : texts) {
        SweepDimension d = parse_dimension(text);
        if (!keys.insert(d.key).second) {
            usage("--set " + d.key + " is given twice; list all its values in one --set " + d.key +
                  "=V1,V2,...");
        }
        dimensions.push_back(std::move(d));
    }
    return dimensions;
}

std::vector<BreakEven> break_even(const std::vector<SweepDimension>& dimensions,
                                  const std::vector<WhatifRow>& rows) {
    // Coordinates of each row in the grid, from the values it set.
    std::map<std::vector<std::size_t>, const WhatifRow*> by_coordinates;
    for (const auto& row : rows) {
        if (row.settings.size() != dimensions.size()) continue;
        std::vector<std::size_t> c;
        for (std::size_t d = 0; d < dimensions.size(); ++d) {
            const auto& values = dimensions[d].values;
            const auto it = std::find(values.begin(), values.end(), row.settings[d].value);
            if (it == values.end()) break;
            c.push_back(static_cast<std::size_t>(it - values.begin()));
        }
        if (c.size() == dimensions.size()) by_coordinates.emplace(std::move(c), &row);
    }

    std::vector<BreakEven> out;
    for (std::size_t d = 0; d < dimensions.size(); ++d) {
        const auto& dim = dimensions[d];
        if (dim.values.size() < 2) continue;
        // Every combination of the other dimensions, in grid order (each once).
        std::set<std::vector<std::size_t>> seen;
        for (const auto& [coordinates, first_row] : by_coordinates) {
            std::vector<std::size_t> base = coordinates;
            base[d] = 0;
            if (!seen.insert(base).second) continue;
            std::vector<model::Override> fixed;
            for (std::size_t o = 0; o < dimensions.size(); ++o)
                if (o != d)
                    fixed.push_back(model::Override{dimensions[o].key, dimensions[o].values[base[o]]});

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
        }
    }
    return out;
}

}  // namespace pipeadvise::evaluation
