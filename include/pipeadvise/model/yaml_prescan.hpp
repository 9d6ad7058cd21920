#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "pipeadvise/util/diagnostic.hpp"

/// A cheap pass over the raw text before yaml-cpp sees it. yaml-cpp 0.7 tokenises a whole
/// flow collection before its depth guard fires (1 MiB of `{` costs seconds and hundreds of
/// MB), and it copies every scalar whole; this pass refuses both in linear time and constant
/// memory, with the position of the first offending character.
namespace pipeadvise::model {

/// Longest line accepted, in bytes. No key of the format needs more; a longer line is an
/// oversized scalar (or not a workload at all).
inline constexpr std::size_t k_max_yaml_line_bytes = 16 * 1024;
/// Longest scalar value accepted (also multi-line block scalars), in bytes.
inline constexpr std::size_t k_max_yaml_scalar_bytes = 16 * 1024;

/// The first limit `text` passes (flow nesting deeper than k_max_yaml_depth, a line longer
/// than k_max_yaml_line_bytes), as a diagnostic citing `file_name` with 1-based line:column;
/// nullopt when the text is within the limits.
std::optional<util::Diagnostic> prescan_yaml(std::string_view text, std::string_view file_name);

}  // namespace pipeadvise::model
