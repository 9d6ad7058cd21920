// Several outputs in one run, as Spectral and checkov write them: `--format F[=FILE]` is
// repeatable; a format without a file goes to -o (or standard output), at most one of them.

#include "command.hpp"
#include "pipeadvise/util/diagnostic.hpp"

namespace pipeadvise::cli {

CLI::Option* add_format_option(CLI::App& command, std::vector<std::string>& targets, render::Product product,
                               std::string_view note) {
    const std::vector<std::string> names = render::format_names(product);
    std::string help = "Output format:";
    for (std::size_t i = 0; i < names.size(); ++i) help += (i ? ", " : " ") + names[i];
    help += " (default " + names.front() + (note.empty() ? "" : "; " + std::string(note)) + ")";
    // One value per --format, so FILE arguments may follow it; repeats accumulate.
    return command.add_option("--format", targets, help)->allow_extra_args(false);
}

std::vector<OutputRequest> parse_output_requests(const std::vector<std::string>& formats,
                                                 const std::optional<std::string>& output,
                                                 render::Product product) {
    std::vector<OutputRequest> out;
    int unnamed = 0;
    for (const auto& spec : formats) {
        const auto eq = spec.find('=');
        OutputRequest request;
        request.format = parse_format_option(spec.substr(0, eq), product);
        if (eq != std::string::npos) {
            request.path = spec.substr(eq + 1);
            if (request.path->empty()) {
                throw util::Error(util::Error::Kind::usage,
                                  "--format " + spec + ": no file after '='; write --format F=FILE");
            }
        } else {
            request.path = output;
            ++unnamed;
        }
        for (const auto& other : out) {
            const bool same_stdout =
                (!other.path || *other.path == "-") && (!request.path || *request.path == "-");
            if (same_stdout || (other.path && request.path && *other.path == *request.path)) {
                throw util::Error(
                    util::Error::Kind::usage,
                    "--format " + spec + ": two outputs would go to " +
                        (request.path && *request.path != "-" ? *request.path
                                                              : std::string("standard output")) +
                        "; give each format its own file as --format F=FILE");
            }
        }
        out.push_back(std::move(request));
    }
    if (output && unnamed == 0) {
        throw util::Error(util::Error::Kind::usage,
                          "-o " + *output + " names no output: every --format has its own =FILE");
    }
    return out;
}

}  // namespace pipeadvise::cli
