#include <catch2/catch.hpp>

#include "pipeadvise/util/date.hpp"
#include "pipeadvise/util/spelling.hpp"

using namespace pipeadvise::util;

TEST_CASE("edit distance counts insertions, deletions and substitutions", "[spelling]") {
    CHECK(edit_distance("", "") == 0);
    CHECK(edit_distance("abc", "") == 3);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("sla", "sla") == 0);
    CHECK(edit_distance("slaa", "sla") == 1);
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("Latency", "latency") == 1);
}

TEST_CASE("did_you_mean suggests the closest plausible candidate", "[spelling]") {
    std::vector<std::string> keys{"sla", "verified_with_stakeholders", "decision"};
    CHECK(did_you_mean("slaa", keys) == "sla");
    CHECK(did_you_mean("decison", keys) == "decision");
    CHECK(did_you_mean("verified_with_stakeholder", keys) == "verified_with_stakeholders");
    CHECK_FALSE(did_you_mean("throughput", keys));
    CHECK_FALSE(did_you_mean("x", keys));  // distance must be below the word's length
    CHECK_FALSE(did_you_mean("abc", {}));
    CHECK(did_you_mean("rocksbd", {"memory", "rocksdb"}) == "rocksdb");
}

TEST_CASE("dates parse strictly with real calendar validation", "[date]") {
    CHECK(parse_date("2027-03-31") == Date{2027, 3, 31});
    CHECK(parse_date("2024-02-29") == Date{2024, 2, 29});
    CHECK(parse_date("2000-02-29") == Date{2000, 2, 29});
    CHECK_FALSE(parse_date("1900-02-29"));
    CHECK_FALSE(parse_date("2027-02-29"));
    CHECK_FALSE(parse_date("2027-02-30"));
    CHECK_FALSE(parse_date("2027-04-31"));
    CHECK_FALSE(parse_date("2027-13-01"));
    CHECK_FALSE(parse_date("2027-00-10"));
    CHECK_FALSE(parse_date("2027-01-00"));
    CHECK_FALSE(parse_date("0000-01-01"));
    CHECK_FALSE(parse_date("2027-3-31"));
    CHECK_FALSE(parse_date("2027/03/31"));
    CHECK_FALSE(parse_date("2027-03-31T00:00"));
    CHECK_FALSE(parse_date("27-03-31"));
    CHECK_FALSE(parse_date(""));
    CHECK_FALSE(parse_date("2027-0a-31"));
    CHECK(format_date(Date{2027, 3, 1}) == "2027-03-01");
    CHECK(format_date(*parse_date("2024-12-31")) == "2024-12-31");
    CHECK(Date{2026, 12, 31} < Date{2027, 1, 1});
}
