// libFuzzer harness: the workload loader (strict YAML reader, pre-scan, field table, units)
// on arbitrary text. Invariants beyond "no crash, no sanitizer report, no hang":
// a load gives a workload or errors, never neither; every printed error is one line.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pipeadvise/model/loader.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "pipeadvise/util/files.hpp"
#include "pipeadvise/util/visible.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace pipeadvise;
    // The loader's own input contract (util::read_input_file): at most 1 MiB of UTF-8, no NUL.
    if (size > util::k_max_input_bytes) return 0;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (text.find('\0') != std::string_view::npos || !util::is_valid_utf8(text)) return 0;

    const model::LoadResult result = model::load_workload_text(text, "fuzz.yaml");
    if (!result.workload && result.errors.empty()) __builtin_trap();
    for (const auto& d : result.errors) {
        const std::string line = util::format_diagnostic(d);
        if (line.find('\n') != std::string::npos || line.find('\r') != std::string::npos) __builtin_trap();
    }
    return 0;
}
