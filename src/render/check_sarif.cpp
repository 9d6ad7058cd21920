// `check --format sarif`: SARIF 2.1.0, one run, every catalogue rule described, waived findings
// reported with `suppressions`. Fingerprints hash what identifies a finding (rule, file, key
// path, use case), never its line, so they survive unrelated edits of the workload file.

#include <cctype>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "pipeadvise/render/check_summary.hpp"
#include "pipeadvise/render/escape.hpp"
#include "pipeadvise/render/formats.hpp"

namespace pipeadvise::render::detail {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* k_schema_uri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
/// Key of our fingerprint in `partialFingerprints`; bump the suffix if the hashed fields change.
constexpr const char* k_fingerprint_key = "pipeadviseFinding/v1";

std::string sarif_level(advisor::Severity s) {
    switch (s) {
        case advisor::Severity::error:
            return "error";
        case advisor::Severity::warning:
            return "warning";
        case advisor::Severity::info:
            return "note";
    }
    return "none";
}

/// "watermark-too-short" -> "WatermarkTooShort" (SARIF `name` is an identifier-like label).
std::string rule_name(const std::string& id) {
    std::string out;
    bool upper = true;
    for (const char c : id) {
        if (c == '-' || c == '_' || c == '.') {
            upper = true;
        } else if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
            out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
            upper = false;
        }
    }
    return out;
}

Json rule_json(const advisor::Rule& rule, const std::string& docs_url) {
    Json j;
    j["id"] = rule.id;
    j["name"] = rule_name(rule.id);
    j["shortDescription"] = Json{{"text", rule.title}};
    j["fullDescription"] = Json{{"text", rule.help}};
    j["help"] =
        Json{{"text", rule.help},
             {"markdown", "**" + escape_markdown(rule.title) + "**\n\n" + escape_markdown(rule.help)}};
    if (!docs_url.empty()) j["helpUri"] = rule_help_uri(docs_url, rule.id);
    j["defaultConfiguration"] = Json{{"level", sarif_level(rule.check_severity)}};
    return j;
}

}  // namespace

std::string check_sarif(const Evaluations& evaluations, const RenderOptions& options) {
    const advisor::Severity fail_on = fail_on_threshold(options.fail_on);
    const auto& catalogue = advisor::rules();
    std::map<std::string, std::size_t> rule_index;
    Json rules = Json::array();
    for (std::size_t i = 0; i < catalogue.size(); ++i) {
        rule_index.emplace(catalogue[i].id, i);
        rules.push_back(rule_json(catalogue[i], options.docs_url));
    }

    Json driver;
    driver["name"] = "pipeadvise";
    if (!options.version.empty()) {
        driver["version"] = options.version;
        driver["semanticVersion"] = options.version;
    }
    // The tool's documentation: the page on `check` and its formats; each rule links to its
    // own section of findings.md (helpUri).
    if (!options.docs_url.empty()) {
        std::string information = options.docs_url;
        if (information.back() != '/') information += '/';
        driver["informationUri"] = information + "ci.md";
    }
    driver["rules"] = std::move(rules);

    Json results = Json::array();
    const std::vector<std::string> fingerprints = finding_fingerprints(evaluations);
    std::size_t finding_number = 0;
    for (const auto& e : evaluations) {
        for (const auto& f : e.advice.findings) {
            const std::string uri = path_to_uri(finding_file(f, e));
            Json r;
            r["ruleId"] = f.id;
            if (auto it = rule_index.find(f.id); it != rule_index.end()) r["ruleIndex"] = it->second;
            r["level"] = sarif_level(f.severity);
            r["message"] = Json{{"text", f.message}};
            Json physical;
            physical["artifactLocation"] = Json{{"uri", uri}};
            if (f.location.line > 0) {
                Json region;
                region["startLine"] = f.location.line;
                if (f.location.column > 0) region["startColumn"] = f.location.column;
                physical["region"] = std::move(region);
            }
            Json location;
            location["physicalLocation"] = std::move(physical);
            if (!f.path.empty()) {
                location["logicalLocations"] =
                    Json::array({Json{{"fullyQualifiedName", f.path}, {"kind", "property"}}});
            }
            r["locations"] = Json::array({std::move(location)});
            r["partialFingerprints"] = Json{{k_fingerprint_key, fingerprints[finding_number++]}};
            if (f.suppressed) {
                Json suppression{{"kind", "external"}};
                if (!f.suppression_reason.empty()) suppression["justification"] = f.suppression_reason;
                r["suppressions"] = Json::array({std::move(suppression)});
            }
            Json properties;
            if (!f.path.empty()) properties["path"] = f.path;
            if (!f.use_case.empty()) properties["useCase"] = f.use_case;
            if (!properties.empty()) r["properties"] = std::move(properties);
            results.push_back(std::move(r));
        }
    }

    const CheckSummary summary = summarize_check(evaluations, fail_on);
    Json run;
    run["tool"] = Json{{"driver", std::move(driver)}};
    run["invocations"] = Json::array({Json{{"executionSuccessful", true}}});
    run["results"] = std::move(results);
    run["properties"] = Json{{"failOn", advisor::to_string(fail_on)}, {"failed", summary.failed}};

    Json doc;
    doc["$schema"] = k_schema_uri;
    doc["version"] = "2.1.0";
    doc["runs"] = Json::array({std::move(run)});
    // sanitize_utf8: noncharacters become U+FFFD as in every other format.
    return sanitize_utf8(doc.dump(2, ' ', false, Json::error_handler_t::replace)) + '\n';
}

}  // namespace pipeadvise::render::detail
