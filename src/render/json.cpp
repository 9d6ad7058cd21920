#include "pipeadvise/render/json.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "pipeadvise/render/capacity.hpp"

namespace pipeadvise::render::json {

using nlohmann::json;

double round6(double x) {
    if (x == 0.0 || !std::isfinite(x)) return x == 0.0 ? 0.0 : x;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", x);
    return std::strtod(buffer, nullptr);
}

json to_json(const util::Location& location) {
    return json{{"file", location.file}, {"line", location.line}, {"column", location.column}};
}

json to_json(const advisor::Finding& f) {
    json out{{"id", f.id},
             {"severity", std::string(advisor::to_string(f.severity))},
             {"message", f.message},
             {"location", to_json(f.location)},
             {"path", f.path}};
    if (!f.use_case.empty()) out["use_case"] = f.use_case;
    if (f.suppressed) {
        out["suppressed"] = true;
        out["suppression_reason"] = f.suppression_reason;
    }
    return out;
}

namespace {
/// `configuration` of a mode (spec §9): its interval under the key the file uses, nodes, brokers.
json configuration_json(std::string_view mode, const std::optional<double>& interval, int nodes, int brokers,
                        bool stated) {
    json out = json::object();
    if (interval && mode == "batch") out["batch_schedule_seconds"] = round6(*interval);
    if (interval && mode == "micro_batch") out["micro_batch_trigger_seconds"] = round6(*interval);
    out["nodes"] = nodes;
    out["brokers"] = brokers;
    out["stated"] = stated;
    return out;
}
}  // namespace

json to_json(const advisor::Recommendation& r) {
    json out{{"architecture", std::string(model::to_string(r.architecture))},
             {"fallback", r.fallback ? json(std::string(model::to_string(*r.fallback))) : json(nullptr)},
             {"summary", r.summary},
             {"cost_multiplier_vs_batch",
              r.cost_multiplier_vs_batch ? json(round6(*r.cost_multiplier_vs_batch)) : json(nullptr)}};
    if (r.suggested_trigger) out["suggested_trigger_seconds"] = round6(r.suggested_trigger->seconds());
    if (!r.headline.empty()) out["headline"] = r.headline;
    if (r.conditional) {
        out["conditional"] = true;
        out["condition"] = r.condition;
    }
    if (r.configuration) {
        const advisor::ConfigurationFacts& c = *r.configuration;
        out["configuration"] = configuration_json(advisor::simulated_mode(r.architecture), c.interval_seconds,
                                                  c.nodes, c.brokers, c.stated);
        out["sla_attainment"] = round6(c.sla_attainment);
        out["attainment_target"] = round6(c.target);
        out["meets_sla"] = c.meets_target();
        if (r.moved_from_batch) out["moved_from_batch"] = true;
        if (!r.moved_from_infeasible.empty()) out["moved_from_infeasible"] = r.moved_from_infeasible;
    }
    if (r.backfill) {
        out["backfill"] = json{{"duration_seconds", round6(r.backfill->duration_seconds)},
                               {"cost_usd", round6(r.backfill->cost_usd)},
                               {"nodes", r.backfill->nodes},
                               {"events", round6(r.backfill->events)}};
    }
    return out;
}

json to_json(const advisor::Question& q) {
    return json{{"id", q.id}, {"answer", q.answer}, {"reason", q.reason}};
}

json to_json(const pipeline::DrillResult& d) {
    return json{{"at_seconds", round6(d.at_seconds)},
                {"outage_seconds", round6(d.outage_seconds)},
                {"recovery_seconds", round6(d.recovery_seconds)},
                {"events_lost", d.events_lost}};
}

json to_json(const pipeline::ModeResult& m, const evaluation::ModeCost* cost) {
    json out;
    // Spec §8: the cluster each mode holds (batch reads the lake and holds no brokers), why,
    // and whether the mode can run at all.
    out["nodes"] = m.nodes.nodes;
    out["brokers"] = m.brokers ? m.brokers->brokers : 0;
    out["sizing"] = json{{"nodes", nodes_explanation(m.nodes)},
                         {"brokers", m.brokers ? json(brokers_explanation(*m.brokers)) : json(nullptr)}};
    out["feasible"] = m.feasible;
    out["infeasible_because"] = m.feasible ? json(nullptr) : json(m.infeasible_because);
    out["lag_seconds"] =
        json{{"mean", round6(m.lag.mean)},
             {"p50", round6(m.lag.p50)},
             {"p95", round6(m.lag.p95)},
             {"p99", round6(m.lag.p99)},
             {"max", round6(m.lag.max)},
             {"mean_ci95", m.lag.mean_ci95
                               ? json::array({round6((*m.lag.mean_ci95)[0]), round6((*m.lag.mean_ci95)[1])})
                               : json(nullptr)}};
    out["sla_attainment"] = round6(m.sla_attainment);
    out["recovery_seconds"] = json{{"mean", round6(m.recovery.mean)},
                                   {"p95", round6(m.recovery.p95)},
                                   {"failures", m.recovery.failures},
                                   {"automatic_restarts", m.recovery.automatic_restarts}};
    out["late_events_dropped_fraction"] = round6(m.late_events_dropped_fraction);
    out["events_lost"] = m.events_lost;
    if (cost != nullptr) {
        const cost::CostBreakdown& c = cost->monthly_usd;
        out["cost"] = json{
            {"monthly_usd",
             json{{"compute", round6(c.compute)},
                  {"infrastructure", round6(c.infrastructure)},
                  {"storage", round6(c.storage)},
                  {"engineering", round6(c.engineering)},
                  {"total", round6(c.total)},
                  {"total_p5_p95", json::array({round6(c.total_p5_p95[0]), round6(c.total_p5_p95[1])})}}},
            {"multiplier_vs_batch",
             cost->multiplier_vs_batch ? json(round6(*cost->multiplier_vs_batch)) : json(nullptr)}};
    }
    if (!m.drills.empty()) {
        json drills = json::array();
        for (const auto& d : m.drills) drills.push_back(to_json(d));
        out["drills"] = std::move(drills);
    }
    if (m.backlog_growth_per_second) out["backlog_growth_per_second"] = round6(*m.backlog_growth_per_second);
    if (m.peak_backlog_events) {
        out["peak_backlog_events"] = round6(*m.peak_backlog_events);
        out["peak_drain_seconds"] = round6(m.peak_drain_seconds.value_or(0.0));
    }
    if (m.horizon_extended) out["horizon_extended_seconds"] = round6(m.horizon_seconds);
    return out;
}

json to_json(const pipeline::SimulationResult& s,
             const std::map<pipeline::Mode, evaluation::ModeCost>& costs) {
    json modes = json::object();
    for (const auto& [mode, result] : s.modes) {
        const auto it = costs.find(mode);
        modes[std::string(pipeline::to_string(mode))] =
            to_json(result, it == costs.end() ? nullptr : &it->second);
    }
    return json{{"seed", s.seed},
                {"replications", s.replications},
                {"horizon_seconds", round6(s.horizon_seconds)},
                {"events_simulated", s.events_simulated},
                {"modes", std::move(modes)}};
}

json to_json(const evaluation::Sensitivity& s) {
    json bars = json::array();
    for (const auto& b : s.bars) {
        bars.push_back(json{{"input", b.input},
                            {"multiplier_low", round6(b.multiplier_low)},
                            {"multiplier_high", round6(b.multiplier_high)}});
    }
    auto flip = [](const std::optional<evaluation::SlaFlip>& f) -> json {
        if (!f) return nullptr;
        return json{{"sla_seconds", round6(f->sla.seconds())},
                    {"architecture", std::string(model::to_string(f->architecture))}};
    };
    return json{{"base_multiplier", round6(s.base_multiplier)},
                {"replications", s.replications},
                {"tornado", std::move(bars)},
                {"sla_flip_tighter", flip(s.flip_tighter)},
                {"sla_flip_looser", flip(s.flip_looser)}};
}

namespace {
/// Adds each mode's `configuration` and `meets_sla` to a simulation object.
json with_configurations(json simulation, const std::vector<evaluation::ModeConfiguration>& configurations) {
    for (const auto& c : configurations) {
        const std::string mode(pipeline::to_string(c.mode));
        if (!simulation["modes"].contains(mode)) continue;
        json& m = simulation["modes"][mode];
        m["configuration"] = configuration_json(mode, c.interval_seconds, c.nodes, c.brokers, c.stated);
        m["meets_sla"] = c.meets_target();
    }
    return simulation;
}

json cost_parts(const cost::CostBreakdown& c) {
    return json{{"compute", round6(c.compute)},
                {"infrastructure", round6(c.infrastructure)},
                {"storage", round6(c.storage)},
                {"engineering", round6(c.engineering)},
                {"total", round6(c.total)}};
}

json platform_json(const evaluation::PlatformCost& p) {
    json layers = json::object();
    if (p.continuous_mode) {
        layers["continuous"] = json{{"mode", std::string(pipeline::to_string(*p.continuous_mode))},
                                    {"use_cases", p.continuous},
                                    {"nodes", p.continuous_nodes.nodes},
                                    {"sizing", nodes_explanation(p.continuous_nodes)}};
    }
    if (!p.periodic.empty()) {
        layers["batch"] =
            json{{"use_cases", p.periodic}, {"node_hours_per_month", round6(p.batch_node_hours_per_month)}};
    }
    json log = nullptr;
    if (p.continuous_mode) {
        log = json{{"brokers", p.log.brokers},
                   {"streams", p.log_streams},
                   {"peak_mb_per_second", round6(p.log.peak_mb_per_second)},
                   {"sizing", brokers_explanation(p.log)}};
    }
    return json{{"layers", std::move(layers)},
                {"log", std::move(log)},
                {"feasible", p.feasible},
                {"infeasible_because", p.feasible ? json(nullptr) : json(p.infeasible_because)},
                {"cost", json{{"monthly_usd", cost_parts(p.monthly_usd)},
                              {"all_batch_monthly_usd", cost_parts(p.all_batch_monthly_usd)},
                              {"multiplier_vs_all_batch", p.multiplier_vs_all_batch
                                                              ? json(round6(*p.multiplier_vs_all_batch))
                                                              : json(nullptr)}}}};
}

json questions_json(const std::vector<advisor::Question>& questions) {
    json out = json::array();
    for (const auto& q : questions) out.push_back(to_json(q));
    return out;
}
}  // namespace

json to_json(const evaluation::Evaluation& e, const std::string& version) {
    const model::Workload& w = *e.workload;
    json out;
    out["pipeadvise_version"] = version;
    out["workload"] = w.name;
    out["file"] = w.file;
    out["recommendation"] = to_json(e.advice.recommendation);
    out["questions"] = questions_json(e.advice.questions);
    if (w.has_use_cases) {
        json use_cases = json::array();
        for (std::size_t i = 0; i < e.advice.use_cases.size(); ++i) {
            const advisor::UseCaseAdvice& a = e.advice.use_cases[i];
            json uc{{"name", a.name},
                    {"recommendation", to_json(a.recommendation)},
                    {"questions", questions_json(a.questions)}};
            const evaluation::UseCaseEvaluation* ev = i < e.use_cases.size() ? &e.use_cases[i] : nullptr;
            uc["simulation"] =
                ev != nullptr && ev->simulation
                    ? with_configurations(to_json(*ev->simulation, ev->costs), ev->configurations)
                    : json(nullptr);
            use_cases.push_back(std::move(uc));
        }
        out["use_cases"] = std::move(use_cases);
        // Spec §8: one ingestion log, one always-on cluster, one batch cluster.
        out["platform"] = e.platform ? platform_json(*e.platform) : json(nullptr);
    }
    json findings = json::array();
    for (const auto& f : e.advice.findings) findings.push_back(to_json(f));
    out["findings"] = std::move(findings);
    // A file with use_cases has one simulation per use case; the top level then has none.
    if (!w.has_use_cases && !e.use_cases.empty() && e.use_cases.front().simulation) {
        out["simulation"] =
            with_configurations(to_json(*e.use_cases.front().simulation, e.use_cases.front().costs),
                                e.use_cases.front().configurations);
    } else {
        out["simulation"] = nullptr;
    }
    if (e.sensitivity) out["sensitivity"] = to_json(*e.sensitivity);
    return out;
}

}  // namespace pipeadvise::render::json
