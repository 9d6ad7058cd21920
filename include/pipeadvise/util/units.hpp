#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pipeadvise::util {

/// Nanoseconds per second: durations and simulated time are integer nanoseconds.
inline constexpr std::int64_t k_ns_per_second = 1'000'000'000;

/// A span of time in integer nanoseconds (the simulator's tick).
struct Duration {
    std::int64_t ns = 0;

    /// Value in seconds (may lose precision below a nanosecond, never above).
    constexpr double seconds() const { return static_cast<double>(ns) / k_ns_per_second; }
    static constexpr Duration from_ns(std::int64_t n) { return Duration{n}; }
    static constexpr Duration from_seconds_int(std::int64_t s) { return Duration{s * k_ns_per_second}; }
    /// Rounds to the nearest nanosecond; caller guarantees the value is finite and in range.
    static Duration from_seconds(double s);
    constexpr auto operator<=>(const Duration&) const = default;
};

/// Outcome of parsing one value: either `value` is set or `error` says why not.
template <class T>
struct ParseResult {
    std::optional<T> value;
    std::string error;
    explicit operator bool() const { return value.has_value(); }
};

/// Longest duration any parser accepts (100 years); fields apply tighter bounds of their own.
inline constexpr std::int64_t k_max_duration_ns = 100LL * 365 * 24 * 3600 * k_ns_per_second;

/// Parses `250ms`, `30s`, `5m`, `2h`, `7d`, `1w`, `2y`, combinations (`1h30m`), and bare
/// numbers as seconds. Rejects negative, NaN, infinite, unknown suffixes and overflow.
ParseResult<Duration> parse_duration(std::string_view text);
/// Parses sizes to bytes: `512B`, `1KiB`, `1.5MiB`, `20GiB`, `2TiB` (binary), `1KB`, `10GB`
/// (decimal); a bare number is bytes.
ParseResult<std::int64_t> parse_size(std::string_view text);
/// Parses rates to events/second: `N/s`, `N/min`, `N/h`, `N/day` with N like `116`, `10k`,
/// `10M`, `1.2G`, `3B` (billion), `1e7`; a bare number is events/second.
ParseResult<double> parse_rate(std::string_view text);
/// Parses a USD amount (a plain non-negative decimal, optional leading `$`).
ParseResult<double> parse_money(std::string_view text);
/// Parses a strict decimal number (no YAML 1.1 octal look-alikes such as `010`, no NaN/inf).
ParseResult<double> parse_number(std::string_view text);

/// Human form of a duration: `250ms`, `30s`, `1h30m`, `7d`.
std::string format_duration(Duration d);
/// Human form of seconds given as a double (for simulated statistics): `1.2s`, `4m12s`, `2h05m`.
std::string format_seconds(double seconds);
/// Human form of a size: `1KiB`, `1.5MiB`, `20GiB`.
std::string format_size(std::int64_t bytes);
/// Human form of a rate in events/second: `115.7/s`, `10M/day` when exact per day.
std::string format_rate(double per_second);
/// Human form of a USD amount: `$1,234` (cents shown below $100).
std::string format_money(double usd);
/// Shortest plain form of a number for messages: `1`, `0.5`, `100000`, `1.5e+20`.
std::string format_number(double value);

/// Checked int64 arithmetic: nullopt on overflow.
std::optional<std::int64_t> checked_add(std::int64_t a, std::int64_t b);
std::optional<std::int64_t> checked_mul(std::int64_t a, std::int64_t b);

}  // namespace pipeadvise::util
