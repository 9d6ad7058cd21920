#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pipeadvise/evaluation/evaluation.hpp"

namespace pipeadvise::evaluation {

/// One bar of the tornado: the streaming/batch cost multiplier with one input at -50% / +50%.
struct TornadoBar {
    std::string input;           ///< dotted key, e.g. "data.volume", "infrastructure.node_hour_usd"
    double multiplier_low = 0;   ///< multiplier with the input at 50% of its value
    double multiplier_high = 0;  ///< multiplier with the input at 150% of its value
};

/// How far the SLA would have to move to flip the recommendation.
struct SlaFlip {
    util::Duration sla;                ///< nearest SLA giving another architecture
    model::Architecture architecture;  ///< what it flips to
};

/// Which inputs move the streaming/batch multiplier most, and the SLA flip points.
struct Sensitivity {
    double base_multiplier = 0;           ///< streaming over batch at the workload's own values
    std::vector<TornadoBar> bars;         ///< sorted by swing, widest first
    std::optional<SlaFlip> flip_tighter;  ///< lower SLA that changes the answer
    std::optional<SlaFlip> flip_looser;   ///< higher SLA that changes the answer
    int replications = 0;                 ///< replications per tornado point (fewer than evaluate; same seed)
};

/// The SLA flip points of the first use case alone (tighter, looser): advisor only, no
/// simulation. Found by walking SLAs away from the current one and bisecting, to the second
/// (to the millisecond under a 10 s SLA).
std::pair<std::optional<SlaFlip>, std::optional<SlaFlip>> sla_flips(const model::Workload& workload,
                                                                    const EvaluateOptions& options);

/// Inputs of the tornado, as dotted keys, in a stable order.
const std::vector<std::string>& tornado_inputs();

/// Replications per tornado point: the workload's, capped at this (common random numbers,
/// same seed, keep the comparison fair while the tornado stays fast).
inline constexpr int k_tornado_replications = 3;

/// Computes the tornado (each input ±50%) and SLA flip points for the first use case.
Sensitivity sensitivity(const model::Workload& workload, const EvaluateOptions& options);

}  // namespace pipeadvise::evaluation
