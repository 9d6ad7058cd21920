#include "pipeadvise/physics/lateness.hpp"

#include <algorithm>

#include "pipeadvise/des/random.hpp"

namespace pipeadvise::physics {

double watermark_drop_fraction(const model::LateArrivals& late, util::Duration watermark) {
    if (late.fraction <= 0.0 || late.p50.ns <= 0) return 0.0;
    const double p50 = late.p50.seconds();
    const des::LognormalParams fit = des::fit_lognormal_p50_p99(p50, std::max(p50, late.p99.seconds()));
    return std::clamp(late.fraction * des::lognormal_survival(fit, watermark.seconds()), 0.0, 1.0);
}

}  // namespace pipeadvise::physics
