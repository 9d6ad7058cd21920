#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>

#include "command.hpp"
#include "pipeadvise/cost/calibrate.hpp"
#include "pipeadvise/ingest/detect.hpp"
#include "pipeadvise/ingest/flink.hpp"
#include "pipeadvise/ingest/kafka.hpp"
#include "pipeadvise/ingest/spark.hpp"
#include "pipeadvise/ingest/stream.hpp"
#include "pipeadvise/render/sweep.hpp"
#include "pipeadvise/util/files.hpp"
#include "pipeadvise/version.hpp"

namespace pipeadvise::cli {

namespace {

namespace fs = std::filesystem;

// Inputs read whole (progress JSON, Flink statistics, Kafka listings, the runs CSV) are
// small; event logs stream and have no limit.
constexpr std::size_t k_max_whole_input = std::size_t{256} << 20;
// Enough decoded bytes to recognise any of the formats.
constexpr std::size_t k_detect_bytes = 64 * 1024;

// An error about an input as a whole (line 0: unreadable, missing, not a regular file) is at
// 1:1, so that every input error has the FILE:LINE:COL form.
[[noreturn]] void input_error(const std::string& file, int line, const std::string& message) {
    throw util::Error({util::Diagnostic{util::Location{file, std::max(line, 1), 1}, message}});
}

// A regular file, read forward with read(2); FIFOs and devices are refused before reading.
class FileSource : public ingest::ByteSource {
public:
    explicit FileSource(const std::string& path) : m_path(path) {
        m_fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
        if (m_fd < 0) input_error(path, 0, std::string("cannot open file: ") + std::strerror(errno));
        struct stat info {};
        if (::fstat(m_fd, &info) != 0 || !S_ISREG(info.st_mode)) {
            ::close(m_fd);
            input_error(path, 0, "not a regular file");
        }
    }
    ~FileSource() override { ::close(m_fd); }
    FileSource(const FileSource&) = delete;
    FileSource& operator=(const FileSource&) = delete;

    std::size_t read(char* out, std::size_t size) override {
        while (true) {
            const ssize_t n = ::read(m_fd, out, size);
            if (n >= 0) return static_cast<std::size_t>(n);
            if (errno != EINTR)
                input_error(m_path, 0, std::string("cannot read file: ") + std::strerror(errno));
        }
    }

private:
    std::string m_path;
    int m_fd = -1;
};

// Reads up to `size` bytes (fewer only at the end of the stream).
std::string peek(ingest::ByteSource& source, std::size_t size) {
    std::string head(size, '\0');
    std::size_t got = 0;
    while (got < size) {
        const std::size_t n = source.read(head.data() + got, size - got);
        if (n == 0) break;
        got += n;
    }
    head.resize(got);
    return head;
}

struct Opened {
    ingest::Codec codec = ingest::Codec::plain;
    ingest::InputKind kind = ingest::InputKind::unknown;
    std::unique_ptr<ingest::ByteSource> decoded;
};

// Opens a file, recognises its codec by its magic bytes and its kind by its decoded start.
Opened open_input(const std::string& path) {
    Opened o;
    auto raw = std::make_unique<FileSource>(path);
    std::string raw_head = peek(*raw, 16);
    o.codec = ingest::detect_codec(raw_head);
    auto decoded = ingest::decode(ingest::replay(std::move(raw_head), std::move(raw)), o.codec, path);
    std::string head = peek(*decoded, k_detect_bytes);
    o.kind = ingest::detect_kind(head);
    o.decoded = ingest::replay(std::move(head), std::move(decoded));
    return o;
}

// `events_<N>_<appId>[.codec]` of a rolling event-log directory: N, or -1.
long rolling_index(const std::string& name) {
    if (name.rfind("events_", 0) != 0) return -1;
    std::size_t i = 7;
    long n = 0;
    bool digits = false;
    while (i < name.size() && name[i] >= '0' && name[i] <= '9') {
        n = n * 10 + (name[i] - '0');
        ++i;
        digits = true;
    }
    return digits && i < name.size() && name[i] == '_' ? n : -1;
}

class Collector {
public:
    explicit Collector(cost::CalibrationInput& input) : m_input(input) {}

