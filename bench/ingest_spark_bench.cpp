// Event-log reading speed: a synthetic Spark 3.x event log (TaskStart/TaskEnd lines as
// Spark writes them, with their accumulables and executor metrics, stage and job events and
// SQL plan events the reader skips) parsed from memory by the calibrate reader, plain and
// through each codec. Reported as bytes of decoded event log per second of CPU time (the
// reader is single-threaded: that is its speed on one core, whatever else the machine runs).
#include <benchmark/benchmark.h>

#include <lz4.h>
#include <zstd.h>

#include <string>

#include "pipeadvise/ingest/spark.hpp"
#include "pipeadvise/ingest/stream.hpp"

using namespace pipeadvise;

namespace {

std::string task_info(int task, int stage, long launch, long finish, bool end) {
    std::string s = "{\"Task ID\":" + std::to_string(task) + ",\"Index\":" + std::to_string(task % 200) +
                    ",\"Attempt\":0,\"Partition ID\":" + std::to_string(task % 200) +
                    ",\"Launch Time\":" + std::to_string(launch) + ",\"Executor ID\":\"" +
                    std::to_string(task % 16) + "\",\"Host\":\"ip-10-0-1-" + std::to_string(task % 16) +
                    ".ec2.internal\",\"Locality\":\"PROCESS_LOCAL\",\"Speculative\":false,\"Getting Result "
                    "Time\":0,\"Finish Time\":" +
                    std::to_string(end ? finish : 0) +
                    ",\"Failed\":false,\"Killed\":false,\"Accumulables\":[";
    if (end) {
        const char* names[] = {"internal.metrics.executorRunTime",
                               "internal.metrics.executorCpuTime",
                               "internal.metrics.resultSize",
                               "internal.metrics.jvmGCTime",
                               "internal.metrics.input.bytesRead",
                               "internal.metrics.input.recordsRead",
                               "internal.metrics.shuffle.write.bytesWritten",
                               "internal.metrics.shuffle.write.recordsWritten",
                               "internal.metrics.shuffle.write.writeTime",
                               "number of output rows"};
        for (int i = 0; i < 10; ++i) {
            if (i) s += ",";
            s += "{\"ID\":" + std::to_string(100 + i) + ",\"Name\":\"" + names[i] +
                 "\",\"Update\":" + std::to_string(1000 + i * 37 + task % 91) +
                 ",\"Value\":" + std::to_string(50000L * task + i) +
                 ",\"Internal\":true,\"Count Failed Values\":true}";
        }
    }
    (void)stage;
    return s + "]}";
}

std::string event_log(std::size_t target_bytes) {
    std::string log =
        "{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"3.3.2\"}\n"
        "{\"Event\":\"SparkListenerApplicationStart\",\"App Name\":\"bench\",\"App "
        "ID\":\"app-1\",\"Timestamp\":1700000000000,\"User\":\"u\"}\n";
    for (int e = 0; e < 16; ++e)
        log += "{\"Event\":\"SparkListenerExecutorAdded\",\"Timestamp\":1700000001000,\"Executor ID\":\"" +
               std::to_string(e) +
               "\",\"Executor Info\":{\"Host\":\"h\",\"Total Cores\":4,\"Log Urls\":{}}}\n";
    const std::string plan(6000, 'p');  // SQL plan descriptions are long and skipped
    int task = 0, stage = 0;
    long t = 1700000002000;
    while (log.size() < target_bytes) {
        log +=
            "{\"Event\":\"org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart\","
            "\"executionId\":" +
            std::to_string(stage) + ",\"description\":\"q\",\"details\":\"\",\"physicalPlanDescription\":\"" +
            plan + "\",\"sparkPlanInfo\":{\"nodeName\":\"X\",\"children\":[]},\"time\":" + std::to_string(t) +
            "}\n";
        log += "{\"Event\":\"SparkListenerJobStart\",\"Job ID\":" + std::to_string(stage) +
               ",\"Submission Time\":" + std::to_string(t) + ",\"Stage Infos\":[],\"Stage IDs\":[" +
               std::to_string(stage) + "],\"Properties\":{}}\n";
        log +=
            "{\"Event\":\"SparkListenerStageSubmitted\",\"Stage Info\":{\"Stage ID\":" +
            std::to_string(stage) +
            ",\"Stage Attempt ID\":0,\"Stage Name\":\"s\",\"Number of Tasks\":200,\"RDD Info\":[],\"Parent "
            "IDs\":[],\"Details\":\"d\",\"Accumulables\":[]},\"Properties\":{}}\n";
        for (int i = 0; i < 200; ++i, ++task) {
            const long launch = t + i;
            log += "{\"Event\":\"SparkListenerTaskStart\",\"Stage ID\":" + std::to_string(stage) +
                   ",\"Stage Attempt ID\":0,\"Task Info\":" + task_info(task, stage, launch, 0, false) +
                   "}\n";
            log +=
                "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":" + std::to_string(stage) +
                ",\"Stage Attempt ID\":0,\"Task Type\":\"ShuffleMapTask\",\"Task End "
                "Reason\":{\"Reason\":\"Success\"},"
                "\"Task Info\":" +
                task_info(task, stage, launch, launch + 1500, true) +
                ",\"Task Executor Metrics\":{\"JVMHeapMemory\":512000000,\"JVMOffHeapMemory\":80000000,"
                "\"OnHeapExecutionMemory\":0,\"OffHeapExecutionMemory\":0,\"OnHeapStorageMemory\":1000,"
                "\"OffHeapStorageMemory\":0,\"OnHeapUnifiedMemory\":1000,\"OffHeapUnifiedMemory\":0,"
                "\"DirectPoolMemory\":100000,\"MappedPoolMemory\":0,\"ProcessTreeJVMVMemory\":0,"
                "\"ProcessTreeJVMRSSMemory\":0,\"MinorGCCount\":12,\"MinorGCTime\":150,\"MajorGCCount\":0,"
                "\"MajorGCTime\":0,\"TotalGCTime\":150},\"Task Metrics\":{\"Executor Deserialize Time\":12,"
                "\"Executor Deserialize CPU Time\":9000000,\"Executor Run Time\":1450,\"Executor CPU "
                "Time\":1300000000,\"Peak Execution Memory\":0,\"Result Size\":2048,\"JVM GC "
                "Time\":7,\"Result "
                "Serialization Time\":1,\"Memory Bytes Spilled\":0,\"Disk Bytes Spilled\":0,\"Shuffle Read "
                "Metrics\":{\"Remote Blocks Fetched\":0,\"Local Blocks Fetched\":0,\"Fetch Wait "
                "Time\":0,\"Remote "
                "Bytes Read\":0,\"Remote Bytes Read To Disk\":0,\"Local Bytes Read\":0,\"Total Records "
                "Read\":0},"
                "\"Shuffle Write Metrics\":{\"Shuffle Bytes Written\":123456,\"Shuffle Write Time\":1000000,"
                "\"Shuffle Records Written\":5000},\"Input Metrics\":{\"Bytes Read\":134217728,\"Records "
                "Read\":" +
                std::to_string(100000 + task % 1000) +
                "},\"Output Metrics\":{\"Bytes Written\":0,\"Records Written\":0},\"Updated Blocks\":[]}}\n";
        }
        log +=
            "{\"Event\":\"SparkListenerStageCompleted\",\"Stage Info\":{\"Stage ID\":" +
            std::to_string(stage) +
            ",\"Stage Attempt ID\":0,\"Stage Name\":\"s\",\"Number of Tasks\":200,\"RDD Info\":[],\"Parent "
            "IDs\":[],\"Details\":\"d\",\"Accumulables\":[]}}\n";
        log += "{\"Event\":\"SparkListenerJobEnd\",\"Job ID\":" + std::to_string(stage) +
               ",\"Completion Time\":" + std::to_string(t + 2000) +
               ",\"Job Result\":{\"Result\":\"JobSucceeded\"}}\n";
        ++stage;
        t += 3000;
    }
    log += "{\"Event\":\"SparkListenerApplicationEnd\",\"Timestamp\":" + std::to_string(t) + "}\n";
    return log;
}

const std::string& log_64mib() {
    static const std::string log = event_log(std::size_t{64} << 20);
    return log;
}

void read_log(benchmark::State& state, const std::string& bytes) {
    std::int64_t tasks = 0;
    for (auto _ : state) {
        const ingest::Codec codec = ingest::detect_codec(bytes);
        ingest::LineReader lines(ingest::decode(std::make_unique<ingest::ViewSource>(bytes), codec, "bench"),
                                 "bench");
        ingest::SparkEventLogReader reader;
        reader.read(lines);
        const auto log = reader.finish();
        tasks = log.applications.at(0).tasks;
        benchmark::DoNotOptimize(tasks);
    }
    // Throughput in decoded event-log bytes, whatever the codec.
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(log_64mib().size()));
    state.counters["tasks"] = static_cast<double>(tasks);
}

