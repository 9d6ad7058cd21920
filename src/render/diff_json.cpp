#include <nlohmann/json.hpp>

#include "pipeadvise/render/json.hpp"
#include "pipeadvise/render/sweep.hpp"

namespace pipeadvise::render::detail {

namespace {

using Json = nlohmann::json;

Json value(const std::optional<double>& v) {
    return v ? Json(render::json::round6(*v)) : Json(nullptr);
}

Json change_json(const evaluation::Change& c) {
    return Json{{"before", value(c.before)},
                {"after", value(c.after)},
                {"delta", value(c.delta())},
                {"delta_percent", value(c.percent())}};
}

Json findings_json(const std::vector<advisor::Finding>& findings) {
    Json out = Json::array();
    for (const auto& f : findings) out.push_back(render::json::to_json(f));
    return out;
}

}  // namespace

std::string diff_json(const evaluation::Diff& d, const RenderOptions& options) {
    Json modes = Json::object();
    for (const auto& m : d.modes) {
        modes[std::string(pipeline::to_string(m.mode))] =
            Json{{"monthly_usd", Json{{"compute", change_json(m.compute)},
                                      {"infrastructure", change_json(m.infrastructure)},
                                      {"storage", change_json(m.storage)},
                                      {"engineering", change_json(m.engineering)},
                                      {"total", change_json(m.total)}}},
                 {"lag_seconds", Json{{"p95", change_json(m.lag_p95)}, {"p99", change_json(m.lag_p99)}}}};
    }
    const Json out{
        {"pipeadvise_version", options.version},
        {"old", Json{{"file", d.old_file},
                     {"workload", d.old_workload},
                     {"recommendation", std::string(model::to_string(d.old_architecture))}}},
        {"new", Json{{"file", d.new_file},
                     {"workload", d.new_workload},
                     {"recommendation", std::string(model::to_string(d.new_architecture))}}},
        {"recommendation_changed", d.recommendation_changed()},
        {"recommended_monthly_usd", change_json(d.recommended_monthly_usd)},
        {"modes", modes},
        {"findings",
         Json{{"added", findings_json(d.findings_added)}, {"removed", findings_json(d.findings_removed)}}},
    };
    return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace pipeadvise::render::detail
