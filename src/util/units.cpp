#include "pipeadvise/util/units.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

namespace pipeadvise::util {

namespace {

/// Largest rate any parser accepts, in events/second (a sanity bound, not a capacity).
constexpr double k_max_rate_per_second = 1e15;
/// Largest USD amount accepted.
constexpr double k_max_money_usd = 1e12;
/// Most decimal places accepted in a number with a unit.
constexpr std::size_t k_max_decimals = 12;

__extension__ typedef __int128 Int128;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string quoted(std::string_view text) {
    return "'" + std::string(text) + "'";
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

/// A decimal literal split into its parts, as written.
struct Literal {
    std::string_view integer;   ///< digits before the point
    std::string_view fraction;  ///< digits after the point (may be empty)
    int exponent = 0;           ///< value of an `e` suffix, when allowed
    bool has_exponent = false;
    std::size_t end = 0;  ///< index just past the literal
};

/// Checks that are common to every numeric text: empty, blank, whitespace, NaN, infinity.
/// Returns an error message or an empty string.
std::string common_rejections(std::string_view text, std::string_view what) {
    if (text.empty()) return "empty " + std::string(what);
    bool blank = true;
    for (char c : text)
        if (!is_space(c)) blank = false;
    if (blank) return "blank " + std::string(what) + " (only whitespace)";
    for (char c : text)
        if (is_space(c)) return "whitespace is not allowed inside " + std::string(what) + " " + quoted(text);
    std::string body = lower(text);
    if (!body.empty() && (body[0] == '+' || body[0] == '-')) body.erase(0, 1);
    if (!body.empty() && body[0] == '.') body.erase(0, 1);
    if (body.rfind("nan", 0) == 0)
        return std::string(what) + " " + quoted(text) + " is not a number (NaN is not allowed)";
    if (body.rfind("inf", 0) == 0)
        return std::string(what) + " " + quoted(text) + " is infinite (infinities are not allowed)";
    return {};
}

/// Reads `digits[.digits][e[+-]digits]` at `pos`. Rejects a missing leading digit, a trailing
/// point and leading zeros (`010` reads as octal in YAML 1.1, so it is ambiguous).
std::optional<Literal> read_literal(std::string_view text, std::size_t pos, bool allow_exponent,
                                    std::string& error, std::string_view what) {
    Literal lit;
    std::size_t i = pos;
    while (i < text.size() && is_digit(text[i])) ++i;
    lit.integer = text.substr(pos, i - pos);
    if (lit.integer.empty()) {
        if (i < text.size() && text[i] == '.')
            error = std::string(what) + " " + quoted(text) + ": a digit is required before the decimal point";
        else
            error = std::string(what) + " " + quoted(text) + ": expected a number";
        return std::nullopt;
    }
    if (lit.integer.size() > 1 && lit.integer[0] == '0') {
        error = std::string(what) + " " + quoted(text) + ": leading zero in '" + std::string(lit.integer) +
                "' (a YAML 1.1 octal look-alike); write the decimal number without leading zeros";
        return std::nullopt;
    }
    if (i < text.size() && text[i] == '.') {
        std::size_t start = ++i;
        while (i < text.size() && is_digit(text[i])) ++i;
        lit.fraction = text.substr(start, i - start);
        if (lit.fraction.empty()) {
            error = std::string(what) + " " + quoted(text) + ": a digit is required after the decimal point";
            return std::nullopt;
        }
    }
    if (allow_exponent && i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        std::size_t j = i + 1;
        bool negative = false;
        if (j < text.size() && (text[j] == '+' || text[j] == '-')) negative = text[j++] == '-';
        std::size_t start = j;
        while (j < text.size() && is_digit(text[j])) ++j;
        if (j == start) {
            error = std::string(what) + " " + quoted(text) + ": exponent without digits";
            return std::nullopt;
        }
        if (j - start > 4) {
            error = std::string(what) + " " + quoted(text) + ": exponent out of range";
            return std::nullopt;
        }
        int e = 0;
        for (std::size_t k = start; k < j; ++k) e = e * 10 + (text[k] - '0');
        lit.exponent = negative ? -e : e;
        lit.has_exponent = true;
        i = j;
    }
    lit.end = i;
    return lit;
}

/// The literal's value as a double (the literal is already validated); infinity when out of range.
double literal_value(std::string_view text, const Literal& lit, std::size_t start) {
    double value = 0.0;
    auto [ptr, ec] = std::from_chars(text.data() + start, text.data() + lit.end, value);
    // Out of double's range (1e999, 1e-999): reported by the callers' finiteness checks.
    if (ec != std::errc{} || ptr != text.data() + lit.end) return std::numeric_limits<double>::infinity();
    return value;
}

/// `integer.fraction × unit` in integer units, rounded to nearest; nullopt past `limit`.
std::optional<std::int64_t> scale_exact(const Literal& lit, std::int64_t unit, std::int64_t limit) {
    if (lit.integer.size() > 19) return std::nullopt;
    Int128 whole = 0;
    for (char c : lit.integer) whole = whole * 10 + (c - '0');
    Int128 total = whole * unit;
    if (total > limit) return std::nullopt;
    if (!lit.fraction.empty()) {
        Int128 frac = 0;
        Int128 denom = 1;
        for (char c : lit.fraction) {
            frac = frac * 10 + (c - '0');
            denom *= 10;
        }
        total += (frac * unit + denom / 2) / denom;
        if (total > limit) return std::nullopt;
    }
    return static_cast<std::int64_t>(total);
}

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

std::string trim_number(double value, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    std::string out = buf;
    if (out.find('.') != std::string::npos) {
        while (!out.empty() && out.back() == '0') out.pop_back();
        if (!out.empty() && out.back() == '.') out.pop_back();
    }
    return out;
}

}  // namespace

Duration Duration::from_seconds(double s) {
    return Duration{static_cast<std::int64_t>(std::llround(s * static_cast<double>(k_ns_per_second)))};
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

ParseResult<Duration> parse_duration(std::string_view text) {
    ParseResult<Duration> result;
    if (std::string e = common_rejections(text, "duration"); !e.empty()) {
        result.error = e;
        return result;
    }
    if (text[0] == '-') {
        result.error = "negative duration " + quoted(text) + " is not allowed";
        return result;
    }
    if (text[0] == '+') {
        result.error = "duration " + quoted(text) + ": a sign is not allowed";
        return result;
    }
    std::int64_t total = 0;
    std::size_t pos = 0;
    int last_rank = -1;
    while (pos < text.size()) {
        auto lit = read_literal(text, pos, false, result.error, "duration");
        if (!lit) return result;
        std::size_t unit_start = lit->end;
        std::size_t unit_end = unit_start;
        while (unit_end < text.size() && is_alpha(text[unit_end])) ++unit_end;
        std::string_view suffix = text.substr(unit_start, unit_end - unit_start);
        if (suffix.empty()) {
            if (pos == 0 && unit_end == text.size()) {  // a bare number: seconds
                auto ns = scale_exact(*lit, k_ns_per_second, k_max_duration_ns);
                if (!ns) {
                    result.error = "duration " + quoted(text) + " is too long (the limit is 100 years)";
                    return result;
                }
                result.value = Duration{*ns};
                return result;
            }
            if (unit_end == text.size())
                result.error = "duration " + quoted(text) + ": missing unit after '" +
                               std::string(text.substr(pos, lit->end - pos)) +
                               "' (expected ms, s, m, h, d, w or y)";
            else
                result.error =
                    "duration " + quoted(text) + ": unexpected '" + std::string(1, text[unit_end]) + "'";
            return result;
        }
        int rank = -1;
        for (std::size_t k = 0; k < k_duration_units.size(); ++k)
            if (k_duration_units[k].suffix == suffix) rank = static_cast<int>(k);
        if (rank < 0) {
            result.error = "duration " + quoted(text) + ": unknown unit '" + std::string(suffix) +
                           "' (expected ms, s, m, h, d, w or y)";
            return result;
        }
        if (rank == last_rank) {
            result.error =
                "duration " + quoted(text) + ": unit '" + std::string(suffix) + "' appears more than once";
            return result;
        }
        if (rank < last_rank) {
            result.error =
                "duration " + quoted(text) + ": units must go from largest to smallest (e.g. 1h30m)";
            return result;
        }
        if (!lit->fraction.empty() && unit_end != text.size()) {
            result.error =
                "duration " + quoted(text) + ": only the last part of a combination may have decimals";
            return result;
        }
        last_rank = rank;
        auto part = scale_exact(*lit, k_duration_units[static_cast<std::size_t>(rank)].ns, k_max_duration_ns);
        auto sum = part ? checked_add(total, *part) : std::nullopt;
        if (!sum || *sum > k_max_duration_ns) {
            result.error = "duration " + quoted(text) + " is too long (the limit is 100 years)";
            return result;
        }
        if (lit->fraction.size() > k_max_decimals) {
            result.error = "duration " + quoted(text) + ": too many decimal places";
            return result;
        }
        total = *sum;
        pos = unit_end;
    }
    result.value = Duration{total};
    return result;
}

ParseResult<std::int64_t> parse_size(std::string_view text) {
    ParseResult<std::int64_t> result;
    if (std::string e = common_rejections(text, "size"); !e.empty()) {
        result.error = e;
        return result;
    }
    if (text[0] == '-') {
        result.error = "negative size " + quoted(text) + " is not allowed";
        return result;
    }
    if (text[0] == '+') {
        result.error = "size " + quoted(text) + ": a sign is not allowed";
        return result;
    }
    auto lit = read_literal(text, 0, false, result.error, "size");
    if (!lit) return result;
    std::string_view suffix = text.substr(lit->end);
    struct SizeUnit {
        std::string_view suffix;
        std::int64_t bytes;
    };
    static constexpr std::array<SizeUnit, 13> units{{
        {"", 1},
        {"B", 1},
        {"KiB", 1LL << 10},
        {"MiB", 1LL << 20},
        {"GiB", 1LL << 30},
        {"TiB", 1LL << 40},
        {"PiB", 1LL << 50},
        {"KB", 1000LL},
        {"kB", 1000LL},
        {"MB", 1000'000LL},
        {"GB", 1000'000'000LL},
        {"TB", 1000'000'000'000LL},
        {"PB", 1000'000'000'000'000LL},
    }};
    const SizeUnit* unit = nullptr;
    for (const auto& u : units)
        if (u.suffix == suffix) unit = &u;
    if (!unit) {
        result.error = "size " + quoted(text) + ": unknown unit '" + std::string(suffix) +
                       "' (expected B, KiB, MiB, GiB, TiB, PiB, KB, MB, GB, TB or PB)";
        return result;
    }
    if (unit->bytes == 1 && !lit->fraction.empty()) {
        result.error = "size " + quoted(text) + ": a number of bytes must be whole";
        return result;
    }
    if (lit->fraction.size() > k_max_decimals) {
        result.error = "size " + quoted(text) + ": too many decimal places";
        return result;
    }
    auto bytes = scale_exact(*lit, unit->bytes, std::numeric_limits<std::int64_t>::max());
    if (!bytes) {
        result.error = "size " + quoted(text) + " is too large";
        return result;
    }
    result.value = *bytes;
    return result;
}

ParseResult<double> parse_rate(std::string_view text) {
    ParseResult<double> result;
    if (std::string e = common_rejections(text, "rate"); !e.empty()) {
        result.error = e;
        return result;
    }
    if (text[0] == '-') {
        result.error = "negative rate " + quoted(text) + " is not allowed";
        return result;
    }
    if (text[0] == '+') {
        result.error = "rate " + quoted(text) + ": a sign is not allowed";
        return result;
    }
    auto lit = read_literal(text, 0, true, result.error, "rate");
    if (!lit) return result;
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
                result.error = "rate " + quoted(text) + ": unknown multiplier '" + std::string(1, text[pos]) +
                               "' (expected k, M, G, B or T)";
                return result;
        }
        ++pos;
    }
    double per = 1.0;
    if (pos < text.size()) {
        if (text[pos] != '/') {
            result.error = "rate " + quoted(text) + ": unexpected '" + std::string(text.substr(pos)) +
                           "' (write N/s, N/min, N/h or N/day)";
            return result;
        }
        std::string_view unit = text.substr(pos + 1);
        if (unit == "s")
            per = 1.0;
        else if (unit == "min")
            per = 60.0;
        else if (unit == "h")
            per = 3600.0;
        else if (unit == "day")
            per = 86400.0;
        else {
            result.error = "rate " + quoted(text) + ": unknown time unit '" + std::string(unit) +
                           "' (expected s, min, h or day)";
            return result;
        }
    }
    double rate = value * multiplier / per;
    if (!std::isfinite(rate) || rate > k_max_rate_per_second) {
        result.error = "rate " + quoted(text) + " is too large (the limit is 1e15 events/s)";
        return result;
    }
    result.value = rate;
    return result;
}

ParseResult<double> parse_money(std::string_view text) {
    ParseResult<double> result;
    if (std::string e = common_rejections(text, "amount"); !e.empty()) {
        result.error = e;
        return result;
    }
    std::size_t start = text[0] == '$' ? 1 : 0;
    if (start < text.size() && text[start] == '-') {
        result.error = "negative amount " + quoted(text) + " is not allowed";
        return result;
    }
    if (start == text.size()) {
        result.error = "amount " + quoted(text) + ": expected a number";
        return result;
    }
    auto lit = read_literal(text, start, false, result.error, "amount");
    if (!lit) return result;
    if (lit->end != text.size()) {
        result.error = "amount " + quoted(text) + ": unexpected '" + std::string(text.substr(lit->end)) +
                       "' (write a plain number of US dollars)";
        return result;
    }
    double value = literal_value(text, *lit, start);
    if (!std::isfinite(value) || value > k_max_money_usd) {
        result.error = "amount " + quoted(text) + " is too large";
        return result;
    }
    result.value = value;
    return result;
}

ParseResult<double> parse_number(std::string_view text) {
    ParseResult<double> result;
    if (std::string e = common_rejections(text, "number"); !e.empty()) {
        result.error = e;
        return result;
    }
    std::size_t start = text[0] == '-' ? 1 : 0;
    if (text[0] == '+') {
        result.error = "number " + quoted(text) + ": a '+' sign is not allowed";
        return result;
    }
    auto lit = read_literal(text, start, true, result.error, "number");
    if (!lit) return result;
    if (lit->end != text.size()) {
        result.error = "number " + quoted(text) + ": unexpected '" + std::string(text.substr(lit->end)) + "'";
        return result;
    }
    double value = literal_value(text, *lit, start);
    if (!std::isfinite(value)) {
        result.error = "number " + quoted(text) + " is out of range";
        return result;
    }
    result.value = start == 1 ? -value : value;
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

std::string format_size(std::int64_t bytes) {
    if (bytes < 0)
        return "-" + format_size(bytes == std::numeric_limits<std::int64_t>::min()
                                     ? std::numeric_limits<std::int64_t>::max()
                                     : -bytes);
    static constexpr std::array<std::string_view, 6> names{"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    std::size_t index = 0;
    double value = static_cast<double>(bytes);
    while (index + 1 < names.size() && value >= 1024.0) {
        value /= 1024.0;
        ++index;
    }
    if (index == 0) return std::to_string(bytes) + "B";
    return trim_number(value, 2) + std::string(names[index]);
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

std::string format_money(double usd) {
    if (std::isnan(usd)) return "n/a";
    if (std::isinf(usd)) return usd > 0 ? "$inf" : "-$inf";
    if (usd < 0) {
        std::string positive = format_money(-usd);
        return positive == "$0.00" ? positive : "-" + positive;
    }
    char buf[64];
    if (std::round(usd * 100.0) / 100.0 < 100.0) {
        std::snprintf(buf, sizeof buf, "$%.2f", usd);
        return buf;
    }
    std::snprintf(buf, sizeof buf, "%.0f", std::round(usd));
    std::string digits = buf;
    std::string out;
    int count = 0;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (count > 0 && count % 3 == 0) out.insert(out.begin(), ',');
        out.insert(out.begin(), *it);
        ++count;
    }
    return "$" + out;
}

std::string format_number(double value) {
    if (std::isnan(value)) return "nan";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.15g", value);
    return buf;
}

}  // namespace pipeadvise::util
