#include <nlohmann/json.hpp>

#include "pipeadvise/render/json.hpp"
#include "pipeadvise/render/sweep.hpp"

namespace pipeadvise::render::detail {

namespace {

using Json = nlohmann::json;

Json estimate_json(const cost::Estimate& e) {
    return Json{
        {"value", render::json::round6(e.value)},
        {"standard_error", e.standard_error ? Json(render::json::round6(*e.standard_error)) : Json(nullptr)}};
}

Json fit_json(const cost::LineFit& f) {
    Json residuals = Json::array();
    for (double r : f.residuals) residuals.push_back(render::json::round6(r));
    return Json{{"rows", f.rows},
                {"identified", f.identified},
                {"r_squared", f.r_squared ? Json(render::json::round6(*f.r_squared)) : Json(nullptr)},
                {"residual_max", render::json::round6(f.residual_max)},
                {"residual_rms", render::json::round6(f.residual_rms)},
                {"residuals", residuals}};
}

}  // namespace

std::string calibration_json(const cost::Calibration& c, std::string_view file) {
    Json duration = fit_json(c.duration);
    duration["job_startup_seconds"] =
        c.job_startup_seconds ? estimate_json(*c.job_startup_seconds) : Json(nullptr);
    duration["node_throughput_per_second"] =
        c.node_throughput ? estimate_json(*c.node_throughput) : Json(nullptr);
    Json cost = nullptr;
    if (c.cost) {
        cost = fit_json(*c.cost);
        cost["fixed_usd_per_run"] = c.cost->identified ? estimate_json(c.cost->intercept) : Json(nullptr);
        cost["usd_per_event"] = c.cost->identified ? estimate_json(c.cost->slope) : Json(nullptr);
    }
    const std::string snippet = cost::infrastructure_snippet(c);
    const Json out{{"file", std::string(file)},
                   {"runs", c.duration.rows},
                   {"duration", duration},
                   {"cost", cost},
                   {"warnings", c.warnings},
                   {"infrastructure_snippet", snippet.empty() ? Json(nullptr) : Json(snippet)}};
    return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace pipeadvise::render::detail
