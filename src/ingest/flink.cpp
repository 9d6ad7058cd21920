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

simdjson::error_code get_int(od::value value, std::int64_t& out) {
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

// One CheckpointStatistics object; `completed` tells whether its status is COMPLETED.
simdjson::error_code read_checkpoint(od::object object, FlinkCheckpoint& c, bool& completed) {
    completed = false;
    for (auto f : object) {
        od::raw_json_string key;
        PA_TRY(f.key().get(key));
        if (key == "id") {
            PA_TRY(get_int(f.value(), c.id));
        } else if (key == "status") {
            std::string_view s;
            PA_TRY(f.value().get_string().get(s));
            completed = s == "COMPLETED";
        } else if (key == "is_savepoint") {
            PA_TRY(f.value().get_bool().get(c.savepoint));
        } else if (key == "trigger_timestamp") {
            PA_TRY(get_int(f.value(), c.trigger_timestamp_ms));
        } else if (key == "end_to_end_duration") {
            PA_TRY(get_int(f.value(), c.end_to_end_duration_ms));
        } else if (key == "state_size") {
            PA_TRY(get_int(f.value(), c.state_size_bytes));
        } else if (key == "checkpointed_size") {
            std::int64_t v = 0;
            PA_TRY(get_int(f.value(), v));
            c.checkpointed_size_bytes = v;
        }
    }
    return simdjson::SUCCESS;
}

simdjson::error_code read_counts(simdjson::simdjson_result<od::value> value, FlinkCheckpoints& out) {
    od::object counts;
    PA_TRY(value.get_object().get(counts));
    for (auto c : counts) {
        od::raw_json_string name;
        PA_TRY(c.key().get(name));
        if (name == "completed") {
            PA_TRY(get_int(c.value(), out.completed));
        } else if (name == "failed") {
            PA_TRY(get_int(c.value(), out.failed));
        } else if (name == "restored") {
            PA_TRY(get_int(c.value(), out.restored));
        } else if (name == "in_progress") {
            PA_TRY(get_int(c.value(), out.in_progress));
        }
    }
    return simdjson::SUCCESS;
}

// "latest": only the latest completed checkpoint's state size is kept (null when none).
simdjson::error_code read_latest(simdjson::simdjson_result<od::value> value, FlinkCheckpoints& out) {
    od::object latest;
    PA_TRY(value.get_object().get(latest));
    for (auto l : latest) {
        od::raw_json_string name;
        PA_TRY(l.key().get(name));
        if (name != "completed") continue;
        od::value completed_value = l.value();
        od::json_type type;
        PA_TRY(completed_value.type().get(type));
        if (type == od::json_type::null) continue;
        od::object completed;
        PA_TRY(completed_value.get_object().get(completed));
        FlinkCheckpoint c;
        bool ok = false;
        PA_TRY(read_checkpoint(completed, c, ok));
        out.latest_state_size_bytes = c.state_size_bytes;
    }
    return simdjson::SUCCESS;
}

// "history": the completed checkpoints, in the order the REST API lists them.
simdjson::error_code read_history(simdjson::simdjson_result<od::value> value, FlinkCheckpoints& out) {
    od::array history;
    PA_TRY(value.get_array().get(history));
    for (auto element : history) {
        od::object object;
        PA_TRY(element.get_object().get(object));
        FlinkCheckpoint c;
        bool completed = false;
        PA_TRY(read_checkpoint(object, c, completed));
        if (completed) out.history.push_back(c);
    }
    return simdjson::SUCCESS;
}

simdjson::error_code read_statistics(od::document& doc, FlinkCheckpoints& out, bool& has_counts) {
    od::object root;
    PA_TRY(doc.get_object().get(root));
    for (auto f : root) {
        od::raw_json_string key;
        PA_TRY(f.key().get(key));
        if (key == "counts") {
            has_counts = true;
            PA_TRY(read_counts(f.value(), out));
        } else if (key == "latest") {
            PA_TRY(read_latest(f.value(), out));
        } else if (key == "history") {
            PA_TRY(read_history(f.value(), out));
        }
    }
    return simdjson::SUCCESS;
}

}  // namespace

FlinkCheckpoints parse_flink_checkpoints(std::string_view text, const std::string& file) {
    const simdjson::padded_string padded(text);
    od::parser parser;
    od::document doc;
    FlinkCheckpoints out;
    out.file = file;
    bool has_counts = false;
    simdjson::error_code e = parser.iterate(padded).get(doc);
    if (!e) e = read_statistics(doc, out, has_counts);
    if (e) {
        int line = 1;
        const char* where = nullptr;
        if (doc.current_location().get(where) == simdjson::SUCCESS && where != nullptr)
            for (const char* p = padded.data(); p < where && p < padded.data() + text.size(); ++p)
                line += *p == '\n';
        throw util::Error({util::Diagnostic{
            util::Location{file, line, 1},
            std::string("malformed Flink checkpoint statistics: ") + simdjson::error_message(e)}});
    }
    if (!has_counts)
        throw util::Error({util::Diagnostic{util::Location{file, 1, 1},
                                            "not Flink checkpoint statistics: no \"counts\" object "
                                            "(expected the response of GET /jobs/:jobid/checkpoints)"}});
    return out;
}

}  // namespace pipeadvise::ingest
