#pragma once

#include <string_view>

/// Which outside format a calibration input holds, judged by its (decoded) content.
namespace pipeadvise::ingest {

enum class InputKind {
    runs_csv,               ///< the CSV of observed runs (events,nodes,duration_seconds[,cost_usd])
    spark_event_log,        ///< Spark event log: JSON lines with an "Event" field
    streaming_progress,     ///< StreamingQueryProgress JSON (one object, several, or an array)
    flink_checkpoints,      ///< Flink REST GET /jobs/:jobid/checkpoints
    kafka_consumer_groups,  ///< kafka-consumer-groups --describe text
    unknown
};

std::string_view to_string(InputKind kind);

/// Judges the kind from the first bytes of the decoded input (64 KiB are plenty).
InputKind detect_kind(std::string_view head);

}  // namespace pipeadvise::ingest
