#pragma once

#include "pipeadvise/model/workload.hpp"
#include "pipeadvise/util/units.hpp"

/// Event-time lateness: late events follow a lognormal fitted to `data.late_arrivals` p50
/// and p99 (des::fit_lognormal_p50_p99, the one fit the simulator samples from).
namespace pipeadvise::physics {

/// Share of ALL events a watermark drops: late.fraction × P(lateness > watermark), 0..1.
/// A p99 at or below the median carries no spread: all late events arrive at the median.
double watermark_drop_fraction(const model::LateArrivals& late, util::Duration watermark);

}  // namespace pipeadvise::physics
