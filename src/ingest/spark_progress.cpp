#include <algorithm>

#include "spark_internal.hpp"

namespace pipeadvise::ingest {

namespace spark_detail {

namespace {

// triggerExecution is the whole trigger, addBatch the part spent on the data; the difference is
// the per-trigger overhead (see fit_streaming).
simdjson::error_code read_durations(od::object durations, StreamingBatch& batch) {
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
    return simdjson::SUCCESS;
}

// One entry per stateful operator: the query's state is their sum.
simdjson::error_code read_state_operators(od::array operators, StreamingBatch& batch) {
    for (auto element : operators) {
        od::object op;
        PA_TRY(element.get_object().get(op));
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
    return simdjson::SUCCESS;
}

}  // namespace

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
            od::object durations;
            PA_TRY(value.get_object().get(durations));
            PA_TRY(read_durations(durations, batch));
        } else if (key == "stateOperators") {
            od::array operators;
            PA_TRY(value.get_array().get(operators));
            PA_TRY(read_state_operators(operators, batch));
        }
    }
    return simdjson::SUCCESS;
}

}  // namespace spark_detail

namespace {

using spark_detail::fail;

// Reads the progress objects of one text into `batches`, naming the line of each.
class ProgressReader {
public:
    ProgressReader(std::string_view text, const std::string& file) : m_text(text), m_file(file) {}

    int line_of(std::size_t offset) const {
        const auto end = m_text.begin() + static_cast<std::ptrdiff_t>(std::min(offset, m_text.size()));
        return 1 + static_cast<int>(std::count(m_text.begin(), end, '\n'));
    }

    void read_one(od::value value, std::size_t offset) {
        od::object object;
        StreamingBatch batch;
        simdjson::error_code e = value.get_object().get(object);
        if (!e) e = spark_detail::read_progress(object, batch);
        if (e)
            fail(m_file, line_of(offset), 1,
                 std::string("malformed StreamingQueryProgress: ") + simdjson::error_message(e));
        batch.file = m_file;
        batch.line = line_of(offset);
        batches.push_back(std::move(batch));
    }

    // recentProgress serialised as one document: an array of progress objects.
    void read_array(const simdjson::padded_string& padded) {
        od::document doc;
        od::array array;
        simdjson::error_code e = m_parser.iterate(padded).get(doc);
        if (!e) e = doc.get_array().get(array);
        if (e) fail(m_file, 1, 1, std::string("malformed progress array: ") + simdjson::error_message(e));
        for (auto element : array) {
            od::value value;
            if (auto err = element.get(value))
                fail(m_file, 1, 1, std::string("malformed progress array: ") + simdjson::error_message(err));
            const char* where = nullptr;
            std::size_t offset = 0;
            if (doc.current_location().get(where) == simdjson::SUCCESS)
                offset = static_cast<std::size_t>(where - padded.data());
            read_one(value, offset);
        }
    }

    // Progress objects one after another (lastProgress printed at each trigger).
    void read_stream(const simdjson::padded_string& padded) {
        od::document_stream stream;
        // A batch as large as the text (at least 1 MiB): iterate_many fails on any object larger
        // than its batch.
        if (auto e = m_parser.iterate_many(padded, std::max<std::size_t>(padded.size(), 1 << 20)).get(stream))
            fail(m_file, 1, 1, std::string("malformed progress JSON: ") + simdjson::error_message(e));
        for (auto it = stream.begin(); it != stream.end(); ++it) {
            const std::size_t offset = it.current_index();
            od::document_reference doc;
            od::value value;
            simdjson::error_code e = (*it).get(doc);
            if (!e) e = doc.get_value().get(value);
            if (e)
                fail(m_file, line_of(offset), 1,
                     std::string("malformed progress JSON: ") + simdjson::error_message(e));
            read_one(value, offset);
        }
        // The stream stops quietly at an incomplete last object; truncated_bytes tells.
        if (stream.truncated_bytes() > 0)
            fail(m_file, line_of(m_text.size() - stream.truncated_bytes()), 1,
                 "truncated progress JSON: the last object is incomplete");
    }

    std::vector<StreamingBatch> batches;

private:
    std::string_view m_text;
    const std::string& m_file;
    od::parser m_parser;
};

}  // namespace

std::vector<StreamingBatch> parse_streaming_progress(std::string_view text, const std::string& file) {
    const simdjson::padded_string padded(text);
    ProgressReader reader(text, file);
    // Progress JSON comes as an array of progress objects or as objects one after another.
    const std::string_view body = spark_detail::trim(text);
    if (!body.empty() && body.front() == '[')
        reader.read_array(padded);
    else
        reader.read_stream(padded);
    return std::move(reader.batches);
}

}  // namespace pipeadvise::ingest
