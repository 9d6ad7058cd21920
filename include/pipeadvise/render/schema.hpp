#pragma once

#include <string>

/// The JSON Schema (draft 2020-12) of the workload format, generated from the loader's key
/// table (model::workload_keys); schema/workload.schema.json is this output, byte for byte.
namespace pipeadvise::render {

/// The schema as printed by `pipeadvise schema`: two-space indented JSON and a newline.
std::string workload_schema();

}  // namespace pipeadvise::render
