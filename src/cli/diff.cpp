#include "command.hpp"
#include "pipeadvise/util/diagnostic.hpp"

namespace pipeadvise::cli {

// Placeholder until the subcommand is implemented: refuses to run rather than inventing output.
Runner setup_diff(CLI::App& app) {
    app.add_subcommand("diff", "(not available yet)");
    return []() -> int { throw util::Error(util::Error::Kind::internal, "'diff' is not available yet"); };
}

}  // namespace pipeadvise::cli