void BM_SparkEventLog_Plain(benchmark::State& state) {
    read_log(state, log_64mib());
}

void BM_SparkEventLog_Zstd(benchmark::State& state) {
    static const std::string compressed = [] {
        const std::string& plain = log_64mib();
        std::string out(ZSTD_compressBound(plain.size()), '\0');
        out.resize(ZSTD_compress(out.data(), out.size(), plain.data(), plain.size(), 1));
        return out;
    }();
    read_log(state, compressed);
}

void BM_SparkEventLog_Lz4(benchmark::State& state) {
    // lz4-java's block framing, 64 KiB blocks as Spark's spark.io.compression.lz4.blockSize default.
    static const std::string compressed = [] {
        const std::string& plain = log_64mib();
        std::string out;
        auto le32 = [&](std::uint32_t v) {
            for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
        };
        constexpr std::size_t block = 64 * 1024;
        std::string buffer(static_cast<std::size_t>(LZ4_compressBound(block)), '\0');
        for (std::size_t pos = 0; pos < plain.size(); pos += block) {
            const std::string_view chunk = std::string_view(plain).substr(pos, block);
            const int n = LZ4_compress_default(chunk.data(), buffer.data(), static_cast<int>(chunk.size()),
                                               static_cast<int>(buffer.size()));
            out += "LZ4Block";
            out += static_cast<char>(0x20 | 6);
            le32(static_cast<std::uint32_t>(n));
            le32(static_cast<std::uint32_t>(chunk.size()));
            le32(ingest::xxh32(chunk, 0x9747b28cU) & 0x0FFFFFFFU);
            out.append(buffer.data(), static_cast<std::size_t>(n));
        }
        out += "LZ4Block";
        out += static_cast<char>(0x10 | 6);
        le32(0);
        le32(0);
        le32(0);
        return out;
    }();
    read_log(state, compressed);
}

}  // namespace

BENCHMARK(BM_SparkEventLog_Plain)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SparkEventLog_Zstd)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SparkEventLog_Lz4)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
