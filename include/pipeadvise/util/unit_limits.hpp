#pragma once

#include <cstdint>

namespace pipeadvise::util {

/// Largest size parse_size accepts (1 PiB, 2^50 bytes); fields apply tighter bounds of their
/// own (the key table, src/model/). Beyond it a value is an input error, never a $1e16 bill.
inline constexpr std::int64_t k_max_size_bytes = 1LL << 50;

}  // namespace pipeadvise::util
