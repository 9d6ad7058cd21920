#include "command.hpp"
#include "pipeadvise/util/diagnostic.hpp"

namespace pipeadvise::cli {

// Placeholder until the subcommand is implemented: refuses to run rather than inventing output.
Runner setup_whatif(CLI::App& app) {
    app.add_subcommand("whatif", "(not available yet)");
    return []() -> int { throw util::Error(util::Error::Kind::internal, "'whatif' is not available yet"); };
}

}  // namespace pipeadvise::cli
