#include "pipeadvise/evaluation/diff.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace pipeadvise::evaluation {

namespace {

/// Per-mode figures of one side, aggregated over use cases.
struct Side {
    std::map<pipeline::Mode, cost::CostBreakdown> cost;
    std::map<pipeline::Mode, std::pair<double, double>> lag;  // worst p95, worst p99
    std::optional<double> recommended_usd;
};

Side side_of(const Evaluation& e) {
    Side s;
    bool all_known = !e.use_cases.empty();
    double recommended = 0;
    for (std::size_t i = 0; i < e.use_cases.size(); ++i) {
        const auto& uc = e.use_cases[i];
        for (const auto& [mode, c] : uc.costs) {
            auto& sum = s.cost[mode];
            sum.compute += c.monthly_usd.compute;
            sum.infrastructure += c.monthly_usd.infrastructure;
            sum.storage += c.monthly_usd.storage;
            sum.engineering += c.monthly_usd.engineering;
            sum.total += c.monthly_usd.total;
        }
        if (uc.simulation) {
            for (const auto& [mode, r] : uc.simulation->modes) {
                auto [it, fresh] = s.lag.emplace(mode, std::make_pair(r.lag.p95, r.lag.p99));
                if (!fresh) {
                    it->second.first = std::max(it->second.first, r.lag.p95);
                    it->second.second = std::max(it->second.second, r.lag.p99);
                }
            }
        }
        // Each use case in the mode its own recommendation runs in.
        std::optional<pipeline::Mode> mode;
        if (i < e.advice.use_cases.size()) mode = mode_of(e.advice.use_cases[i].recommendation.architecture);
        const auto cost = mode ? uc.costs.find(*mode) : uc.costs.end();
        if (cost == uc.costs.end()) {
            all_known = false;
        } else {
            recommended += cost->second.monthly_usd.total;
        }
    }
    if (all_known) s.recommended_usd = recommended;
    return s;
}

using FindingKey = std::tuple<std::string, std::string, std::string>;
FindingKey key_of(const advisor::Finding& f) {
    return {f.id, f.path, f.use_case};
}

std::vector<advisor::Finding> only_in(const std::vector<advisor::Finding>& these,
                                      const std::vector<advisor::Finding>& others) {
    std::set<FindingKey> keys;
    for (const auto& f : others) keys.insert(key_of(f));
    std::vector<advisor::Finding> out;
    for (const auto& f : these)
        if (!keys.count(key_of(f))) out.push_back(f);
    return out;
}

}  // namespace

std::optional<double> Change::delta() const {
    if (!before || !after) return std::nullopt;
    return *after - *before;
}

std::optional<double> Change::percent() const {
    if (!before || !after || *before == 0.0) return std::nullopt;
    return 100.0 * (*after - *before) / *before;
}

std::optional<pipeline::Mode> mode_of(model::Architecture architecture) {
    switch (architecture) {
        case model::Architecture::batch:
            return pipeline::Mode::batch;
        case model::Architecture::micro_batch:
            return pipeline::Mode::micro_batch;
        case model::Architecture::simple_streaming:
        case model::Architecture::full_streaming:
            return pipeline::Mode::streaming;
        case model::Architecture::hybrid:
            return std::nullopt;
    }
    return std::nullopt;
}

Diff diff(const Evaluation& before, const Evaluation& after) {
    Diff d;
    if (before.workload) {
        d.old_file = before.workload->file;
        d.old_workload = before.workload->name;
    }
    if (after.workload) {
        d.new_file = after.workload->file;
        d.new_workload = after.workload->name;
    }
    d.old_architecture = before.advice.recommendation.architecture;
    d.new_architecture = after.advice.recommendation.architecture;

    const Side old_side = side_of(before);
    const Side new_side = side_of(after);
    d.recommended_monthly_usd = Change{old_side.recommended_usd, new_side.recommended_usd};

    for (const pipeline::Mode mode : pipeline::k_all_modes) {
        const auto oc = old_side.cost.find(mode);
        const auto nc = new_side.cost.find(mode);
        const auto ol = old_side.lag.find(mode);
        const auto nl = new_side.lag.find(mode);
        if (oc == old_side.cost.end() && nc == new_side.cost.end() && ol == old_side.lag.end() &&
            nl == new_side.lag.end()) {
            continue;
        }
        ModeDiff m;
        m.mode = mode;
        const auto part = [&](double cost::CostBreakdown::*field) {
            Change c;
            if (oc != old_side.cost.end()) c.before = oc->second.*field;
            if (nc != new_side.cost.end()) c.after = nc->second.*field;
            return c;
        };
        m.compute = part(&cost::CostBreakdown::compute);
        m.infrastructure = part(&cost::CostBreakdown::infrastructure);
        m.storage = part(&cost::CostBreakdown::storage);
        m.engineering = part(&cost::CostBreakdown::engineering);
        m.total = part(&cost::CostBreakdown::total);
        if (ol != old_side.lag.end()) {
            m.lag_p95.before = ol->second.first;
            m.lag_p99.before = ol->second.second;
        }
        if (nl != new_side.lag.end()) {
            m.lag_p95.after = nl->second.first;
            m.lag_p99.after = nl->second.second;
        }
        d.modes.push_back(m);
    }

    d.findings_added = only_in(after.advice.findings, before.advice.findings);
    d.findings_removed = only_in(before.advice.findings, after.advice.findings);
    return d;
}

}  // namespace pipeadvise::evaluation
