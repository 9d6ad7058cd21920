// The key table, how the reference pipeline is simulated: horizon, replications, random
// processes, failure injection and scripted drills. Each entry binds a key to the member it
// fills and carries its description, bounds and example (see key_sections.hpp).

#include "key_sections.hpp"

namespace pipeadvise::model::loading {

namespace {

/// Longest simulated horizon (10 years of 365 days): the simulator's cap on simulated time.
/// At least a second: a shorter horizon simulates nothing a pipeline does.
constexpr Bounds k_horizon_bounds{1 * k_s, 10 * k_year, "7d"};
/// Failure intervals may be longer than the horizon (a node that fails once a century), and
/// at least a minute: each interval drives the simulation once.
constexpr Bounds k_failure_interval_bounds{1 * k_min, 100 * k_year, "30d"};
constexpr int k_max_replications = 1000;

const EnumTable<ArrivalProcess> k_arrivals{{"constant", ArrivalProcess::constant},
                                           {"poisson", ArrivalProcess::poisson},
                                           {"diurnal", ArrivalProcess::diurnal}};
const EnumTable<ServiceDistribution> k_services{{"deterministic", ServiceDistribution::deterministic},
                                                {"exponential", ServiceDistribution::exponential},
                                                {"lognormal", ServiceDistribution::lognormal}};
// `auto` is a C++ keyword, hence the enumerator's longer name.
const EnumTable<Granularity> k_granularities{{"auto", Granularity::automatic}, {"event", Granularity::event}};
// A switch spelled as words: `default` keeps the fixed latencies, `none` turns them off.
const EnumTable<bool> k_fixed_latencies{{"default", true}, {"none", false}};

std::vector<Field> drill_fields(Reader& r, Drill& d) {
    return {
        duration_field(r, "at", "Simulated time the outage starts (before the horizon).", d.at, false, true),
        duration_field(r, "outage", "Processing is stopped for this long; it must end within the horizon.",
                       d.outage, true, true),
    };
}

std::vector<Field> failure_fields(Reader& r, Failures& f) {
    Field drills = list_field<Drill>(r, "drills", "Scripted outages on top of random failures.", f.drills,
                                     [&r](Drill& d) { return drill_fields(r, d); });
    drills.doc.item_description = "A scripted outage inside the simulated horizon.";
    drills.doc.rules = {"each drill starts before simulation.horizon and ends within it"};
    return {
        duration_field(r, "node_mtbf", "Mean time between failures of one node.", f.node_mtbf, true, false,
                       k_failure_interval_bounds),
        duration_field(r, "bad_deploy_every", "Mean time between bad deploys.", f.bad_deploy_every, true,
                       false, k_failure_interval_bounds),
        number_field(r, "checkpoint_corruption_probability",
                     "Probability that a failure corrupts the checkpoint.", "0.01",
                     f.checkpoint_corruption_probability, 0.0, 1.0, "probability"),
        std::move(drills),
    };
}

Field failures_field(Reader& r, Simulation& s) {
    Field failures = section(r, "failures", "Failure injection, or `none` to switch it off.", false,
                             [&r, &s] { return failure_fields(r, s.failures); });
    failures.doc.type = KeyType::failures;
    // `failures: none` is a scalar where a mapping is expected, so the section's reader is
    // wrapped: `none` switches failures off, a mapping goes to the usual reader.
    auto as_mapping = failures.read;
    failures.read = [&r, &s, as_mapping](const YamlNode& value, const YamlNode& key,
                                         const std::string& path) {
        // Only a plain none: a quoted 'none' is text, not the keyword.
        if (value.kind == Kind::scalar && value.plain && value.value == "none") {
            s.failures.enabled = false;
            return;
        }
        if (value.kind != Kind::mapping) {
            r.error(value, path, path + ": expected a mapping or 'none', got " + Reader::describe(value));
            return;
        }
        as_mapping(value, key, path);
    };
    return failures;
}

}  // namespace

std::vector<Field> simulation_fields(Reader& r, Simulation& s) {
    return {
        duration_field(r, "horizon", "Simulated time per replication, at most 10 years.", s.horizon, true,
                       false, k_horizon_bounds),
        int_field(r, "replications", "Independent replications.", "10", s.replications, 1,
                  k_max_replications),
        seed_field(r, "seed", "Seed of the portable random source.", s.seed),
        enum_field(r, "arrivals", "Arrival process.", s.arrivals, k_arrivals),
        enum_field(r, "service", "Service-time distribution.", s.service, k_services),
        enum_field(r, "granularity", "`event` simulates every event; `auto` groups events at high volume.",
                   s.granularity, k_granularities),
        enum_field(r, "fixed_latencies",
                   "`none` switches every fixed stage latency (log hop, engine floor, sink visibility) off.",
                   s.fixed_latencies, k_fixed_latencies),
        failures_field(r, s),
    };
}

}  // namespace pipeadvise::model::loading
