#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace pipeadvise::util {

/// Largest input file accepted (1 MiB): checked before anything is read.
inline constexpr std::uintmax_t k_max_input_bytes = 1024 * 1024;

/// Reads a text input file safely: refuses directories, FIFOs, devices and other non-regular
/// files without opening them for reading, files over `max_bytes`, NUL bytes and invalid
/// UTF-8. Throws util::Error (kind input) with a `FILE:LINE:COL` diagnostic.
std::string read_input_file(const std::filesystem::path& path, std::uintmax_t max_bytes = k_max_input_bytes);

/// Reads standard input to its end under the rules of read_input_file (size cap, no NUL,
/// valid UTF-8); diagnostics name `display_name` (e.g. the --stdin-filename).
std::string read_standard_input(const std::filesystem::path& display_name,
                                std::uintmax_t max_bytes = k_max_input_bytes);

/// Writes `content` to `path` atomically: a temporary file in the same directory, flushed,
/// then renamed over the target. On failure the target is untouched and the temporary removed.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace pipeadvise::util
