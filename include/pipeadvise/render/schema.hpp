#pragma once

#include <string>
#include <string_view>

/// The JSON Schema (draft 2020-12) of the workload format, generated from the loader's key
/// table (model::workload_keys); schema/workload.schema.json is this output, byte for byte.
namespace pipeadvise::render {

/// The schema as printed by `pipeadvise schema`: two-space indented JSON and a newline.
/// `id` is its `$id`, the stable URL it is published at (CMake `PIPEADVISE_SCHEMA_URL`).
std::string workload_schema(std::string_view id);

}  // namespace pipeadvise::render
