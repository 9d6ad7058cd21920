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
    std::string format;  // set by add_format_option
    std::optional<std::string> output;
};

int run_calibrate(const CalibrateOptions& options) {
    const render::OutputFormat format = parse_format_option(options.format, render::Product::calibration);
    const std::string text = util::read_input_file(options.file);
    const auto runs = cost::parse_runs_csv(text, options.file);
    const auto calibration = cost::calibrate(runs);
    render::RenderOptions render_options;
    render_options.version = k_version;
    emit(render::render_calibration(calibration, options.file, format, render_options), options.output);
    return 0;
}

}  // namespace

Runner setup_calibrate(CLI::App* command) {
    auto options = std::make_shared<CalibrateOptions>();
    command
        ->add_option(
            "RUNS", options->file,
            "CSV with a header: events,nodes,duration_seconds and optional cost_usd; one line per run")
        ->required();
    add_format_option(*command, options->format, render::Product::calibration);
    command->add_option("-o,--output", options->output, "Write to this file (atomically) instead of stdout");
    return [options] { return run_calibrate(*options); };
}

}  // namespace pipeadvise::cli
