#include <catch2/catch.hpp>

#include <regex>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "pipeadvise/cost/cost.hpp"
#include "pipeadvise/model/sizing.hpp"

using namespace pipeadvise;
using pipeline::Mode;

namespace {

// The reference case of the framework (scenarios/reference-10m-per-day.yaml).
constexpr double k_events_per_day = 10e6;
constexpr double k_node_throughput = 71.0;
constexpr double k_job_startup_s = 180.0;

model::Workload reference_workload() {
    model::Workload w;
    w.name = "reference-10m-per-day";
    w.team.maturity = model::Maturity::medium;
    w.infrastructure.nodes = 10;
    w.infrastructure.node_throughput = k_node_throughput;
    w.infrastructure.brokers = 3;
    w.infrastructure.retention = model::days(7);
    w.infrastructure.batch_schedule = model::hours(12);
    w.infrastructure.job_startup = model::minutes(3);
    model::UseCase uc;
    uc.name = w.name;
    uc.computation.stateful = false;
    uc.data.volume_per_second = k_events_per_day / 86400.0;
    uc.data.event_size_bytes = 1024;
    w.use_cases.push_back(uc);
    return w;
}

// Node-hours a 30-day month holds in each mode, as the simulator measures them for the
// reference case without failures: batch holds its nodes only while a run lasts.
double batch_run_seconds() {
    const double events_per_run = k_events_per_day / 2.0;
    return k_job_startup_s + events_per_run / (10.0 * k_node_throughput);
}

// The modes that read the log hold the reference case's 3 stated brokers (as the simulation
// reports them); `brokers` overrides the count.
pipeline::ModeResult mode_result(Mode mode, double node_hours, std::vector<double> incident_hours = {},
                                 double state_bytes = 0, int brokers = 3) {
    pipeline::ModeResult r;
    r.mode = mode;
    if (mode != Mode::batch) {
        r.brokers = model::BrokerSizing{};
        r.brokers->brokers = brokers;
        r.brokers->stated = true;
    }
    r.usage.node_hours_per_month = node_hours;
    r.usage.incident_hours_per_month_by_replication = std::move(incident_hours);
    r.usage.state_bytes = state_bytes;
    return r;
}

pipeline::ModeResult reference_batch() {
    return mode_result(Mode::batch, 2 * 30 * 10 * batch_run_seconds() / 3600.0);
}
pipeline::ModeResult reference_streaming() {
    return mode_result(Mode::streaming, 10 * cost::k_hours_per_month);
}

}  // namespace

TEST_CASE("reference batch job runs about two hours", "[cost]") {
    CHECK(batch_run_seconds() == Approx(7222.2535).epsilon(1e-8));
    CHECK(batch_run_seconds() / 3600.0 == Approx(2.0).margin(0.05));
}

TEST_CASE("reference case: streaming costs between 3x and 5x batch", "[cost]") {
    const auto w = reference_workload();
    const auto& uc = w.use_cases.front();
    const auto batch = cost::monthly_cost(w, uc, reference_batch());
    const auto streaming = cost::monthly_cost(w, uc, reference_streaming());

    // Batch: 1203.7 node-hours x $0.192; no brokers; 7 d x 10M/day x 1 KiB in S3 at $0.023;
    // 12 h x $100.
    const double gb = 70e6 * 1024 / 1e9;
    CHECK(batch.compute == Approx(1203.7 * 0.192).epsilon(1e-4));
    CHECK(batch.infrastructure == 0.0);
    CHECK(batch.storage == Approx(gb * 0.023).epsilon(1e-9));
    CHECK(batch.engineering == Approx(1200.0));
    // Streaming: 7200 node-hours; 3 brokers x 720 h x $0.21; the log's 7 days on 3 replicas of
    // MSK storage at $0.10; 30 h x $100.
    CHECK(streaming.compute == Approx(7200 * 0.192));
    CHECK(streaming.infrastructure == Approx(3 * 720 * 0.21));
    CHECK(streaming.storage == Approx(gb * 3 * 0.10).epsilon(1e-9));
    CHECK(streaming.engineering == Approx(3000.0));

    const double m = cost::multiplier(streaming, batch);
    CHECK(m >= 3.0);
    CHECK(m <= 5.0);
    CHECK(m ==
          Approx((1382.4 + 453.6 + gb * 0.3 + 3000) / (1203.7 * 0.192 + gb * 0.023 + 1200)).epsilon(1e-3));
}

