#include "pipeadvise/ingest/spark.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "pipeadvise/util/diagnostic.hpp"

namespace pipeadvise::ingest {

static_assert(k_line_padding >= simdjson::SIMDJSON_PADDING, "lines must carry simdjson's padding");

namespace od = simdjson::ondemand;

namespace {

// Structured Streaming posts its progress into the event log under the listener event's full
// Java class name, not a short SparkListener name.
constexpr std::string_view k_progress_event =
    "org.apache.spark.sql.streaming.StreamingQueryListener$QueryProgressEvent";

[[noreturn]] void fail(const std::string& file, int line, int column, const std::string& message) {
    throw util::Error({util::Diagnostic{util::Location{file, line, column}, message}});
}

// Where a reader stands, to put a parse error at its line and column.
struct Position {
    const std::string& file;
    int line;
    const char* begin;  // first byte of the line (or of the text, when `line` counts from it)
};

[[noreturn]] void json_error(const Position& at, od::document& doc, simdjson::error_code error,
                             std::string_view what) {
    int column = 1;
    const char* where = nullptr;
    if (doc.current_location().get(where) == simdjson::SUCCESS && where != nullptr && where >= at.begin)
        column = static_cast<int>(where - at.begin) + 1;
    std::string message = "malformed ";
    message += what;
    message += ": ";
    message += simdjson::error_message(error);
    fail(at.file, at.line, column, message);
}

// Reads an integer that Spark may write as a JSON number (or, in a few old fields, a string).
simdjson::error_code get_int(od::value value, std::int64_t& out) {
    od::json_type type;
    if (auto e = value.type().get(type)) return e;
    if (type == od::json_type::number) {
        double d = 0;
        std::int64_t i = 0;
        // Counters and epoch milliseconds fit int64; a figure written with a fraction or an exponent
        // is truncated instead of rejected.
        if (value.get_int64().get(i) == simdjson::SUCCESS) {
            out = i;
            return simdjson::SUCCESS;
        }
        if (auto e = value.get_double().get(d)) return e;
        out = static_cast<std::int64_t>(d);
        return simdjson::SUCCESS;
    }
    if (type == od::json_type::null) return simdjson::SUCCESS;  // absent figure: keep the default
    return simdjson::INCORRECT_TYPE;
}

// null reads as absent and keeps the default, as in get_int.
simdjson::error_code get_text(od::value value, std::string& out) {
    od::json_type type;
    if (auto e = value.type().get(type)) return e;
    if (type == od::json_type::null) return simdjson::SUCCESS;
    std::string_view s;
    if (auto e = value.get_string().get(s)) return e;
    out.assign(s);
    return simdjson::SUCCESS;
}

#define PA_TRY(expr)                                   \
    do {                                               \
        if (auto pa_error_ = (expr)) return pa_error_; \
    } while (false)

// A StreamingQueryProgress object: the same JSON inside an event log's progress event and in
// the query's own progress output (parse_streaming_progress).
simdjson::error_code read_progress(od::object progress, StreamingBatch& batch) {
    for (auto field : progress) {
        od::raw_json_string key;
        PA_TRY(field.key().get(key));
        od::value value = field.value();
        // id survives restarts of the query; runId is new at each start, so (runId, batchId) names
        // one trigger.
        if (key == "id") {
            PA_TRY(get_text(value, batch.query_id));
        } else if (key == "runId") {
            PA_TRY(get_text(value, batch.run_id));
        } else if (key == "name") {
            PA_TRY(get_text(value, batch.name));
        } else if (key == "timestamp") {
            PA_TRY(get_text(value, batch.timestamp));
        } else if (key == "batchId") {
            PA_TRY(get_int(value, batch.batch_id));
        } else if (key == "numInputRows") {
            PA_TRY(get_int(value, batch.input_rows));
        } else if (key == "durationMs") {
            // triggerExecution is the whole trigger, addBatch the part spent on the data; the difference
            // is the per-trigger overhead (see fit_streaming).
            od::object durations;
            PA_TRY(value.get_object().get(durations));
            for (auto d : durations) {
                od::raw_json_string name;
                PA_TRY(d.key().get(name));
                if (name == "triggerExecution") {
                    PA_TRY(get_int(d.value(), batch.trigger_execution_ms));
                } else if (name == "addBatch") {
                    std::int64_t ms = 0;
                    PA_TRY(get_int(d.value(), ms));
                    batch.add_batch_ms = ms;
                }
            }
        } else if (key == "stateOperators") {
            od::array operators;
            PA_TRY(value.get_array().get(operators));
            for (auto element : operators) {
                od::object op;
                PA_TRY(element.get_object().get(op));
                // One entry per stateful operator: the query's state is their sum.
                batch.has_state = true;
                for (auto f : op) {
                    od::raw_json_string name;
                    PA_TRY(f.key().get(name));
                    std::int64_t v = 0;
                    if (name == "numRowsTotal") {
                        PA_TRY(get_int(f.value(), v));
                        batch.state_rows += v;
                    } else if (name == "memoryUsedBytes") {
                        PA_TRY(get_int(f.value(), v));
                        batch.state_bytes += v;
                    }
                }
            }
        }
    }
    return simdjson::SUCCESS;
}

// The event name when the line starts as Spark writes every event, `{"Event":"Name"`.
std::string_view leading_event_name(std::string_view line) {
    // Reading the name from the raw bytes lets unused events be skipped without parsing them.
    constexpr std::string_view prefix = "{\"Event\":\"";
    if (line.substr(0, prefix.size()) != prefix) return {};
    const auto end = line.find('"', prefix.size());
    if (end == std::string_view::npos) return {};
    return line.substr(prefix.size(), end - prefix.size());
}

std::string_view trim(std::string_view s) {
    // '\r' too: a log written or copied on Windows ends its lines in CRLF.
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

enum class Event {
    log_start,
    application_start,
    application_end,
    environment_update,
    executor_added,
    job_start,
    stage_submitted,
    task_start,
    task_end,
    query_progress,
    other
};

Event classify(std::string_view name) {
    // Only the events the calibration uses; any other is counted by name as skipped.
    static const std::unordered_map<std::string_view, Event> table = {
        {"SparkListenerLogStart", Event::log_start},
        {"SparkListenerApplicationStart", Event::application_start},
        {"SparkListenerApplicationEnd", Event::application_end},
        {"SparkListenerEnvironmentUpdate", Event::environment_update},
        {"SparkListenerExecutorAdded", Event::executor_added},
        {"SparkListenerJobStart", Event::job_start},
        {"SparkListenerStageSubmitted", Event::stage_submitted},
        {"SparkListenerTaskStart", Event::task_start},
        {"SparkListenerTaskEnd", Event::task_end},
        {k_progress_event, Event::query_progress},
    };
    const auto it = table.find(name);
    return it == table.end() ? Event::other : it->second;
}

// `local`, `local[N]`, `local[N,F]`, `local[*]`: the driver's task slots (0 when unknown).
std::int64_t local_cores(std::string_view master) {
    if (master == "local") return 1;
    if (master.substr(0, 6) != "local[") return 0;
    std::int64_t n = 0;
    // Digits up to the first non-digit: `local[N,F]` gives N, `local[*]` 0 (the machine's
    // cores are not in the log).
    for (std::size_t i = 6; i < master.size() && master[i] >= '0' && master[i] <= '9'; ++i)
        n = n * 10 + (master[i] - '0');
    return n;
}

}  // namespace

struct SparkEventLogReader::State {
    od::parser parser;
    SparkLog log;
    bool have_app = false;
    SparkApplication app;
    std::string pending_version;  // LogStart precedes ApplicationStart
    std::unordered_map<std::string, std::int64_t> executor_cores;
    // Keyed by (stage id, attempt): a retried stage keeps the id, each attempt its own totals.
    std::map<std::pair<int, int>, SparkStage> stages;
    // Every submitted stage attempt, also those without any TaskEnd in the log.
    std::set<std::pair<int, int>> submitted;
    // Earliest task launch: where the application's start-up ends (see fit_spark).
    std::int64_t first_launch = 0;
    bool have_launch = false;

