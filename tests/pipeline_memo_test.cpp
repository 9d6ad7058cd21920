#include <catch2/catch.hpp>

#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include "pipeadvise/model/loader.hpp"
#include "pipeadvise/pipeline/memo.hpp"
#include "pipeadvise/pipeline/plan.hpp"
#include "pipeadvise/pipeline/simulate.hpp"
#include "pipeadvise/pipeline/task_pool.hpp"

using namespace pipeadvise;
using pipeline::Mode;

namespace {

model::Workload reference(const std::vector<model::Override>& overrides) {
    std::ifstream in(std::string(PIPEADVISE_SOURCE_DIR) + "/scenarios/reference-10m-per-day.yaml");
    REQUIRE(in);
    std::stringstream s;
    s << in.rdbuf();
    std::vector<model::Override> all{{"simulation.replications", "2"}, {"simulation.horizon", "2d"}};
    all.insert(all.end(), overrides.begin(), overrides.end());
    model::LoadResult r = model::load_workload_text(s.str(), "reference.yaml", all);
    REQUIRE(r.workload);
    return std::move(*r.workload);
}

void check_same(const pipeline::SimulationResult& a, const pipeline::SimulationResult& b) {
    REQUIRE(a.modes.size() == b.modes.size());
    CHECK(a.events_simulated == b.events_simulated);
    for (const auto& [mode, r] : a.modes) {
        const pipeline::ModeResult& s = b.modes.at(mode);
        INFO(pipeline::to_string(mode));
        CHECK(r.sla_attainment == s.sla_attainment);
        CHECK(r.lag.mean == s.lag.mean);
        CHECK(r.lag.p99 == s.lag.p99);
        CHECK(r.lag_histogram == s.lag_histogram);
        CHECK(r.usage.node_hours_per_month == s.usage.node_hours_per_month);
        CHECK(r.recovery.failures == s.recovery.failures);
        CHECK(r.feasible == s.feasible);
        CHECK(r.nodes.nodes == s.nodes.nodes);
    }
}

}  // namespace

TEST_CASE("a memo shares simulations across SLAs it counts, with the bytes of a run alone", "[memo]") {
    pipeline::SimulateOptions options;
    options.threads = 2;
    pipeline::SimulateOptions shared = options;
    shared.memo = std::make_shared<pipeline::SimulationMemo>(std::vector<double>{60.0, 86400.0});
    const model::Workload one_minute = reference({{"latency.sla", "1m"}});
    const model::Workload one_day = reference({{"latency.sla", "1d"}});

    const auto first = pipeline::simulate(one_minute, one_minute.use_cases.front(), shared);
    CHECK(shared.memo->misses() == 3);
    CHECK(shared.memo->hits() == 0);
    // Another counted SLA: every mode comes from the memo, and attainment is that SLA's.
    const auto second = pipeline::simulate(one_day, one_day.use_cases.front(), shared);
    CHECK(shared.memo->misses() == 3);
    CHECK(shared.memo->hits() == 3);
    check_same(first, pipeline::simulate(one_minute, one_minute.use_cases.front(), options));
    check_same(second, pipeline::simulate(one_day, one_day.use_cases.front(), options));
    CHECK(first.modes.at(Mode::batch).sla_attainment < second.modes.at(Mode::batch).sla_attainment);

    // An SLA the memo does not count keeps its own key: simulated anew, still the same bytes.
    const model::Workload two_minutes = reference({{"latency.sla", "2m"}});
    const auto third = pipeline::simulate(two_minutes, two_minutes.use_cases.front(), shared);
    CHECK(shared.memo->misses() == 6);
    check_same(third, pipeline::simulate(two_minutes, two_minutes.use_cases.front(), options));

    // A plan change (the volume) is a new key.
    const model::Workload more = reference({{"latency.sla", "1m"}, {"data.volume", "20M/day"}});
    pipeline::simulate(more, more.use_cases.front(), shared);
    CHECK(shared.memo->misses() == 9);
}

TEST_CASE("memo keys differ in every plan field and the SLA only when not counted", "[memo]") {
    const model::Workload w = reference({});
    const pipeline::Plan plan = pipeline::make_plan(w, w.use_cases.front(), {});
    const pipeline::SimulationMemo counting({plan.sla_seconds, 2 * plan.sla_seconds});
    const pipeline::SimulationMemo plain;
    pipeline::Plan other_sla = plan;
    other_sla.sla_seconds = 2 * plan.sla_seconds;
    CHECK(counting.key(plan, Mode::batch) == counting.key(other_sla, Mode::batch));
    CHECK(plain.key(plan, Mode::batch) != plain.key(other_sla, Mode::batch));
    CHECK(counting.key(plan, Mode::batch) != counting.key(plan, Mode::streaming));
    pipeline::Plan other_seed = plan;
    other_seed.seed += 1;
    CHECK(plain.key(plan, Mode::batch) != plain.key(other_seed, Mode::batch));
    pipeline::Plan other_drill = plan;
    other_drill.drills.push_back({1, 2});
    CHECK(plain.key(plan, Mode::batch) != plain.key(other_drill, Mode::batch));
    pipeline::Plan other_nodes = plan;
    other_nodes.nodes += 1;
    CHECK(plain.key(plan, Mode::batch) != plain.key(other_nodes, Mode::batch));
}