TEST_CASE("reference case stays within 3x-5x with incidents in proportion to exposure", "[cost]") {
    // Streaming holds 10 nodes all month (10 node failures at a 30-day MTBF), batch only while
    // its runs last (about a sixth of the time); one hour of human work per incident.
    const auto w = reference_workload();
    const auto& uc = w.use_cases.front();
    auto b = reference_batch();
    b.usage.incident_hours_per_month_by_replication = {1.0, 2.0, 3.0};
    auto s = reference_streaming();
    s.usage.incident_hours_per_month_by_replication = {9.0, 11.0, 13.0};
    const double m = cost::multiplier(cost::monthly_cost(w, uc, s), cost::monthly_cost(w, uc, b));
    CHECK(m >= 3.0);
    CHECK(m <= 5.0);
}

TEST_CASE("parts add up to the total in every mode", "[cost]") {
    auto w = reference_workload();
    w.use_cases.front().computation.stateful = true;
    for (Mode mode : pipeline::k_all_modes) {
        const auto c = cost::monthly_cost(w, w.use_cases.front(), mode_result(mode, 1234.5, {3, 7, 1}, 5e10));
        CHECK(c.compute + c.infrastructure + c.storage + c.engineering == Approx(c.total).epsilon(1e-12));
        CHECK(c.total_p5_p95[0] <= c.total_p5_p95[1]);
    }
}

TEST_CASE("doubling the node price doubles compute and nothing else", "[cost]") {
    auto w = reference_workload();
    for (Mode mode : pipeline::k_all_modes) {
        const auto r = mode_result(mode, 777.0, {2.0});
        const auto before = cost::monthly_cost(w, w.use_cases.front(), r);
        auto w2 = w;
        w2.infrastructure.node_hour_usd *= 2;
        const auto after = cost::monthly_cost(w2, w2.use_cases.front(), r);
        CHECK(after.compute == Approx(2 * before.compute));
        CHECK(after.infrastructure == before.infrastructure);
        CHECK(after.storage == before.storage);
        CHECK(after.engineering == before.engineering);
    }
}

TEST_CASE("brokers do not touch batch", "[cost]") {
    auto w = reference_workload();
    const auto r = reference_batch();
    const auto before = cost::monthly_cost(w, w.use_cases.front(), r);
    w.infrastructure.brokers = 12;
    w.infrastructure.broker_hour_usd = 9.0;
    const auto after = cost::monthly_cost(w, w.use_cases.front(), r);
    CHECK(after.total == before.total);
    CHECK(after.infrastructure == 0.0);
    // ... while they do touch the modes reading the log.
    const auto mb =
        cost::monthly_cost(w, w.use_cases.front(), mode_result(Mode::micro_batch, 100, {}, 0, 12));
    CHECK(mb.infrastructure == Approx(12 * 720 * 9.0));
}

TEST_CASE("more volume never makes any mode cheaper", "[cost]") {
    auto w = reference_workload();
    for (Mode mode : pipeline::k_all_modes) {
        double previous = 0;
        for (double factor : {0.1, 0.5, 1.0, 2.0, 10.0, 100.0}) {
            auto wv = w;
            wv.use_cases.front().data.volume_per_second = w.use_cases.front().data.volume_per_second * factor;
            // Node-hours never fall with volume (batch runs longer; always-on stays).
            const double node_hours = mode == Mode::batch ? 1203.7 * factor : 7200.0;
            const auto c = cost::monthly_cost(wv, wv.use_cases.front(), mode_result(mode, node_hours));
            CHECK(c.total >= previous);
            previous = c.total;
        }
    }
}

TEST_CASE("engineering: stateful streaming and immature teams cost more", "[cost]") {
    auto w = reference_workload();
    auto uc = w.use_cases.front();
    const auto r = mode_result(Mode::streaming, 0);
    const double stateless = cost::monthly_cost(w, uc, r).engineering;
    uc.computation.stateful = true;
    const double stateful = cost::monthly_cost(w, uc, r).engineering;
    CHECK(stateless == Approx(30 * 100.0));
    CHECK(stateful == Approx(45 * 100.0));
    w.team.maturity = model::Maturity::low;
    CHECK(cost::monthly_cost(w, uc, r).engineering == Approx(45 * 1.5 * 100.0));
    w.team.maturity = model::Maturity::high;
    CHECK(cost::monthly_cost(w, uc, r).engineering == Approx(45 * 0.8 * 100.0));
    // Batch and micro-batch baselines.
    w.team.maturity = model::Maturity::medium;
    CHECK(cost::monthly_cost(w, uc, mode_result(Mode::batch, 0)).engineering == Approx(1200.0));
    CHECK(cost::monthly_cost(w, uc, mode_result(Mode::micro_batch, 0)).engineering == Approx(2400.0));
}

TEST_CASE("incident hours add to engineering and spread the total", "[cost]") {
    const auto w = reference_workload();
    const auto& uc = w.use_cases.front();
    const auto c = cost::monthly_cost(w, uc, mode_result(Mode::streaming, 7200, {0, 10, 20, 30, 40}));
    CHECK(c.engineering == Approx(3000.0 + 20 * 100.0));
    const double fixed = 7200 * 0.192 + 3 * 720 * 0.21 + c.storage + 3000;
    CHECK(c.total_p5_p95[0] == Approx(fixed + 2 * 100.0));   // q5 of 0..40 step 10 = 2
    CHECK(c.total_p5_p95[1] == Approx(fixed + 38 * 100.0));  // q95 = 38
}

