#include <memory>
#include <set>

#include "command.hpp"
#include "pipeadvise/evaluation/evaluation.hpp"
#include "pipeadvise/evaluation/sensitivity.hpp"
#include "pipeadvise/evaluation/whatif.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "pipeadvise/util/files.hpp"
#include "pipeadvise/version.hpp"
#include "sim_options.hpp"

namespace pipeadvise::cli {

namespace {

struct ReportOptions {
    std::string file;
    std::string output;
    std::vector<std::string> sets;
    bool no_sensitivity = false;
    SimulationFlags simulation;
};

int run_report(const ReportOptions& options) {
    const std::vector<evaluation::SweepDimension> dimensions = evaluation::parse_dimensions(options.sets);

    const std::vector<model::Override> base = options.simulation.overrides();
    const std::vector<model::Workload> workloads = load_workloads({options.file}, base);
    const model::Workload& workload = workloads.front();

    evaluation::EvaluateOptions evaluate_options;
    evaluate_options.context = advisor::Context::evaluate;
    evaluate_options.today = environment().today;
    evaluate_options.simulate_options.threads = options.simulation.jobs;

    const evaluation::Evaluation evaluated = evaluation::evaluate(workload, evaluate_options);
    render::ReportInput input;
    input.evaluation = &evaluated;
    input.version = k_version;
    if (!options.no_sensitivity) input.sensitivity = evaluation::sensitivity(workload, evaluate_options);
    if (!dimensions.empty()) {
        const std::vector<evaluation::GridPoint> points = evaluation::expand_grid(dimensions);
        const std::string text = util::read_input_file(options.file);
        ProgressBar bar("whatif", points.size());
        input.whatif = evaluation::run_whatif(
            text, options.file, points, evaluate_options, options.simulation.jobs,
            [&bar](std::size_t done, std::size_t) { bar.update(done); }, base);
    }
    render::RenderOptions render_options;
    render_options.version = k_version;
    emit(render::render_report(input, render::OutputFormat::html, render_options), options.output);
    return 0;
}

}  // namespace

Runner setup_report(CLI::App* command) {
    auto options = std::make_shared<ReportOptions>();
    command->add_option("FILE", options->file, "Workload file")->required();
    command->add_option("-o,--output", options->output, "HTML file to write (atomically)")->required();
    command->add_option("--set", options->sets,
                        "Add what-if curves: KEY=V1,V2,... (a dotted workload key; repeat for more keys, the "
                        "first one is the x axis)");
    command->add_flag("--no-sensitivity", options->no_sensitivity, "Skip the tornado and SLA flip points");
    options->simulation.add_to(*command);
    return [options] { return run_report(*options); };
}

}  // namespace pipeadvise::cli
