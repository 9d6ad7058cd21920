#include <iostream>
#include <memory>

#include "command.hpp"
#include "pipeadvise/util/visible.hpp"

namespace pipeadvise::cli {

namespace {

struct ValidateOptions {
    InputFiles inputs;
    bool quiet = false;
};

int run_validate(const ValidateOptions& options) {
    // load_workloads reports every error of every file before failing (exit 2).
    const std::vector<model::Workload> workloads = load_inputs(options.inputs);
    if (!options.quiet) {
        for (const model::Workload& w : workloads) {
            std::cout << util::escape_control(w.file) << ": ok (workload '" << util::escape_control(w.name)
                      << "', " << w.use_cases.size() << " use case" << (w.use_cases.size() == 1 ? "" : "s")
                      << ")\n";
        }
    }
    return 0;
}

}  // namespace

Runner setup_validate(CLI::App* command) {
    auto options = std::make_shared<ValidateOptions>();
    add_input_files(*command, options->inputs, "Workload file(s)");
    command->add_flag("-q,--quiet", options->quiet, "Print nothing on success");
    return [options] { return run_validate(*options); };
}

}  // namespace pipeadvise::cli
