#include "sim_options.hpp"

namespace pipeadvise::cli {

void SimulationFlags::add_to(CLI::App& command) {
    command.add_option("--seed", seed, "Random seed (overrides simulation.seed)");
    command.add_option("--replications", replications,
                       "Independent replications (overrides simulation.replications)");
    command.add_option("--horizon", horizon,
                       "Simulated time per replication, e.g. 7d (overrides simulation.horizon)");
    command.add_option("--jobs", jobs,
                       "Threads for the replications (default: all cores; results do not depend on it)");
}

std::vector<model::Override> SimulationFlags::overrides() const {
    std::vector<model::Override> out;
    // Messages name the option the user typed, not the key it sets.
    if (seed) out.push_back({"simulation.seed", *seed, "--seed " + *seed});
    if (replications)
        out.push_back({"simulation.replications", *replications, "--replications " + *replications});
    if (horizon) out.push_back({"simulation.horizon", *horizon, "--horizon " + *horizon});
    return out;
}

}  // namespace pipeadvise::cli
