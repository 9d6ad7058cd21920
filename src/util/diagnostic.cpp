#include "pipeadvise/util/diagnostic.hpp"

#include <utility>

namespace pipeadvise::util {

std::string format_location(const Location& at) {
    std::string out = at.file;
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
    out += diagnostic.message;
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
