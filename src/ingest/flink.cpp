#include "pipeadvise/ingest/flink.hpp"

#include <simdjson.h>

#include "pipeadvise/util/diagnostic.hpp"

namespace pipeadvise::ingest {

namespace od = simdjson::ondemand;

namespace {

#define PA_TRY(expr)                                   \
    do {                                               \
        if (auto pa_error_ = (expr)) return pa_error_; \
    } while (false)

// The value being read when an error happens, so that a wrong value is reported with its key,
// its text, the form expected and an example, as workload values are.
struct Blame {
    std::string key;            // e.g. "history[2].state_size"
    std::string token;          // the value as written
    std::string_view expected;  // "a whole number of bytes; e.g. 52428800"
    const char* where = nullptr;
};

constexpr std::string_view k_count_form = "a whole number of checkpoints, zero or more; e.g. 12";
constexpr std::string_view k_ms_form = "a whole number of milliseconds; e.g. 1600";
constexpr std::string_view k_bytes_form = "a whole number of bytes; e.g. 52428800";

class StatisticsReader {
public:
    explicit StatisticsReader(FlinkCheckpoints& out) : m_out(out) {}

    simdjson::error_code read(od::document& doc) {
        od::object root;
        PA_TRY(doc.get_object().get(root));
        for (auto f : root) {
            od::raw_json_string key;
            PA_TRY(f.key().get(key));
            if (key == "counts") {
                has_counts = true;
                PA_TRY(read_counts(f.value()));
            } else if (key == "latest") {
                PA_TRY(read_latest(f.value()));
            } else if (key == "history") {
                PA_TRY(read_history(f.value()));
            }
        }
        return simdjson::SUCCESS;
    }

    bool has_counts = false;
    Blame blame;

private:
    // Notes what is about to be read; the token is the value's own text, for the message.
    void expect(od::value& value, std::string key, std::string_view form) {
        blame.key = std::move(key);
        blame.expected = form;
        // The raw token of a scalar runs to the next structural character; trim what follows it.
        std::string_view token = value.raw_json_token();
        const auto end = token.find_last_not_of(" \t\r\n,");
        token = end == std::string_view::npos ? std::string_view() : token.substr(0, end + 1);
        // A container's token is its first character; name its kind instead.
        if (token.empty() || (token.front() != '[' && token.front() != '{'))
            blame.token = std::string(token.substr(0, 40));
        else
            blame.token = token.front() == '[' ? "an array" : "an object";
        blame.where = token.data();
    }

    // A whole number; a JSON null leaves `out` as it is, a fractional number is truncated.
    simdjson::error_code get_int(od::value value, std::int64_t& out, std::string key, std::string_view form) {
        expect(value, std::move(key), form);
        od::json_type type;
        PA_TRY(value.type().get(type));
        if (type == od::json_type::null) return simdjson::SUCCESS;
        std::int64_t i = 0;
        if (value.get_int64().get(i) == simdjson::SUCCESS) {
            out = i;
            return simdjson::SUCCESS;
        }
        double d = 0;
        PA_TRY(value.get_double().get(d));
        out = static_cast<std::int64_t>(d);
        return simdjson::SUCCESS;
    }

    simdjson::error_code read_counts(od::value value) {
        expect(value, "counts", "an object of checkpoint counts; e.g. {\"completed\": 12, \"failed\": 0}");
        od::object counts;
        PA_TRY(value.get_object().get(counts));
        for (auto c : counts) {
            od::raw_json_string name;
            PA_TRY(c.key().get(name));
            if (name == "completed")
                PA_TRY(get_int(c.value(), m_out.completed, "counts.completed", k_count_form));
            if (name == "failed") PA_TRY(get_int(c.value(), m_out.failed, "counts.failed", k_count_form));
            if (name == "restored")
                PA_TRY(get_int(c.value(), m_out.restored, "counts.restored", k_count_form));
            if (name == "in_progress")
                PA_TRY(get_int(c.value(), m_out.in_progress, "counts.in_progress", k_count_form));
        }
        return simdjson::SUCCESS;
    }

    simdjson::error_code read_latest(od::value value) {
        expect(value, "latest", "an object with the latest checkpoints; e.g. {\"completed\": null}");
        od::object latest;
        PA_TRY(value.get_object().get(latest));
        for (auto l : latest) {
            od::raw_json_string name;
            PA_TRY(l.key().get(name));
            if (name != "completed") continue;
            od::value entry = l.value();
            expect(entry, "latest.completed",
                   "a checkpoint object or null; e.g. {\"id\": 7, \"state_size\": 52428800}");
            od::json_type type;
            PA_TRY(entry.type().get(type));
            if (type == od::json_type::null) continue;
            od::object completed;
            PA_TRY(entry.get_object().get(completed));
            FlinkCheckpoint c;
            bool ok = false;
            PA_TRY(read_checkpoint(completed, "latest.completed", c, ok));
            m_out.latest_state_size_bytes = c.state_size_bytes;
        }
        return simdjson::SUCCESS;
    }

