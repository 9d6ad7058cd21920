#include <catch2/catch.hpp>

#include <functional>
#include <string>

#include "pipeadvise/ingest/flink.hpp"
#include "pipeadvise/ingest/kafka.hpp"
#include "pipeadvise/util/diagnostic.hpp"

// A wrong value in a calibration input is reported as a wrong workload value is: at its line and
// column, naming the key, the value as written, the form expected and an example.

using namespace pipeadvise;

namespace {

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const util::Error& e) {
        REQUIRE(e.diagnostics().size() == 1);
        return util::format_diagnostic(e.diagnostics().front());
    }
    FAIL("no error");
    return {};
}

std::string flink_error(const std::string& text) {
    return error_of([&] { ingest::parse_flink_checkpoints(text, "c.json"); });
}

}  // namespace

TEST_CASE("a wrong Flink value names its key, its text, the form and an example", "[ingest][flink]") {
    CHECK(
        flink_error("{\"counts\": {\"completed\": \"four\", \"failed\": 0}}") ==
        "c.json:1:26: error: counts.completed: got \"four\"; expected a whole number of checkpoints, zero or "
        "more; e.g. 12");
    CHECK(flink_error("{\"counts\": {\"completed\": 1},\n \"history\": [\n  {\"id\": 3, \"status\": "
                      "\"COMPLETED\", \"state_size\": \"100MB\"}]}") ==
          "c.json:3:50: error: history[0].state_size: got \"100MB\"; expected a whole number of bytes; e.g. "
          "52428800");
    CHECK(flink_error("{\"counts\": {\"completed\": 1}, \"history\": [{\"id\": 1}, 7]}") ==
          "c.json:1:53: error: history[1]: got 7; expected a checkpoint object; e.g. {\"id\": 7, \"status\": "
          "\"COMPLETED\"}");
    CHECK(flink_error("{\"counts\": [1, 2]}") ==
          "c.json:1:12: error: counts: got an array; expected an object of checkpoint counts; e.g. "
          "{\"completed\": 12, "
          "\"failed\": 0}");
    CHECK(flink_error("{\"counts\": {\"completed\": 1}, \"history\": [{\"is_savepoint\": \"no\"}]}") ==
          "c.json:1:59: error: history[0].is_savepoint: got \"no\"; expected true or false; e.g. false");
    // JSON that does not parse at all keeps simdjson's own description.
    CHECK(flink_error("{\"counts\": {\"completed\": }").find("malformed Flink checkpoint statistics") !=
          std::string::npos);
}

TEST_CASE("a wrong kafka-consumer-groups cell names its column, its text, the form and an example",
          "[ingest][kafka]") {
    const std::string header =
        "GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID\n";
    CHECK(
        error_of([&] { ingest::parse_kafka_consumer_groups(header + "g t 0 5 9 x4 - - -\n", "k.txt"); }) ==
        "k.txt:2:11: error: LAG 'x4' is not a whole number of zero or more (or '-' when unknown); e.g. 1024");
    CHECK(error_of([&] { ingest::parse_kafka_consumer_groups(header + "g t - 5 9 4 - - -\n", "k.txt"); }) ==
          "k.txt:2:5: error: PARTITION: '-' is not a partition number (expected a whole number of zero or "
          "more; "
          "e.g. 3)");
    CHECK(error_of([&] { ingest::parse_kafka_consumer_groups(header + "g t 0 -5 9 4 - - -\n", "k.txt"); }) ==
          "k.txt:2:7: error: CURRENT-OFFSET '-5' is not a whole number of zero or more (or '-' when "
          "unknown); e.g. "
          "1048576");
}