    void close_app() {
        if (!have_app) return;
        // Executors are counted only here, at the end, so an id added twice counts once.
        for (const auto& [id, cores] : executor_cores) {
            (void)id;
            ++app.executors;
            app.executor_cores += cores;
        }
        if (app.executors == 0 && !app.master.empty() && app.master.substr(0, 5) == "local") {
            // Local mode: no executor is added; the driver runs the tasks.
            app.local_mode = true;
            app.executors = 1;
            app.executor_cores = local_cores(app.master);
        }
        app.stages = static_cast<std::int64_t>(submitted.size());
        for (const auto& [key, stage] : stages) app.stage_totals.push_back(stage);
        if (have_launch) app.first_task_launch_ms = first_launch;
        log.applications.push_back(std::move(app));
        app = SparkApplication{};
        executor_cores.clear();
        stages.clear();
        submitted.clear();
        have_launch = false;
        have_app = false;
    }

    SparkApplication& current(const std::string& file) {
        // Events may come before ApplicationStart (or it may be missing): the first event of an
        // application opens it.
        if (!have_app) {
            have_app = true;
            app.file = file;
            if (!pending_version.empty()) app.spark_version = pending_version;
        }
        return app;
    }

    void launch(std::int64_t ms) {
        // 0 is what a missing Launch Time reads as, not a time.
        if (ms <= 0) return;
        if (!have_launch || ms < first_launch) first_launch = ms;
        have_launch = true;
    }

