// Several outputs in one run, as Spectral and checkov write them: `--format F[=FILE]` is
// repeatable; a format without a file goes to -o (or standard output), at most one of them.

#include <algorithm>

#include "command.hpp"
#include "pipeadvise/util/diagnostic.hpp"

namespace pipeadvise::cli {

std::vector<OutputRequest> parse_output_requests(const std::vector<std::string>& formats,
                                                 const std::optional<std::string>& output,
                                                 const std::vector<std::string>& allowed) {
    std::vector<OutputRequest> out;
    int unnamed = 0;
    for (const auto& spec : formats) {
        const auto eq = spec.find('=');
        OutputRequest request;
        const std::string name = spec.substr(0, eq);
        // "gitlab" is rendered by the check command itself (render/gitlab.hpp).
        if (name != "gitlab" || std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
            request.format = parse_format_option(name, allowed);
        }
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
            const bool same_stdout = (!other.path || *other.path == "-") && (!request.path || *request.path == "-");
            if (same_stdout || (other.path && request.path && *other.path == *request.path)) {
                throw util::Error(util::Error::Kind::usage,
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
