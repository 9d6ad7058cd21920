#pragma once

// Private to the unit parsers (src/util/duration.cpp, size.cpp, rate.cpp, number.cpp): how a
// decimal literal is read, checked and scaled, and how a parse error is worded.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pipeadvise::util::detail {

/// Most decimal places accepted in a number that is scaled to integer units (ns, bytes):
/// checked before any scaling, so the 128-bit products below can never overflow.
inline constexpr std::size_t k_max_decimals = 12;
/// Most digits before the decimal point in any literal (int64 holds 19).
inline constexpr std::size_t k_max_integer_digits = 19;

/// The expected form of each kind of value, with examples, for the end of every message.
inline constexpr std::string_view k_duration_form =
    "a duration such as 250ms, 30s, 5m, 2h, 7d or 1h30m (units ms, s, m, h, d, w, y)";
inline constexpr std::string_view k_size_form =
    "a size such as 512B, 1KiB, 1.5MiB, 20GiB or 10GB (units B, KiB, MiB, GiB, TiB, PiB, KB, MB, GB, TB, PB)";
inline constexpr std::string_view k_rate_form =
    "a rate such as 116/s, 10k/min, 2M/h or 10M/day (per s, min, h or day)";
inline constexpr std::string_view k_money_form = "a plain number of US dollars such as 0.50 or 1200";
inline constexpr std::string_view k_number_form = "a decimal number such as 3, 0.5 or 1e6";

bool is_digit(char c);
bool is_alpha(char c);
bool is_space(char c);
/// One character for a message: itself when printable, else a visible escape (`\x1b`).
std::string escape_char(char c);
/// Removes trailing zeros (and a trailing point) from `%.Nf` of `value`.
std::string trim_number(double value, int decimals);

/// `what 'text': detail; expected FORM`: the value (cut when long, controls escaped), why it
/// is wrong and what a right one looks like.
std::string failure(std::string_view what, std::string_view text, std::string_view detail,
                    std::string_view form);

/// A decimal literal split into its parts, as written.
struct Literal {
    std::string_view integer;   ///< digits before the point
    std::string_view fraction;  ///< digits after the point (may be empty)
    int exponent = 0;           ///< value of an `e` suffix, when allowed
    bool has_exponent = false;
    std::size_t end = 0;  ///< index just past the literal
};

/// Checks common to every numeric text: empty, blank, whitespace, NaN, infinity. Returns the
/// reason (without the value or form) or an empty string.
std::string common_rejection(std::string_view text);

/// Reads `digits[.digits][e[+-]digits]` at `pos`. Rejects a missing leading digit, a trailing
/// point and leading zeros (`010` reads as octal in YAML 1.1).
/// On failure sets `detail` and returns nullopt.
std::optional<Literal> read_literal(std::string_view text, std::size_t pos, bool allow_exponent,
                                    std::string& detail);

/// The literal's value as a double (the literal is already validated); infinity when out of range.
double literal_value(std::string_view text, const Literal& lit, std::size_t start);

/// Outcome of scaling a literal to integer units.
enum class Scaled { ok, too_large, too_precise };

/// `integer.fraction × unit` in integer units rounded to nearest, into `out`. The digit
/// counts are checked first (at most 19 integer digits and k_max_decimals decimals), so no
/// intermediate product can overflow; `too_large` past `limit`.
Scaled scale_exact(const Literal& lit, std::int64_t unit, std::int64_t limit, std::int64_t& out);

/// A unit word as people write it (`seconds`, `sec`, `minutes`, `hrs`) -> the duration suffix
/// (`s`, `m`, `h`), or empty when it is not a time word.
std::string_view duration_suffix_for_word(std::string_view word);

}  // namespace pipeadvise::util::detail
