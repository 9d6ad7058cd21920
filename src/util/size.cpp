// Sizes: parsing (`512B`, `1.5MiB`, `10GB`, bare bytes) and their human form.

#include <array>
#include <limits>
#include <string>

#include "literal.hpp"
#include "pipeadvise/util/unit_limits.hpp"
#include "pipeadvise/util/units.hpp"

namespace pipeadvise::util {

using namespace detail;

namespace {

struct SizeUnit {
    std::string_view suffix;
    std::int64_t bytes;
};

constexpr std::array<SizeUnit, 13> k_size_units{{
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

std::string fail(std::string_view text, std::string_view detail) {
    return failure("size", text, detail, k_size_form);
}

const SizeUnit* find_unit(std::string_view suffix) {
    for (const auto& u : k_size_units)
        if (u.suffix == suffix) return &u;
    return nullptr;
}

/// `10 GB`, `10gib`, `5 bytes` -> `10GB`, `10GiB`, `5B` when that parses.
std::optional<std::string> compact_size(std::string_view text) {
    std::string number;
    std::string word;
    for (char c : text) {
        if (is_space(c)) continue;
        if (word.empty() && (is_digit(c) || c == '.'))
            number += c;
        else
            word += c;
    }
    if (number.empty()) return std::nullopt;
    std::string lowered = word;
    for (char& c : lowered)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (lowered == "byte" || lowered == "bytes" || lowered == "b") word = "B";
    for (const auto& u : k_size_units) {
        std::string candidate(u.suffix);
        for (char& c : candidate)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (!u.suffix.empty() && candidate == lowered) word = std::string(u.suffix);
    }
    std::string out = number + word;
    if (out == text || !parse_size(out)) return std::nullopt;
    return out;
}

std::string with_hint(std::string_view text, std::string detail) {
    if (auto compact = compact_size(text)) detail += "; did you mean '" + *compact + "'?";
    return fail(text, detail);
}

}  // namespace

ParseResult<std::int64_t> parse_size(std::string_view text) {
    ParseResult<std::int64_t> result;
    if (std::string e = common_rejection(text); !e.empty()) {
        result.error = with_hint(text, e);
        return result;
    }
    if (text[0] == '-') {
        result.error = fail(text, "negative sizes are not allowed");
        return result;
    }
    if (text[0] == '+') {
        result.error = fail(text, "a sign is not allowed");
        return result;
    }
    std::string detail;
    auto lit = read_literal(text, 0, false, detail);
    if (!lit) {
        result.error = fail(text, detail);
        return result;
    }
    std::string_view suffix = text.substr(lit->end);
    const SizeUnit* unit = find_unit(suffix);
    if (!unit) {
        result.error = with_hint(text, "unknown unit '" + std::string(suffix.substr(0, 20)) + "'");
        return result;
    }
    if (unit->bytes == 1 && !lit->fraction.empty()) {
        result.error = fail(text, "a number of bytes must be whole");
        return result;
    }
    std::int64_t bytes = 0;
    switch (scale_exact(*lit, unit->bytes, k_max_size_bytes, bytes)) {
        case Scaled::ok:
            result.value = bytes;
            return result;
        case Scaled::too_precise:
            result.error =
                fail(text, "too many decimal places (at most " + std::to_string(k_max_decimals) + ")");
            return result;
        case Scaled::too_large:
            break;
    }
    result.error = fail(text, "too large (the limit is 1PiB)");
    return result;
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

}  // namespace pipeadvise::util
