#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "pipeadvise/model/loader.hpp"
#include "pipeadvise/render/render.hpp"
#include "pipeadvise/util/date.hpp"

/// The command line: main.cpp parses, each subcommand lives in its own file with an options
/// struct, `setup_<name>(CLI::App&)` returning its runner, and `run_<name>(options)`.
/// Only this folder touches files, streams, the clock and the environment.
namespace pipeadvise::cli {

/// Runs a parsed subcommand; returns the process exit code.
using Runner = std::function<int()>;

/// Adds a subcommand's arguments to `command` (already named and described from the table)
/// and returns the runner that executes it once parsed.
using Setup = Runner (*)(CLI::App* command);

/// One subcommand: the whole of its registration (ninja's `kTools[]`). main.cpp builds the
/// command line from `subcommands()` and suggests the closest name for a mistyped one.
struct Subcommand {
    std::string_view name;
    std::string_view summary;  ///< one line, shown by --help
    Setup setup;
};

/// Every subcommand, in the order --help lists them.
std::span<const Subcommand> subcommands();

Runner setup_evaluate(CLI::App* command);
Runner setup_check(CLI::App* command);
Runner setup_simulate(CLI::App* command);
Runner setup_whatif(CLI::App* command);
Runner setup_diff(CLI::App* command);
Runner setup_report(CLI::App* command);
Runner setup_calibrate(CLI::App* command);
Runner setup_validate(CLI::App* command);
Runner setup_schema(CLI::App* command);
Runner setup_init(CLI::App* command);
Runner setup_tree(CLI::App* command);

/// What the process sees of its surroundings (read once in main).
struct Environment {
    bool stdout_is_terminal = false;
    bool stderr_is_terminal = false;
    bool no_color = false;  ///< NO_COLOR set (any value)
    bool ci = false;        ///< CI set
    util::Date today;       ///< from SOURCE_DATE_EPOCH when set, else the system clock (UTC)
};
const Environment& environment();

/// Colour on stdout: a terminal, and NO_COLOR unset.
bool use_color_stdout();

/// Adds `--format` for `product` to `command`: `target` starts at the product's default
/// format, and the help lists the product's formats from render's table (with `note`, if any).
CLI::Option* add_format_option(CLI::App& command, std::string& target, render::Product product,
                               std::string_view note = {});

/// Parses `--format` against the formats of `product` (render::formats); throws a usage error
/// with "did you mean" and the list otherwise.
render::OutputFormat parse_format_option(const std::string& name, render::Product product);

/// Loads every file, collecting all errors of all files; throws util::Error if any failed.
std::vector<model::Workload> load_workloads(const std::vector<std::string>& files,
                                            const std::vector<model::Override>& overrides = {});

/// Writes `content` to stdout, or atomically to `out_path` when given ("-" = stdout).
void emit(const std::string& content, const std::optional<std::string>& out_path);

/// `KEY=VALUE` -> Override; throws a usage error when there is no '='.
model::Override parse_override(const std::string& text);

/// A progress bar on stderr, shown only when stderr is a terminal and CI is unset.
class ProgressBar {
public:
    ProgressBar(std::string label, std::size_t total);
    ~ProgressBar();
    void update(std::size_t done);

private:
    std::string m_label;
    std::size_t m_total;
    bool m_enabled;
    int m_last_percent = -1;
};

}  // namespace pipeadvise::cli
