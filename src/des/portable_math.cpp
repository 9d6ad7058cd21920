#include "pipeadvise/des/portable_math.hpp"

#include <array>
#include <cmath>
#include <limits>

namespace pipeadvise::des {
namespace {

// ln 2 split in two: the high part has its low 32 bits zero, so k * k_ln2_hi is exact for
// every exponent k a double can have.
constexpr double k_ln2_hi = 0x1.62e42feep-1;
constexpr double k_ln2_lo = 0x1.a39ef35793c76p-33;
constexpr double k_inv_ln2 = 0x1.71547652b82fep0;
constexpr double k_sqrt_half = 0x1.6a09e667f3bcdp-1;
constexpr double k_exp_overflow = 709.782712893384;
constexpr double k_exp_underflow = -745.1332191019412;
constexpr double k_half_log_2pi = 0.91893853320467274178;

// 1/j! for j = 0..13, each the correctly rounded quotient of 1 by an exact integer.
constexpr std::array<double, 14> k_inv_factorial = [] {
    std::array<double, 14> t{};
    double fact = 1.0;
    for (int j = 0; j < 14; ++j) {
        if (j > 0) fact *= j;
        t[static_cast<std::size_t>(j)] = 1.0 / fact;
    }
    return t;
}();

}  // namespace

double portable_log(double x) {
    if (std::isnan(x) || x < 0.0) return std::numeric_limits<double>::quiet_NaN();
    if (x == 0.0) return -std::numeric_limits<double>::infinity();
    if (std::isinf(x)) return x;
    int e = 0;
    double m = std::frexp(x, &e);  // exact: x = m * 2^e, m in [0.5, 1)
    if (m < k_sqrt_half) {
        m *= 2.0;
        --e;
    }
    // log(1+f) = 2 atanh(s) with s = f / (2 + f), |s| < 0.172; written as
    // f - f^2/2 + s (f^2/2 + R(s^2)) so that the exact f carries the leading bits.
    const double f = m - 1.0;  // exact (Sterbenz)
    const double s = f / (2.0 + f);
    const double z = s * s;
    // R(z) = sum_{j>=1} 2 z^j / (2j+1), truncated where the next term is below 1e-19.
    double r = 2.0 / 23.0;
    for (int j = 10; j >= 1; --j) r = r * z + 2.0 / (2.0 * j + 1.0);
    r *= z;
    const double hfsq = 0.5 * f * f;
    const double ed = static_cast<double>(e);
    return ed * k_ln2_hi + (f - (hfsq - (s * (hfsq + r) + ed * k_ln2_lo)));
}

double portable_exp(double x) {
    if (std::isnan(x)) return x;
    if (x > k_exp_overflow) return std::numeric_limits<double>::infinity();
    if (x < k_exp_underflow) return 0.0;
    const double kd = std::floor(x * k_inv_ln2 + 0.5);
    const double r = (x - kd * k_ln2_hi) - kd * k_ln2_lo;  // |r| <= 0.347
    // e^r = 1 + r + r^2 q(r), q(r) = sum_{j=2..13} r^(j-2) / j!: the truncation error is
    // below 5e-18 relative; adding the small terms to 1 last keeps the rounding error low.
    double q = k_inv_factorial[13];
    for (int j = 12; j >= 2; --j) q = q * r + k_inv_factorial[j];
    const double er = 1.0 + (r + r * r * q);
    return std::ldexp(er, static_cast<int>(kd));  // exact scaling (one rounding if subnormal)
}

double log_factorial(double k) {
    if (!(k >= 0.0)) return std::numeric_limits<double>::quiet_NaN();
    // Exact factorials below 16 fit in 53 bits, so one log call gives a table entry.
    static const std::array<double, 16> table = [] {
        std::array<double, 16> t{};
        double fact = 1.0;
        for (int i = 0; i < 16; ++i) {
            if (i > 0) fact *= i;
            t[static_cast<std::size_t>(i)] = portable_log(fact);
        }
        return t;
    }();
    if (k < 16.0) return table[static_cast<std::size_t>(k)];
    // Stirling series for ln Gamma(n), n = k + 1 >= 17: next term is below 1e-14.
    const double n = k + 1.0;
    const double inv = 1.0 / n;
    const double inv2 = inv * inv;
    const double series = inv * (1.0 / 12.0 - inv2 * (1.0 / 360.0 - inv2 * (1.0 / 1260.0 - inv2 / 1680.0)));
    return (n - 0.5) * portable_log(n) - n + k_half_log_2pi + series;
}

}  // namespace pipeadvise::des
