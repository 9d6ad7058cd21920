#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "pipeadvise/util/unit_limits.hpp"
#include "pipeadvise/util/units.hpp"

using namespace pipeadvise::util;

namespace {

std::int64_t ns_of(std::string_view text) {
    auto r = parse_duration(text);
    INFO("parse_duration(" << text << "): " << r.error);
    REQUIRE(r);
    return r.value->ns;
}

std::string duration_error(std::string_view text) {
    auto r = parse_duration(text);
    INFO("parse_duration(" << text << ") unexpectedly gave " << (r ? r.value->ns : 0));
    REQUIRE_FALSE(r);
    REQUIRE_FALSE(r.error.empty());
    return r.error;
}

constexpr std::int64_t k_s = k_ns_per_second;

}  // namespace

TEST_CASE("durations parse each unit to integer nanoseconds", "[units]") {
    CHECK(ns_of("250ms") == 250'000'000);
    CHECK(ns_of("30s") == 30 * k_s);
    CHECK(ns_of("5m") == 300 * k_s);
    CHECK(ns_of("2h") == 7200 * k_s);
    CHECK(ns_of("7d") == 7 * 86400 * k_s);
    CHECK(ns_of("1w") == 7 * 86400 * k_s);
    CHECK(ns_of("2y") == 730 * 86400 * k_s);
    CHECK(ns_of("0s") == 0);
    CHECK(ns_of("0") == 0);
}

TEST_CASE("durations accept combinations in decreasing unit order", "[units]") {
    CHECK(ns_of("1h30m") == 5400 * k_s);
    CHECK(ns_of("1d2h3m4s5ms") == (86400 + 7200 + 180 + 4) * k_s + 5'000'000);
    CHECK(ns_of("1y1w1d") == (365 + 7 + 1) * 86400 * k_s);
    CHECK(ns_of("2m30.5s") == 150 * k_s + 500'000'000);
}

