#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "pipeadvise/ingest/spark.hpp"

// Spark's own History Server test logs (tests/data/calibrate/spark-history/SOURCE.md), read
// by this reader and held to the figures Spark's HistoryServerSuite expects its REST API to
// serve for them (core/src/test/resources/HistoryServerExpectations/ in apache/spark). Each
// expected value below is quoted from the expectation file named beside it.

using namespace pipeadvise;

namespace {

ingest::SparkLog read_history_log(const std::string& name) {
    std::ifstream in(std::string(PIPEADVISE_SOURCE_DIR) + "/tests/data/calibrate/spark-history/" + name,
                     std::ios::binary);
    REQUIRE(in.good());
    std::stringstream ss;
    ss << in.rdbuf();
    ingest::LineReader lines(std::make_unique<ingest::MemorySource>(ss.str()), name);
    ingest::SparkEventLogReader reader;
    reader.read(lines);
    return reader.finish();
}

}  // namespace

TEST_CASE("local-1422981780767: application, jobs, stages and tasks as the History Server serves them",
          "[ingest][spark][history]") {
    const auto log = read_history_log("local-1422981780767");
    REQUIRE(log.applications.size() == 1);
    const auto& a = log.applications[0];

    // one_app_json_expectation.json
    CHECK(a.id == "local-1422981780767");
    CHECK(a.name == "Spark shell");
    REQUIRE(a.start_ms);
    REQUIRE(a.end_ms);
    CHECK(*a.start_ms == 1422981779720);     // startTimeEpoch
    CHECK(*a.end_ms == 1422981788731);       // endTimeEpoch
    CHECK(*a.end_ms - *a.start_ms == 9011);  // duration
    CHECK(a.spark_version.empty());          // appSparkVersion "" (a Spark 1.2 log has no LogStart)

    // executor_list_json_expectation.json: one executor, the driver ("<driver>"), totalCores 0
    // (local[*] does not say how many), totalTasks 32, failedTasks 1, totalInputBytes 28000288.
    CHECK(a.local_mode);
    CHECK(a.executors == 1);
    CHECK(a.executor_cores == 0);
    CHECK(a.tasks == 32);
    CHECK(a.failed_tasks == 1);
    CHECK(a.bytes_read == 28000288);

    // job_list_json_expectation.json: jobs 0, 1 (FAILED) and 2; numCompletedTasks 8 + 15 + 8
    // and numFailedTasks 0 + 1 + 0 add up to the application's tasks above.
    CHECK(a.jobs == 3);
    CHECK(a.tasks == (8 + 15 + 8) + (0 + 1 + 0));

    // stage_list_json_expectation.json: four stage attempts, stage 2 FAILED.
    CHECK(a.stages == 4);
    REQUIRE(a.stage_totals.size() == 4);
    struct Expected {
        int stage_id;
        std::int64_t tasks;            // numCompleteTasks + numFailedTasks + numKilledTasks
        std::int64_t executor_run_ms;  // executorRunTime
        std::int64_t records_read;     // inputRecords (Spark 1.2 logs no record counts)
    };
    const Expected expected[] = {
        {0, 8 + 0 + 0, 4338, 0},
        {1, 8 + 0 + 0, 3476, 0},
        {2, 7 + 1 + 0, 278, 0},  // the failed task's 36 ms count, as executorRunTime counts them
        {3, 8 + 0 + 0, 162, 0},
    };
    std::int64_t run_ms = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        INFO("stage " << expected[i].stage_id);
        const auto& s = a.stage_totals[i];
        CHECK(s.stage_id == expected[i].stage_id);
        CHECK(s.attempt == 0);  // attemptId
        CHECK(s.tasks == expected[i].tasks);
        CHECK(s.executor_run_ms == expected[i].executor_run_ms);
        CHECK(s.records_read == expected[i].records_read);
        run_ms += s.executor_run_ms;
    }
    CHECK(a.executor_run_ms == run_ms);
    // inputBytes per stage: 0, 28000128 (stage 1 reads the cached RDD, "Data Read Method"
    // Memory), 0, 160.
    CHECK(a.bytes_read == 0 + 28000128 + 0 + 160);
    CHECK(a.records_read == 0);

    // stage_list_json_expectation.json, stage 0: firstTaskLaunchedTime 2015-02-03T16:43:04.234GMT,
    // the application's first task.
    REQUIRE(a.first_task_launch_ms);
    CHECK(*a.first_task_launch_ms == 1422981784234);
    CHECK(log.batches.empty());
}

TEST_CASE(
    "local-1426533911241 attempt 1: application, job, stage and tasks as the History Server serves them",
    "[ingest][spark][history]") {
    const auto log = read_history_log("local-1426533911241");
    REQUIRE(log.applications.size() == 1);
    const auto& a = log.applications[0];

    // one_app_multi_attempt_json_expectation.json, attempt "1"
    CHECK(a.id == "local-1426533911241");
    CHECK(a.attempt_id == "1");
    REQUIRE(a.start_ms);
    REQUIRE(a.end_ms);
    CHECK(*a.start_ms == 1426533910242);      // startTimeEpoch
    CHECK(*a.end_ms == 1426533945177);        // endTimeEpoch
    CHECK(*a.end_ms - *a.start_ms == 34935);  // duration
    CHECK(a.spark_version.empty());           // appSparkVersion ""

    // job_list_from_multi_attempt_app_json_1__expectation.json: job 0, numTasks 8,
    // numCompletedTasks 8, numFailedTasks 0, one completed stage.
    CHECK(a.jobs == 1);
    CHECK(a.tasks == 8);
    CHECK(a.failed_tasks == 0);
    CHECK(a.stages == 1);

    // stage_list_with_accumulable_json_expectation.json: stage 0 attempt 0, numCompleteTasks 8,
    // executorRunTime 120, inputRecords 0, inputBytes 0, firstTaskLaunchedTime
    // 2015-03-16T19:25:36.515GMT.
    REQUIRE(a.stage_totals.size() == 1);
    const auto& s = a.stage_totals[0];
    CHECK(s.stage_id == 0);
    CHECK(s.attempt == 0);
    CHECK(s.tasks == 8);
    CHECK(s.executor_run_ms == 120);
    CHECK(s.records_read == 0);
    CHECK(a.executor_run_ms == 120);
    CHECK(a.bytes_read == 0);
    REQUIRE(a.first_task_launch_ms);
    CHECK(*a.first_task_launch_ms == 1426533936515);
    // The application's start-up as calibration reads it: start to the first task launch.
    CHECK(*a.first_task_launch_ms - *a.start_ms == 26273);
}
