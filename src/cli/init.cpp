#include <filesystem>
#include <iostream>
#include <memory>

#include "command.hpp"
#include "embedded.hpp"
#include "pipeadvise/util/spelling.hpp"
#include "pipeadvise/version.hpp"

namespace pipeadvise::cli {

namespace {

struct InitOptions {
    std::string template_name = "starter";
    std::optional<std::string> schema;
    std::string output = "workload.yaml";
    bool force = false;
    bool list = false;
};

/// Where the editor finds the schema: the copy installed beside this executable
/// (<prefix>/bin/pipeadvise -> <prefix>/share/pipeadvise/, or share/pipeadvise/ in the build
/// tree), as an absolute path that resolves wherever the workload file lives; else the
/// schema's stable URL (its `$id`).
std::string schema_reference() {
    std::error_code ec;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const std::filesystem::path dir = exe.parent_path();
        for (const auto& candidate : {dir.parent_path() / "share" / "pipeadvise" / "workload.schema.json",
                                      dir / "share" / "pipeadvise" / "workload.schema.json"}) {
            if (std::filesystem::is_regular_file(candidate, ec)) return candidate.lexically_normal().string();
        }
    }
    return k_schema_url;
}

/// The template with its modeline replaced by one pointing at `reference` (first line).
std::string with_modeline(std::string_view text, const std::string& reference) {
    constexpr std::string_view k_prefix = "# yaml-language-server:";
    std::string out = "# yaml-language-server: $schema=" + reference + "\n";
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        end = end == std::string_view::npos ? text.size() : end + 1;
        const std::string_view line = text.substr(pos, end - pos);
        if (line.substr(0, k_prefix.size()) != k_prefix) out += line;
        pos = end;
    }
    return out;
}

int run_init(const InitOptions& options) {
    const auto& all = embedded::templates();
    if (options.list) {
        for (const auto& t : all) std::cout << t.name << '\n';
        return 0;
    }
    std::vector<std::string> names;
    for (const auto& t : all) {
        names.emplace_back(t.name);
        if (t.name != options.template_name) continue;
        if (options.output != "-" && !options.force && std::filesystem::exists(options.output)) {
            throw util::Error(
                util::Error::Kind::usage,
                options.output + " already exists; use --force to overwrite it or -o to choose another file");
        }
        emit(with_modeline(t.text, options.schema.value_or(schema_reference())), options.output);
        if (options.output != "-") {
            std::cerr << "wrote " << options.output << " (template '" << t.name
                      << "'); next: pipeadvise evaluate " << options.output << '\n';
        }
        return 0;
    }
    std::string message = "unknown template '" + options.template_name + "'";
    if (auto guess = util::did_you_mean(options.template_name, names))
        message += "; did you mean '" + *guess + "'?";
    throw util::Error(util::Error::Kind::usage, message + " (pipeadvise init --list shows them)");
}

}  // namespace

Runner setup_init(CLI::App* command) {
    auto options = std::make_shared<InitOptions>();
    command->add_option("--template", options->template_name, "Template: starter or a bundled scenario name")
        ->default_str("starter");
    command->add_option("-o,--output", options->output, "File to write ('-' for stdout)")
        ->default_str("workload.yaml");
    command->add_flag("--force", options->force, "Overwrite an existing file");
    command->add_option("--schema", options->schema,
                        "Schema path or URL for the editor modeline (default: the installed "
                        "share/pipeadvise/workload.schema.json, else the schema's URL)");
    command->add_flag("--list", options->list, "List the templates");
    return [options] { return run_init(*options); };
}

}  // namespace pipeadvise::cli
