// `check --format json`: one document with stable keys (documented in docs/ci.md).

#include <nlohmann/json.hpp>

#include "pipeadvise/render/check_summary.hpp"
#include "pipeadvise/render/escape.hpp"
#include "pipeadvise/render/formats.hpp"

namespace pipeadvise::render::detail {

namespace {

using Json = nlohmann::ordered_json;

Json recommendation_json(const advisor::Recommendation& r) {
    Json j;
    j["architecture"] = model::to_string(r.architecture);
    j["fallback"] = r.fallback ? Json(model::to_string(*r.fallback)) : Json(nullptr);
    j["summary"] = r.summary;
    j["cost_multiplier_vs_batch"] =
        r.cost_multiplier_vs_batch ? Json(*r.cost_multiplier_vs_batch) : Json(nullptr);
    return j;
}

Json finding_json(const advisor::Finding& f, const evaluation::Evaluation& e) {
    const advisor::Rule* rule = advisor::find_rule(f.id);
    Json j;
    j["id"] = f.id;
    j["severity"] = advisor::to_string(f.severity);
    j["message"] = f.message;
    j["help"] = rule != nullptr ? rule->help : std::string();
    j["location"] =
        Json{{"file", finding_file(f, e)}, {"line", f.location.line}, {"column", f.location.column}};
    j["path"] = f.path;
    j["use_case"] = f.use_case;
    j["suppressed"] = f.suppressed;
    j["suppression_reason"] = f.suppression_reason;
    return j;
}

}  // namespace

std::string check_json(const Evaluations& evaluations, const RenderOptions& options) {
    const advisor::Severity fail_on = fail_on_threshold(options.fail_on);
    Json doc;
    doc["pipeadvise_version"] = options.version;
    doc["fail_on"] = advisor::to_string(fail_on);
    Json files = Json::array();
    for (const auto& e : evaluations) {
        Json file;
        file["file"] = evaluation_file(e);
        file["workload"] = evaluation_workload_name(e);
        file["recommendation"] = recommendation_json(e.advice.recommendation);
        if (e.workload != nullptr && e.workload->has_use_cases) {
            Json use_cases = Json::array();
            for (const auto& u : e.advice.use_cases) {
                use_cases.push_back(
                    Json{{"name", u.name}, {"recommendation", recommendation_json(u.recommendation)}});
            }
            file["use_cases"] = std::move(use_cases);
        }
        Json findings = Json::array();
        for (const auto& f : e.advice.findings) findings.push_back(finding_json(f, e));
        file["findings"] = std::move(findings);
        files.push_back(std::move(file));
    }
    doc["files"] = std::move(files);
    const CheckSummary summary = summarize_check(evaluations, fail_on);
    doc["summary"] = Json{{"error", summary.counts.error},
                          {"warning", summary.counts.warning},
                          {"info", summary.counts.info},
                          {"suppressed", summary.counts.suppressed},
                          {"failed", summary.failed}};
    // Workload text is validated UTF-8 on input; replacing anything else keeps the output valid.
    // sanitize_utf8: noncharacters become U+FFFD as in every other format.
    return sanitize_utf8(doc.dump(2, ' ', false, Json::error_handler_t::replace)) + '\n';
}

}  // namespace pipeadvise::render::detail
