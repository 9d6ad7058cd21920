#pragma once

// Loading a workload file in tests. The product reads files only in src/cli/ (through the
// I/O seam util::read_input_file); below it the loader takes text. Tests read the same way.

#include <filesystem>
#include <string>
#include <vector>

#include "pipeadvise/model/loader.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "pipeadvise/util/files.hpp"

namespace pipeadvise::test {

/// Reads `path` with util::read_input_file and loads it; throws util::Error with every
/// diagnostic of the file, as the CLI reports them.
inline model::Workload load_workload_file(const std::filesystem::path& path,
                                          const std::vector<model::Override>& overrides = {}) {
    model::LoadResult result =
        model::load_workload_text(util::read_input_file(path), path.string(), overrides);
    if (!result.workload) throw util::Error(std::move(result.errors));
    return std::move(*result.workload);
}

}  // namespace pipeadvise::test
