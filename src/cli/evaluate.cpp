#include <memory>

#include "command.hpp"
#include "pipeadvise/evaluation/evaluation.hpp"
#include "pipeadvise/evaluation/sensitivity.hpp"
#include "pipeadvise/version.hpp"
#include "sim_options.hpp"

namespace pipeadvise::cli {

namespace {

struct EvaluateOptions {
    InputFiles inputs;
    std::vector<std::string> formats;
    bool no_simulate = false;
    bool sensitivity = false;
    std::optional<std::string> output;
    SimulationFlags simulation;
};

int run_evaluate(const EvaluateOptions& options) {
    const std::vector<OutputRequest> outputs = parse_output_requests(
        options.formats.empty()
            ? std::vector<std::string>{render::format_names(render::Product::evaluation).front()}
            : options.formats,
        options.output, render::Product::evaluation);
    if (options.no_simulate && options.sensitivity) {
        throw util::Error(util::Error::Kind::usage, "--sensitivity needs the simulation; drop --no-simulate");
    }
    const std::vector<model::Workload> workloads =
        load_inputs(options.inputs, options.simulation.overrides());

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
    render_options.version = k_version;
    std::vector<std::string> rendered;
    for (const auto& o : outputs) {
        render_options.color = use_color_stdout() && (!o.path || *o.path == "-");
        rendered.push_back(render::render_evaluations(evaluations, o.format, render_options));
    }
    for (std::size_t i = 0; i < outputs.size(); ++i) emit(rendered[i], outputs[i].path);
    return 0;
}

}  // namespace

Runner setup_evaluate(CLI::App* command) {
    auto options = std::make_shared<EvaluateOptions>();
    add_input_files(*command, options->inputs, "Workload file(s)");
    add_format_option(*command, options->formats, render::Product::evaluation,
                      "F[=FILE], repeatable: several outputs in one run");
    command->add_flag("--no-simulate", options->no_simulate,
                      "Advice only: skip the simulation and cost model");
    command->add_flag("--sensitivity", options->sensitivity,
                      "Also compute the tornado (inputs at 50%/150%) and the SLA flip points");
    command->add_option("-o,--output", options->output, "Write to this file (atomically) instead of stdout");
    options->simulation.add_to(*command);
    return [options] { return run_evaluate(*options); };
}

}  // namespace pipeadvise::cli