    simdjson::error_code read_history(od::value value) {
        expect(value, "history",
               "an array of checkpoint objects; e.g. [{\"id\": 7, \"status\": \"COMPLETED\"}]");
        od::array history;
        PA_TRY(value.get_array().get(history));
        std::size_t index = 0;
        for (auto element : history) {
            const std::string at = "history[" + std::to_string(index++) + "]";
            od::value entry;
            PA_TRY(element.get(entry));
            expect(entry, at, "a checkpoint object; e.g. {\"id\": 7, \"status\": \"COMPLETED\"}");
            od::object object;
            PA_TRY(entry.get_object().get(object));
            FlinkCheckpoint c;
            bool completed = false;
            PA_TRY(read_checkpoint(object, at, c, completed));
            if (completed) m_out.history.push_back(c);
        }
        return simdjson::SUCCESS;
    }

    // One CheckpointStatistics object; `completed` tells whether its status is COMPLETED.
    simdjson::error_code read_checkpoint(od::object object, const std::string& at, FlinkCheckpoint& c,
                                         bool& completed) {
        completed = false;
        for (auto f : object) {
            od::raw_json_string key;
            PA_TRY(f.key().get(key));
            od::value value;
            PA_TRY(f.value().get(value));
            if (key == "id") {
                PA_TRY(get_int(value, c.id, at + ".id", "a whole-number checkpoint id; e.g. 7"));
            } else if (key == "status") {
                expect(value, at + ".status", "a status string; e.g. \"COMPLETED\"");
                std::string_view s;
                PA_TRY(value.get_string().get(s));
                completed = s == "COMPLETED";
            } else if (key == "is_savepoint") {
                expect(value, at + ".is_savepoint", "true or false; e.g. false");
                PA_TRY(value.get_bool().get(c.savepoint));
            } else if (key == "trigger_timestamp") {
                PA_TRY(get_int(value, c.trigger_timestamp_ms, at + ".trigger_timestamp",
                               "milliseconds since the epoch; e.g. 1700000000000"));
            } else if (key == "end_to_end_duration") {
                PA_TRY(get_int(value, c.end_to_end_duration_ms, at + ".end_to_end_duration", k_ms_form));
            } else if (key == "state_size") {
                PA_TRY(get_int(value, c.state_size_bytes, at + ".state_size", k_bytes_form));
            } else if (key == "checkpointed_size") {
                std::int64_t v = 0;
                PA_TRY(get_int(value, v, at + ".checkpointed_size", k_bytes_form));
                c.checkpointed_size_bytes = v;
            }
        }
        return simdjson::SUCCESS;
    }

    FlinkCheckpoints& m_out;
};

// A value of the wrong kind, as opposed to JSON that cannot be parsed at all.
bool is_value_error(simdjson::error_code e) {
    return e == simdjson::INCORRECT_TYPE || e == simdjson::NUMBER_ERROR || e == simdjson::NUMBER_OUT_OF_RANGE;
}

}  // namespace

FlinkCheckpoints parse_flink_checkpoints(std::string_view text, const std::string& file) {
    const simdjson::padded_string padded(text);
    od::parser parser;
    od::document doc;
    FlinkCheckpoints out;
    out.file = file;
    StatisticsReader reader(out);
    simdjson::error_code e = parser.iterate(padded).get(doc);
    if (!e) e = reader.read(doc);
    if (e) {
        const bool value_error = is_value_error(e) && !reader.blame.key.empty();
        const char* where = value_error ? reader.blame.where : nullptr;
        if (where == nullptr && doc.current_location().get(where) != simdjson::SUCCESS) where = nullptr;
        int line = 1, column = 1;
        if (where != nullptr)
            for (const char* p = padded.data(); p < where && p < padded.data() + text.size(); ++p) {
                column = *p == '\n' ? 1 : column + 1;
                line += *p == '\n';
            }
        std::string message =
            value_error ? reader.blame.key + ": got " + reader.blame.token + "; expected " +
                              std::string(reader.blame.expected)
                        : std::string("malformed Flink checkpoint statistics: ") + simdjson::error_message(e);
        throw util::Error({util::Diagnostic{util::Location{file, line, column}, std::move(message)}});
    }
    if (!reader.has_counts)
        throw util::Error({util::Diagnostic{util::Location{file, 1, 1},
                                            "not Flink checkpoint statistics: no \"counts\" object "
                                            "(expected the response of GET /jobs/:jobid/checkpoints)"}});
    return out;
}

}  // namespace pipeadvise::ingest
