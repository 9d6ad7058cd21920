#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "pipeadvise/model/loader.hpp"

namespace pipeadvise::cli {

/// `--seed`, `--replications`, `--horizon`, `--jobs`: simulation settings from the command
/// line, applied as overrides of the workload's `simulation:` keys so the loader validates them.
struct SimulationFlags {
    std::optional<std::string> seed;
    std::optional<std::string> replications;
    std::optional<std::string> horizon;
    unsigned jobs = 0;  ///< threads for replications; 0 = all cores

    void add_to(CLI::App& command);
    std::vector<model::Override> overrides() const;
};

}  // namespace pipeadvise::cli
