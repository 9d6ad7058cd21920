#include <catch2/catch.hpp>

#include "pipeadvise/model/workload.hpp"

using namespace pipeadvise;
using namespace pipeadvise::model;

TEST_CASE("enum spellings match the workload file and JSON output", "[workload]") {
    CHECK(to_string(Architecture::batch) == "batch");
    CHECK(to_string(Architecture::micro_batch) == "micro_batch");
    CHECK(to_string(Architecture::simple_streaming) == "simple_streaming");
    CHECK(to_string(Architecture::full_streaming) == "full_streaming");
    CHECK(to_string(Architecture::hybrid) == "hybrid");
    CHECK(to_string(ComputationKind::windowed_aggregation) == "windowed_aggregation");
    CHECK(to_string(ComputationKind::stream_join) == "stream_join");
    CHECK(to_string(ComputationKind::full_history) == "full_history");
    CHECK(to_string(Maturity::medium) == "medium");
    CHECK(to_string(StateStore::rocksdb) == "rocksdb");
    CHECK(to_string(CheckpointLocation::local) == "local");
    CHECK(to_string(Sink::database) == "database");
    CHECK(to_string(ArrivalProcess::diurnal) == "diurnal");
    CHECK(to_string(ServiceDistribution::lognormal) == "lognormal");
    CHECK(to_string(Granularity::automatic) == "auto");
    CHECK(to_string(Granularity::event) == "event");
}

TEST_CASE("location_of falls back to the nearest stated parent, then the file start", "[workload]") {
    Workload w;
    w.file = "w.yaml";
    w.locations["latency"] = {"w.yaml", 3, 1};
    w.locations["latency.sla"] = {"w.yaml", 4, 3};
    w.locations["use_cases[1]"] = {"w.yaml", 20, 5};
    w.locations["proposal.waivers[0]"] = {"w.yaml", 40, 7};
    CHECK(w.location_of("latency.sla").line == 4);
    CHECK(w.location_of("latency.decision").line == 3);
    CHECK(w.location_of("use_cases[1].data.volume").line == 20);
    CHECK(w.location_of("proposal.waivers[0].expires").line == 40);
    CHECK(w.location_of("proposal.waivers[3].expires").line == 1);
    auto nowhere = w.location_of("team.on_call");
    CHECK(nowhere.file == "w.yaml");
    CHECK(nowhere.line == 1);
    CHECK(nowhere.column == 1);
    CHECK(w.states("latency.sla"));
    CHECK_FALSE(w.states("latency.decision"));
}

TEST_CASE("defaults are the documented ones", "[workload]") {
    Infrastructure infra;
    CHECK_FALSE(infra.nodes);  // auto: sized per mode
    CHECK_FALSE(infra.brokers);
    CHECK(infra.target_utilisation == 0.7);
    CHECK(infra.node_memory_bytes == 16LL << 30);  // the priced m5.xlarge
    CHECK(infra.retention == days(7));
    CHECK(infra.micro_batch_overhead == util::Duration::from_seconds_int(5));
    Simulation sim;
    CHECK(sim.horizon == days(7));
    CHECK(sim.replications == 10);
    CHECK(sim.failures.enabled);
}
