#include <nlohmann/json.hpp>

#include "pipeadvise/render/json.hpp"
#include "pipeadvise/render/sweep.hpp"

namespace pipeadvise::render {

std::string whatif_json_line(const evaluation::WhatifRow& row) {
    nlohmann::json set = nlohmann::json::object();
    for (const auto& s : row.settings) set[s.key] = s.value;
    nlohmann::json modes = nlohmann::json::object();
    for (const pipeline::Mode mode : pipeline::k_all_modes) {
        nlohmann::json m = nlohmann::json::object();
        if (auto it = row.lag_p95_seconds.find(mode); it != row.lag_p95_seconds.end())
            m["lag_p95_seconds"] = json::round6(it->second);
        if (auto it = row.sla_attainment.find(mode); it != row.sla_attainment.end())
            m["sla_attainment"] = json::round6(it->second);
        if (auto it = row.monthly_cost_usd.find(mode); it != row.monthly_cost_usd.end())
            m["monthly_cost_usd"] = json::round6(it->second);
        if (!m.empty()) modes[std::string(pipeline::to_string(mode))] = std::move(m);
    }
    const nlohmann::json out{{"set", std::move(set)},
                             {"recommendation", std::string(model::to_string(row.recommendation))},
                             {"modes", std::move(modes)}};
    return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace pipeadvise::render
