#pragma once

#include <cstdint>
#include <string_view>

/// Sane bounds for the duration, size and rate keys of a workload file, by key name. They are
/// input checks (FILE:LINE:COL, exit 2), documented in pipeadvise(1) under LIMITS; the
/// simulator's own caps (pipeline/plan.hpp) then bound every loop whatever passes here.
namespace pipeadvise::model {

/// Accepted range of one key and a typical value for messages.
struct KeyLimits {
    double min = 0;            ///< smallest non-zero value (ns, bytes or events/s)
    double max = 0;            ///< largest value (same unit)
    std::string_view example;  ///< a value a user would write, e.g. "12h"
};

/// Bounds of a duration key (`batch_schedule`, `sla`, ...), in nanoseconds. Keys that drive
/// a loop in the simulator (schedules, triggers, failure intervals) have a lower bound, so a
/// 1 ns schedule is an input error instead of a hang.
KeyLimits duration_limits(std::string_view key);
/// Bounds of a size key (`event_size`, `state_size`, `node_memory`), in bytes.
KeyLimits size_limits(std::string_view key);
/// Bounds of a rate key (`volume`, `node_throughput`), in events/second.
KeyLimits rate_limits(std::string_view key);

/// A value a user would write for a plain-number, whole-number or text key, by key name
/// (`replications` -> "10", `target_utilisation` -> "0.7"): every value error ends with an
/// example, as the duration, size and rate errors do with KeyLimits::example.
std::string_view value_example(std::string_view key);

}  // namespace pipeadvise::model
