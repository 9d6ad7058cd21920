#include "pipeadvise/ingest/spark.hpp"

#include <simdjson.h>

#include "spark_internal.hpp"

namespace pipeadvise::ingest {

static_assert(k_line_padding >= simdjson::SIMDJSON_PADDING, "lines must carry simdjson's padding");

using namespace spark_detail;

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

}  // namespace pipeadvise::ingest
