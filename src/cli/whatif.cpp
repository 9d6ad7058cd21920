#include <memory>
#include <set>

#include "command.hpp"
#include "pipeadvise/evaluation/whatif.hpp"
#include "pipeadvise/render/sweep.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "pipeadvise/util/files.hpp"
#include "pipeadvise/version.hpp"

namespace pipeadvise::cli {

namespace {

struct WhatifOptions {
    std::string file;
    std::vector<std::string> sets;
    std::string format;  // set by add_format_option
    unsigned jobs = 0;
    std::optional<std::string> shard;
    std::optional<std::string> seed, replications, horizon;
    std::optional<std::string> output;
};

int run_whatif(const WhatifOptions& options) {
    const render::OutputFormat format = parse_format_option(options.format, render::Product::whatif);
    const std::vector<evaluation::SweepDimension> dimensions = evaluation::parse_dimensions(options.sets);
    std::vector<evaluation::GridPoint> points = evaluation::expand_grid(dimensions);
    if (options.shard) {
        const auto [shard, shards] = evaluation::parse_shard(*options.shard);
        points = evaluation::shard_grid(points, shard, shards);
    }

    std::vector<model::Override> base;
    if (options.seed) base.push_back({"simulation.seed", *options.seed});
    if (options.replications) base.push_back({"simulation.replications", *options.replications});
    if (options.horizon) base.push_back({"simulation.horizon", *options.horizon});

    const std::string text = util::read_input_file(options.file);
    evaluation::EvaluateOptions evaluate_options;
    evaluate_options.context = advisor::Context::evaluate;
    evaluate_options.today = environment().today;

    ProgressBar bar("whatif", points.size());
    const auto rows = evaluation::run_whatif(
        text, options.file, points, evaluate_options, options.jobs,
        [&bar](std::size_t done, std::size_t) { bar.update(done); }, base);

    render::RenderOptions render_options;
    render_options.color = use_color_stdout() && !options.output;
    render_options.version = k_version;
    emit(render::render_whatif(dimensions, rows, format, render_options), options.output);
    return 0;
}

}  // namespace

Runner setup_whatif(CLI::App* command) {
    auto options = std::make_shared<WhatifOptions>();
    command->add_option("FILE", options->file, "Workload file")->required();
    command
        ->add_option("--set", options->sets,
                     "KEY=V1,V2,...: a dotted workload key and the values to sweep (repeatable; the grid "
                     "holds every combination)")
        ->required();
    add_format_option(*command, options->format, render::Product::whatif, "json is JSON Lines");
    command->add_option("--jobs", options->jobs,
                        "Grid points evaluated in parallel (default: all cores; "
                        "results do not depend on it)");
    command->add_option("--shard", options->shard,
                        "I/N: evaluate only the I-th of N contiguous slices of the grid (outputs concatenate "
                        "to the whole grid)");
    command->add_option("--seed", options->seed, "Random seed (overrides simulation.seed)");
    command->add_option("--replications", options->replications,
                        "Independent replications (overrides simulation.replications)");
    command->add_option("--horizon", options->horizon,
                        "Simulated time per replication (overrides simulation.horizon)");
    command->add_option("-o,--output", options->output, "Write to this file (atomically) instead of stdout");
    return [options] { return run_whatif(*options); };
}

}  // namespace pipeadvise::cli
