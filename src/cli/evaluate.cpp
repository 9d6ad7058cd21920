#include <memory>

#include "command.hpp"
#include "pipeadvise/evaluation/evaluation.hpp"
#include "pipeadvise/evaluation/sensitivity.hpp"
#include "pipeadvise/version.hpp"
#include "sim_options.hpp"

namespace pipeadvise::cli {

namespace {

struct EvaluateOptions {
    std::vector<std::string> files;
    std::string format;  // set by add_format_option
    bool no_simulate = false;
    bool sensitivity = false;
    std::optional<std::string> output;
    SimulationFlags simulation;
};

int run_evaluate(const EvaluateOptions& options) {
    const render::OutputFormat format = parse_format_option(options.format, render::Product::evaluation);
    if (options.no_simulate && options.sensitivity) {
        throw util::Error(util::Error::Kind::usage, "--sensitivity needs the simulation; drop --no-simulate");
    }
    const std::vector<model::Workload> workloads =
        load_workloads(options.files, options.simulation.overrides());

    evaluation::EvaluateOptions evaluate_options;
    evaluate_options.context = advisor::Context::evaluate;
    evaluate_options.today = environment().today;
    evaluate_options.simulate = !options.no_simulate;
    evaluate_options.simulate_options.threads = options.simulation.jobs;

    std::vector<evaluation::Evaluation> evaluations;
    ProgressBar progress("evaluating", workloads.size());
    for (const model::Workload& workload : workloads) {
        evaluation::Evaluation e = evaluation::evaluate(workload, evaluate_options);
        if (options.sensitivity) {
            e.sensitivity = std::make_shared<const evaluation::Sensitivity>(
                evaluation::sensitivity(workload, evaluate_options));
        }
        evaluations.push_back(std::move(e));
        progress.update(evaluations.size());
    }

    render::RenderOptions render_options;
    render_options.color = use_color_stdout() && !options.output;
    render_options.version = k_version;
    emit(render::render_evaluations(evaluations, format, render_options), options.output);
    return 0;
}

}  // namespace

Runner setup_evaluate(CLI::App* command) {
    auto options = std::make_shared<EvaluateOptions>();
    command->add_option("FILE", options->files, "Workload file(s)")->required();
    add_format_option(*command, options->format, render::Product::evaluation);
    command->add_flag("--no-simulate", options->no_simulate,
                      "Advice only: skip the simulation and cost model");
    command->add_flag("--sensitivity", options->sensitivity,
                      "Also compute the tornado (inputs at 50%/150%) and the SLA flip points");
    command->add_option("-o,--output", options->output, "Write to this file (atomically) instead of stdout");
    options->simulation.add_to(*command);
    return [options] { return run_evaluate(*options); };
}

}  // namespace pipeadvise::cli
