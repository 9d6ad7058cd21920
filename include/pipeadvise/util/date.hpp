#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace pipeadvise::util {

/// A calendar date (proleptic Gregorian), used for waiver expiry.
struct Date {
    int year = 1970;
    int month = 1;
    int day = 1;
    constexpr auto operator<=>(const Date&) const = default;
};

/// Parses `YYYY-MM-DD`, rejecting impossible dates (2027-02-30).
std::optional<Date> parse_date(std::string_view text);
/// `YYYY-MM-DD`.
std::string format_date(const Date& date);

}  // namespace pipeadvise::util
