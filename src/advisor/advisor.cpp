#include "pipeadvise/advisor/advisor.hpp"

#include "pipeadvise/advisor/checks.hpp"
#include "pipeadvise/advisor/questions.hpp"

namespace pipeadvise::advisor {

Advice advise(const model::Workload& workload, const AdviceOptions& options) {
    if (workload.use_cases.empty()) {
        throw util::Error(util::Error::Kind::internal,
                          "workload '" + workload.name + "' has no use case to advise on");
    }
    Advice advice;
    for (std::size_t i = 0; i < workload.use_cases.size(); ++i) {
        const SimulatedFacts* facts = i < options.facts.size() ? &options.facts[i] : nullptr;
        advice.use_cases.push_back(advise_use_case(workload, workload.use_cases[i], facts));
    }
    roll_up(workload, options.facts, advice, options.platform);
    advice.findings = find_issues(workload, advice, options);
    apply_waivers(workload, options, advice.findings);
    sort_findings(advice.findings);
    return advice;
}

}  // namespace pipeadvise::advisor
