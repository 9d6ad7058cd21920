#include "pipeadvise/util/diagnostic.hpp"

#include <utility>

#include "pipeadvise/util/visible.hpp"

namespace pipeadvise::util {

std::string format_location(const Location& at) {
    // A file name may hold anything a path can: it is shown with the one escaping rule.
    std::string out = escape_control(at.file);
    if (at.line > 0) {
        out += ':' + std::to_string(at.line);
        if (at.column > 0) out += ':' + std::to_string(at.column);
    }
    return out;
}

std::string format_diagnostic(const Diagnostic& diagnostic, const char* level) {
    std::string out;
    if (!diagnostic.location.file.empty()) out += format_location(diagnostic.location) + ": ";
    out += level;
    out += ": ";
    // Messages quote values from the input; none may start a line of its own (`::error::`).
    out += escape_control(diagnostic.message);
    return out;
}

namespace {
std::string summary_of(const std::vector<Diagnostic>& diagnostics) {
    if (diagnostics.empty()) return "invalid input";
    return format_diagnostic(diagnostics.front());
}
}  // namespace

Error::Error(Kind kind, std::string message) : std::runtime_error(std::move(message)), m_kind(kind) {}

Error::Error(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(summary_of(diagnostics)),
      m_kind(Kind::input),
      m_diagnostics(std::move(diagnostics)) {}

}  // namespace pipeadvise::util