    void path(const std::string& path) {
        std::error_code ec;
        const auto status = fs::status(path, ec);
        if (ec || !fs::exists(status)) input_error(path, 0, "cannot read: no such file or directory");
        if (fs::is_directory(status)) {
            directory(path);
        } else {
            file(path);
        }
    }

private:
    void directory(const std::string& dir) {
        std::vector<std::pair<long, std::string>> parts;
        std::vector<std::string> others;
        for (const auto& entry : fs::directory_iterator(dir)) {
            const std::string name = entry.path().filename().string();
            if (name.empty() || name.front() == '.') continue;  // hidden, and Hadoop's .crc files
            const long index = rolling_index(name);
            if (index >= 0 && entry.is_regular_file()) {
                parts.emplace_back(index, entry.path().string());
            } else if (name.rfind("appstatus_", 0) == 0) {
                continue;  // a rolling log's completion marker, empty
            } else {
                others.push_back(entry.path().string());
            }
        }
        if (!parts.empty()) {
            // A rolling event log (spark.eventLog.rolling.enabled): one application in parts
            // read in the order of their index.
            std::sort(parts.begin(), parts.end());
            ingest::SparkEventLogReader reader;
            cost::Source source{dir, "spark_event_log", "plain", 0, 0};
            for (const auto& [index, part] : parts) {
                (void)index;
                Opened o = open_input(part);
                if (o.codec != ingest::Codec::plain) source.codec = std::string(ingest::to_string(o.codec));
                if (o.kind != ingest::InputKind::spark_event_log && !is_empty(o))
                    input_error(part, 1, "part of a rolling event log that is not an event log");
                ingest::LineReader lines(std::move(o.decoded), part);
                reader.read(lines);
            }
            add_log(reader.finish(), source);
        }
        std::sort(others.begin(), others.end());
        for (const auto& p : others) path(p);
    }

    static bool is_empty(Opened& o) {
        char c = 0;
        std::string head = peek(*o.decoded, 1);
        (void)c;
        const bool empty = head.empty();
        o.decoded = ingest::replay(std::move(head), std::move(o.decoded));
        return empty;
    }

    void add_log(ingest::SparkLog log, cost::Source source) {
        source.lines = log.lines;
        source.bytes = log.bytes;
        if (log.applications.empty() && !log.batches.empty()) source.kind = "streaming_progress";
        for (auto& a : log.applications) m_input.applications.push_back(std::move(a));
        for (auto& b : log.batches) m_input.batches.push_back(std::move(b));
        for (const auto& [name, count] : log.skipped_events) m_input.skipped_events[name] += count;
        m_input.sources.push_back(std::move(source));
    }

    void file(const std::string& path) {
        Opened o = open_input(path);
        cost::Source source{path, std::string(ingest::to_string(o.kind)),
                            std::string(ingest::to_string(o.codec)), 0, 0};
        switch (o.kind) {
            case ingest::InputKind::spark_event_log: {
                ingest::SparkEventLogReader reader;
                ingest::LineReader lines(std::move(o.decoded), path);
                reader.read(lines);
                add_log(reader.finish(), source);
                return;
            }
            case ingest::InputKind::unknown:
                input_error(
                    path, 1,
                    "cannot tell what this file holds: expected a runs CSV, a Spark event log (plain, lz4, "
                    "snappy or zstd), StreamingQueryProgress JSON, Flink's /jobs/:id/checkpoints JSON or "
                    "kafka-consumer-groups --describe output");
            default:
                break;
        }
        const std::string text = ingest::read_all(*o.decoded, k_max_whole_input, path);
        source.bytes = text.size();
        source.lines = static_cast<std::int64_t>(std::count(text.begin(), text.end(), '\n'));
        switch (o.kind) {
            case ingest::InputKind::runs_csv: {
                auto runs = cost::parse_runs_csv(text, path);
                m_input.runs.insert(m_input.runs.end(), runs.begin(), runs.end());
                break;
            }
            case ingest::InputKind::streaming_progress: {
                auto batches = ingest::parse_streaming_progress(text, path);
                for (auto& b : batches) m_input.batches.push_back(std::move(b));
                break;
            }
            case ingest::InputKind::flink_checkpoints:
                m_input.flink.push_back(ingest::parse_flink_checkpoints(text, path));
                break;
            case ingest::InputKind::kafka_consumer_groups:
                m_input.kafka.push_back(ingest::parse_kafka_consumer_groups(text, path));
                break;
            default:
                break;
        }
        m_input.sources.push_back(std::move(source));
    }

