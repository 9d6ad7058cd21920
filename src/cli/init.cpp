#include <filesystem>
#include <iostream>
#include <memory>

#include "command.hpp"
#include "embedded.hpp"
#include "pipeadvise/util/spelling.hpp"

namespace pipeadvise::cli {

namespace {

struct InitOptions {
    std::string template_name = "starter";
    std::string output = "workload.yaml";
    bool force = false;
    bool list = false;
};

int run_init(const InitOptions& options) {
    const auto& all = embedded::templates();
    if (options.list) {
        for (const auto& t : all) std::cout << t.name << '\n';
        return 0;
    }
    std::vector<std::string> names;
    for (const auto& t : all) {
        names.emplace_back(t.name);
        if (t.name != options.template_name) continue;
        if (options.output != "-" && !options.force && std::filesystem::exists(options.output)) {
            throw util::Error(
                util::Error::Kind::usage,
                options.output + " already exists; use --force to overwrite it or -o to choose another file");
        }
        emit(std::string(t.text), options.output);
        if (options.output != "-") {
            std::cerr << "wrote " << options.output << " (template '" << t.name
                      << "'); next: pipeadvise evaluate " << options.output << '\n';
        }
        return 0;
    }
    std::string message = "unknown template '" + options.template_name + "'";
    if (auto guess = util::did_you_mean(options.template_name, names))
        message += "; did you mean '" + *guess + "'?";
    throw util::Error(util::Error::Kind::usage, message + " (pipeadvise init --list shows them)");
}

}  // namespace

Runner setup_init(CLI::App* command) {
    auto options = std::make_shared<InitOptions>();
    command->add_option("--template", options->template_name, "Template: starter or a bundled scenario name")
        ->default_str("starter");
    command->add_option("-o,--output", options->output, "File to write ('-' for stdout)")
        ->default_str("workload.yaml");
    command->add_flag("--force", options->force, "Overwrite an existing file");
    command->add_flag("--list", options->list, "List the templates");
    return [options] { return run_init(*options); };
}

}  // namespace pipeadvise::cli
