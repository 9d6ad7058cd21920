#pragma once

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "pipeadvise/evaluation/evaluation.hpp"
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
Runner setup_completion(CLI::App* command);
Runner setup_rules(CLI::App* command);

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

/// Workload file arguments: files, `-` (standard input), directories and quoted globs.
struct InputFiles {
    std::vector<std::string> files;
    std::optional<std::string> stdin_filename;  ///< the name `-` stands for in diagnostics and reports
};

/// Adds the FILE arguments and --stdin-filename to a subcommand.
void add_input_files(CLI::App& command, InputFiles& inputs, const std::string& description);

/// The files the arguments stand for, in order: directories become their *.yaml/*.yml files
/// (recursively, sorted, hidden ones skipped), globs their sorted matches; `-` stays `-`.
/// Throws util::Error for a pattern that matches nothing or an empty directory.
std::vector<std::string> expand_inputs(const std::vector<std::string>& arguments);

/// expand_inputs, then loads every file (standard input for `-`) collecting all errors.
std::vector<model::Workload> load_inputs(const InputFiles& inputs,
                                         const std::vector<model::Override>& overrides = {});

/// One output of a run: a format and where it goes (nullopt or "-" = standard output).
struct OutputRequest {
    render::OutputFormat format = render::OutputFormat::text;
    std::optional<std::string> path;
};

/// Parses repeatable `--format F[=FILE]` against the formats of `product`; a format
/// without FILE goes to `output` (-o) or standard output. Throws a usage error when two
/// outputs would share a destination or `output` is given but unused.
std::vector<OutputRequest> parse_output_requests(const std::vector<std::string>& formats,
                                                 const std::optional<std::string>& output,
                                                 render::Product product);

/// Repeatable `--format F[=FILE]` for `product` (empty = the product's default format).
CLI::Option* add_format_option(CLI::App& command, std::vector<std::string>& targets, render::Product product,
                               std::string_view note = {});

/// `.pipeadvise.yaml`: defaults shared by the proposals of a repository (see config.cpp).
struct ProjectConfig {
    std::optional<std::string> file;                  ///< the file read, when one was found
    std::optional<std::string> fail_on;               ///< check.fail_on
    std::vector<std::string> formats;                 ///< check.format, as --format F[=FILE]
    std::optional<bool> no_simulate;                  ///< check.no_simulate
    std::vector<model::Waiver> waivers;               ///< waivers shared by every checked file
    std::map<std::string, util::Location> locations;  ///< "waivers[0].id" -> where in the file
};

/// Reads `explicit_path` (--config), else the nearest `.pipeadvise.yaml` from the working
/// directory upward; an empty config when there is none. Throws util::Error (FILE:LINE:COL).
ProjectConfig load_project_config(const std::optional<std::string>& explicit_path);

/// Adds the shared waivers (and their locations in the config file) to every workload.
void apply_config_waivers(const ProjectConfig& config, std::vector<model::Workload>& workloads);

/// Shared waivers' own findings once per run: waiver-unused only when the waiver matched
/// nothing in any file, waiver-expired and waiver-unknown-id in the first file only.
void drop_shared_waiver_unused(const ProjectConfig& config, std::vector<evaluation::Evaluation>& evaluations);

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
