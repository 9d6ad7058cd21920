#include "pipeadvise/ingest/detect.hpp"

#include "pipeadvise/ingest/kafka.hpp"

namespace pipeadvise::ingest {

std::string_view to_string(InputKind kind) {
    switch (kind) {
        case InputKind::runs_csv:
            return "runs_csv";
        case InputKind::spark_event_log:
            return "spark_event_log";
        case InputKind::streaming_progress:
            return "streaming_progress";
        case InputKind::flink_checkpoints:
            return "flink_checkpoints";
        case InputKind::kafka_consumer_groups:
            return "kafka_consumer_groups";
        case InputKind::unknown:
            return "unknown";
    }
    return "unknown";
}

InputKind detect_kind(std::string_view head) {
    if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);  // a UTF-8 byte order mark
    const auto first = head.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return InputKind::unknown;
    const std::string_view body = head.substr(first);
    const auto contains = [&](std::string_view needle) {
        return body.find(needle) != std::string_view::npos;
    };
    if (body.front() == '{' || body.front() == '[') {
        const std::string_view first_line = body.substr(0, body.find('\n'));
        // Every Spark listener event carries its type in "Event" (the first key Spark writes).
        if (body.front() == '{' && first_line.find("\"Event\"") != std::string_view::npos)
            return InputKind::spark_event_log;
        if (contains("\"counts\"") &&
            (contains("\"history\"") || contains("\"latest\"") || contains("\"summary\"")))
            return InputKind::flink_checkpoints;
        if (contains("\"batchId\"") || contains("\"numInputRows\"")) return InputKind::streaming_progress;
        return InputKind::unknown;
    }
    if (looks_like_kafka_consumer_groups(body)) return InputKind::kafka_consumer_groups;
    // The runs CSV: its header (after '#' comments) names duration_seconds or events.
    std::size_t pos = 0;
    while (pos < body.size()) {
        const auto end = body.find('\n', pos);
        const std::string_view line =
            body.substr(pos, end == std::string_view::npos ? body.size() - pos : end - pos);
        pos = end == std::string_view::npos ? body.size() : end + 1;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos || line.front() == '#') continue;
        const auto has = [&](std::string_view word) { return line.find(word) != std::string_view::npos; };
        if (has(",") && (has("events") || has("nodes") || has("duration") || has("cost_usd")))
            return InputKind::runs_csv;
        break;
    }
    return InputKind::unknown;
}

}  // namespace pipeadvise::ingest
