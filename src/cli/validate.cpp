#include <iostream>
#include <memory>

#include "command.hpp"

namespace pipeadvise::cli {

namespace {

struct ValidateOptions {
    std::vector<std::string> files;
    bool quiet = false;
};

int run_validate(const ValidateOptions& options) {
    // load_workloads reports every error of every file before failing (exit 2).
    const std::vector<model::Workload> workloads = load_workloads(options.files);
    if (!options.quiet) {
        for (const model::Workload& w : workloads) {
            std::cout << w.file << ": ok (workload '" << w.name << "', " << w.use_cases.size() << " use case"
                      << (w.use_cases.size() == 1 ? "" : "s") << ")\n";
        }
    }
    return 0;
}

}  // namespace

Runner setup_validate(CLI::App* command) {
    auto options = std::make_shared<ValidateOptions>();
    command->add_option("FILE", options->files, "Workload file(s)")->required();
    command->add_flag("-q,--quiet", options->quiet, "Print nothing on success");
    return [options] { return run_validate(*options); };
}

}  // namespace pipeadvise::cli
