#include "command.hpp"
#include "pipeadvise/util/diagnostic.hpp"

namespace pipeadvise::cli {

// Placeholder until the subcommand is implemented: refuses to run rather than inventing output.
Runner setup_report(CLI::App& app) {
    app.add_subcommand("report", "(not available yet)");
    return []() -> int { throw util::Error(util::Error::Kind::internal, "'report' is not available yet"); };
}

}  // namespace pipeadvise::cli
