#include <exception>
#include <iostream>
#include <map>
#include <string>

#include "command.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "pipeadvise/util/visible.hpp"
#include "pipeadvise/version.hpp"

namespace {

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

    std::map<std::string, cli::Runner> runners;
    for (auto setup : {cli::setup_evaluate, cli::setup_check, cli::setup_simulate, cli::setup_whatif,
                       cli::setup_diff, cli::setup_report, cli::setup_calibrate, cli::setup_validate,
                       cli::setup_schema, cli::setup_init, cli::setup_tree}) {
        cli::Runner runner = setup(app);
        runners.emplace(app.get_subcommands([](CLI::App*) { return true; }).back()->get_name(),
                        std::move(runner));
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
        std::cerr << "pipeadvise: error: " << pipeadvise::util::escape_control(e.what()) << "\n(run 'pipeadvise --help' for usage)\n";
        return 2;
    }
    for (CLI::App* sub : app.get_subcommands()) return runners.at(sub->get_name())();
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
