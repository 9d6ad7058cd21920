// `pipeadvise check FILE...`: judges each proposal against its own workload and exits 1 when a
// finding that is not waived is at or above --fail-on — the CI gate.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "command.hpp"
#include "pipeadvise/evaluation/evaluation.hpp"
#include "pipeadvise/render/check_summary.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "pipeadvise/util/spelling.hpp"
#include "pipeadvise/version.hpp"

namespace pipeadvise::cli {

namespace {

struct CheckOptions {
    std::vector<std::string> files;
    std::string format;  // set by add_format_option
    std::string fail_on = "error";
    std::optional<std::string> output;
    bool no_simulate = false;
};

const std::vector<std::string> k_severities = {"error", "warning", "info"};

advisor::Severity parse_fail_on(const std::string& name) {
    if (auto s = render::parse_severity(name)) return *s;
    std::string message = "unknown --fail-on '" + name + "'";
    if (auto guess = util::did_you_mean(name, k_severities)) message += "; did you mean '" + *guess + "'?";
    message += " (one of: error warning info)";
    throw util::Error(util::Error::Kind::usage, message);
}

int run_check(const CheckOptions& options) {
    // Flags first: a usage error must not wait for loading or simulating anything.
    const render::OutputFormat format = parse_format_option(options.format, render::Product::check);
    const advisor::Severity fail_on = parse_fail_on(options.fail_on);

    const std::vector<model::Workload> workloads = load_workloads(options.files);
    evaluation::EvaluateOptions evaluate_options;
    evaluate_options.context = advisor::Context::check;
    evaluate_options.today = environment().today;
    evaluate_options.simulate = !options.no_simulate;
    std::vector<evaluation::Evaluation> evaluations;
    evaluations.reserve(workloads.size());
    {
        ProgressBar progress("checking", workloads.size());
        for (const auto& w : workloads) {
            evaluations.push_back(evaluation::evaluate(w, evaluate_options));
            progress.update(evaluations.size());
        }
    }

    render::RenderOptions render_options;
    render_options.version = k_version;
    render_options.fail_on = std::string(advisor::to_string(fail_on));
    const bool to_stdout = !options.output || *options.output == "-";
    render_options.color = format == render::OutputFormat::text && to_stdout && use_color_stdout();
    emit(render::render_check(evaluations, format, render_options), options.output);

    return render::summarize_check(evaluations, fail_on).failed ? 1 : 0;
}

}  // namespace

Runner setup_check(CLI::App* sub) {
    auto options = std::make_shared<CheckOptions>();
    sub->add_option("FILE", options->files, "Workload file(s) with a `proposal:` section")->required();
    add_format_option(*sub, options->format, render::Product::check);
    sub->add_option("--fail-on", options->fail_on,
                    "Lowest severity that fails the check (exit 1): error, warning or info; waived findings "
                    "never fail")
        ->capture_default_str();
    sub->add_option("-o,--output", options->output,
                    "Write to this file atomically instead of standard output");
    sub->add_flag("--no-simulate", options->no_simulate,
                  "Skip the simulation; judge with the advisor's analytic estimates only");
    return [options]() { return run_check(*options); };
}

}  // namespace pipeadvise::cli
