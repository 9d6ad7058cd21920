#include "command.hpp"
#include "pipeadvise/util/diagnostic.hpp"

namespace pipeadvise::cli {

// Placeholder until the subcommand is implemented: refuses to run rather than inventing output.
Runner setup_calibrate(CLI::App& app) {
    app.add_subcommand("calibrate", "(not available yet)");
    return
        []() -> int { throw util::Error(util::Error::Kind::internal, "'calibrate' is not available yet"); };
}

}  // namespace pipeadvise::cli
