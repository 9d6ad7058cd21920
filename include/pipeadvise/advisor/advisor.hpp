#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pipeadvise/advisor/estimates.hpp"
#include "pipeadvise/advisor/finding.hpp"
#include "pipeadvise/model/workload.hpp"
#include "pipeadvise/util/date.hpp"

/// The five questions (spec §1) as a pure function Workload -> Recommendation + Findings.
namespace pipeadvise::advisor {

/// Who is judging: `evaluate` caps severities at warning; `check` judges a proposal.
enum class Context { evaluate, check };

/// One of the five questions: id is latency | state | boundedness | failure | cost.
struct Question {
    std::string id;
    std::string answer;  ///< short answer, e.g. "streaming branch (SLA 30s < 60s)"
    std::string reason;  ///< one sentence citing the workload's own values
};

/// The configuration a mode was simulated at (spec §9), as the configuration search reports it.
struct ConfigurationFacts {
    /// Batch schedule or micro-batch trigger simulated, seconds (absent for streaming).
    std::optional<double> interval_seconds;
    int nodes = 0;
    int brokers = 0;
    bool stated = false;          ///< the file's own interval, not the search's
    double sla_attainment = 0.0;  ///< simulated share of events within the SLA
    double target = 0.99;         ///< latency.attainment_target
    /// The longest ladder interval that meets the target in simulation, when one does.
    std::optional<double> meeting_interval_seconds;
    /// When none does: the shortest interval simulated and its attainment.
    std::optional<double> best_interval_seconds;
    double best_attainment = 0.0;
    bool meets_target() const { return sla_attainment >= target; }
};

/// Numbers from the simulator and cost model that refine the advice. All optional: the
/// advisor falls back to analytic estimates (and says so) when a number is absent.
struct SimulatedFacts {
    /// Monthly total cost (USD) per simulated mode: "batch", "micro_batch", "streaming".
    std::map<std::string, double> monthly_cost_usd;
    /// Share of ALL events the watermark drops (simulated streaming mode, stateful), 0..1.
    std::optional<double> watermark_drop_fraction;
    /// Worst observed detection + recovery time, seconds (streaming mode; p95 or max).
    std::optional<double> worst_recovery_seconds;
    /// Events lost by the streaming mode over the simulation (retention too short).
    std::optional<double> streaming_events_lost;
    /// Worst lag p99, seconds, per mode.
    std::map<std::string, double> lag_p99_seconds;
    /// The configuration each mode was simulated at, by mode.
    std::map<std::string, ConfigurationFacts> configurations;
    /// Modes that cannot run as configured (spec §8): the reason (with its fix) and the key to
    /// change. They have no cost or lag above.
    struct Infeasible {
        std::string because;
        std::string fix_key;
    };
    std::map<std::string, Infeasible> infeasible;
};

/// The answer for one use case (or the whole platform).
struct Recommendation {
    model::Architecture architecture = model::Architecture::batch;
    std::optional<model::Architecture> fallback;     ///< e.g. micro_batch for a team not ready
    std::string summary;                             ///< two or three sentences
    std::optional<double> cost_multiplier_vs_batch;  ///< from SimulatedFacts when known
    /// For micro_batch: the suggested trigger (longest of 30s/1m/2m/5m that fits the SLA).
    std::optional<util::Duration> suggested_trigger;
    /// The SLA is under 5 min but not verified with stakeholders or tied to a decision, so the
    /// answer holds only if that SLA is real; `condition` says what it would be otherwise.
    bool conditional = false;
    std::string condition;  ///< one or two sentences, empty unless conditional
    /// The recommended configuration and how it fares, the outputs' first line: "batch every
    /// 30m on 4 nodes: 99.6% within 1h, $312/month." (empty when not simulated).
    std::string headline;
    /// Bounded data with a stated data.history: the one-off backfill (spec §9).
    std::optional<BackfillEstimate> backfill;
    /// The recommended mode's simulated configuration (spec §9), when simulated.
    std::optional<ConfigurationFacts> configuration;
    /// No batch schedule meets the target, so the answer moved from batch to micro_batch.
    bool moved_from_batch = false;
    /// The mode the questions point to cannot run as configured (spec §8) and another simulated
    /// mode meets the target, so the answer moved from that mode ("streaming", ...) to it.
    std::string moved_from_infeasible;
};

/// The five answers for one use case.
struct UseCaseAdvice {
    std::string name;
    std::string path;  ///< "" or "use_cases[i]"
    Recommendation recommendation;
    std::vector<Question> questions;  ///< exactly five, in spec order
};

/// Everything the advisor says about one workload.
struct Advice {
    Recommendation recommendation;         ///< platform level (hybrid for mixed use cases)
    std::vector<Question> questions;       ///< platform level (the single use case's, or a roll-up)
    std::vector<UseCaseAdvice> use_cases;  ///< one per use case (one when the file has none)
    std::vector<Finding> findings;         ///< sorted by location, then id; waivers applied
};

/// Inputs of a run that are not in the workload (kept out so the function stays pure).
struct AdviceOptions {
    Context context = Context::evaluate;
    util::Date today;  ///< for waiver expiry
    /// Per use case (by index in Workload::use_cases), facts from simulation; may be empty.
    std::vector<SimulatedFacts> facts;
    /// For a file with use cases: the shared platform's monthly cost and the all-batch one
    /// (evaluation/platform.hpp), when simulated. The roll-up quotes its multiplier.
    struct PlatformFacts {
        double monthly_usd = 0;
        std::optional<double> multiplier_vs_all_batch;  ///< absent when it cannot run
        std::string infeasible_because;
    };
    std::optional<PlatformFacts> platform;
};

/// Answers the five questions and lists the checklist/pitfall findings.
Advice advise(const model::Workload& workload, const AdviceOptions& options);

}  // namespace pipeadvise::advisor
