#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipeadvise::util {

/// Levenshtein distance between two strings (case-sensitive).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The closest candidate to `word` when it is close enough to be a plausible typo
/// (ninja's SpellcheckString: distance <= 3 and less than the word's length), else nullopt.
std::optional<std::string> did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace pipeadvise::util
