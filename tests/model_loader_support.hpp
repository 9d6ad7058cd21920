#pragma once

// Shared by the loader tests: a minimal workload and helpers that load text and return the
// workload or its formatted errors.

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "pipeadvise/model/loader.hpp"
#include "pipeadvise/util/diagnostic.hpp"

namespace loader_test {

using namespace pipeadvise;
using namespace pipeadvise::model;

inline const std::string k_minimal = R"(version: 1
name: minimal
latency:
  sla: 30s
computation:
  stateful: false
data:
  bounded: false
  volume: 10M/day
team:
  maturity: medium
)";

inline Workload load_ok(const std::string& text, const std::vector<Override>& overrides = {}) {
    LoadResult r = load_workload_text(text, "w.yaml", overrides);
    INFO([&] {
        std::string all;
        for (const auto& d : r.errors) all += util::format_diagnostic(d) + "\n";
        return all;
    }());
    REQUIRE(r.errors.empty());
    REQUIRE(r.workload);
    return *r.workload;
}

/// Formatted diagnostics of a load that must fail, without the "w.yaml:" prefix.
inline std::vector<std::string> load_errors(const std::string& text,
                                            const std::vector<Override>& overrides = {}) {
    LoadResult r = load_workload_text(text, "w.yaml", overrides);
    REQUIRE_FALSE(r.workload);
    REQUIRE_FALSE(r.errors.empty());
    std::vector<std::string> out;
    for (const auto& d : r.errors) {
        std::string text_out = util::format_diagnostic(d);
        REQUIRE(text_out.rfind("w.yaml", 0) == 0);
        text_out.erase(0, std::string("w.yaml:").size());
        if (!text_out.empty() && text_out[0] == ' ') text_out.erase(0, 1);
        out.push_back(text_out);
    }
    return out;
}

inline std::string only_error(const std::string& text, const std::vector<Override>& overrides = {}) {
    auto errors = load_errors(text, overrides);
    INFO([&] {
        std::string all;
        for (const auto& e : errors) all += e + "\n";
        return all;
    }());
    REQUIRE(errors.size() == 1);
    return errors[0];
}

inline std::string with(const std::string& extra) {
    return k_minimal + extra;
}

inline std::string replace(std::string text, const std::string& from, const std::string& to) {
    auto pos = text.find(from);
    REQUIRE(pos != std::string::npos);
    return text.replace(pos, from.size(), to);
}

inline const std::filesystem::path k_good =
    std::filesystem::path(PIPEADVISE_SOURCE_DIR) / "tests" / "data" / "good";

}  // namespace loader_test
