#include <memory>

#include "command.hpp"
#include "pipeadvise/cost/calibrate.hpp"
#include "pipeadvise/render/sweep.hpp"
#include "pipeadvise/util/files.hpp"
#include "pipeadvise/version.hpp"

namespace pipeadvise::cli {

namespace {

struct CalibrateOptions {
    std::string file;
    std::string format = "text";
    std::optional<std::string> output;
};

int run_calibrate(const CalibrateOptions& options) {
    const render::OutputFormat format = parse_format_option(options.format, {"text", "json"});
    const std::string text = util::read_input_file(options.file);
    const auto runs = cost::parse_runs_csv(text, options.file);
    const auto calibration = cost::calibrate(runs);
    render::RenderOptions render_options;
    render_options.version = k_version;
    emit(render::render_calibration(calibration, options.file, format, render_options), options.output);
    return 0;
}

}  // namespace

Runner setup_calibrate(CLI::App& app) {
    auto options = std::make_shared<CalibrateOptions>();
    CLI::App* command = app.add_subcommand(
        "calibrate",
        "Fit node_throughput and job_startup (and a cost line) to observed runs by least squares");
    command
        ->add_option(
            "RUNS", options->file,
            "CSV with a header: events,nodes,duration_seconds and optional cost_usd; one line per run")
        ->required();
    command->add_option("--format", options->format, "Output format: text or json")->default_str("text");
    command->add_option("-o,--output", options->output, "Write to this file (atomically) instead of stdout");
    return [options] { return run_calibrate(*options); };
}

}  // namespace pipeadvise::cli
