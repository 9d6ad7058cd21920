#include <cerrno>
#include <cstdlib>
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

[[noreturn]] void shard_usage(const std::string& message) {
    throw util::Error(util::Error::Kind::usage, "--shard auto: " + message);
}

/// An environment variable as a non-negative integer, or nullopt when unset or empty.
std::optional<std::size_t> env_count(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') return std::nullopt;
    char* end = nullptr;
    errno = 0;
    const long long v = std::strtoll(value, &end, 10);
    if (errno != 0 || end == value || *end != '\0' || v < 0) {
        shard_usage(std::string(name) + " must be a non-negative integer, got '" + value + "'");
    }
    return static_cast<std::size_t>(v);
}

/// `auto` or `auto/N`: the shard of this task of a Slurm job array or a Kubernetes Indexed Job,
/// as "I/N" (1-based). Slurm: SLURM_ARRAY_TASK_ID within SLURM_ARRAY_TASK_MIN..MAX (step
/// SLURM_ARRAY_TASK_STEP), the count from SLURM_ARRAY_TASK_COUNT or the range. Kubernetes:
/// JOB_COMPLETION_INDEX (0-based) and the count N, which the pod does not see otherwise.
std::pair<std::size_t, std::size_t> shard_from_environment(const std::string& spec) {
    std::optional<std::size_t> given;
    if (spec != "auto") given = evaluation::parse_shard("1/" + spec.substr(5)).second;
    if (const auto id = env_count("SLURM_ARRAY_TASK_ID")) {
        const auto min = env_count("SLURM_ARRAY_TASK_MIN");
        const auto max = env_count("SLURM_ARRAY_TASK_MAX");
        const std::size_t step = env_count("SLURM_ARRAY_TASK_STEP").value_or(1);
        if (!min) shard_usage("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_MIN is not");
        if (step == 0 || *id < *min || (*id - *min) % step != 0 || (max && *id > *max)) {
            shard_usage("SLURM_ARRAY_TASK_ID " + std::to_string(*id) + " is not a task of the array");
        }
        std::size_t count = 0;
        if (const auto c = env_count("SLURM_ARRAY_TASK_COUNT")) {
            count = *c;
        } else if (max) {
            count = (*max - *min) / step + 1;
        } else {
            shard_usage("SLURM_ARRAY_TASK_ID is set but neither SLURM_ARRAY_TASK_COUNT nor _MAX is");
        }
        if (given) count = *given;
        const std::size_t index = (*id - *min) / step + 1;
        if (index > count) shard_usage("task " + std::to_string(index) + " of " + std::to_string(count));
        return {index, count};
    }
    if (const auto index = env_count("JOB_COMPLETION_INDEX")) {
        if (!given) {
            shard_usage("JOB_COMPLETION_INDEX is set; give the Job's completions as --shard auto/N");
        }
        if (*index >= *given) {
            shard_usage("JOB_COMPLETION_INDEX " + std::to_string(*index) +
                        " is not below N = " + std::to_string(*given));
        }
        return {*index + 1, *given};
    }
    shard_usage(
        "no job-array index in the environment (SLURM_ARRAY_TASK_ID for a Slurm job array, "
        "JOB_COMPLETION_INDEX for a Kubernetes Indexed Job); give --shard I/N instead");
}

int run_whatif(const WhatifOptions& options) {
    const render::OutputFormat format = parse_format_option(options.format, render::Product::whatif);
    const std::vector<evaluation::SweepDimension> dimensions = evaluation::parse_dimensions(options.sets);
    std::vector<evaluation::GridPoint> points = evaluation::expand_grid(dimensions);
    if (options.shard) {
        const bool automatic = *options.shard == "auto" || options.shard->starts_with("auto/");
        const auto [shard, shards] =
            automatic ? shard_from_environment(*options.shard) : evaluation::parse_shard(*options.shard);
        points = evaluation::shard_grid(points, shard, shards);
    }

    std::vector<model::Override> base;
    if (options.seed) base.push_back({"simulation.seed", *options.seed, "--seed " + *options.seed});
    if (options.replications)
        base.push_back(
            {"simulation.replications", *options.replications, "--replications " + *options.replications});
    if (options.horizon)
        base.push_back({"simulation.horizon", *options.horizon, "--horizon " + *options.horizon});

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
                        "Threads for the grid: its points and their simulations (default: all "
                        "cores; results do not depend on it)");
    command->add_option("--shard", options->shard,
                        "I/N: evaluate only the I-th of N contiguous slices of the grid (outputs concatenate "
                        "to the whole grid); 'auto' takes I and N from a Slurm job array, 'auto/N' "
                        "the index from a Kubernetes Indexed Job (JOB_COMPLETION_INDEX)");
    command->add_option("--seed", options->seed, "Random seed (overrides simulation.seed)");
    command->add_option("--replications", options->replications,
                        "Independent replications (overrides simulation.replications)");
    command->add_option("--horizon", options->horizon,
                        "Simulated time per replication (overrides simulation.horizon)");
    command->add_option("-o,--output", options->output, "Write to this file (atomically) instead of stdout");
    return [options] { return run_whatif(*options); };
}

}  // namespace pipeadvise::cli
