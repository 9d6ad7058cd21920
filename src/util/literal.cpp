#include "literal.hpp"

#include <array>
#include <charconv>
#include <cstdio>
#include <limits>
#include <utility>

#include "pipeadvise/util/visible.hpp"

namespace pipeadvise::util::detail {

namespace {

__extension__ typedef __int128 Int128;

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string escape_char(char c) {
    return escape_control(std::string_view(&c, 1));
}

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

std::string failure(std::string_view what, std::string_view text, std::string_view detail,
                    std::string_view form) {
    std::string out(what);
    out += " " + quote_excerpt(text);
    if (!detail.empty()) out += ": " + std::string(detail);
    out += "; expected " + std::string(form);
    return out;
}

std::string common_rejection(std::string_view text) {
    if (text.empty()) return "the value is empty";
    bool blank = true;
    for (char c : text)
        if (!is_space(c)) blank = false;
    if (blank) return "the value is blank (only whitespace)";
    for (char c : text)
        if (is_space(c)) return "whitespace is not allowed inside the value";
    std::string body = lower(text);
    if (!body.empty() && (body[0] == '+' || body[0] == '-' || body[0] == '$')) body.erase(0, 1);
    if (!body.empty() && body[0] == '.') body.erase(0, 1);
    if (body.rfind("nan", 0) == 0) return "not a number (NaN is not allowed)";
    if (body.rfind("inf", 0) == 0) return "infinite (infinities are not allowed)";
    return {};
}

std::optional<Literal> read_literal(std::string_view text, std::size_t pos, bool allow_exponent,
                                    std::string& detail) {
    Literal lit;
    std::size_t i = pos;
    while (i < text.size() && is_digit(text[i])) ++i;
    lit.integer = text.substr(pos, i - pos);
    if (lit.integer.empty()) {
        detail = i < text.size() && text[i] == '.' ? "a digit is required before the decimal point"
                                                   : "expected a number";
        return std::nullopt;
    }
    if (lit.integer.size() > 1 && lit.integer[0] == '0') {
        detail = "leading zero in '" + std::string(lit.integer.substr(0, 20)) +
                 "' (a YAML 1.1 octal look-alike); write the decimal number without leading zeros";
        return std::nullopt;
    }
    if (i < text.size() && text[i] == '.') {
        std::size_t start = ++i;
        while (i < text.size() && is_digit(text[i])) ++i;
        lit.fraction = text.substr(start, i - start);
        if (lit.fraction.empty()) {
            detail = "a digit is required after the decimal point";
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
            detail = "exponent without digits";
            return std::nullopt;
        }
        if (j - start > 4) {
            detail = "exponent out of range";
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

double literal_value(std::string_view text, const Literal& lit, std::size_t start) {
    double value = 0.0;
    auto [ptr, ec] = std::from_chars(text.data() + start, text.data() + lit.end, value);
    // Out of double's range (1e999, 1e-999): reported by the callers' finiteness checks.
    if (ec != std::errc{} || ptr != text.data() + lit.end) return std::numeric_limits<double>::infinity();
    return value;
}

Scaled scale_exact(const Literal& lit, std::int64_t unit, std::int64_t limit, std::int64_t& out) {
    // Digits first: 19 integer digits times a unit below 2^63 stays under 2^127, and 12
    // decimals (numerator below 10^12) times the unit too; only then is anything multiplied.
    if (lit.integer.size() > k_max_integer_digits) return Scaled::too_large;
    if (lit.fraction.size() > k_max_decimals) return Scaled::too_precise;
    Int128 whole = 0;
    for (char c : lit.integer) whole = whole * 10 + (c - '0');
    Int128 total = whole * unit;
    if (total > limit) return Scaled::too_large;
    if (!lit.fraction.empty()) {
        Int128 frac = 0;
        Int128 denom = 1;
        for (char c : lit.fraction) {
            frac = frac * 10 + (c - '0');
            denom *= 10;
        }
        total += (frac * unit + denom / 2) / denom;
        if (total > limit) return Scaled::too_large;
    }
    out = static_cast<std::int64_t>(total);
    return Scaled::ok;
}

std::string_view duration_suffix_for_word(std::string_view word) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 30> k_words{{
        {"millisecond", "ms"},
        {"milliseconds", "ms"},
        {"msec", "ms"},
        {"msecs", "ms"},
        {"second", "s"},
        {"seconds", "s"},
        {"sec", "s"},
        {"secs", "s"},
        {"minute", "m"},
        {"minutes", "m"},
        {"min", "m"},
        {"mins", "m"},
        {"hour", "h"},
        {"hours", "h"},
        {"hr", "h"},
        {"hrs", "h"},
        {"day", "d"},
        {"days", "d"},
        {"week", "w"},
        {"weeks", "w"},
        {"wk", "w"},
        {"wks", "w"},
        {"year", "y"},
        {"years", "y"},
        {"yr", "y"},
        {"yrs", "y"},
        {"S", "s"},
        {"H", "h"},
        {"D", "d"},
        {"W", "w"},
    }};
    for (const auto& [name, suffix] : k_words)
        if (name == word || (name.size() > 1 && lower(word) == name)) return suffix;
    return {};
}

}  // namespace pipeadvise::util::detail
