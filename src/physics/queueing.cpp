#include "pipeadvise/physics/queueing.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "pipeadvise/des/portable_math.hpp"

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

namespace {

constexpr double k_inv_sqrt_2pi = 0.3989422804014327;
// ζ(1/2)/√(2π): the constant of Siegmund's corrected diffusion for the maximum of a random walk.
constexpr double k_siegmund = -0.5825971579390106;
constexpr double k_table_low = 0.2, k_table_high = 9.0, k_table_step = 0.01;

double normal_pdf(double a) {
    return k_inv_sqrt_2pi * des::portable_exp(-0.5 * a * a);
}

// P(Z > a) for a >= 0: the Chebyshev fit of erfc in Numerical Recipes (fractional error below
// 1.2e-7), on the portable exp.
double normal_upper_tail(double a) {
    const double z = a / std::sqrt(2.0);
    const double t = 1.0 / (1.0 + 0.5 * z);
    const double poly =
        -z * z - 1.26551223 +
        t * (1.00002368 +
             t * (0.37409196 +
                  t * (0.09678418 + t * (-0.18628806 +
                                         t * (0.27886807 + t * (-1.13520398 +
                                                                t * (1.48851587 + t * (-0.82215223 +
                                                                                       t * 0.17087277))))))));
    return 0.5 * t * des::portable_exp(poly);
}

// Spitzer's series at drift/sd = r: G (normal partial sums) and H (the factor of skewness / 6
// of the first Edgeworth term, E[(Z − a)⁺] gaining (γ/6)·a·φ(a)), summed until a = r√k > 9.
std::array<double, 2> spitzer_terms(double r) {
    double g = 0.0, h = 0.0;
    for (int k = 1;; ++k) {
        const double sk = std::sqrt(static_cast<double>(k));
        const double a = r * sk;
        const double pdf = normal_pdf(a);
        g += (sk * pdf - k * r * normal_upper_tail(a)) / k;
        h += r * pdf / sk;
        if (a > 9.0) break;
    }
    return {g, h};
}

struct SpitzerTable {
    std::vector<std::array<double, 2>> values;
    SpitzerTable() {
        const auto n = static_cast<int>(std::lround((k_table_high - k_table_low) / k_table_step));
        values.reserve(static_cast<std::size_t>(n) + 1);
        // G less its pole 1/(2r), which linear interpolation would not follow near r = 0.2.
        for (int i = 0; i <= n; ++i) {
            const double r = k_table_low + i * k_table_step;
            std::array<double, 2> v = spitzer_terms(r);
            v[0] -= 1.0 / (2.0 * r);
            values.push_back(v);
        }
    }
};

}  // namespace

double reflected_walk_mean(double drift_over_sd, double skewness) {
    const double r = drift_over_sd;
    if (!(r > 0.0)) return 0.0;
    if (r >= k_table_high) return 0.0;
    if (r < k_table_low) {
        return 1.0 / (2.0 * r) + k_siegmund + r / 4.0 + skewness / 6.0 * (1.0 + k_siegmund * r);
    }
    static const SpitzerTable table;
    const double x = (r - k_table_low) / k_table_step;
    const auto i = std::min(table.values.size() - 2, static_cast<std::size_t>(x));
    const double f = x - static_cast<double>(i);
    const auto& lo = table.values[i];
    const auto& hi = table.values[i + 1];
    const double g = lo[0] + f * (hi[0] - lo[0]) + 1.0 / (2.0 * r);
    const double h = lo[1] + f * (hi[1] - lo[1]);
    return std::max(0.0, g + skewness / 6.0 * h);
}

}  // namespace pipeadvise::physics
