#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// Flink's REST API `GET /jobs/:jobid/checkpoints` (CheckpointingStatistics), as plain structs.
namespace pipeadvise::ingest {

/// One completed checkpoint of the statistics' `history`.
struct FlinkCheckpoint {
    std::int64_t id = 0;
    std::int64_t trigger_timestamp_ms = 0;
    std::int64_t end_to_end_duration_ms = 0;
    std::int64_t state_size_bytes = 0;                    ///< full state size
    std::optional<std::int64_t> checkpointed_size_bytes;  ///< incremental size (Flink 1.15+)
    bool savepoint = false;
};

struct FlinkCheckpoints {
    std::string file;
    std::int64_t completed = 0, failed = 0, restored = 0, in_progress = 0;  ///< `counts`
    std::vector<FlinkCheckpoint> history;                                   ///< COMPLETED entries only
    std::optional<std::int64_t> latest_state_size_bytes;                    ///< latest.completed.state_size
};

/// Parses the JSON; throws util::Error (input) when it is not that response.
FlinkCheckpoints parse_flink_checkpoints(std::string_view text, const std::string& file);

}  // namespace pipeadvise::ingest
