#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeadvise/model/workload.hpp"
#include "pipeadvise/util/diagnostic.hpp"

namespace pipeadvise::model {

/// A `--set KEY=VALUE` override: a dotted path into the workload and a YAML scalar value.
struct Override {
    std::string key;    ///< e.g. "data.volume", "infrastructure.nodes", "use_cases[0].latency.sla"
    std::string value;  ///< e.g. "10M/day"
    /// The argument as the user typed it, for messages (e.g. "--horizon 30d"); empty means
    /// "--set KEY=VALUE".
    std::string origin;
};

/// Outcome of loading: a workload, or every error found in the file (never just the first).
struct LoadResult {
    std::optional<Workload> workload;
    std::vector<util::Diagnostic> errors;
};

/// Parses workload YAML text (spec §2 loading rules). `file_name` is used in diagnostics.
/// The loader reads no file: src/cli/ reads it through util::read_input_file (the I/O rule).
/// Overrides are applied to the parsed tree before validation; an override naming an
/// unknown key is an error with a "did you mean".
LoadResult load_workload_text(std::string_view text, std::string_view file_name,
                              const std::vector<Override>& overrides = {});

}  // namespace pipeadvise::model
