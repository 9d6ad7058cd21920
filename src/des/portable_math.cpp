#include "pipeadvise/des/portable_math.hpp"

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
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

// 2 / (2j + 1) for j = 0..11: the series of 2 atanh(s) / s in powers of s^2.
constexpr std::array<double, 12> k_atanh_series = [] {
    std::array<double, 12> t{};
    for (int j = 0; j < 12; ++j) t[static_cast<std::size_t>(j)] = 2.0 / (2.0 * j + 1.0);
    return t;
}();

constexpr std::uint64_t k_exponent_mask = 0x7ff0000000000000ULL;
constexpr std::uint64_t k_mantissa_mask = 0x000fffffffffffffULL;
constexpr std::uint64_t k_exponent_one = 0x3ff0000000000000ULL;

// log(m) + e ln 2 for m in [0.707, 1.415] by the atanh series: accurate everywhere, but
// it costs a division, so it serves only near 1 and to build the table below.
// log(1+f) = 2 atanh(s) with s = f / (2 + f), |s| < 0.172; written as
// f - f^2/2 + s (f^2/2 + R(s^2)) so that the exact f carries the leading bits.
constexpr double log_by_series(double m, int e) {
    const double f = m - 1.0;  // exact (Sterbenz)
    const double s = f / (2.0 + f);
    const double z = s * s;
    // R(z) = sum_{j=1..11} 2 z^j / (2j+1) (next term below 1e-19), evaluated by Estrin's
    // scheme in a fixed order: a shorter dependency chain than Horner, same bits anywhere.
    const auto& c = k_atanh_series;
    const double z2 = z * z;
    const double z4 = z2 * z2;
    const double z8 = z4 * z4;
    const double p0 = c[1] + c[2] * z, p1 = c[3] + c[4] * z, p2 = c[5] + c[6] * z;
    const double p3 = c[7] + c[8] * z, p4 = c[9] + c[10] * z, p5 = c[11];
    const double q01 = p0 + p1 * z2, q23 = p2 + p3 * z2, q45 = p4 + p5 * z2;
    const double r = z * ((q01 + q23 * z4) + q45 * z8);
    const double hfsq = 0.5 * f * f;
    const double ed = static_cast<double>(e);
    return ed * k_ln2_hi + (f - (hfsq - (s * (hfsq + r) + ed * k_ln2_lo)));
}

// Table for the fast path: the top 7 mantissa bits of m in [1, 2) pick an interval of
// width 1/128; from 1.5 up the interval is halved into [0.75, 1) (and the exponent raised)
// so every reduced value stays within [0.75, 1.5). c is the interval's centre (9
// significant bits, so z - c is exact), inv_c its rounded reciprocal, log_c its log.
struct LogTableEntry {
    double c;
    double inv_c;
    double log_c;
};
constexpr int k_log_table_bits = 7;
constexpr std::array<LogTableEntry, 1 << k_log_table_bits> k_log_table = [] {
    std::array<LogTableEntry, 1 << k_log_table_bits> t{};
    constexpr double n = 1 << k_log_table_bits;
    for (int i = 0; i < (1 << k_log_table_bits); ++i) {
        double c = 1.0 + (i + 0.5) / n;
        if (i >= (1 << (k_log_table_bits - 1))) c *= 0.5;
        t[static_cast<std::size_t>(i)] = {c, 1.0 / c, log_by_series(c, 0)};
    }
    return t;
}();

}  // namespace

double portable_log(double x) {
    if (std::isnan(x) || x < 0.0) return std::numeric_limits<double>::quiet_NaN();
    if (x == 0.0) return -std::numeric_limits<double>::infinity();
    if (std::isinf(x)) return x;
    auto bits = std::bit_cast<std::uint64_t>(x);
    int e = 0;
    if ((bits & k_exponent_mask) == 0) {
        // Subnormal: scale into the normal range first (exact).
        bits = std::bit_cast<std::uint64_t>(x * 0x1.0p54);
        e = -54;
    }
    // Split the bits directly (exact, no library call): x = m 2^e, m in [1, 2).
    e += static_cast<int>((bits & k_exponent_mask) >> 52) - 1023;
    double z = std::bit_cast<double>((bits & k_mantissa_mask) | k_exponent_one);
    const auto i = static_cast<std::size_t>((bits & k_mantissa_mask) >> (52 - k_log_table_bits));
    if (i >= (1u << (k_log_table_bits - 1))) {
        z *= 0.5;
        ++e;
    }
    // Within one interval of 1 the result is small and the table would cancel: use the
    // series, whose leading term is the exact z - 1.
    if (e == 0 && (i == 0 || i == (1u << k_log_table_bits) - 1)) return log_by_series(z, 0);
    // log x = e ln 2 + log c + log1p(r), r = (z - c) / c, |r| <= 1/256: a short series
    // without division.
    const LogTableEntry& entry = k_log_table[i];
    const double r = (z - entry.c) * entry.inv_c;
    const double r2 = r * r;
    const double tail =
        r2 * ((-0.5 + r * (1.0 / 3.0)) + r2 * ((-0.25 + r * 0.2) + r2 * (-1.0 / 6.0 + r * (1.0 / 7.0))));
    const double ed = static_cast<double>(e);
    return (ed * k_ln2_hi + entry.log_c) + (r + (tail + ed * k_ln2_lo));
}

double portable_exp(double x) {
    if (std::isnan(x)) return x;
    if (x > k_exp_overflow) return std::numeric_limits<double>::infinity();
    if (x < k_exp_underflow) return 0.0;
    const double kd = std::floor(x * k_inv_ln2 + 0.5);
    const double r = (x - kd * k_ln2_hi) - kd * k_ln2_lo;  // |r| <= 0.347
    // e^r = 1 + r + r^2 q(r), q(r) = sum_{j=2..13} r^(j-2) / j!: the truncation error is
    // below 5e-18 relative; adding the small terms to 1 last keeps the rounding error low.
    const auto& c = k_inv_factorial;
    const double r2 = r * r;
    const double r4 = r2 * r2;
    const double r8 = r4 * r4;
    const double p0 = c[2] + c[3] * r, p1 = c[4] + c[5] * r, p2 = c[6] + c[7] * r;
    const double p3 = c[8] + c[9] * r, p4 = c[10] + c[11] * r, p5 = c[12] + c[13] * r;
    const double q01 = p0 + p1 * r2, q23 = p2 + p3 * r2, q45 = p4 + p5 * r2;
    const double q = (q01 + q23 * r4) + q45 * r8;  // Estrin's scheme, fixed order
    const double er = 1.0 + (r + r * r * q);
    const int k = static_cast<int>(kd);
    if (k > -1022 && k < 1023) {
        // Multiply by 2^k built from its bits: exact, no library call.
        return er * std::bit_cast<double>(static_cast<std::uint64_t>(k + 1023) << 52);
    }
    return std::ldexp(er, k);  // exact scaling (one rounding if subnormal)
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
