#pragma once

#include <cstdint>

#include "pipeadvise/model/workload.hpp"

/// Human incident response: how long a team takes to notice a failure and to repair it (the
/// "2 a.m. incident"), and the night without on-call. The simulator draws failures and
/// applies these times; the advisor quotes them in its worst cases.
namespace pipeadvise::physics {

/// Time to notice a failure and to repair it (rollback, rebuild decision), seconds.
struct IncidentResponse {
    double detect_seconds = 0;
    double repair_seconds = 0;
};
/// The documented maturity table (docs/simulation-model.md, "Failures, detection and
/// repair"): low 60 + 120 min, medium 15 + 45 min, high 5 + 15 min. Order-of-magnitude
/// figures for a team with no, some and well-drilled alerting and runbooks; every workload
/// can only choose the row, so a calibrated table changes one function.
IncidentResponse incident_response(model::Maturity maturity);

/// Repairing a corrupted checkpoint or an out-of-memory loop takes this many times the
/// maturity's repair time when the team states `recovery_runbook: false` (the rebuild is
/// worked out during the incident instead of followed from a page).
inline constexpr double k_no_runbook_repair_factor = 2.0;
/// Repair time of a checkpoint corruption or OOM loop, seconds: the maturity's repair,
/// times k_no_runbook_repair_factor without a runbook.
double checkpoint_repair_seconds(const IncidentResponse& response, bool runbook);

/// Without on-call, a failure between these local hours is only noticed at the end hour
/// (nobody reads alerts from 22:00 to 08:00).
inline constexpr int k_night_start_hour = 22;
inline constexpr int k_night_end_hour = 8;
/// The longest extra wait the night causes, seconds: a failure at 22:00 waits until 08:00.
inline constexpr double k_unattended_night_seconds = (24.0 - k_night_start_hour + k_night_end_hour) * 3600.0;
/// Extra wait before anyone notices a failure at `t_ns` (simulated time, 0 is midnight)
/// when nobody is on call: until k_night_end_hour inside the night, else 0; nanoseconds.
std::int64_t unattended_wait_ns(std::int64_t t_ns);

}  // namespace pipeadvise::physics
