#include <memory>

#include "command.hpp"
#include "pipeadvise/cost/cost.hpp"
#include "pipeadvise/pipeline/simulate.hpp"
#include "pipeadvise/util/files.hpp"
#include "pipeadvise/util/spelling.hpp"
#include "sim_options.hpp"

namespace pipeadvise::cli {

namespace {

struct SimulateOptions {
    std::string file;
    std::string mode = "all";
    std::string format;  // set by add_format_option
    std::optional<std::string> use_case;
    std::optional<std::string> trace;
    std::optional<std::string> output;
    SimulationFlags simulation;
};

std::vector<pipeline::Mode> parse_modes(const std::string& name) {
    if (name == "all") return {pipeline::k_all_modes.begin(), pipeline::k_all_modes.end()};
    std::vector<std::string> names{"all"};
    for (pipeline::Mode m : pipeline::k_all_modes) {
        if (pipeline::to_string(m) == name) return {m};
        names.emplace_back(pipeline::to_string(m));
    }
    std::string message = "unknown --mode '" + name + "'";
    if (auto guess = util::did_you_mean(name, names)) message += "; did you mean '" + *guess + "'?";
    throw util::Error(util::Error::Kind::usage, message + " (one of: batch, micro_batch, streaming, all)");
}

const model::UseCase& choose_use_case(const model::Workload& w, const std::optional<std::string>& name) {
    std::vector<std::string> names;
    for (const auto& uc : w.use_cases) {
        if (name && uc.name == *name) return uc;
        names.push_back(uc.name);
    }
    if (!name && w.use_cases.size() == 1) return w.use_cases.front();
    std::string message = name ? "no use case named '" + *name + "' in " + w.file
                               : w.file + " has " + std::to_string(w.use_cases.size()) +
                                     " use cases; choose one with --use-case";
    if (name) {
        if (auto guess = util::did_you_mean(*name, names)) message += "; did you mean '" + *guess + "'?";
    }
    message += " (one of:";
    for (const auto& n : names) message += " " + n;
    throw util::Error(util::Error::Kind::usage, message + ")");
}

int run_simulate(const SimulateOptions& options) {
    const render::OutputFormat format = parse_format_option(options.format, render::Product::simulation);
    pipeline::SimulateOptions simulate_options;
    simulate_options.modes = parse_modes(options.mode);
    simulate_options.threads = options.simulation.jobs;
    simulate_options.trace = options.trace.has_value();

    const std::vector<model::Workload> workloads =
        load_workloads({options.file}, options.simulation.overrides());
    const model::Workload& workload = workloads.front();
    const model::UseCase& use_case = choose_use_case(workload, options.use_case);

    evaluation::UseCaseEvaluation ev;
    ev.name = use_case.name;
    ev.simulation = pipeline::simulate(workload, use_case, simulate_options);
    ev.costs = evaluation::cost_modes(workload, use_case, *ev.simulation);

    render::RenderOptions render_options;
    render_options.color = use_color_stdout() && !options.output;
    const std::string rendered = render::render_simulation(use_case, ev, format, render_options);
    // The trace is written first so a failure there leaves no half-finished pair of outputs.
    // Both outputs are checked before either is written: `--trace X -o X` writes neither.
    if (options.trace && options.output) util::check_outputs({*options.trace, *options.output});
    if (options.trace) util::write_file_atomically(*options.trace, render::render_trace_csv(*ev.simulation));
    emit(rendered, options.output);
    return 0;
}

}  // namespace

Runner setup_simulate(CLI::App* command) {
    auto options = std::make_shared<SimulateOptions>();
    command->add_option("FILE", options->file, "Workload file")->required();
    command->add_option("--mode", options->mode, "batch, micro_batch, streaming or all")->default_str("all");
    add_format_option(*command, options->format, render::Product::simulation);
    command->add_option("--use-case", options->use_case, "Use case to simulate (files with use_cases)");
    command->add_option("--trace", options->trace,
                        "Write a CSV time series (backlog, lag, throughput per interval) to this file");
    command->add_option("-o,--output", options->output, "Write to this file (atomically) instead of stdout");
    options->simulation.add_to(*command);
    return [options] { return run_simulate(*options); };
}

}  // namespace pipeadvise::cli
