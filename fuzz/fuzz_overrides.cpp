// libFuzzer harness: `--set KEY=VALUE` overrides applied to a valid workload. The input is
// split at its first newline into KEY and VALUE (both arbitrary). Invariants: a result or
// errors, never neither; every error names the --set argument and is one printed line.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "pipeadvise/model/loader.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "pipeadvise/util/visible.hpp"

namespace {

constexpr std::string_view k_base = R"(version: 1
name: fuzz
latency:
  sla: 30s
computation:
  stateful: true
  kind: windowed_aggregation
  state_size: 1GiB
  window: 5m
data:
  bounded: false
  volume: 10M/day
team:
  maturity: medium
simulation:
  horizon: 1d
  replications: 1
)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace pipeadvise;
    if (size > 64 * 1024) return 0;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t newline = input.find('\n');
    model::Override o;
    o.key = std::string(input.substr(0, newline));
    o.value = newline == std::string_view::npos ? std::string() : std::string(input.substr(newline + 1));
    // Command-line arguments cannot hold NUL; the value is read as YAML text.
    if (o.key.find('\0') != std::string::npos || o.value.find('\0') != std::string::npos) return 0;

    const model::LoadResult result = model::load_workload_text(k_base, "fuzz.yaml", {o});
    if (!result.workload && result.errors.empty()) __builtin_trap();
    for (const auto& d : result.errors) {
        const std::string line = util::format_diagnostic(d);
        if (line.find('\n') != std::string::npos) __builtin_trap();
    }
    return 0;
}
