#pragma once

// Workloads built in C++ for the advisor's unit tests: each "sound" workload states every
// checklist item that applies to it and draws no finding; tests break one thing at a time.

#include <algorithm>
#include <string>
#include <vector>

#include "pipeadvise/advisor/advisor.hpp"
#include "pipeadvise/model/workload.hpp"

namespace advisor_fixtures {

using namespace pipeadvise;

inline util::Duration secs(std::int64_t s) {
    return util::Duration::from_seconds_int(s);
}

/// Gives every path a distinct line (in list order) and a column from its nesting depth, as a
/// loader would for a file stating those keys.
inline void locate(model::Workload& w, const std::vector<std::string>& paths) {
    int line = static_cast<int>(w.locations.size()) + 1;
    for (const auto& p : paths) {
        const auto depth = std::count(p.begin(), p.end(), '.');
        w.locations[p] = util::Location{w.file, line++, 1 + 2 * static_cast<int>(depth)};
    }
}

inline const std::vector<std::string>& common_paths() {
    static const std::vector<std::string> k{"name",
                                            "latency",
                                            "latency.sla",
                                            "latency.verified_with_stakeholders",
                                            "latency.decision",
                                            "computation",
                                            "computation.stateful",
                                            "computation.state_size",
                                            "data",
                                            "data.bounded",
                                            "data.volume",
                                            "data.peak_to_mean",
                                            "data.late_arrivals",
                                            "data.late_arrivals.p99",
                                            "data.history",
                                            "team",
                                            "team.maturity",
                                            "team.kafka_experience",
                                            "team.on_call",
                                            "team.recovery_runbook",
                                            "infrastructure",
                                            "infrastructure.nodes",
                                            "infrastructure.state_store",
                                            "infrastructure.retention",
                                            "proposal",
                                            "proposal.architecture",
                                            "proposal.watermark",
                                            "proposal.checkpoint_location",
                                            "proposal.dead_letter_queue",
                                            "proposal.consumer_lag_alert",
                                            "proposal.backfill_strategy",
                                            "proposal.sink",
                                            "proposal.idempotent_jobs",
                                            "proposal.micro_batch_rejected_because",
                                            "proposal.partitioned_by_date",
                                            "proposal.partition_overwrite",
                                            "proposal.sla_monitored",
                                            "proposal.checkpoint_backup",
                                            "proposal.offset_reset_runbook",
                                            "proposal.cost_comparison_done",
                                            "proposal.shared_ingestion",
                                            "proposal.sla_owned_by_one_layer",
                                            "proposal.waivers",
                                            "proposal.waivers[0]",
                                            "proposal.waivers[0].id",
                                            "proposal.waivers[0].expires",
                                            "proposal.waivers[1]",
                                            "proposal.waivers[1].id",
                                            "proposal.waivers[1].expires"};
    return k;
}

/// One use case with a 10M/day unbounded stream.
inline model::UseCase use_case(std::string name, std::int64_t sla_seconds, bool stateful) {
    model::UseCase uc;
    uc.name = std::move(name);
    uc.latency.sla = secs(sla_seconds);
    uc.latency.verified_with_stakeholders = true;
    uc.latency.decision = "a decision that fresher data changes";
    uc.computation.stateful = stateful;
    if (stateful) {
        uc.computation.kind = model::ComputationKind::windowed_aggregation;
        uc.computation.state_size_bytes = 20LL << 30;
        uc.computation.window = secs(10);
    }
    uc.data.bounded = false;
    uc.data.volume_per_second = 10e6 / 86400.0;
    uc.data.peak_to_mean = 3.0;
    return uc;
}

inline model::Workload base(std::string name, model::UseCase uc) {
    model::Workload w;
    w.file = "test.yaml";
    w.name = std::move(name);
    uc.name = w.name;
    w.use_cases.push_back(std::move(uc));
    w.team.maturity = model::Maturity::medium;
    w.team.kafka_experience = true;
    w.team.on_call = true;
    w.team.recovery_runbook = true;
    w.proposal.present = true;
    w.proposal.backfill_strategy = true;
    w.proposal.sink = model::Sink::delta;
    // A stated cluster: the figures the tests check follow from 10 nodes, not from sizing.
    w.infrastructure.nodes = 10;
    locate(w, common_paths());
    return w;
}

/// A sound full-streaming workload (the spec's card-fraud example, with 10-second windows, a
/// watermark covering the late-arrival p99 and the whole streaming checklist in place):
/// window + watermark = 25 s fits the 30 s SLA.
inline model::Workload sound_streaming() {
    auto uc = use_case("card-fraud-velocity", 30, true);
    uc.data.late_arrivals.fraction = 0.02;
    uc.data.late_arrivals.p50 = secs(2);
    uc.data.late_arrivals.p99 = secs(15);
    auto w = base("card-fraud-velocity", uc);
    auto& p = w.proposal;
    p.architecture = model::Architecture::full_streaming;
    p.watermark = secs(15);
    p.checkpoint_location = model::CheckpointLocation::durable;
    p.dead_letter_queue = true;
    p.consumer_lag_alert = true;
    p.checkpoint_backup = true;
    p.offset_reset_runbook = true;
    p.cost_comparison_done = true;
    p.micro_batch_rejected_because = "a 30s trigger plus processing misses the 30s SLA";
    return w;
}

/// A sound stateless streaming workload (simple_streaming to a cache).
inline model::Workload sound_simple_streaming() {
    auto w = sound_streaming();
    w.use_cases[0].computation = model::Computation{};
    w.use_cases[0].data.late_arrivals = model::LateArrivals{};
    w.proposal.architecture = model::Architecture::simple_streaming;
    w.proposal.watermark.reset();
    w.proposal.sink = model::Sink::cache;
    return w;
}

/// A sound micro-batch workload (3-minute SLA).
inline model::Workload sound_micro_batch() {
    auto w = base("feature-refresh", use_case("feature-refresh", 180, false));
    auto& p = w.proposal;
    p.architecture = model::Architecture::micro_batch;
    p.checkpoint_location = model::CheckpointLocation::durable;
    p.dead_letter_queue = true;
    p.consumer_lag_alert = true;
    p.checkpoint_backup = true;
    p.offset_reset_runbook = true;
    p.idempotent_jobs = true;
    return w;
}

/// A sound hourly batch workload.
inline model::Workload sound_batch() {
    auto w = base("hourly-report", use_case("hourly-report", 3600, true));
    w.use_cases[0].computation.state_size_bytes = 0;
    w.team.kafka_experience.reset();
    w.team.on_call.reset();
    w.team.recovery_runbook.reset();
    auto& p = w.proposal;
    p.architecture = model::Architecture::batch;
    p.idempotent_jobs = true;
    p.partitioned_by_date = true;
    p.partition_overwrite = true;
    p.sla_monitored = true;
    return w;
}

/// A sound hybrid: a 30s stateful fraud check and a daily settlement report.
inline model::Workload sound_hybrid() {
    auto w = sound_streaming();
    w.name = "payments";
    w.has_use_cases = true;
    w.use_cases.clear();
    auto fraud = use_case("fraud-check", 30, true);
    fraud.path = "use_cases[0]";
    auto report = use_case("settlement-report", 86400, true);
    report.computation.state_size_bytes = 0;
    report.path = "use_cases[1]";
    w.use_cases = {fraud, report};
    for (const char* uc : {"use_cases[0]", "use_cases[1]"}) {
        locate(w, {std::string(uc), std::string(uc) + ".name", std::string(uc) + ".latency",
                   std::string(uc) + ".latency.sla", std::string(uc) + ".latency.verified_with_stakeholders",
                   std::string(uc) + ".latency.decision", std::string(uc) + ".data",
                   std::string(uc) + ".data.volume"});
    }
    auto& p = w.proposal;
    p.architecture = model::Architecture::hybrid;
    p.watermark.reset();
    p.idempotent_jobs = true;
    p.partitioned_by_date = true;
    p.partition_overwrite = true;
    p.sla_monitored = true;
    p.shared_ingestion = true;
    p.sla_owned_by_one_layer = true;
    return w;
}

inline advisor::AdviceOptions in(advisor::Context context) {
    advisor::AdviceOptions o;
    o.context = context;
    o.today = util::Date{2026, 6, 1};
    return o;
}

/// Findings with this id.
inline std::vector<advisor::Finding> with_id(const advisor::Advice& a, const std::string& id) {
    std::vector<advisor::Finding> out;
    for (const auto& f : a.findings) {
        if (f.id == id) out.push_back(f);
    }
    return out;
}

/// "id@path" of every finding, for readable failure messages.
inline std::string describe(const advisor::Advice& a) {
    std::string out;
    for (const auto& f : a.findings)
        out += f.id + "@" + f.path + " (" + std::string(advisor::to_string(f.severity)) + "): " + f.message +
               "\n";
    return out;
}

}  // namespace advisor_fixtures