    cost::CalibrationInput& m_input;
};

struct CalibrateOptions {
    std::vector<std::string> files;
    std::string format;  // set by add_format_option
    std::optional<std::string> output;
    std::optional<std::string> apply;
    std::optional<std::string> workload;
};

int run_calibrate(const CalibrateOptions& options) {
    const render::OutputFormat format = parse_format_option(options.format, render::Product::calibration);
    cost::CalibrationInput input;
    Collector collector(input);
    for (const auto& f : options.files) collector.path(f);

    const std::optional<std::string> workload_file = options.apply ? options.apply : options.workload;
    if (workload_file) {
        const model::Workload w = load_workloads({*workload_file}, {}).front();
        // The first use case's mean rate turns Kafka lag into time.
        if (!w.use_cases.empty()) input.volume_per_second = w.use_cases.front().data.volume_per_second;
    }
    const cost::CalibrationReport report = cost::calibrate(input);

    render::RenderOptions render_options;
    render_options.version = k_version;
    emit(render::render_calibration(report, format, render_options), options.output);

    if (options.apply) {
        const auto values = cost::infrastructure_values(report);
        if (values.empty())
            throw util::Error(util::Error::Kind::input, "--apply: nothing was fitted from these inputs, so " +
                                                            *options.apply + " is unchanged");
        const std::string before = util::read_input_file(*options.apply);
        const cost::AppliedEdit edit = cost::apply_infrastructure(before, *options.apply, values);
        // The edited file must still load (a value out of the loader's bounds is refused here,
        // before anything is written).
        const auto check = model::load_workload_text(edit.text, *options.apply);
        if (!check.errors.empty()) throw util::Error(check.errors);
        if (edit.text != before)
            util::write_file_atomically(*options.apply, edit.text, util::InputPolicy::edit_in_place);
        // The diff goes where it cannot corrupt machine-readable output.
        std::ostream& out = format == render::OutputFormat::json || options.output ? std::cerr : std::cout;
        out << (edit.diff.empty() ? *options.apply + ": already has these values\n" : edit.diff);
    }
    return 0;
}

}  // namespace

Runner setup_calibrate(CLI::App* command) {
    auto options = std::make_shared<CalibrateOptions>();
    command
        ->add_option(
            "FILE", options->files,
            "Inputs, recognised by content: runs CSV (events,nodes,duration_seconds[,cost_usd]), Spark "
            "event logs (plain/lz4/snappy/zstd; rolling-log directories), StreamingQueryProgress JSON, "
            "Flink /jobs/:id/checkpoints JSON, kafka-consumer-groups --describe text; directories are "
            "read entry by entry")
        ->required();
    add_format_option(*command, options->format, render::Product::calibration);
    command->add_option("-o,--output", options->output, "Write to this file (atomically) instead of stdout");
    command->add_option(
        "--apply", options->apply,
        "Write the fitted infrastructure values into this workload file (atomically, keeping its "
        "comments and layout) and print the diff");
    command->add_option("--workload", options->workload,
                        "Workload whose volume turns Kafka lag into time (implied by --apply)");
    return [options] { return run_calibrate(*options); };
}

}  // namespace pipeadvise::cli
