#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "pipeadvise/ingest/detect.hpp"
#include "pipeadvise/ingest/flink.hpp"
#include "pipeadvise/ingest/kafka.hpp"
#include "pipeadvise/ingest/spark.hpp"
#include "pipeadvise/util/diagnostic.hpp"

// The fixtures are written by tests/data/calibrate/make_logs.py in the exact shape of Spark's
// own logs; the expected figures below are worked out by hand from that script.

using namespace pipeadvise;

namespace {

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(PIPEADVISE_SOURCE_DIR) + "/tests/data/calibrate/" + name, std::ios::binary);
    REQUIRE(in.good());
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

ingest::SparkLog read_text(const std::string& text, const std::string& file = "log") {
    ingest::LineReader lines(std::make_unique<ingest::MemorySource>(text), file);
    ingest::SparkEventLogReader reader;
    reader.read(lines);
    return reader.finish();
}

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const util::Error& e) {
        std::string out;
        for (const auto& d : e.diagnostics()) out += util::format_diagnostic(d) + "\n";
        return out;
    }
    return {};
}

}  // namespace

TEST_CASE("a Spark 3.1 application: the History Server's figures", "[ingest][spark]") {
    const auto log = read_text(fixture("logs/spark-3.1-standalone.log"));
    REQUIRE(log.applications.size() == 1);
    const auto& a = log.applications[0];
    CHECK(a.id == "app-20210101000000-0001");
    CHECK(a.name == "nightly-etl");
    CHECK(a.spark_version == "3.1.2");
    CHECK(a.master == "spark://10.0.0.2:7077");
    REQUIRE(a.start_ms);
    REQUIRE(a.end_ms);
    CHECK(*a.start_ms == 1609459200000);
    CHECK(*a.end_ms - *a.start_ms == 60000);  // ApplicationEnd - ApplicationStart
    CHECK(a.executors == 2);                  // executor 2 was removed: it still counts
    CHECK(a.executor_cores == 8);
    CHECK_FALSE(a.local_mode);
    CHECK(a.jobs == 2);
    CHECK(a.stages == 3);
    CHECK(a.tasks == 10);  // every TaskEnd, the failed one included
    CHECK(a.failed_tasks == 1);
    CHECK(a.tasks_without_metrics == 1);  // lost with executor 2
    CHECK(a.records_read == 550000);
    CHECK(a.bytes_read == 400000 * 120 + 150000 * 100);
    CHECK(a.executor_run_ms == 6100);
    REQUIRE(a.first_task_launch_ms);
    CHECK(*a.first_task_launch_ms - *a.start_ms == 5000);
    REQUIRE(a.stage_totals.size() == 3);
    CHECK(a.stage_totals[0].records_read == 400000);
    CHECK(a.stage_totals[0].executor_run_ms == 4000);
    CHECK(a.stage_totals[1].records_read == 150000);
    CHECK(a.stage_totals[1].tasks == 4);
    CHECK(a.stage_totals[2].records_read == 0);
    // SQL execution events, the resource profile, block managers, the job/stage ends and a
    // listener's own event are read past, as the History Server passes over what it does
    // not know.
    CHECK(log.skipped_events.at("com.example.listener.AuditEvent") == 1);
    CHECK(log.skipped_events.at("org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart") == 1);
    CHECK(log.lines == 42);
}

TEST_CASE("a Spark 1.6 application in local mode", "[ingest][spark]") {
    const auto log = read_text(fixture("logs/spark-1.6-local.log"));
    REQUIRE(log.applications.size() == 1);
    const auto& a = log.applications[0];
    CHECK(a.id == "local-1451606400000");
    CHECK(a.spark_version == "1.6.3");
    CHECK(a.local_mode);
    CHECK(a.executors == 1);       // the driver runs the tasks
    CHECK(a.executor_cores == 2);  // local[2]
    CHECK(a.jobs == 1);
    CHECK(a.stages == 1);
    CHECK(a.tasks == 2);
    CHECK(a.records_read == 40000);
    CHECK(a.executor_run_ms == 4000);
    CHECK(*a.end_ms - *a.start_ms == 10000);
    CHECK(*a.first_task_launch_ms - *a.start_ms == 3000);
}

TEST_CASE("Structured Streaming progress inside an event log and as JSON", "[ingest][spark][streaming]") {
    const auto log = read_text(fixture("logs/spark-3.1-streaming.log"));
    REQUIRE(log.applications.size() == 1);
    CHECK(log.applications[0].attempt_id == "1");
    CHECK(log.applications[0].executor_cores == 2);
    REQUIRE(log.batches.size() == 5);
    CHECK(log.batches[3].batch_id == 3);
    CHECK(log.batches[3].input_rows == 4000);
    CHECK(log.batches[3].trigger_execution_ms == 600);
    CHECK(*log.batches[3].add_batch_ms == 450);
    CHECK(log.batches[3].state_rows == 1300);
    CHECK(log.batches[3].state_bytes == 53000);
    CHECK(log.skipped_events.at("org.apache.spark.sql.streaming.StreamingQueryListener$QueryStartedEvent") ==
          1);

    const auto batches = ingest::parse_streaming_progress(fixture("logs/streaming-progress.json"), "p.json");
    REQUIRE(batches.size() == 5);
    CHECK(batches[4].input_rows == 3000);
    CHECK(batches[4].trigger_execution_ms == 500);
    CHECK(batches[0].run_id == "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b");
    CHECK(batches[1].line > batches[0].line);
    // An array of progress objects (recentProgress serialised as one document).
    const auto array = ingest::parse_streaming_progress(
        R"([{"batchId":1,"numInputRows":5,"durationMs":{"triggerExecution":70}},{"batchId":2,"numInputRows":0,"durationMs":{"triggerExecution":40}}])",
        "a.json");
    REQUIRE(array.size() == 2);
    CHECK(array[1].trigger_execution_ms == 40);
    CHECK(error_of([] {
              ingest::parse_streaming_progress("{\"batchId\":1,\"numInputRows\":", "t.json");
          }).rfind("t.json:1:", 0) == 0);
}

