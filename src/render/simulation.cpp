#include <cstdio>

#include "pipeadvise/render/formats.hpp"
#include "pipeadvise/render/json.hpp"
#include "pipeadvise/render/render.hpp"
#include "pipeadvise/util/diagnostic.hpp"

namespace pipeadvise::render {

namespace {

std::string number(double x) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.6g", x);
    return buffer;
}

// One row per mode; cost columns are empty when the mode was not costed.
std::string simulation_csv(const evaluation::UseCaseEvaluation& ev) {
    std::string out =
        "mode,lag_mean_seconds,lag_p50_seconds,lag_p95_seconds,lag_p99_seconds,lag_max_seconds,sla_"
        "attainment,"
        "recovery_mean_seconds,recovery_p95_seconds,failures,late_events_dropped_fraction,events_lost,"
        "monthly_usd_compute,monthly_usd_infrastructure,monthly_usd_storage,monthly_usd_engineering,"
        "monthly_usd_total,multiplier_vs_batch,nodes,brokers,feasible\n";
    for (const auto& [mode, r] : ev.simulation->modes) {
        out += std::string(pipeline::to_string(mode));
        for (double v : {r.lag.mean, r.lag.p50, r.lag.p95, r.lag.p99, r.lag.max, r.sla_attainment,
                         r.recovery.mean, r.recovery.p95}) {
            out += "," + number(v);
        }
        out += "," + std::to_string(r.recovery.failures) + "," + number(r.late_events_dropped_fraction) +
               "," + std::to_string(r.events_lost);
        if (const auto c = ev.costs.find(mode); c != ev.costs.end()) {
            const cost::CostBreakdown& b = c->second.monthly_usd;
            for (double v : {b.compute, b.infrastructure, b.storage, b.engineering, b.total}) {
                out += "," + number(v);
            }
            // An empty cell when batch was not simulated: there is no baseline.
            out += "," +
                   (c->second.multiplier_vs_batch ? number(*c->second.multiplier_vs_batch) : std::string());
        } else {
            out += ",,,,,,";
        }
        out += "," + std::to_string(r.nodes.nodes) + "," +
               std::to_string(r.brokers ? r.brokers->brokers : 0) + "," + (r.feasible ? "true" : "false");
        out += "\n";
    }
    return out;
}

}  // namespace

namespace detail {

std::string simulation_json(const model::UseCase&, const evaluation::UseCaseEvaluation& ev,
                            const RenderOptions&) {
    return json::to_json(*ev.simulation, ev.costs)
               .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
           "\n";
}

std::string simulation_csv(const model::UseCase&, const evaluation::UseCaseEvaluation& ev,
                           const RenderOptions&) {
    return render::simulation_csv(ev);
}

}  // namespace detail

std::string render_trace_csv(const pipeline::SimulationResult& simulation) {
    std::string out = "mode,time_seconds,backlog_events,lag_seconds,throughput_per_second\n";
    for (const auto& p : simulation.trace) {
        out += p.mode + "," + number(p.time_seconds) + "," + number(p.backlog_events) + "," +
               number(p.lag_seconds) + "," + number(p.throughput_per_second) + "\n";
    }
    return out;
}

}  // namespace pipeadvise::render
