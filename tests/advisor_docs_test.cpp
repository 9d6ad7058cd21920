#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "pipeadvise/advisor/estimates.hpp"
#include "pipeadvise/advisor/finding.hpp"

namespace advisor = pipeadvise::advisor;

namespace {

std::string read_doc() {
    std::ifstream in(std::filesystem::path(PIPEADVISE_SOURCE_DIR) / "docs" / "findings.md");
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

}  // namespace

TEST_CASE("docs/findings.md lists every rule with its check severity, and nothing else", "[advisor]") {
    const std::string doc = read_doc();
    REQUIRE_FALSE(doc.empty());
    // rows of the rules table: | `id` | severity | ...
    const std::regex row(R"(\n\| `([a-z-]+)` \| (error|warning|info) \|)");
    std::map<std::string, std::string> documented;
    for (auto it = std::sregex_iterator(doc.begin(), doc.end(), row); it != std::sregex_iterator(); ++it) {
        documented[(*it)[1]] = (*it)[2];
    }
    CHECK(documented.size() == advisor::rules().size());
    for (const auto& rule : advisor::rules()) {
        INFO(rule.id);
        REQUIRE(documented.count(rule.id) == 1);
        CHECK(documented[rule.id] == advisor::to_string(rule.check_severity));
    }
}

TEST_CASE("docs/findings.md states the advisor's constants", "[advisor]") {
    const std::string doc = read_doc();
    CHECK(advisor::k_streaming_sla_below_seconds == 60.0);
    CHECK(advisor::k_batch_sla_above_seconds == 300.0);
    CHECK(doc.find("< 60 s") != std::string::npos);
    CHECK(doc.find("SLA > 5 min") != std::string::npos);
    CHECK(advisor::k_database_write_rate_threshold == 1000.0);
    CHECK(doc.find("1,000 writes/s") != std::string::npos);
    CHECK(pipeadvise::physics::k_unattended_night_seconds == 36000.0);
    CHECK(doc.find("plus 10 h") != std::string::npos);
    CHECK(pipeadvise::physics::k_restore_bytes_per_second_per_node == 100.0 * 1024 * 1024);
    CHECK(doc.find("100 MiB/s") != std::string::npos);
    CHECK(pipeadvise::physics::k_default_state_window_seconds == 60.0);
    CHECK(doc.find("else 60 s") != std::string::npos);
    CHECK(pipeadvise::physics::k_no_runbook_repair_factor == 2.0);
    CHECK(doc.find("twice as long with `recovery_runbook: false`") != std::string::npos);
    for (auto m : {pipeadvise::model::Maturity::low, pipeadvise::model::Maturity::medium,
                   pipeadvise::model::Maturity::high}) {
        const auto t = pipeadvise::physics::incident_response(m);
        const std::string name(pipeadvise::model::to_string(m));
        CHECK(doc.find(name + " " + std::to_string(static_cast<int>(t.detect_seconds / 60)) + " min") !=
              std::string::npos);
        CHECK(doc.find(name + " " + std::to_string(static_cast<int>(t.repair_seconds / 60)) + " min") !=
              std::string::npos);
    }
}
