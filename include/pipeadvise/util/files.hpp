#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace pipeadvise::util {

/// Largest input file accepted (1 MiB): checked before anything is read.
inline constexpr std::uintmax_t k_max_input_bytes = 1024 * 1024;

/// Reads a text input file safely: refuses directories, FIFOs, devices and other non-regular
/// files without opening them for reading, files over `max_bytes`, NUL bytes and invalid
/// UTF-8. Throws util::Error (kind input) with a `FILE:LINE:COL` diagnostic. Remembers the
/// file (device and inode) so that no output of this process can replace it.
std::string read_input_file(const std::filesystem::path& path, std::uintmax_t max_bytes = k_max_input_bytes);

/// Reads standard input to its end under the rules of read_input_file (size cap, no NUL,
/// valid UTF-8); diagnostics name `display_name` (e.g. the --stdin-filename).
std::string read_standard_input(const std::filesystem::path& display_name,
                                std::uintmax_t max_bytes = k_max_input_bytes);

/// Writes `content` to `path`. A regular file (or a new one) is replaced atomically: a
/// temporary file in the same directory (its name cut to fit the directory's name limit),
/// flushed, then renamed over the target; on failure or on SIGINT/SIGTERM/SIGHUP/SIGQUIT the
/// target is untouched and the temporary removed. A symbolic link's target is written, the
/// link kept. A character device (`/dev/null`) or a FIFO is written through in place, never
/// replaced; a directory, block device or socket is refused. Refuses (util::Error, exit 2) a
/// path that is an input this process read (same device and inode).
/// Whether write_file_atomically may replace a file this process read as an input: only an
/// edit in place asked for by the user (`calibrate --apply`) does.
enum class InputPolicy { refuse, edit_in_place };
void write_file_atomically(const std::filesystem::path& path, std::string_view content,
                           InputPolicy policy = InputPolicy::refuse);

/// Refuses (util::Error, exit 2) outputs that name the same file twice or that are inputs
/// read so far; "-" (standard output) is skipped. Call before writing any of them.
void check_outputs(const std::vector<std::filesystem::path>& outputs);

}  // namespace pipeadvise::util
