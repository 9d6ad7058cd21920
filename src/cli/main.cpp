#include <exception>
#include <iostream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "command.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "pipeadvise/util/spelling.hpp"
#include "pipeadvise/util/visible.hpp"
#include "pipeadvise/version.hpp"

namespace pipeadvise::cli {

// The one subcommand table: name, one-line summary, setup (which returns the runner). --help,
// parsing, dispatch and the "did you mean" for a mistyped name all read it.
constexpr Subcommand k_subcommands[] = {
    {"evaluate", "Answer the five questions, recommend an architecture and simulate every mode",
     setup_evaluate},
    {"check",
     "Judge architecture proposals against their workloads (CI gate; exit 1 on findings at or above "
     "--fail-on)",
     setup_check},
    {"simulate", "Simulate the reference pipeline in batch, micro-batch and/or streaming mode",
     setup_simulate},
    {"whatif", "Sweep workload values over a grid and show recommendation, lag and cost at every point",
     setup_whatif},
    {"diff",
     "Compare two workload/proposal files: cost per mode, lag, recommendation, findings added/removed",
     setup_diff},
    {"report", "Write a self-contained HTML report with charts of lag, cost, recovery and sensitivity",
     setup_report},
    {"calibrate",
     "Measure the cluster from Spark event logs, streaming progress, Flink checkpoints, Kafka lag or a runs "
     "CSV, "
     "and fit the workload's infrastructure values",
     setup_calibrate},
    {"validate", "Check workload files against the format; exit 2 on any error", setup_validate},
    {"schema", "Print the JSON Schema (draft 2020-12) of the workload format", setup_schema},
    {"init", "Write a commented starter workload (or a bundled scenario)", setup_init},
    {"tree", "Print the decision framework the advisor applies", setup_tree},
    {"rules", "List every finding id with its severity in check and a one-line summary", setup_rules},
    {"completion", "Print a shell completion script (bash, zsh or fish) generated from the command line",
     setup_completion},
};

std::span<const Subcommand> subcommands() {
    return k_subcommands;
}

}  // namespace pipeadvise::cli

namespace {

constexpr const char* k_usage_hint = "(run 'pipeadvise --help' for usage)";

// The subcommand named on the command line: the first argument that is not an option (the
// top level has only --help and --version, which take no value). Empty when there is none.
std::string_view named_subcommand(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (!arg.starts_with('-')) return arg;
    }
    return {};
}

int run(int argc, char** argv) {
    using namespace pipeadvise;
    CLI::App app{
        "pipeadvise: batch, micro-batch or streaming? A decision advisor and cost/latency "
        "simulator for data pipelines.",
        "pipeadvise"};
    app.set_version_flag("--version", std::string("pipeadvise ") + k_version);
    app.require_subcommand(1);
    app.footer(
        "Exit codes: 0 success, 1 check findings at or above --fail-on, 2 usage or input error, "
        "3 internal error.\nSee pipeadvise(1) for the workload format.");

    std::map<std::string, cli::Runner, std::less<>> runners;
    std::vector<std::string> names;
    for (const cli::Subcommand& s : cli::subcommands()) {
        CLI::App* command = app.add_subcommand(std::string(s.name), std::string(s.summary));
        runners.emplace(std::string(s.name), s.setup(command));
        names.emplace_back(s.name);
    }

    // CLI11 would only say "A subcommand is required" for a typo; name the closest one instead
    // (ninja's ChooseTool).
    if (const std::string_view name = named_subcommand(argc, argv);
        !name.empty() && !runners.contains(name)) {
        std::cerr << "pipeadvise: error: unknown subcommand '" << util::escape_control(name) << "'";
        if (auto guess = util::did_you_mean(name, names)) std::cerr << "; did you mean '" << *guess << "'?";
        std::cerr << "\n" << k_usage_hint << '\n';
        return 2;
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "pipeadvise: error: " << util::escape_control(e.what()) << "\n" << k_usage_hint << '\n';
        return 2;
    }
    for (CLI::App* sub : app.get_subcommands()) return runners.find(sub->get_name())->second();
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    using pipeadvise::util::Error;
    try {
        return run(argc, argv);
    } catch (const Error& e) {
        if (e.diagnostics().empty()) {
            std::cerr << "pipeadvise: error: " << pipeadvise::util::escape_control(e.what()) << '\n';
        } else {
            for (const auto& d : e.diagnostics()) std::cerr << pipeadvise::util::format_diagnostic(d) << '\n';
        }
        return e.exit_code();
    } catch (const std::exception& e) {
        std::cerr << "pipeadvise: internal error: " << pipeadvise::util::escape_control(e.what()) << '\n';
        return 3;
    } catch (...) {
        std::cerr << "pipeadvise: internal error: unknown exception\n";
        return 3;
    }
}
