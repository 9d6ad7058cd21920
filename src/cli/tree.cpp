#include <iostream>
#include <memory>

#include "command.hpp"
#include "pipeadvise/advisor/estimates.hpp"
#include "pipeadvise/util/units.hpp"

namespace pipeadvise::cli {

namespace {

std::string seconds(double s) {
    return util::format_seconds(s);
}

// The decision framework as the advisor applies it; every threshold comes from the
// advisor's own constants, so the tree cannot drift from the code.
std::string framework() {
    using namespace advisor;
    std::string triggers;
    for (int t : k_trigger_candidates_seconds) triggers += (triggers.empty() ? "" : ", ") + seconds(t);
    const std::string fast = seconds(k_streaming_sla_below_seconds);
    const std::string slow = seconds(k_batch_sla_above_seconds);
    std::string out;
    out += "Batch, micro-batch or streaming? The five questions, in the order they are asked:\n\n";
    out += "boundedness  data.bounded\n";
    out += "|-- true (a finite data set, e.g. a backfill) ............. batch, whatever the SLA\n";
    out += "|     answered with the one-off run (recommendation.backfill): duration, cost, nodes;\n";
    out += "|     unstated nodes: the fewest that finish within " +
           seconds(advisor::k_backfill_target_seconds) + "\n";
    out += "`-- false (unbounded) -> latency\n\n";
    out += "latency      latency.sla\n";
    out += "|-- sla < " + seconds(k_request_path_sla_below_seconds) +
           " ......................................... request-path serving, not a data pipeline (finding)\n";
    out += "|-- sla < " + fast + " ........................................ streaming branch -> state\n";
    out += "|-- " + fast + " <= sla <= " + slow + " ............................. micro_batch\n";
    out += "|     trigger: the longest of " + triggers + " whose trigger + processing time fits the SLA\n";
    out += "`-- sla > " + slow +
           " ......................................... batch (scheduled; \"within the hour\" is batch)\n";
    out += "    finding when sla < " + seconds(k_verify_sla_below_seconds) +
           " and it is unverified or no latency.decision says what fresher data changes;\n";
    out += "    the advice is then conditional and says what it would be at a looser SLA\n\n";
    out += "configuration  latency.attainment_target (default 0.99), infrastructure.batch_schedule,\n";
    out += "               infrastructure.micro_batch_trigger (default auto)\n";
    out += "|-- auto: the longest schedule of 24h, 12h, 6h, 4h, 2h, 1h, 30m, 15m, 10m, 5m (trigger of\n";
    out += "|     " + triggers +
           ") that meets the target in simulation: screened analytically, finalists simulated\n";
    out +=
        "|-- no batch schedule meets it ............................. micro_batch, and the answer says why\n";
    out +=
        "`-- stated and missing the target ......................... sla-not-met at that key, with the "
        "value\n";
    out += "                                                              that meets it\n\n";
    out += "state        computation.stateful (streaming branch only)\n";
    out += "|-- false .................................................. simple_streaming\n";
    out += "`-- true (watermarks, state stores, highest cost) .......... full_streaming\n\n";
    out += "failure      team.kafka_experience, team.on_call, team.recovery_runbook\n";
    out += "`-- never changes the latency answer; streaming for a team without one of them\n";
    out += "    -> findings (warning in evaluate, error in check) and micro_batch as the fallback\n\n";
    out += "cost         simulated monthly cost of each mode and the multiplier over batch\n";
    out += "`-- the recommendation states what the latency gain costs (streaming: typically 3-5x batch)\n\n";
    out += "use_cases    several use cases in one file\n";
    out += "`-- some streaming/micro-batch and some batch -> hybrid: streaming for operational signals,\n";
    out += "    batch for analytical correctness, one ingestion log consumed by both\n";
    return out;
}

}  // namespace

Runner setup_tree(CLI::App*) {
    return [] {
        std::cout << framework();
        return 0;
    };
}

}  // namespace pipeadvise::cli
