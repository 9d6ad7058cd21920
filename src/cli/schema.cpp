#include <iostream>
#include <memory>

#include "command.hpp"
#include "pipeadvise/render/schema.hpp"
#include "pipeadvise/version.hpp"

namespace pipeadvise::cli {

Runner setup_schema(CLI::App* command) {
    auto output = std::make_shared<std::optional<std::string>>();
    command->add_option("-o,--output", *output, "Write to this file (atomically) instead of stdout");
    return [output] {
        emit(render::workload_schema(k_schema_url), *output);
        return 0;
    };
}

}  // namespace pipeadvise::cli
