#include <iostream>
#include <memory>

#include "command.hpp"
#include "embedded.hpp"

namespace pipeadvise::cli {

Runner setup_schema(CLI::App* command) {
    auto output = std::make_shared<std::optional<std::string>>();
    command->add_option("-o,--output", *output, "Write to this file (atomically) instead of stdout");
    return [output] {
        emit(std::string(embedded::k_workload_schema), *output);
        return 0;
    };
}

}  // namespace pipeadvise::cli
