#pragma once

#include <array>
#include <string>
#include <vector>

#include "pipeadvise/model/workload.hpp"
#include "pipeadvise/physics/calendar.hpp"
#include "pipeadvise/pipeline/result.hpp"

/// Monthly cost of each mode (spec §5 "Cost"); every default is in docs/cost-model.md.
namespace pipeadvise::cost {

/// USD per month, by part; parts add up to `total`.
struct CostBreakdown {
    double compute = 0, infrastructure = 0, storage = 0, engineering = 0, total = 0;
    /// p5–p95 of the total across replications (incidents make engineering uncertain).
    std::array<double, 2> total_p5_p95{0, 0};
};

/// Monthly cost of one simulated mode of a use case.
CostBreakdown monthly_cost(const model::Workload& workload, const model::UseCase& use_case,
                           const pipeline::ModeResult& result);

/// Hours in the cost model's month: physics::k_hours_per_month (30 days), the same month as
/// the simulator's `UsageFacts` (cloud price sheets often quote 730 h; the difference is 1.4 %).
inline constexpr double k_hours_per_month = physics::k_hours_per_month;
/// Bytes per GB: storage is priced per decimal gigabyte.
inline constexpr double k_bytes_per_gb = 1e9;
/// Factor on baseline operating hours by team maturity (dimensionless).
inline constexpr double k_maturity_factor_low = 1.5;
inline constexpr double k_maturity_factor_medium = 1.0;
inline constexpr double k_maturity_factor_high = 0.8;

/// Factor on baseline operating hours for a team's maturity (low 1.5, medium 1, high 0.8).
double maturity_factor(model::Maturity maturity);

/// Baseline operating hours per month of a mode, before the maturity factor (hours/month).
/// Streaming uses the stateful figure when the use case is stateful.
double baseline_engineering_hours(const model::Infrastructure& infrastructure, const model::UseCase& use_case,
                                  pipeline::Mode mode);

/// Brokers are paid for by the modes that read from the log (micro-batch, streaming);
/// batch reads files from object storage.
bool uses_brokers(pipeline::Mode mode);

/// USD/month of a log holding `bytes_per_second` of events for the retention, once per replica.
double log_storage_usd(const model::Infrastructure& infrastructure, double bytes_per_second);
/// USD/month of raw events landed in object storage and kept for `kept_seconds`.
double lake_storage_usd(const model::Infrastructure& infrastructure, double bytes_per_second,
                        double kept_seconds);
/// USD/month of a mode's state: the last checkpoint on object storage, plus the live store on
/// block storage for RocksDB (an in-memory store is paid for in nodes).
double state_storage_usd(const model::Infrastructure& infrastructure, double state_bytes);
/// Baseline engineering USD/month of a mode (baseline hours x maturity factor x rate).
double baseline_engineering_usd(const model::Workload& workload, const model::UseCase& use_case,
                                pipeline::Mode mode);

/// Total of `mode` over the total of `batch` (1 when batch costs nothing).
double multiplier(const CostBreakdown& mode, const CostBreakdown& batch);

/// One default of the cost model: the single table the documentation mirrors.
struct PriceDefault {
    std::string key;      ///< workload key (dotted) or, for fixed constants, their name
    double value = 0;     ///< the default
    std::string unit;     ///< e.g. "USD/node-hour"
    std::string meaning;  ///< what it stands for
    /// Where the figure comes from: for a list price the instance class or product, the
    /// region, the page and a dated quotation of it; for judgement, the reasoning.
    std::string source;
    bool overridable = true;  ///< settable in the workload's `infrastructure:` section
};

/// Every default price, hour and factor of the cost model, in documentation order.
const std::vector<PriceDefault>& price_defaults();

}  // namespace pipeadvise::cost
