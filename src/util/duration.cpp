// Durations: parsing (`250ms`, `1h30m`, bare seconds) and the human forms of durations.

#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "literal.hpp"
#include "pipeadvise/util/units.hpp"

namespace pipeadvise::util {

using namespace detail;

namespace {

struct DurationUnit {
    std::string_view suffix;
    std::int64_t ns;
};

// Largest first: the order a combination must follow.
constexpr std::array<DurationUnit, 7> k_duration_units{{
    {"y", 365LL * 86400 * k_ns_per_second},
    {"w", 7LL * 86400 * k_ns_per_second},
    {"d", 86400LL * k_ns_per_second},
    {"h", 3600LL * k_ns_per_second},
    {"m", 60LL * k_ns_per_second},
    {"s", k_ns_per_second},
    {"ms", 1'000'000},
}};

std::string fail(std::string_view text, std::string_view detail) {
    return failure("duration", text, detail, k_duration_form);
}

/// `30 seconds`, `1 hour 30 minutes`, `30sec` -> `30s`, `1h30m`, `30s` when that parses.
std::optional<std::string> compact_duration(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (is_space(text[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        if (is_digit(text[i])) {
            while (j < text.size() && (is_digit(text[j]) || text[j] == '.')) ++j;
            out += text.substr(i, j - i);
        } else if (is_alpha(text[i])) {
            while (j < text.size() && is_alpha(text[j])) ++j;
            std::string_view word = text.substr(i, j - i);
            std::string_view suffix = duration_suffix_for_word(word);
            if (suffix.empty()) {
                for (const auto& u : k_duration_units)
                    if (u.suffix == word) suffix = u.suffix;
            }
            if (suffix.empty()) return std::nullopt;
            out += suffix;
        } else {
            return std::nullopt;
        }
        i = j;
    }
    if (out == text || out.empty()) return std::nullopt;
    if (!parse_duration(out)) return std::nullopt;
    return out;
}

std::string with_hint(std::string_view text, std::string detail) {
    if (auto compact = compact_duration(text)) detail += "; did you mean '" + *compact + "'?";
    return fail(text, detail);
}

/// The message for a unit that is not one of ours: a hint for months and long names.
std::string unknown_unit(std::string_view text, std::string_view suffix) {
    if (suffix == "M" || suffix == "mo" || suffix == "month" || suffix == "months")
        return fail(text, "unknown unit '" + std::string(suffix) +
                              "': months vary in length; write days (e.g. 30d) or weeks (4w)");
    return with_hint(text, "unknown unit '" + std::string(suffix) + "'");
}

}  // namespace

Duration Duration::from_seconds(double s) {
    return Duration{static_cast<std::int64_t>(std::llround(s * static_cast<double>(k_ns_per_second)))};
}

namespace {

const std::string k_too_long = "too long (the limit is 100 years)";

std::string too_precise() {
    return "too many decimal places (at most " + std::to_string(k_max_decimals) + ")";
}

/// A number with no unit after it: the whole text in seconds, else a missing unit or an
/// unexpected character.
ParseResult<Duration> without_unit(std::string_view text, std::size_t pos, const Literal& lit,
                                   std::size_t unit_end) {
    ParseResult<Duration> result;
    if (pos == 0 && unit_end == text.size()) {  // a bare number: seconds
        std::int64_t ns = 0;
        const Scaled s = scale_exact(lit, k_ns_per_second, k_max_duration_ns, ns);
        if (s != Scaled::ok) {
            result.error = fail(text, s == Scaled::too_precise ? too_precise() : k_too_long);
            return result;
        }
        result.value = Duration{ns};
        return result;
    }
    if (unit_end == text.size())
        result.error =
            fail(text, "missing unit after '" + std::string(text.substr(pos, lit.end - pos)) + "'");
    else
        result.error = fail(text, "unexpected '" + escape_char(text[unit_end]) + "'");
    return result;
}

/// The index of a unit suffix in k_duration_units (its rank, largest first), or -1.
int unit_rank(std::string_view suffix) {
    int rank = -1;
    for (std::size_t k = 0; k < k_duration_units.size(); ++k)
        if (k_duration_units[k].suffix == suffix) rank = static_cast<int>(k);
    return rank;
}

/// Why a part with unit `suffix` cannot follow the parts before it (empty when it can).
std::string part_order_error(std::string_view text, std::string_view suffix, int rank, int last_rank,
                             bool has_fraction, bool last_part) {
    if (rank < 0) return unknown_unit(text, suffix);
    if (rank == last_rank) return fail(text, "unit '" + std::string(suffix) + "' appears more than once");
    if (rank < last_rank) return fail(text, "units must go from largest to smallest (e.g. 1h30m)");
    if (has_fraction && !last_part)
        return fail(text, "only the last part of a combination may have decimals");
    return "";
}

}  // namespace

ParseResult<Duration> parse_duration(std::string_view text) {
    ParseResult<Duration> result;
    if (std::string e = common_rejection(text); !e.empty()) {
        result.error = with_hint(text, e);
        return result;
    }
    if (text[0] == '-') {
        result.error = fail(text, "negative durations are not allowed");
        return result;
    }
    if (text[0] == '+') {
        result.error = fail(text, "a sign is not allowed");
        return result;
    }
    std::int64_t total = 0;
    std::size_t pos = 0;
    int last_rank = -1;
    while (pos < text.size()) {
        std::string detail;
        auto lit = read_literal(text, pos, false, detail);
        if (!lit) {
            result.error = with_hint(text, detail);
            return result;
        }
        std::size_t unit_start = lit->end;
        std::size_t unit_end = unit_start;
        while (unit_end < text.size() && is_alpha(text[unit_end])) ++unit_end;
        std::string_view suffix = text.substr(unit_start, unit_end - unit_start);
        if (suffix.empty()) return without_unit(text, pos, *lit, unit_end);
        const int rank = unit_rank(suffix);
        result.error =
            part_order_error(text, suffix, rank, last_rank, !lit->fraction.empty(), unit_end == text.size());
        if (!result.error.empty()) return result;
        last_rank = rank;
        std::int64_t part = 0;
        const Scaled s =
            scale_exact(*lit, k_duration_units[static_cast<std::size_t>(rank)].ns, k_max_duration_ns, part);
        if (s == Scaled::too_precise) {
            result.error = fail(text, too_precise());
            return result;
        }
        auto sum = s == Scaled::ok ? checked_add(total, part) : std::nullopt;
        if (!sum || *sum > k_max_duration_ns) {
            result.error = fail(text, k_too_long);
            return result;
        }
        total = *sum;
        pos = unit_end;
    }
    result.value = Duration{total};
    return result;
}

std::string format_duration(Duration d) {
    if (d.ns == 0) return "0s";
    if (d.ns < 0) {
        if (d.ns == std::numeric_limits<std::int64_t>::min())
            return "-" + format_duration(Duration{-(d.ns + 1)});
        return "-" + format_duration(Duration{-d.ns});
    }
    std::string out;
    std::int64_t rest = d.ns;
    for (const auto& unit : k_duration_units) {
        if (unit.suffix == "w") continue;  // days read better than weeks (7d, 14d)
        if (unit.suffix == "ms") {
            if (rest == 0) break;
            if (rest % unit.ns == 0) {
                out += std::to_string(rest / unit.ns) + "ms";
            } else {
                // sub-millisecond remainder: a decimal millisecond count keeps the round trip exact
                std::string frac = std::to_string(rest % unit.ns);
                frac.insert(0, 6 - frac.size(), '0');
                while (!frac.empty() && frac.back() == '0') frac.pop_back();
                out += std::to_string(rest / unit.ns) + "." + frac + "ms";
            }
            break;
        }
        std::int64_t count = rest / unit.ns;
        if (count > 0) {
            out += std::to_string(count) + std::string(unit.suffix);
            rest -= count * unit.ns;
        }
    }
    return out;
}

std::string format_seconds(double seconds) {
    if (std::isnan(seconds)) return "n/a";
    if (std::isinf(seconds)) return seconds > 0 ? "inf" : "-inf";
    if (seconds < 0) return "-" + format_seconds(-seconds);
    if (seconds == 0) return "0s";
    if (seconds < 1.0) {
        double ms = seconds * 1000.0;
        if (ms < 1.0) return trim_number(ms, 3) + "ms";
        if (std::round(ms) < 1000.0) return trim_number(ms, ms < 10 ? 1 : 0) + "ms";
    }
    if (seconds < 59.95) return trim_number(seconds, 1) + "s";
    auto total = static_cast<std::int64_t>(std::llround(seconds));
    char buf[64];
    if (total < 3600) {
        std::snprintf(buf, sizeof buf, "%lldm%02llds", static_cast<long long>(total / 60),
                      static_cast<long long>(total % 60));
        return buf;
    }
    auto minutes_total = static_cast<std::int64_t>(std::llround(seconds / 60.0));
    if (minutes_total < 24 * 60) {
        std::snprintf(buf, sizeof buf, "%lldh%02lldm", static_cast<long long>(minutes_total / 60),
                      static_cast<long long>(minutes_total % 60));
        return buf;
    }
    auto hours_total = static_cast<std::int64_t>(std::llround(seconds / 3600.0));
    std::snprintf(buf, sizeof buf, "%lldd%02lldh", static_cast<long long>(hours_total / 24),
                  static_cast<long long>(hours_total % 24));
    return buf;
}

std::optional<std::int64_t> checked_add(std::int64_t a, std::int64_t b) {
    std::int64_t out = 0;
    if (__builtin_add_overflow(a, b, &out)) return std::nullopt;
    return out;
}

std::optional<std::int64_t> checked_mul(std::int64_t a, std::int64_t b) {
    std::int64_t out = 0;
    if (__builtin_mul_overflow(a, b, &out)) return std::nullopt;
    return out;
}

}  // namespace pipeadvise::util
