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
    InputFiles inputs;
    std::vector<std::string> formats;
    std::optional<std::string> fail_on;
    std::optional<std::string> config;
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
    // Flags win over .pipeadvise.yaml, which wins over the built-in defaults.
    const ProjectConfig config = load_project_config(options.config);
    std::vector<std::string> formats = options.formats.empty() ? config.formats : options.formats;
    if (formats.empty()) formats = {render::format_names(render::Product::check).front()};
    const std::vector<OutputRequest> outputs =
        parse_output_requests(formats, options.output, render::Product::check);
    const advisor::Severity fail_on =
        parse_fail_on(options.fail_on.value_or(config.fail_on.value_or("error")));
    const bool no_simulate = options.no_simulate || config.no_simulate.value_or(false);

    std::vector<model::Workload> workloads = load_inputs(options.inputs);
    apply_config_waivers(config, workloads);
    evaluation::EvaluateOptions evaluate_options;
    evaluate_options.context = advisor::Context::check;
    evaluate_options.today = environment().today;
    evaluate_options.simulate = !no_simulate;
    std::vector<evaluation::Evaluation> evaluations;
    evaluations.reserve(workloads.size());
    {
        ProgressBar progress("checking", workloads.size());
        for (const auto& w : workloads) {
            evaluations.push_back(evaluation::evaluate(w, evaluate_options));
            progress.update(evaluations.size());
        }
    }

    drop_shared_waiver_unused(config, evaluations);

    render::RenderOptions render_options;
    render_options.version = k_version;
    render_options.docs_url = k_docs_url;
    render_options.fail_on = std::string(advisor::to_string(fail_on));
    // Every output is rendered before any is written, so a failure leaves no partial set.
    std::vector<std::string> rendered;
    for (const auto& o : outputs) {
        const bool to_stdout = !o.path || *o.path == "-";
        render_options.color = o.format == render::OutputFormat::text && to_stdout && use_color_stdout();
        rendered.push_back(render::render_check(evaluations, o.format, render_options));
    }
    for (std::size_t i = 0; i < outputs.size(); ++i) emit(rendered[i], outputs[i].path);

    return render::summarize_check(evaluations, fail_on).failed ? 1 : 0;
}

}  // namespace

Runner setup_check(CLI::App* sub) {
    auto options = std::make_shared<CheckOptions>();
    add_input_files(*sub, options->inputs, "Workload file(s) with a `proposal:` section");
    add_format_option(*sub, options->formats, render::Product::check,
                      "F[=FILE], repeatable: several outputs in one run");
    sub->add_option("--fail-on", options->fail_on,
                    "Lowest severity that fails the check (exit 1): error (default), warning or info; waived "
                    "findings never fail");
    sub->add_option("--config", options->config,
                    "Defaults file (default: the nearest .pipeadvise.yaml from the working directory up)");
    sub->add_option("-o,--output", options->output,
                    "Write the --format without =FILE to this file atomically instead of standard output");
    sub->add_flag("--no-simulate", options->no_simulate,
                  "Skip the simulation; judge with the advisor's analytic estimates only");
    return [options]() { return run_check(*options); };
}

}  // namespace pipeadvise::cli