TEST_CASE("bare numbers are seconds and decimals round to the nanosecond", "[units]") {
    CHECK(ns_of("30") == 30 * k_s);
    CHECK(ns_of("1.5") == 1'500'000'000);
    CHECK(ns_of("1.5h") == 5400 * k_s);
    CHECK(ns_of("0.25s") == 250'000'000);
    CHECK(ns_of("0.0000000015s") == 2);  // 1.5 ns rounds to 2
    CHECK(ns_of("2.5ms") == 2'500'000);
}

TEST_CASE("durations reject malformed text with a reason", "[units]") {
    CHECK_THAT(duration_error(""), Catch::Contains("empty"));
    CHECK_THAT(duration_error("   "), Catch::Contains("blank"));
    CHECK_THAT(duration_error(" 5m"), Catch::Contains("whitespace"));
    CHECK_THAT(duration_error("5 m"), Catch::Contains("whitespace"));
    CHECK_THAT(duration_error("-5m"), Catch::Contains("negative"));
    CHECK_THAT(duration_error("+5m"), Catch::Contains("sign"));
    CHECK_THAT(duration_error("nan"), Catch::Contains("NaN"));
    CHECK_THAT(duration_error(".nan"), Catch::Contains("NaN"));
    CHECK_THAT(duration_error(".inf"), Catch::Contains("infinit"));
    CHECK_THAT(duration_error("-.inf"), Catch::Contains("infinit"));
    CHECK_THAT(duration_error("inf"), Catch::Contains("infinit"));
    CHECK_THAT(duration_error("5x"), Catch::Contains("unknown unit 'x'"));
    CHECK_THAT(duration_error("5min"), Catch::Contains("unknown unit 'min'"));
    CHECK_THAT(duration_error("5mx"), Catch::Contains("unknown unit 'mx'"));
    CHECK_THAT(duration_error("30m1h"), Catch::Contains("largest to smallest"));
    CHECK_THAT(duration_error("1h1h"), Catch::Contains("more than once"));
    CHECK_THAT(duration_error("1h30"), Catch::Contains("missing unit"));
    CHECK_THAT(duration_error("010s"), Catch::Contains("leading zero"));
    CHECK_THAT(duration_error("010"), Catch::Contains("octal"));
    CHECK_THAT(duration_error("00"), Catch::Contains("leading zero"));
    CHECK_THAT(duration_error(".5s"), Catch::Contains("before the decimal point"));
    CHECK_THAT(duration_error("5.s"), Catch::Contains("after the decimal point"));
    CHECK_THAT(duration_error("1.5h30m"), Catch::Contains("decimals"));
    CHECK_THAT(duration_error("s"), Catch::Contains("expected a number"));
    CHECK_THAT(duration_error("5m!"), Catch::Contains("'5m!'"));
    CHECK_THAT(duration_error("1e3s"), Catch::Contains("unknown unit"));
}

TEST_CASE("durations past 100 years or int64 are overflow errors, not wrap-around", "[units]") {
    CHECK(ns_of("100y") == k_max_duration_ns);
    CHECK_THAT(duration_error("101y"), Catch::Contains("too long"));
    CHECK_THAT(duration_error("99y2y"), Catch::Contains("more than once"));
    CHECK_THAT(duration_error("99y1w1000d"), Catch::Contains("too long"));
    CHECK_THAT(duration_error("9223372036854775807s"), Catch::Contains("too long"));
    CHECK_THAT(duration_error("99999999999999999999999999y"), Catch::Contains("too long"));
    CHECK_THAT(duration_error("3153600001"), Catch::Contains("too long"));
}

TEST_CASE("format_duration gives the human form and round-trips", "[units]") {
    CHECK(format_duration(Duration::from_ns(250'000'000)) == "250ms");
    CHECK(format_duration(Duration::from_seconds_int(30)) == "30s");
    CHECK(format_duration(Duration::from_seconds_int(5400)) == "1h30m");
    CHECK(format_duration(Duration::from_seconds_int(7 * 86400)) == "7d");
    CHECK(format_duration(Duration::from_seconds_int(0)) == "0s");
    CHECK(format_duration(Duration::from_seconds_int(730 * 86400)) == "2y");
    CHECK(format_duration(Duration::from_ns(1'500)) == "0.0015ms");
    CHECK(format_duration(Duration::from_ns(-30 * k_s)) == "-30s");
    for (std::int64_t ns :
         std::vector<std::int64_t>{std::int64_t{1}, std::int64_t{999}, std::int64_t{1'000'000}, 61 * k_s + 7,
                                   86399 * k_s, 400LL * 86400 * k_s + 1234567, k_max_duration_ns}) {
        std::string text = format_duration(Duration::from_ns(ns));
        INFO(text);
        CHECK(ns_of(text) == ns);
    }
    for (const char* text : {"250ms", "30s", "1h30m", "7d", "2y", "1d2h3m4s5ms"})
        CHECK(format_duration(Duration{ns_of(text)}) == text);
}

TEST_CASE("Duration::from_seconds rounds to the nearest nanosecond", "[units]") {
    CHECK(Duration::from_seconds(1.5).ns == 1'500'000'000);
    CHECK(Duration::from_seconds(1e-9 * 0.6).ns == 1);
    CHECK(Duration::from_seconds(2.0).seconds() == 2.0);
}

TEST_CASE("format_seconds prints simulated statistics readably", "[units]") {
    CHECK(format_seconds(0.0) == "0s");
    CHECK(format_seconds(0.25) == "250ms");
    CHECK(format_seconds(1.24) == "1.2s");
    CHECK(format_seconds(12.0) == "12s");
    CHECK(format_seconds(252.0) == "4m12s");
    CHECK(format_seconds(2 * 3600 + 5 * 60) == "2h05m");
    CHECK(format_seconds(3 * 86400 + 4 * 3600) == "3d04h");
    CHECK(format_seconds(59.99) == "1m00s");
    CHECK(format_seconds(-1.5) == "-1.5s");
    CHECK(format_seconds(std::nan("")) == "n/a");
    CHECK(format_seconds(std::numeric_limits<double>::infinity()) == "inf");
}

TEST_CASE("sizes parse binary and decimal units", "[units]") {
    auto bytes = [](std::string_view text) {
        auto r = parse_size(text);
        INFO(text << ": " << r.error);
        REQUIRE(r);
        return *r.value;
    };
    CHECK(bytes("512B") == 512);
    CHECK(bytes("512") == 512);
    CHECK(bytes("0") == 0);
    CHECK(bytes("1KiB") == 1024);
    CHECK(bytes("1.5MiB") == 1572864);
    CHECK(bytes("20GiB") == 20LL << 30);
    CHECK(bytes("2TiB") == 2LL << 40);
    CHECK(bytes("1KB") == 1000);
    CHECK(bytes("1kB") == 1000);
    CHECK(bytes("10GB") == 10'000'000'000LL);
    CHECK(bytes("1PiB") == 1LL << 50);
    CHECK(bytes("0.5KiB") == 512);
    auto error = [](std::string_view text) {
        auto r = parse_size(text);
        INFO(text);
        REQUIRE_FALSE(r);
        return r.error;
    };
    CHECK_THAT(error("-1KiB"), Catch::Contains("negative"));
    CHECK_THAT(error("1XB"), Catch::Contains("unknown unit 'XB'"));
    CHECK_THAT(error("1kib"), Catch::Contains("unknown unit"));
    CHECK_THAT(error("1.5B"), Catch::Contains("whole"));
    CHECK_THAT(error("1.5"), Catch::Contains("whole"));
    CHECK_THAT(error("010KiB"), Catch::Contains("leading zero"));
    CHECK_THAT(error("9000PiB"), Catch::Contains("too large"));
    CHECK_THAT(error("9223372036854775808"), Catch::Contains("too large"));
    CHECK_THAT(error(".nan"), Catch::Contains("NaN"));
    CHECK_THAT(error(""), Catch::Contains("empty"));
    // The largest size accepted is 1 PiB (k_max_size_bytes), not int64's maximum.
    CHECK(bytes("1125899906842624") == k_max_size_bytes);
    CHECK_THAT(error("9223372036854775807"), Catch::Contains("too large"));
}

TEST_CASE("format_size gives binary units and round-trips exact values", "[units]") {
    CHECK(format_size(512) == "512B");
    CHECK(format_size(1024) == "1KiB");
    CHECK(format_size(1572864) == "1.5MiB");
    CHECK(format_size(20LL << 30) == "20GiB");
    CHECK(format_size(2LL << 40) == "2TiB");
    for (std::int64_t b : std::vector<std::int64_t>{std::int64_t{0}, std::int64_t{1023}, std::int64_t{1024},
                                                    3LL << 29, 64LL << 30}) {
        auto r = parse_size(format_size(b));
        REQUIRE(r);
        CHECK(*r.value == b);
    }
}

TEST_CASE("rates parse per-unit counts with multipliers to events per second", "[units]") {
    auto rate = [](std::string_view text) {
        auto r = parse_rate(text);
        INFO(text << ": " << r.error);
        REQUIRE(r);
        return *r.value;
    };
    CHECK(rate("116") == Approx(116.0));
    CHECK(rate("116/s") == Approx(116.0));
    CHECK(rate("10k/s") == Approx(10000.0));
    CHECK(rate("10K/s") == Approx(10000.0));
    CHECK(rate("10M/day") == Approx(1e7 / 86400.0));
    CHECK(rate("1.2G/h") == Approx(1.2e9 / 3600.0));
    CHECK(rate("3B/day") == Approx(3e9 / 86400.0));
    CHECK(rate("1e7/day") == Approx(1e7 / 86400.0));
    CHECK(rate("1e7") == Approx(1e7));
    CHECK(rate("2.5e3/min") == Approx(2500.0 / 60.0));
    CHECK(rate("600/min") == Approx(10.0));
    CHECK(rate("1T/day") == Approx(1e12 / 86400.0));
    CHECK(rate("0/s") == 0.0);
    auto error = [](std::string_view text) {
        auto r = parse_rate(text);
        INFO(text);
        REQUIRE_FALSE(r);
        return r.error;
    };
    CHECK_THAT(error("-5/s"), Catch::Contains("negative"));
    CHECK_THAT(error("5/week"), Catch::Contains("unknown time unit 'week'"));
    CHECK_THAT(error("5X/s"), Catch::Contains("unknown multiplier 'X'"));
    CHECK_THAT(error("5/s/s"), Catch::Contains("unknown time unit"));
    CHECK_THAT(error("5ks"), Catch::Contains("unexpected"));
    CHECK_THAT(error("010/s"), Catch::Contains("leading zero"));
    CHECK_THAT(error("1e/s"), Catch::Contains("exponent"));
    CHECK_THAT(error("1e99999/s"), Catch::Contains("exponent"));
    CHECK_THAT(error("1e300T/s"), Catch::Contains("too large"));
    CHECK_THAT(error("nan/s"), Catch::Contains("NaN"));
    CHECK_THAT(error(".inf"), Catch::Contains("infinit"));
    CHECK_THAT(error("/s"), Catch::Contains("expected a number"));
}

TEST_CASE("format_rate prefers exact per-second or per-day forms and round-trips", "[units]") {
    CHECK(format_rate(116.0) == "116/s");
    CHECK(format_rate(5000.0) == "5k/s");
    CHECK(format_rate(1e7 / 86400.0) == "10M/day");
    CHECK(format_rate(0.0) == "0/s");
    CHECK(format_rate(115.7407) == "115.7/s");
    for (const char* text : {"116/s", "5k/s", "10M/day", "3G/day", "1.2k/s"}) {
        auto r = parse_rate(text);
        REQUIRE(r);
        CHECK(format_rate(*r.value) == text);
        auto again = parse_rate(format_rate(*r.value));
        REQUIRE(again);
        CHECK(*again.value == Approx(*r.value));
    }
}

TEST_CASE("money and plain numbers are strict decimals", "[units]") {
    CHECK(*parse_money("0.50").value == Approx(0.5));
    CHECK(*parse_money("$100").value == Approx(100.0));
    CHECK(*parse_money("0").value == 0.0);
    CHECK_THAT(parse_money("-1").error, Catch::Contains("negative"));
    CHECK_THAT(parse_money("$-1").error, Catch::Contains("negative"));
    CHECK_THAT(parse_money("1,000").error, Catch::Contains("unexpected ',000'"));
    CHECK_THAT(parse_money("$").error, Catch::Contains("expected a number"));
    CHECK_THAT(parse_money("1e3").error, Catch::Contains("unexpected 'e3'"));
    CHECK_THAT(parse_money("05").error, Catch::Contains("leading zero"));
    CHECK_THAT(parse_money(".inf").error, Catch::Contains("infinit"));

    CHECK(*parse_number("3").value == 3.0);
    CHECK(*parse_number("-2.5").value == -2.5);
    CHECK(*parse_number("0.023").value == Approx(0.023));
    CHECK(*parse_number("1e-3").value == Approx(0.001));
    CHECK_THAT(parse_number("010").error, Catch::Contains("octal"));
    CHECK_THAT(parse_number("0x10").error, Catch::Contains("unexpected 'x10'"));
    CHECK_THAT(parse_number(".NaN").error, Catch::Contains("NaN"));
    CHECK_THAT(parse_number("-.inf").error, Catch::Contains("infinit"));
    CHECK_THAT(parse_number("+3").error, Catch::Contains("sign"));
    CHECK_THAT(parse_number("1_000").error, Catch::Contains("unexpected '_000'"));
    CHECK_THAT(parse_number("1e999").error, Catch::Contains("out of range"));
    CHECK_THAT(parse_number("1e-999").error, Catch::Contains("out of range"));
    CHECK_THAT(parse_rate("1e999/s").error, Catch::Contains("too large"));
    CHECK_THAT(parse_number("").error, Catch::Contains("empty"));
    CHECK_THAT(parse_number("\t").error, Catch::Contains("blank"));
}

TEST_CASE("format_money shows dollars with separators and cents below $100", "[units]") {
    CHECK(format_money(1234.4) == "$1,234");
    CHECK(format_money(1234567.0) == "$1,234,567");
    CHECK(format_money(100.0) == "$100");
    CHECK(format_money(12.5) == "$12.50");
    CHECK(format_money(0.0) == "$0.00");
    CHECK(format_money(99.999) == "$100");
    CHECK(format_money(-12.5) == "-$12.50");
    CHECK(format_money(999999.5) == "$1,000,000");
}

TEST_CASE("checked arithmetic reports overflow instead of wrapping", "[units]") {
    constexpr auto max = std::numeric_limits<std::int64_t>::max();
    constexpr auto min = std::numeric_limits<std::int64_t>::min();
    CHECK(checked_add(1, 2) == 3);
    CHECK_FALSE(checked_add(max, 1));
    CHECK_FALSE(checked_add(min, -1));
    CHECK(checked_mul(3, -4) == -12);
    CHECK_FALSE(checked_mul(max / 2 + 1, 2));
    CHECK_FALSE(checked_mul(min, -1));
}

TEST_CASE("rates take /d, /h, /s and the long forms of the time unit", "[units]") {
    auto rate = [](std::string_view text) {
        auto r = parse_rate(text);
        INFO(text << ": " << r.error);
        REQUIRE(r);
        return *r.value;
    };
    CHECK(rate("10M/d") == rate("10M/day"));
    CHECK(rate("10M/d") == Approx(10e6 / 86400.0));
    CHECK(rate("36k/h") == Approx(10.0));
    CHECK(rate("36k/hour") == Approx(10.0));
    CHECK(rate("5/s") == 5.0);
    CHECK(rate("5/sec") == 5.0);
    CHECK(rate("5/second") == 5.0);
    CHECK(rate("120/minute") == Approx(2.0));
    CHECK(rate("120/min") == Approx(2.0));
    CHECK(rate("8640/day") == Approx(0.1));
}

TEST_CASE("a rate per '/m' is refused with a minute-or-month hint", "[units]") {
    const auto r = parse_rate("10M/m");
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error, Catch::Contains("minute or month"));
    CHECK_THAT(r.error, Catch::Contains("/min"));
    CHECK_THAT(parse_rate("10M/month").error, Catch::Contains("/day"));
}

TEST_CASE("a value written with a space or a long unit name gets 'did you mean'", "[units]") {
    CHECK_THAT(parse_duration("30 seconds").error, Catch::Contains("did you mean '30s'?"));
    CHECK_THAT(parse_duration("1 hour 30 minutes").error, Catch::Contains("did you mean '1h30m'?"));
    CHECK_THAT(parse_duration("30sec").error, Catch::Contains("did you mean '30s'?"));
    CHECK_THAT(parse_duration("5min").error, Catch::Contains("did you mean '5m'?"));
    CHECK_THAT(parse_duration("2 days").error, Catch::Contains("did you mean '2d'?"));
    CHECK_THAT(parse_duration("1M").error, Catch::Contains("months vary"));
    CHECK_THAT(parse_size("10 GB").error, Catch::Contains("did you mean '10GB'?"));
    CHECK_THAT(parse_size("10gib").error, Catch::Contains("did you mean '10GiB'?"));
    CHECK_THAT(parse_rate("10M per day").error, Catch::Contains("did you mean '10M/day'?"));
    CHECK_THAT(parse_rate("5k/seconds").error, Catch::Contains("did you mean '5k/s'?"));
}

TEST_CASE("30 decimal places are an error, never a scaled overflow into a negative value", "[units]") {
    const std::string digits = "0.525120251225152251010115251251";
    for (const std::string& text : {digits, digits + "s", digits + "h", digits + "y"}) {
        const auto r = parse_duration(text);
        INFO(text << " -> " << (r ? r.value->ns : 0));
        REQUIRE_FALSE(r);
        CHECK_THAT(r.error, Catch::Contains("too many decimal places"));
    }
    CHECK_THAT(parse_size("1.0000000000000000000000000001KiB").error,
               Catch::Contains("too many decimal places"));
    CHECK(ns_of("0.123456789012") == 123'456'789);  // 12 decimals are still accepted
}

TEST_CASE("sizes past 1 PiB are refused", "[units]") {
    CHECK(parse_size("1PiB"));
    CHECK_THAT(parse_size("2PiB").error, Catch::Contains("too large"));
    CHECK_THAT(parse_size("8EiB").error, Catch::Contains("unknown unit"));
    CHECK_THAT(parse_size("1126999999999999B").error, Catch::Contains("too large"));
}

TEST_CASE("every unit error names the value, the expected form and an example", "[units]") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {parse_duration("5x").error, "a duration such as"},
        {parse_duration("").error, "a duration such as"},
        {parse_size("1XB").error, "a size such as"},
        {parse_rate("5/week").error, "a rate such as"},
        {parse_money("1,000").error, "a plain number of US dollars such as"},
        {parse_number("1x").error, "a decimal number such as"},
    };
    for (const auto& [error, form] : cases) {
        INFO(error);
        CHECK_THAT(error, Catch::Contains("expected " + form));
    }
    CHECK_THAT(parse_duration("5x").error, Catch::StartsWith("duration '5x': "));
}

TEST_CASE("a long value is quoted cut short, with its length", "[units]") {
    const std::string long_value(10000, '7');
    const auto r = parse_duration(long_value + "x");
    REQUIRE_FALSE(r);
    CHECK(r.error.size() < 400);
    CHECK_THAT(r.error, Catch::Contains("(10001 bytes)"));
}
