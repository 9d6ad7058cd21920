#include "pipeadvise/util/spelling.hpp"

#include <algorithm>

namespace pipeadvise::util {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Two rows of the Levenshtein table are enough.
    std::vector<std::size_t> previous(b.size() + 1);
    std::vector<std::size_t> current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

std::optional<std::string> did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    constexpr std::size_t k_max_distance = 3;
    std::optional<std::string> best;
    std::size_t best_distance = k_max_distance + 1;
    for (const auto& candidate : candidates) {
        std::size_t distance = edit_distance(word, candidate);
        if (distance < best_distance) {
            best_distance = distance;
            best = candidate;
        }
    }
    if (!best || best_distance >= word.size()) return std::nullopt;
    return best;
}

}  // namespace pipeadvise::util
