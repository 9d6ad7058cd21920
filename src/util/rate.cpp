// Rates: parsing (`10M/day`, `5k/s`, `1e7`) to events/second and their human form.

#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <utility>

#include "literal.hpp"
#include "pipeadvise/util/units.hpp"

namespace pipeadvise::util {

using namespace detail;

namespace {

/// Largest rate any parser accepts, in events/second (a sanity bound, not a capacity).
constexpr double k_max_rate_per_second = 1e15;

/// Every accepted spelling of the time unit after `/`, with its length in seconds. Short
/// forms match the duration suffixes (s, h, d) so `10M/d` reads as `10M/day`.
constexpr std::array<std::pair<std::string_view, double>, 9> k_per_units{{
    {"s", 1.0},
    {"sec", 1.0},
    {"second", 1.0},
    {"min", 60.0},
    {"minute", 60.0},
    {"h", 3600.0},
    {"hour", 3600.0},
    {"d", 86400.0},
    {"day", 86400.0},
}};

std::string fail(std::string_view text, std::string_view detail) {
    return failure("rate", text, detail, k_rate_form);
}

std::optional<double> seconds_per(std::string_view unit) {
    for (const auto& [name, seconds] : k_per_units)
        if (name == unit) return seconds;
    return std::nullopt;
}

/// The canonical `/unit` for a time word people write (`seconds`, `hr`, `days`), if any.
std::optional<std::string_view> per_for_word(std::string_view word) {
    const std::string_view suffix = duration_suffix_for_word(word);
    if (suffix == "s") return "s";
    if (suffix == "m") return "min";
    if (suffix == "h") return "h";
    if (suffix == "d") return "day";
    return std::nullopt;
}

/// `10M per day`, `10M / day`, `5k/seconds` -> `10M/day`, `5k/s` when that parses.
std::optional<std::string> compact_rate(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (is_space(text[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < text.size() && !is_space(text[j])) ++j;
        std::string_view token = text.substr(i, j - i);
        i = j;
        // A token may carry its own '/' (`5k/seconds`): map the time word after it.
        const std::size_t slash = token.rfind('/');
        if (token == "per") {
            out += '/';
        } else if (!out.empty() && out.back() == '/' && per_for_word(token)) {
            out += *per_for_word(token);
        } else if (slash != std::string_view::npos && per_for_word(token.substr(slash + 1))) {
            out +=
                std::string(token.substr(0, slash + 1)) + std::string(*per_for_word(token.substr(slash + 1)));
        } else {
            out += token;
        }
    }
    if (out == text || !parse_rate(out)) return std::nullopt;
    return out;
}

std::string with_hint(std::string_view text, std::string detail) {
    if (auto compact = compact_rate(text)) detail += "; did you mean '" + *compact + "'?";
    return fail(text, detail);
}

/// Why `/unit` is not accepted, with the spelling that is.
std::string unknown_per(std::string_view text, std::string_view unit) {
    if (unit == "m")
        return fail(text,
                    "'/m' is ambiguous (minute or month?); write /min for minutes, or convert a "
                    "monthly volume to /day");
    if (unit == "mo" || unit == "month" || unit == "months" || unit == "M")
        return fail(text,
                    "months vary in length; convert a monthly volume to /day (e.g. 300M/month is "
                    "10M/day)");
    return with_hint(text, "unknown time unit '" + std::string(unit.substr(0, 20)) + "'");
}

}  // namespace

ParseResult<double> parse_rate(std::string_view text) {
    ParseResult<double> result;
    if (std::string e = common_rejection(text); !e.empty()) {
        result.error = with_hint(text, e);
        return result;
    }
    if (text[0] == '-') {
        result.error = fail(text, "negative rates are not allowed");
        return result;
    }
    if (text[0] == '+') {
        result.error = fail(text, "a sign is not allowed");
        return result;
    }
    std::string detail;
    auto lit = read_literal(text, 0, true, detail);
    if (!lit) {
        result.error = fail(text, detail);
        return result;
    }
    double value = literal_value(text, *lit, 0);
    std::size_t pos = lit->end;
    double multiplier = 1.0;
    if (pos < text.size() && text[pos] != '/') {
        switch (text[pos]) {
            case 'k':
            case 'K':
                multiplier = 1e3;
                break;
            case 'M':
                multiplier = 1e6;
                break;
            case 'G':
            case 'B':
                multiplier = 1e9;
                break;
            case 'T':
                multiplier = 1e12;
                break;
            default:
                result.error = with_hint(
                    text, "unknown multiplier '" + escape_char(text[pos]) + "' (k, M, G, B = billion, or T)");
                return result;
        }
        ++pos;
    }
    double per = 1.0;
    if (pos < text.size()) {
        if (text[pos] != '/') {
            result.error = with_hint(text, "unexpected text after the number");
            return result;
        }
        std::string_view unit = text.substr(pos + 1);
        auto seconds = seconds_per(unit);
        if (!seconds) {
            result.error = unknown_per(text, unit);
            return result;
        }
        per = *seconds;
    }
    double rate = value * multiplier / per;
    if (!std::isfinite(rate) || rate > k_max_rate_per_second) {
        result.error = fail(text, "too large (the limit is 1e15 events/s)");
        return result;
    }
    result.value = rate;
    return result;
}

namespace {

/// `value` with a k/M/G/T multiplier when it has at most three significant decimals after
/// scaling, e.g. 10000000 -> "10M", 1200 -> "1.2k"; nullopt when it has more precision.
std::optional<std::string> short_count(double value) {
    static constexpr std::array<std::pair<double, std::string_view>, 5> scales{
        {{1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "k"}, {1.0, ""}}};
    for (const auto& [scale, suffix] : scales) {
        if (value < scale && scale > 1.0) continue;
        double scaled = value / scale;
        double rounded = std::round(scaled * 1000.0) / 1000.0;
        if (std::fabs(rounded - scaled) <= 1e-9 * std::max(1.0, scaled))
            return trim_number(rounded, 3) + std::string(suffix);
        return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace

std::string format_rate(double per_second) {
    if (std::isnan(per_second)) return "n/a";
    if (std::isinf(per_second)) return per_second > 0 ? "inf/s" : "-inf/s";
    if (per_second < 0) return "-" + format_rate(-per_second);
    if (per_second == 0) return "0/s";
    if (auto s = short_count(per_second)) return *s + "/s";
    if (auto d = short_count(per_second * 86400.0)) return *d + "/day";
    if (auto h = short_count(per_second * 3600.0)) return *h + "/h";
    if (per_second >= 1000.0) {
        static constexpr std::array<std::pair<double, std::string_view>, 4> scales{
            {{1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "k"}}};
        for (const auto& [scale, suffix] : scales)
            if (per_second >= scale) return trim_number(per_second / scale, 1) + std::string(suffix) + "/s";
    }
    return trim_number(per_second, per_second < 1.0 ? 4 : 1) + "/s";
}

}  // namespace pipeadvise::util
