#pragma once

#include <cstdint>

namespace pipeadvise::des {

/// Simulated time: integer nanoseconds since the start of a replication. Integer ticks keep
/// sums exact over any horizon (a double clock loses nanoseconds after about 104 days) and
/// make runs reproducible bit for bit; int64 covers ±292 years, well past the 10-year cap.
using Ticks = std::int64_t;

}  // namespace pipeadvise::des
