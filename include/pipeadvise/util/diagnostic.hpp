#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace pipeadvise::util {

/// A position in an input file; line and column are 1-based (0 = unknown).
struct Location {
    std::string file;
    int line = 0;
    int column = 0;
};

/// One problem found in an input, tied to where it is.
struct Diagnostic {
    Location location;
    std::string message;
};

/// "FILE:LINE:COL" (line/column omitted when unknown).
std::string format_location(const Location& location);

/// "FILE:LINE:COL: error: message" (the line/column parts are omitted when unknown).
std::string format_diagnostic(const Diagnostic& diagnostic, const char* level = "error");

/// The one error type of the project: thrown below, caught once in main.
/// `usage` and `input` exit with code 2, `internal` with code 3.
class Error : public std::runtime_error {
public:
    enum class Kind { usage, input, internal };

    Error(Kind kind, std::string message);
    Error(std::vector<Diagnostic> diagnostics);

    Kind kind() const { return m_kind; }
    /// Input problems with their locations (may be empty for usage/internal errors).
    const std::vector<Diagnostic>& diagnostics() const { return m_diagnostics; }
    /// Process exit code for this error: 2 (usage, input) or 3 (internal).
    int exit_code() const { return m_kind == Kind::internal ? 3 : 2; }

private:
    Kind m_kind;
    std::vector<Diagnostic> m_diagnostics;
};

}  // namespace pipeadvise::util
