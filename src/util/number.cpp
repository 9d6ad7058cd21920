// Plain numbers and US dollar amounts: strict parsing and their human forms.

#include <cmath>
#include <cstdio>
#include <string>

#include "literal.hpp"
#include "pipeadvise/util/units.hpp"

namespace pipeadvise::util {

using namespace detail;

namespace {

/// Largest USD amount accepted.
constexpr double k_max_money_usd = 1e12;

}  // namespace

ParseResult<double> parse_money(std::string_view text) {
    ParseResult<double> result;
    auto fail = [&](std::string_view detail) {
        result.error = failure("amount", text, detail, k_money_form);
    };
    if (std::string e = common_rejection(text); !e.empty()) {
        fail(e);
        return result;
    }
    std::size_t start = text[0] == '$' ? 1 : 0;
    if (start < text.size() && text[start] == '-') {
        fail("negative amounts are not allowed");
        return result;
    }
    if (start == text.size()) {
        fail("expected a number");
        return result;
    }
    std::string detail;
    auto lit = read_literal(text, start, false, detail);
    if (!lit) {
        fail(detail);
        return result;
    }
    if (lit->end != text.size()) {
        fail("unexpected '" + std::string(text.substr(lit->end, 20)) + "' after the number");
        return result;
    }
    double value = literal_value(text, *lit, start);
    if (!std::isfinite(value) || value > k_max_money_usd) {
        fail("too large (the limit is $1e12)");
        return result;
    }
    result.value = value;
    return result;
}

ParseResult<double> parse_number(std::string_view text) {
    ParseResult<double> result;
    auto fail = [&](std::string_view detail) {
        result.error = failure("number", text, detail, k_number_form);
    };
    if (std::string e = common_rejection(text); !e.empty()) {
        fail(e);
        return result;
    }
    std::size_t start = text[0] == '-' ? 1 : 0;
    if (text[0] == '+') {
        fail("a '+' sign is not allowed");
        return result;
    }
    std::string detail;
    auto lit = read_literal(text, start, true, detail);
    if (!lit) {
        fail(detail);
        return result;
    }
    if (lit->end != text.size()) {
        fail("unexpected '" + std::string(text.substr(lit->end, 20)) + "' after the number");
        return result;
    }
    double value = literal_value(text, *lit, start);
    if (!std::isfinite(value)) {
        fail("out of range");
        return result;
    }
    result.value = start == 1 ? -value : value;
    return result;
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