TEST_CASE("simulations on a shared pool and memo are the bytes of a run alone", "[task_pool][memo]") {
    const model::Workload a = reference({{"latency.sla", "1m"}});
    const model::Workload b = reference({{"latency.sla", "1h"}});
    pipeline::SimulateOptions alone;
    alone.threads = 1;
    const auto expected_a = pipeline::simulate(a, a.use_cases.front(), alone);
    const auto expected_b = pipeline::simulate(b, b.use_cases.front(), alone);

    // Four threads on one pool and one memo: two pairs of calls need the same simulations, so
    // three of them find their modes claimed by another call and help run them.
    pipeline::SimulateOptions shared;
    shared.pool = std::make_shared<pipeline::TaskPool>();
    shared.memo = std::make_shared<pipeline::SimulationMemo>(std::vector<double>{60.0, 3600.0});
    std::vector<pipeline::SimulationResult> results(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < results.size(); ++t) {
        threads.emplace_back([&, t] {
            const model::Workload& w = t % 2 == 0 ? a : b;
            results[t] = pipeline::simulate(w, w.use_cases.front(), shared);
        });
    }
    for (auto& t : threads) t.join();
    CHECK(shared.memo->misses() == 3);
    CHECK(shared.memo->hits() == 9);
    for (std::size_t t = 0; t < results.size(); ++t) {
        INFO("call " << t);
        check_same(results[t], t % 2 == 0 ? expected_a : expected_b);
    }
}

TEST_CASE("recorded arrivals replay to the bytes of generating them", "[memo][arrivals]") {
    // Grouped (10M/day, diurnal, late arrivals) and per event (50k/day): without a memo each
    // mode generates its arrivals as it reads; with one they are recorded once and replayed;
    // with a memo too small to keep any they are generated again. The results are the same.
    for (const char* volume : {"10M/day", "50k/day"}) {
        INFO(volume);
        const model::Workload w = reference({{"data.volume", volume}});
        pipeline::SimulateOptions alone;
        alone.threads = 2;
        const auto generated = pipeline::simulate(w, w.use_cases.front(), alone);
        pipeline::SimulateOptions shared = alone;
        shared.memo = std::make_shared<pipeline::SimulationMemo>();
        const auto replayed = pipeline::simulate(w, w.use_cases.front(), shared);
        CHECK(shared.memo->arrival_entities() > 0);
        check_same(generated, replayed);
        pipeline::SimulateOptions tiny = alone;
        tiny.memo = std::make_shared<pipeline::SimulationMemo>(std::vector<double>{}, 1);
        const auto regenerated = pipeline::simulate(w, w.use_cases.front(), tiny);
        CHECK(tiny.memo->arrival_entities() == 0);
        check_same(generated, regenerated);
    }
}

TEST_CASE("every mode reads the same arrivals", "[memo][arrivals]") {
    // Common random numbers: the arrival stream is the replication's, not the mode's, so the
    // three modes are compared on the same events (same count, same late share).
    const model::Workload w = reference({{"simulation.horizon", "7d"}, {"simulation.replications", "1"}});
    const auto r = pipeline::simulate(w, w.use_cases.front(), {});
    const auto& batch = r.modes.at(Mode::batch);
    REQUIRE_FALSE(batch.horizon_extended);
    for (Mode m : {Mode::micro_batch, Mode::streaming}) {
        INFO(pipeline::to_string(m));
        CHECK(r.modes.at(m).events_per_replication == batch.events_per_replication);
    }
}

TEST_CASE("recorded arrivals stay within the memo's capacity, least recently used out first",
          "[memo][arrivals]") {
    // Two volumes at two SLAs: the SLA is not in a source's key, so the second SLA's simulations
    // read the recordings of the first; with room for one volume's two replications, each
    // volume evicts the other's and the second SLA records them again. Same bytes throughout.
    const std::int64_t per_replication = [] {
        const model::Workload w = reference({{"data.volume", "5M/day"}});
        return pipeline::make_plan(w, w.use_cases.front(), {}).expected_entities;
    }();
    const std::int64_t capacity = 2 * per_replication + 10;
    pipeline::SimulateOptions shared;
    shared.memo = std::make_shared<pipeline::SimulationMemo>(std::vector<double>{}, capacity);
    for (const char* sla : {"1m", "2m"}) {
        for (const char* volume : {"5M/day", "20M/day"}) {
            INFO(volume << " at " << sla);
            const model::Workload w = reference({{"data.volume", volume}, {"latency.sla", sla}});
            const auto alone = pipeline::simulate(w, w.use_cases.front(), {});
            const auto replayed = pipeline::simulate(w, w.use_cases.front(), shared);
            CHECK(shared.memo->arrival_entities() <= capacity);
            CHECK(shared.memo->arrival_entities() > 0);
            check_same(alone, replayed);
        }
    }
}
