#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// `kafka-consumer-groups.sh --describe` output, as plain structs.
namespace pipeadvise::ingest {

/// One row: a partition's committed offset, log end and lag. `-` cells (no committed
/// offset, no member) are absent values.
struct KafkaPartitionLag {
    std::string group, topic;
    int partition = 0;
    std::optional<std::int64_t> current_offset, log_end_offset, lag;
    std::string consumer_id;  ///< "-" when the partition has no member
    int line = 0;
};

struct KafkaConsumerGroups {
    std::string file;
    std::vector<KafkaPartitionLag> partitions;
    std::vector<std::string> groups_without_members;  ///< "Consumer group 'G' has no active members."
};

/// Parses the text (one or several groups, with or without the GROUP column of Kafka
/// before 2.0); throws util::Error (input) with FILE:LINE:COL for a row it cannot read.
KafkaConsumerGroups parse_kafka_consumer_groups(std::string_view text, const std::string& file);

/// True when `text` looks like that output (the header row with TOPIC, PARTITION and LAG).
bool looks_like_kafka_consumer_groups(std::string_view text);

}  // namespace pipeadvise::ingest
