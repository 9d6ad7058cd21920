#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeadvise/advisor/checks.hpp"
#include "pipeadvise/advisor/estimates.hpp"

/// The checker behind find_issues, shared by the files that hold its checks by topic:
/// checks.cpp (the core and waivers), checks_architecture.cpp (the decision and the team),
/// checks_checklist.cpp (the production checklist), checks_use_case.cpp (per use case
/// pitfalls) and checks_v2.cpp (the checks of spec §9). Private to src/advisor/.
namespace pipeadvise::advisor {

/// Batch and micro-batch both read the log continuously from checkpointed offsets.
inline bool is_continuous(model::Architecture a) {
    return a != model::Architecture::batch;
}

/// "batch", "micro_batch", ...
inline std::string arch_name(model::Architecture a) {
    return std::string(model::to_string(a));
}

class Checker {
public:
    Checker(const model::Workload& workload, const Advice& advice, const AdviceOptions& options);
    std::vector<Finding> run();

private:
    const model::Workload& m_w;
    const Advice& m_advice;
    const AdviceOptions& m_options;
    const model::Proposal& m_p;
    bool m_streaming = false;
    bool m_continuous = false;
    bool m_batch = false;
    std::vector<Finding> m_out;

    // checks.cpp: the helpers every check uses.
    /// Adds a finding; `cap` lowers the rule's check severity (e.g. judged on a recommendation).
    void add(std::string_view id, std::string path, std::string message, const model::UseCase* uc = nullptr,
             Severity cap = Severity::error);
    /// A checklist item the file does not state (only once a proposal section exists; without
    /// one, check_proposal_present reports the whole checklist at once).
    void not_stated(std::string path, const std::string& what);
    /// A boolean checklist item: false is the rule's finding, unstated is an info.
    void checklist(const std::optional<bool>& value, std::string_view id, const std::string& path,
                   const std::string& when_false, const std::string& when_unstated);
    std::string sla_text(const model::UseCase& uc) const;
    std::string slas_text() const;
    /// "calls for" or "call for", agreeing with slas_text().
    std::string calls_for() const;
    const SimulatedFacts* facts_of(std::size_t use_case) const;
    /// The watermark a use case runs with: its own proposal.watermark, else the shared one.
    std::optional<util::Duration> watermark_of(const model::UseCase& uc) const;
    /// Where that watermark is (or would be) stated.
    std::string watermark_path(const model::UseCase& uc) const;

    // checks_architecture.cpp
    void check_architecture();
    /// The first use case judged as streaming (check_team runs only when there is one).
    std::size_t first_streaming_use_case() const;
    void check_team();
    void check_streaming_choice();

    // checks_checklist.cpp
    void check_hybrid();
    void check_continuous_checklist();
    void check_batch_checklist();
    void check_backfill();
    void check_proposal_present();

    // checks_use_case.cpp
    void check_use_case(std::size_t i);
    void check_sla_questions(const model::UseCase& uc);
    void check_capacity(const model::UseCase& uc, model::Architecture a);
    void check_micro_batch_trigger(const model::UseCase& uc, const UseCaseAdvice& advice,
                                   model::Architecture a);
    void check_state(const model::UseCase& uc, model::Architecture a);
    void check_watermark(const model::UseCase& uc, model::Architecture a, const SimulatedFacts* facts);
    void check_database_sink(const model::UseCase& uc, model::Architecture a);
    static std::string trim_ratio(double r);
    /// A running result per key (count, sum, join match, latest value) can be emitted on every
    /// update; a session's final result needs the session to close.
    static bool allows_per_event_results(const model::Computation& c);
    void check_window_emission(const model::UseCase& uc, const SimulatedFacts* facts);
    /// The in-memory state store cannot hold the state: the simulator's OOM restart loop.
    bool oom_loop(const model::UseCase& uc) const;
    void check_infeasible_modes(const model::UseCase& uc, const SimulatedFacts* facts);
    void check_retention(const model::UseCase& uc, model::Architecture a, const SimulatedFacts* facts);

    // checks_v2.cpp
    void check_request_path(const model::UseCase& uc);
    void check_micro_batch_maturity(const model::UseCase& uc, const UseCaseAdvice& advice);
    void check_replay_retention(const model::UseCase& uc, model::Architecture a);
    /// The stated schedule or trigger of the proposed or recommended mode misses the target.
    void check_sla_met(std::size_t i);
};

}  // namespace pipeadvise::advisor