    simdjson::error_code task_info(od::value value, std::int64_t* launch_ms, bool* failed, bool* killed) {
        od::object info;
        PA_TRY(value.get_object().get(info));
        for (auto f : info) {
            od::raw_json_string key;
            PA_TRY(f.key().get(key));
            if (key == "Launch Time" && launch_ms) {
                PA_TRY(get_int(f.value(), *launch_ms));
            } else if (key == "Failed" && failed) {
                PA_TRY(f.value().get_bool().get(*failed));
            } else if (key == "Killed" && killed) {
                PA_TRY(f.value().get_bool().get(*killed));
            }
        }
        return simdjson::SUCCESS;
    }

    simdjson::error_code event(Event kind, od::document& doc, const std::string& file) {
        od::object object;
        PA_TRY(doc.get_object().get(object));
        switch (kind) {
            case Event::log_start:
                for (auto f : object) {
                    od::raw_json_string key;
                    PA_TRY(f.key().get(key));
                    if (key == "Spark Version") PA_TRY(get_text(f.value(), pending_version));
                }
                if (have_app) app.spark_version = pending_version;
                return simdjson::SUCCESS;
            case Event::application_start: {
                // A second ApplicationStart begins the next application: one reader may read several logs.
                if (have_app && app.start_ms) close_app();
                SparkApplication& a = current(file);
                for (auto f : object) {
                    od::raw_json_string key;
                    PA_TRY(f.key().get(key));
                    if (key == "App Name") {
                        PA_TRY(get_text(f.value(), a.name));
                    } else if (key == "App ID") {
                        PA_TRY(get_text(f.value(), a.id));
                    } else if (key == "App Attempt ID") {
                        PA_TRY(get_text(f.value(), a.attempt_id));
                    } else if (key == "Timestamp") {
                        std::int64_t t = 0;
                        PA_TRY(get_int(f.value(), t));
                        a.start_ms = t;
                    }
                }
                return simdjson::SUCCESS;
            }
            case Event::application_end:
                for (auto f : object) {
                    od::raw_json_string key;
                    PA_TRY(f.key().get(key));
                    if (key == "Timestamp") {
                        std::int64_t t = 0;
                        PA_TRY(get_int(f.value(), t));
                        current(file).end_ms = t;
                    }
                }
                return simdjson::SUCCESS;
            case Event::environment_update:
                for (auto f : object) {
                    od::raw_json_string key;
                    PA_TRY(f.key().get(key));
                    if (key != "Spark Properties") continue;
                    od::object props;
                    PA_TRY(f.value().get_object().get(props));
                    for (auto p : props) {
                        od::raw_json_string name;
                        PA_TRY(p.key().get(name));
                        // spark.master tells local mode (no ExecutorAdded) from a cluster; see close_app.
                        if (name == "spark.master") PA_TRY(get_text(p.value(), current(file).master));
                    }
                }
                return simdjson::SUCCESS;
            case Event::executor_added: {
                std::string id;
                std::int64_t cores = 0;
                for (auto f : object) {
                    od::raw_json_string key;
                    PA_TRY(f.key().get(key));
                    if (key == "Executor ID") {
                        PA_TRY(get_text(f.value(), id));
                    } else if (key == "Executor Info") {
                        od::object info;
                        PA_TRY(f.value().get_object().get(info));
                        for (auto i : info) {
                            od::raw_json_string name;
                            PA_TRY(i.key().get(name));
                            // Total Cores: the executor's task slots.
                            if (name == "Total Cores") PA_TRY(get_int(i.value(), cores));
                        }
                    }
                }
                current(file);
                // An executor id re-added keeps one entry, as the History Server keys them by id.
                if (id != "driver") executor_cores[id] = cores;
                return simdjson::SUCCESS;
            }
            case Event::job_start:
                ++current(file).jobs;
                return simdjson::SUCCESS;
            case Event::stage_submitted:
                for (auto f : object) {
                    od::raw_json_string key;
                    PA_TRY(f.key().get(key));
                    if (key != "Stage Info") continue;
                    od::object info;
                    PA_TRY(f.value().get_object().get(info));
                    std::int64_t id = 0, attempt = 0;
                    for (auto i : info) {
                        od::raw_json_string name;
                        PA_TRY(i.key().get(name));
                        if (name == "Stage ID") {
                            PA_TRY(get_int(i.value(), id));
                        } else if (name == "Stage Attempt ID") {
                            PA_TRY(get_int(i.value(), attempt));
                        }
                    }
                    current(file);
                    // A resubmitted stage has a higher Stage Attempt ID: a stage of its own.
                    submitted.emplace(static_cast<int>(id), static_cast<int>(attempt));
                }
                return simdjson::SUCCESS;
            case Event::task_start:
                for (auto f : object) {
                    od::raw_json_string key;
                    PA_TRY(f.key().get(key));
                    if (key != "Task Info") continue;
                    std::int64_t launch_ms = 0;
                    // Launch times from TaskStart too: the earliest task may lack a TaskEnd.
                    PA_TRY(task_info(f.value(), &launch_ms, nullptr, nullptr));
                    current(file);
                    this->launch(launch_ms);
                }
                return simdjson::SUCCESS;
            case Event::task_end: {
                std::int64_t stage = 0, attempt = 0, launch_ms = 0, run_ms = 0, records = 0, bytes = 0;
                bool failed = false, killed = false, metrics = false;
                for (auto f : object) {
                    od::raw_json_string key;
                    PA_TRY(f.key().get(key));
                    if (key == "Stage ID") {
                        PA_TRY(get_int(f.value(), stage));
                    } else if (key == "Stage Attempt ID") {
                        PA_TRY(get_int(f.value(), attempt));
                    } else if (key == "Task Info") {
                        PA_TRY(task_info(f.value(), &launch_ms, &failed, &killed));
                    } else if (key == "Task Metrics") {
                        // null when the task was lost with its executor: the task counts, its figures cannot.
                        od::value value = f.value();
                        od::json_type type;
                        PA_TRY(value.type().get(type));
                        if (type == od::json_type::null) continue;
                        od::object m;
                        PA_TRY(value.get_object().get(m));
                        metrics = true;
                        for (auto g : m) {
                            od::raw_json_string name;
                            PA_TRY(g.key().get(name));
                            // Executor Run Time: the task's milliseconds on its core. Input Metrics: what it
                            // read from the source; shuffle reads are under other keys and not counted.
                            if (name == "Executor Run Time") {
                                PA_TRY(get_int(g.value(), run_ms));
                            } else if (name == "Input Metrics") {
                                od::object input;
                                PA_TRY(g.value().get_object().get(input));
                                for (auto h : input) {
                                    od::raw_json_string n;
                                    PA_TRY(h.key().get(n));
                                    if (n == "Records Read") {
                                        PA_TRY(get_int(h.value(), records));
                                    } else if (n == "Bytes Read") {
                                        PA_TRY(get_int(h.value(), bytes));
                                    }
                                }
                            }
                        }
                    }
                }
                SparkApplication& a = current(file);
                ++a.tasks;
                // A failed or killed task's run time and records still add in: its cores were spent.
                if (failed || killed) ++a.failed_tasks;
                if (!metrics) ++a.tasks_without_metrics;
                a.records_read += records;
                a.bytes_read += bytes;
                a.executor_run_ms += run_ms;
                launch(launch_ms);
                SparkStage& s = stages[{static_cast<int>(stage), static_cast<int>(attempt)}];
                s.stage_id = static_cast<int>(stage);
                s.attempt = static_cast<int>(attempt);
                ++s.tasks;
                s.records_read += records;
                s.executor_run_ms += run_ms;
                return simdjson::SUCCESS;
            }
            case Event::query_progress:
                for (auto f : object) {
                    od::raw_json_string key;
                    PA_TRY(f.key().get(key));
                    if (key != "progress") continue;
                    od::object progress;
                    PA_TRY(f.value().get_object().get(progress));
                    StreamingBatch batch;
                    PA_TRY(read_progress(progress, batch));
                    batch.file = file;
                    log.batches.push_back(std::move(batch));
                }
                return simdjson::SUCCESS;
            case Event::other:
                return simdjson::SUCCESS;
        }
        return simdjson::SUCCESS;
    }
};

SparkEventLogReader::SparkEventLogReader() : m_state(std::make_unique<State>()) {}
SparkEventLogReader::~SparkEventLogReader() = default;

void SparkEventLogReader::read(LineReader& lines) {
    std::string_view line;
    while (lines.next(line)) {
        // Only the last line can lack its newline; without its '}' too, the writer stopped
        // mid-event, and the message can say so plainly.
        if (lines.last_line_unterminated() && !trim(line).empty() && trim(line).back() != '}') {
            fail(lines.file(), lines.line_number(), static_cast<int>(line.size()) + 1,
                 "truncated event: the log ends in the middle of a line");
        }
        read_line(line, lines.file(), lines.line_number());
    }
    m_state->log.bytes += lines.bytes();
}

void SparkEventLogReader::read_line(std::string_view line, const std::string& file, int line_number) {
    State& s = *m_state;
    ++s.log.lines;
    const std::string_view body = trim(line);
    if (body.empty()) return;
    // Every event is one JSON object on one line; a line cut short (a log copied while the
    // application ran, a full disk) does not end in '}'.
    if (body.front() != '{')
        fail(file, line_number, 1,
             "expected a JSON event object ('{'), found '" + std::string(1, body.front()) + "'");
    if (body.back() != '}')
        fail(file, line_number, static_cast<int>(line.size()) + 1,
             "truncated or malformed event: the line does not end with '}'");

    std::string_view name = leading_event_name(line);
    const Position at{file, line_number, line.data()};
    od::document doc;
    auto iterate = [&] {
        // The line reader leaves k_line_padding readable bytes after each line, so simdjson parses
        // the line in place, without a copy.
        if (auto e = s.parser.iterate(line.data(), line.size(), line.size() + k_line_padding).get(doc))
            fail(file, line_number, 1, std::string("malformed event: ") + simdjson::error_message(e));
    };
    if (name.empty()) {
        // Not in Spark's own key order: look the name up, then read the event from the start.
        iterate();
        std::string_view found;
        if (auto e = doc["Event"].get_string().get(found)) {
            if (e == simdjson::NO_SUCH_FIELD) fail(file, line_number, 1, "event without an \"Event\" field");
            json_error(at, doc, e, "event");
        }
        name = found;
        const Event kind = classify(name);
        if (kind == Event::other) {
            ++s.log.skipped_events[std::string(name)];
            return;
        }
        // On-demand parsing only reads forward: back to the start to read the event itself.
        doc.rewind();
        if (auto e = s.event(kind, doc, file)) json_error(at, doc, e, "event " + std::string(name));
        return;
    }
    const Event kind = classify(name);
    if (kind == Event::other) {
        // Unknown or unused event types are skipped, as the History Server skips them.
        ++s.log.skipped_events[std::string(name)];
        return;
    }
    iterate();
    if (auto e = s.event(kind, doc, file)) json_error(at, doc, e, "event " + std::string(name));
}

SparkLog SparkEventLogReader::finish() {
    m_state->close_app();
    return std::move(m_state->log);
}

std::vector<StreamingBatch> parse_streaming_progress(std::string_view text, const std::string& file) {
    const simdjson::padded_string padded(text);
    std::vector<StreamingBatch> batches;
    auto line_of = [&](std::size_t offset) {
        return 1 + static_cast<int>(std::count(
                       text.begin(),
                       text.begin() + static_cast<std::ptrdiff_t>(std::min(offset, text.size())), '\n'));
    };
    auto read_one = [&](od::value value, std::size_t offset) {
        od::object object;
        StreamingBatch batch;
        simdjson::error_code e = value.get_object().get(object);
        if (!e) e = read_progress(object, batch);
        if (e)
            fail(file, line_of(offset), 1,
                 std::string("malformed StreamingQueryProgress: ") + simdjson::error_message(e));
        batch.file = file;
        batch.line = line_of(offset);
        batches.push_back(std::move(batch));
    };
    const std::string_view body = trim(text);
    od::parser parser;
    // Progress JSON comes as an array of progress objects or as objects one after another.
    if (!body.empty() && body.front() == '[') {
        od::document doc;
        od::array array;
        simdjson::error_code e = parser.iterate(padded).get(doc);
        if (!e) e = doc.get_array().get(array);
        if (e) fail(file, 1, 1, std::string("malformed progress array: ") + simdjson::error_message(e));
        for (auto element : array) {
            od::value value;
            if (auto err = element.get(value))
                fail(file, 1, 1, std::string("malformed progress array: ") + simdjson::error_message(err));
            const char* where = nullptr;
            std::size_t offset = 0;
            if (doc.current_location().get(where) == simdjson::SUCCESS)
                offset = static_cast<std::size_t>(where - padded.data());
            read_one(value, offset);
        }
        return batches;
    }
    od::document_stream stream;
    // A batch as large as the text (at least 1 MiB): iterate_many fails on any object larger
    // than its batch.
    if (auto e = parser.iterate_many(padded, std::max<std::size_t>(padded.size(), 1 << 20)).get(stream))
        fail(file, 1, 1, std::string("malformed progress JSON: ") + simdjson::error_message(e));
    for (auto it = stream.begin(); it != stream.end(); ++it) {
        const std::size_t offset = it.current_index();
        od::document_reference doc;
        if (auto e = (*it).get(doc))
            fail(file, line_of(offset), 1,
                 std::string("malformed progress JSON: ") + simdjson::error_message(e));
        od::value value;
        if (auto e = doc.get_value().get(value))
            fail(file, line_of(offset), 1,
                 std::string("malformed progress JSON: ") + simdjson::error_message(e));
        read_one(value, offset);
    }
    // The stream stops quietly at an incomplete last object; truncated_bytes tells.
    if (stream.truncated_bytes() > 0)
        fail(file, line_of(text.size() - stream.truncated_bytes()), 1,
             "truncated progress JSON: the last object is incomplete");
    return batches;
}

}  // namespace pipeadvise::ingest