TEST_CASE("state: checkpoint on object storage, live RocksDB store on block storage", "[cost]") {
    auto w = reference_workload();
    w.use_cases.front().data.volume_per_second = 0;
    const auto c = cost::monthly_cost(w, w.use_cases.front(), mode_result(Mode::streaming, 0, {}, 100e9));
    CHECK(c.storage == Approx(100 * 0.023 + 100 * 0.08));
    // An in-memory store keeps the live state in the nodes' RAM (paid in compute).
    w.infrastructure.state_store = model::StateStore::memory;
    const auto m = cost::monthly_cost(w, w.use_cases.front(), mode_result(Mode::streaming, 0, {}, 100e9));
    CHECK(m.storage == Approx(100 * 0.023));
}

TEST_CASE("node-hour spread widens the p5-p95 band", "[cost]") {
    const auto w = reference_workload();
    auto r = mode_result(Mode::batch, 1000);
    r.usage.node_hours_p5_p95 = {900, 1300};
    const auto c = cost::monthly_cost(w, w.use_cases.front(), r);
    CHECK(c.total_p5_p95[0] == Approx(c.total - 100 * 0.192));
    CHECK(c.total_p5_p95[1] == Approx(c.total + 300 * 0.192));
}

TEST_CASE("price defaults match the workload defaults and docs/cost-model.md", "[cost]") {
    const model::Infrastructure d;
    std::map<std::string, double> table;
    for (const auto& p : cost::price_defaults()) table[p.key] = p.value;
    CHECK(table.at("infrastructure.node_hour_usd") == d.node_hour_usd);
    CHECK(table.at("infrastructure.broker_hour_usd") == d.broker_hour_usd);
    CHECK(table.at("infrastructure.broker_storage_gb_month_usd") == d.broker_storage_gb_month_usd);
    CHECK(table.at("infrastructure.storage_gb_month_usd") == d.storage_gb_month_usd);
    CHECK(table.at("infrastructure.block_storage_gb_month_usd") == d.block_storage_gb_month_usd);
    CHECK(table.at("infrastructure.engineer_hour_usd") == d.engineer_hour_usd);
    CHECK(table.at("infrastructure.target_utilisation") == d.target_utilisation);
    CHECK(table.at("infrastructure.engineering_hours_stateful_streaming") ==
          d.engineering_hours_stateful_streaming);

    // Every row of the table appears in the documentation with the same value, and every
    // price (a USD unit) names its source: a page, the date it was read, and - for a list
    // price - the region; engineering figures say they are judgement.
    std::ifstream doc(std::string(PIPEADVISE_SOURCE_DIR) + "/docs/cost-model.md");
    REQUIRE(doc);
    struct Row {
        double value;
        std::string unit, source;
    };
    std::map<std::string, Row> documented;
    std::string line;
    bool in_defaults = false;  // only the table under "## Defaults"
    const auto cell = [](const std::string& l, int n) {
        std::size_t at = 0;
        for (int i = 0; i <= n; ++i) at = l.find('|', at) + 1;
        return l.substr(at, l.find('|', at) - at);
    };
    while (std::getline(doc, line)) {
        if (line.rfind("## ", 0) == 0) in_defaults = line == "## Defaults";
        if (!in_defaults || line.rfind("| `", 0) != 0) continue;
        const auto key_end = line.find('`', 3);
        const std::string key = line.substr(3, key_end - 3);
        documented[key] = Row{std::stod(cell(line, 1)), cell(line, 2), cell(line, 4)};
    }
    for (const auto& p : cost::price_defaults()) {
        INFO(p.key);
        REQUIRE(documented.count(p.key) == 1);
        CHECK(documented.at(p.key).value == Approx(p.value));
    }
    int list_prices = 0;
    for (const auto& [key, row] : documented) {
        INFO(key);
        if (row.unit.find("USD") == std::string::npos) continue;
        const std::string& source = row.source;
        if (source.find("judgement") != std::string::npos) continue;
        ++list_prices;
        CHECK(source.find("list price") != std::string::npos);
        CHECK(source.find("https://") != std::string::npos);
        CHECK(source.find("us-east-1") != std::string::npos);
        // A dated quotation of the price (a year at least), not just a link that may change.
        CHECK(std::regex_search(source, std::regex(R"(\([^)]*\b20\d\d\b[^)]*\))")));
    }
    CHECK(list_prices == 5);  // node, broker, broker storage, object storage, block storage
}
