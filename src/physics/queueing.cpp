#include "pipeadvise/physics/queueing.hpp"

#include <algorithm>

namespace pipeadvise::physics {

double service_cv2(model::ServiceDistribution distribution) {
    switch (distribution) {
        case model::ServiceDistribution::deterministic:
            return 0.0;
        case model::ServiceDistribution::exponential:
            return 1.0;
        case model::ServiceDistribution::lognormal:
            return k_lognormal_service_cv * k_lognormal_service_cv;
    }
    return 1.0;
}

double arrival_cv2(model::ArrivalProcess arrivals) {
    return arrivals == model::ArrivalProcess::constant ? 0.0 : 1.0;
}

double erlang_c(int servers, double rho) {
    if (rho <= 0.0) return 0.0;
    if (rho >= 1.0) return 1.0;
    const double a = rho * servers;
    double b = 1.0;  // Erlang B by the stable recursion
    for (int k = 1; k <= servers; ++k) b = a * b / (k + a * b);
    return b / (1.0 - rho * (1.0 - b));
}

double mgc_wait_seconds(int servers, double node_throughput, double rho, double arrival_cv2,
                        double service_cv2) {
    if (rho <= 0.0) return 0.0;
    rho = std::min(rho, k_max_correction_utilisation);
    return erlang_c(servers, rho) / (servers * node_throughput * (1.0 - rho)) * (arrival_cv2 + service_cv2) /
           2.0;
}

}  // namespace pipeadvise::physics
