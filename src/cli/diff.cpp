#include <memory>

#include "command.hpp"
#include "pipeadvise/evaluation/diff.hpp"
#include "pipeadvise/render/sweep.hpp"
#include "pipeadvise/version.hpp"
#include "sim_options.hpp"

namespace pipeadvise::cli {

namespace {

struct DiffOptions {
    std::string old_file, new_file;
    std::string format;  // set by add_format_option
    std::optional<std::string> output;
    SimulationFlags simulation;
};

int run_diff(const DiffOptions& options) {
    const render::OutputFormat format = parse_format_option(options.format, render::Product::diff);
    const std::vector<model::Workload> workloads =
        load_workloads({options.old_file, options.new_file}, options.simulation.overrides());

    evaluation::EvaluateOptions evaluate_options;
    // A proposal on either side is judged as `check` judges it, so findings match the CI run.
    const bool proposal = workloads[0].proposal.present || workloads[1].proposal.present;
    evaluate_options.context = proposal ? advisor::Context::check : advisor::Context::evaluate;
    evaluate_options.today = environment().today;
    evaluate_options.simulate_options.threads = options.simulation.jobs;

    ProgressBar bar("diff", 2);
    const evaluation::Evaluation before = evaluation::evaluate(workloads[0], evaluate_options);
    bar.update(1);
    const evaluation::Evaluation after = evaluation::evaluate(workloads[1], evaluate_options);
    bar.update(2);

    render::RenderOptions render_options;
    render_options.color = use_color_stdout() && !options.output;
    render_options.version = k_version;
    emit(render::render_diff(evaluation::diff(before, after), format, render_options), options.output);
    return 0;
}

}  // namespace

Runner setup_diff(CLI::App* command) {
    auto options = std::make_shared<DiffOptions>();
    command->add_option("OLD", options->old_file, "The workload before the change")->required();
    command->add_option("NEW", options->new_file, "The workload after the change")->required();
    add_format_option(*command, options->format, render::Product::diff, "markdown suits a PR comment");
    command->add_option("-o,--output", options->output, "Write to this file (atomically) instead of stdout");
    options->simulation.add_to(*command);
    return [options] { return run_diff(*options); };
}

}  // namespace pipeadvise::cli
