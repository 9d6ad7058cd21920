#include <algorithm>
#include <cmath>
#include <tuple>

#include "checker.hpp"
#include "pipeadvise/advisor/questions.hpp"
#include "pipeadvise/advisor/wording.hpp"
#include "pipeadvise/util/spelling.hpp"

namespace pipeadvise::advisor {

using model::Architecture;
using util::format_duration;
using util::format_seconds;

Checker::Checker(const model::Workload& workload, const Advice& advice, const AdviceOptions& options)
    : m_w(workload), m_advice(advice), m_options(options), m_p(workload.proposal) {
    for (const auto& uc : advice.use_cases) {
        const Architecture a = judged_architecture(workload, uc);
        m_streaming = m_streaming || is_streaming(a);
        m_continuous = m_continuous || is_continuous(a);
        m_batch = m_batch || a == Architecture::batch;
    }
}

std::vector<Finding> Checker::run() {
    check_architecture();
    check_team();
    check_streaming_choice();
    check_hybrid();
    check_continuous_checklist();
    check_batch_checklist();
    check_backfill();
    for (std::size_t i = 0; i < m_w.use_cases.size(); ++i) check_use_case(i);
    check_proposal_present();
    return std::move(m_out);
}

const SimulatedFacts* Checker::facts_of(std::size_t use_case) const {
    return use_case < m_options.facts.size() ? &m_options.facts[use_case] : nullptr;
}

std::optional<util::Duration> Checker::watermark_of(const model::UseCase& uc) const {
    return uc.watermark ? uc.watermark : m_p.watermark;
}

std::string Checker::watermark_path(const model::UseCase& uc) const {
    return uc.watermark ? path_in(uc, "proposal.watermark") : "proposal.watermark";
}

void Checker::add(std::string_view id, std::string path, std::string message, const model::UseCase* uc,
                  Severity cap) {
    const Rule* rule = find_rule(id);
    Finding f;
    f.id = std::string(id);
    Severity s = rule != nullptr ? rule->check_severity : Severity::warning;
    if (m_options.context == Context::evaluate) s = std::min(s, Severity::warning);
    f.severity = std::min(s, cap);
    f.message = std::move(message);
    f.location = m_w.location_of(path);
    f.path = std::move(path);
    if (uc != nullptr && m_w.has_use_cases) f.use_case = uc->name;
    m_out.push_back(std::move(f));
}

void Checker::not_stated(std::string path, const std::string& what) {
    if (!m_p.present && path.rfind("proposal.", 0) == 0) return;
    add("checklist-not-stated", path, path + " is not stated: " + what + ".");
}

void Checker::checklist(const std::optional<bool>& value, std::string_view id, const std::string& path,
                        const std::string& when_false, const std::string& when_unstated) {
    if (!value) {
        not_stated(path, when_unstated);
    } else if (!*value) {
        add(id, path, when_false);
    }
}

std::string Checker::sla_text(const model::UseCase& uc) const {
    return "the " + format_duration(uc.latency.sla) + " SLA (" + path_in(uc, "latency.sla") + ")";
}

std::string Checker::slas_text() const {
    if (m_w.use_cases.size() == 1) return sla_text(m_w.use_cases.front());
    std::vector<std::string> parts;
    for (const auto& uc : m_w.use_cases) parts.push_back(uc.name + " " + format_duration(uc.latency.sla));
    return "the SLAs (" + join_words(parts) + ")";
}

std::string Checker::calls_for() const {
    return m_w.use_cases.size() == 1 ? " calls for " : " call for ";
}

model::Architecture judged_architecture(const model::Workload& workload, const UseCaseAdvice& use_case) {
    const auto& proposed = workload.proposal.architecture;
    if (proposed && *proposed != Architecture::hybrid) return *proposed;
    return use_case.recommendation.architecture;
}

std::vector<Finding> find_issues(const model::Workload& workload, const Advice& advice,
                                 const AdviceOptions& options) {
    return Checker(workload, advice, options).run();
}

void apply_waivers(const model::Workload& workload, const AdviceOptions& options,
                   std::vector<Finding>& findings) {
    std::vector<std::string> ids;
    for (const auto& r : rules()) ids.push_back(r.id);
    std::vector<Finding> added;
    auto make = [&](std::string_view id, std::string path, std::string message) {
        Finding f;
        f.id = std::string(id);
        f.severity = find_rule(id)->check_severity;
        if (options.context == Context::evaluate) f.severity = std::min(f.severity, Severity::warning);
        f.location = workload.location_of(path);
        f.path = std::move(path);
        f.message = std::move(message);
        added.push_back(std::move(f));
    };
    const auto& waivers = workload.proposal.waivers;
    for (std::size_t i = 0; i < waivers.size(); ++i) {
        const model::Waiver& w = waivers[i];
        const std::string base = w.path.empty() ? "proposal.waivers[" + std::to_string(i) + "]" : w.path;
        if (find_rule(w.id) == nullptr) {
            const auto suggestion = util::did_you_mean(w.id, ids);
            make("waiver-unknown-id", base + ".id",
                 "The waiver names '" + w.id + "', which is not a finding id" +
                     (suggestion ? "; did you mean '" + *suggestion + "'?" : "; it waives nothing."));
            continue;
        }
        if (w.expires < options.today) {
            make("waiver-expired", base + ".expires",
                 "The waiver for " + w.id + " expired on " + util::format_date(w.expires) + " (today is " +
                     util::format_date(options.today) +
                     "), so the finding is reported again; fix it or renew the "
                     "waiver with a reason.");
            continue;
        }
        bool used = false;
        for (Finding& f : findings) {
            if (f.id == w.id && !f.suppressed) {
                f.suppressed = true;
                f.suppression_reason = w.reason;
                used = true;
            }
        }
        if (!used) {
            make("waiver-unused", base + ".id",
                 "The waiver for " + w.id + " (until " + util::format_date(w.expires) +
                     ") matches no finding of this workload; remove it so it cannot hide a future "
                     "regression.");
        }
    }
    findings.insert(findings.end(), added.begin(), added.end());
}

void sort_findings(std::vector<Finding>& findings) {
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        return std::tie(a.location.line, a.location.column, a.id, a.use_case, a.path, a.message) <
               std::tie(b.location.line, b.location.column, b.id, b.use_case, b.path, b.message);
    });
}

}  // namespace pipeadvise::advisor