TEST_CASE("malformed and truncated event logs name the file and line", "[ingest][spark][errors]") {
    const std::string good = "{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"2.4.8\"}\n";
    // The log ends in the middle of a line (copied while the application ran).
    CHECK(error_of([&] {
              read_text(good + "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":0,\"Task In", "app.log");
          }).rfind("app.log:2:", 0) == 0);
    // A broken value in an event that is read.
    const std::string bad_value =
        good + "{\"Event\":\"SparkListenerApplicationStart\",\"App Name\":\"x\",\"Timestamp\":tru}\n";
    const std::string message = error_of([&] { read_text(bad_value, "app.log"); });
    CHECK(message.rfind("app.log:2:", 0) == 0);
    CHECK(message.find("error: malformed event SparkListenerApplicationStart") != std::string::npos);
    // A line that is not a JSON object at all.
    CHECK(error_of([&] { read_text(good + "garbage\n", "app.log"); }).rfind("app.log:2:1: error:", 0) == 0);
    // An event whose "Event" is not the first key still counts.
    const auto log = read_text(
        "{\"App Name\":\"late\",\"Timestamp\":5,\"Event\":\"SparkListenerApplicationStart\",\"App "
        "ID\":\"a-1\"}\n");
    REQUIRE(log.applications.size() == 1);
    CHECK(log.applications[0].id == "a-1");
    CHECK(*log.applications[0].start_ms == 5);
    // An application without its end is kept, incomplete.
    CHECK_FALSE(log.applications[0].end_ms);
}

TEST_CASE("inputs are recognised by content", "[ingest][detect]") {
    using ingest::InputKind;
    CHECK(ingest::detect_kind(fixture("logs/spark-1.6-local.log")) == InputKind::spark_event_log);
    CHECK(ingest::detect_kind(fixture("logs/streaming-progress.json")) == InputKind::streaming_progress);
    CHECK(ingest::detect_kind(fixture("flink-checkpoints.json")) == InputKind::flink_checkpoints);
    CHECK(ingest::detect_kind(fixture("kafka-describe.txt")) == InputKind::kafka_consumer_groups);
    CHECK(ingest::detect_kind(fixture("exact.csv")) == InputKind::runs_csv);
    CHECK(ingest::detect_kind("hello world\n") == InputKind::unknown);
    CHECK(ingest::detect_kind("") == InputKind::unknown);
}

TEST_CASE("Flink checkpoint statistics", "[ingest][flink]") {
    const auto f = ingest::parse_flink_checkpoints(fixture("flink-checkpoints.json"), "f.json");
    CHECK(f.completed == 4);
    CHECK(f.failed == 1);
    CHECK(f.restored == 1);
    REQUIRE(f.history.size() == 4);  // the failed one is left out
    CHECK(f.history[0].id == 6);
    CHECK(f.history[0].end_to_end_duration_ms == 1600);
    CHECK(f.history[3].state_size_bytes == 104857600);
    CHECK(*f.history[1].checkpointed_size_bytes == 14680064);
    CHECK(*f.latest_state_size_bytes == 136314880);
    CHECK(error_of([] {
              ingest::parse_flink_checkpoints("{\"jobs\":[]}", "x.json");
          }).find("no \"counts\"") != std::string::npos);
    CHECK(error_of([] {
              ingest::parse_flink_checkpoints("{\"counts\":{\"completed\":", "x.json");
          }).rfind("x.json:1:", 0) == 0);
}

TEST_CASE("kafka-consumer-groups --describe, with '-' and groups without members", "[ingest][kafka]") {
    const auto k = ingest::parse_kafka_consumer_groups(fixture("kafka-describe.txt"), "k.txt");
    REQUIRE(k.partitions.size() == 5);
    CHECK(k.partitions[0].group == "orders-etl");
    CHECK(*k.partitions[0].lag == 300);
    CHECK_FALSE(k.partitions[2].lag);  // no committed offset: '-'
    CHECK_FALSE(k.partitions[2].current_offset);
    CHECK(*k.partitions[2].log_end_offset == 2000);
    CHECK(k.partitions[3].consumer_id == "-");
    REQUIRE(k.groups_without_members.size() == 1);
    CHECK(k.groups_without_members[0] == "audit");
    // Kafka before 2.0 printed no GROUP column.
    const auto old = ingest::parse_kafka_consumer_groups(
        "TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID\nt 0 5 9 4 c-1 /h c\n",
        "o.txt");
    REQUIRE(old.partitions.size() == 1);
    CHECK(*old.partitions[0].lag == 4);
    const std::string message = error_of([] {
        ingest::parse_kafka_consumer_groups(
            "GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID\ng t 0 5 9 "
            "x4 - - -\n",
            "k.txt");
    });
    CHECK(message.rfind("k.txt:2:", 0) == 0);
    CHECK(message.find("LAG 'x4'") != std::string::npos);
}
