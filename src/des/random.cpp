#include "pipeadvise/des/random.hpp"

#include <array>
#include <cmath>
#include <cstddef>
#include <string>

#include "pipeadvise/des/portable_math.hpp"
#include "pipeadvise/util/diagnostic.hpp"

namespace pipeadvise::des {
namespace {

constexpr std::uint64_t k_golden_gamma = 0x9E3779B97F4A7C15ULL;
constexpr double k_ptrs_min_mean = 10.0;
constexpr double k_poisson_normal_mean = 1e12;

std::uint64_t splitmix64_next(std::uint64_t& state) {
    state += k_golden_gamma;
    return mix64(state);
}

// Ziggurat tables for the standard normal (Marsaglia & Tsang 2000, 128 layers): layer i
// is the rectangle of half-width x[i] between heights f[i] = exp(-x[i]^2/2) and f[i+1];
// every layer (and the base, which also carries the tail beyond r) has area v. Computed
// once with the owned exp/log and sqrt, so the tables are the same on every platform.
struct Ziggurat {
    static constexpr std::size_t k_layers = 128;
    static constexpr double k_r = 3.442619855899;       // start of the tail
    static constexpr double k_v = 9.91256303526217e-3;  // area of each layer
    std::array<double, k_layers + 1> x{};
    std::array<double, k_layers + 1> f{};
};

const Ziggurat& ziggurat() {
    static const Ziggurat z = [] {
        Ziggurat t;
        const double f_r = portable_exp(-0.5 * Ziggurat::k_r * Ziggurat::k_r);
        t.x[0] = Ziggurat::k_v / f_r;  // the base strip is wider than r: it holds the tail
        t.x[1] = Ziggurat::k_r;
        for (std::size_t i = 1; i + 1 < Ziggurat::k_layers; ++i) {
            const double fi = portable_exp(-0.5 * t.x[i] * t.x[i]);
            t.x[i + 1] = std::sqrt(-2.0 * portable_log(Ziggurat::k_v / t.x[i] + fi));
        }
        t.x[Ziggurat::k_layers] = 0.0;
        for (std::size_t i = 0; i <= Ziggurat::k_layers; ++i) t.f[i] = portable_exp(-0.5 * t.x[i] * t.x[i]);
        t.f[0] = 0.0;  // the base strip starts at height 0
        return t;
    }();
    return z;
}

// Hörmann (1993), "The transformed rejection method for generating Poisson random
// variables", algorithm PTRS; valid for mean >= 10, about 1.15 uniform pairs per sample.
std::uint64_t poisson_ptrs(Rng& rng, double mean) {
    const double slam = std::sqrt(mean);
    const double b = 0.931 + 2.53 * slam;
    const double a = -0.059 + 0.02483 * b;
    const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
    const double vr = 0.9277 - 3.6224 / (b - 2.0);
    // The logarithms are needed only by the ~12% of draws that miss the quick acceptance.
    double loglam = 0.0, log_inv_alpha = 0.0;
    bool have_logs = false;
    for (;;) {
        const double u = rng.uniform01() - 0.5;
        const double v = rng.uniform01();
        const double us = 0.5 - std::fabs(u);
        const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
        if (us >= 0.07 && v <= vr) return static_cast<std::uint64_t>(k);
        if (k < 0.0 || (us < 0.013 && v > us)) continue;
        if (v == 0.0) continue;
        if (!have_logs) {
            loglam = portable_log(mean);
            log_inv_alpha = portable_log(inv_alpha);
            have_logs = true;
        }
        const double lhs = portable_log(v) + log_inv_alpha - portable_log(a / (us * us) + b);
        const double rhs = -mean + k * loglam - log_factorial(k);
        if (lhs <= rhs) return static_cast<std::uint64_t>(k);
    }
}

std::uint64_t poisson_inversion(Rng& rng, double mean) {
    double p = portable_exp(-mean);
    double cumulative = p;
    const double u = rng.uniform01();
    std::uint64_t k = 0;
    // The cap only matters when rounding leaves the cumulative sum just below u near 1.
    while (u > cumulative && k < 200) {
        ++k;
        p *= mean / static_cast<double>(k);
        cumulative += p;
    }
    return k;
}

}  // namespace

std::uint64_t mix64(std::uint64_t x) {
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

Rng::Rng(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t state = mix64(seed) + stream * k_golden_gamma;
    for (auto& word : m_s) word = splitmix64_next(state);
    // An all-zero state would be a fixed point; splitmix64 outputs make it practically
    // impossible, but keep the generator valid regardless.
    if ((m_s[0] | m_s[1] | m_s[2] | m_s[3]) == 0) m_s[0] = k_golden_gamma;
}

void Rng::jump() {
    static constexpr std::uint64_t k_jump[] = {0x180ec6d33cfd0abaULL, 0xd5a61266f0c9392cULL,
                                               0xa9582618e03fc9aaULL, 0x39abdc4529b1661cULL};
    std::uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (std::uint64_t word : k_jump) {
        for (int b = 0; b < 64; ++b) {
            if (word & (std::uint64_t{1} << b)) {
                s0 ^= m_s[0];
                s1 ^= m_s[1];
                s2 ^= m_s[2];
                s3 ^= m_s[3];
            }
            next_u64();
        }
    }
    m_s[0] = s0;
    m_s[1] = s1;
    m_s[2] = s2;
    m_s[3] = s3;
}

double uniform(Rng& rng, double a, double b) {
    return a + (b - a) * rng.uniform01();
}

double exponential(Rng& rng, double rate) {
    return -portable_log(rng.uniform_open0()) / rate;
}

double standard_normal(Rng& rng) {
    const Ziggurat& z = ziggurat();
    for (;;) {
        // One 64-bit draw gives the layer (low 7 bits) and a signed uniform on [-1, 1)
        // (top 53 bits), independent of each other.
        const std::uint64_t bits = rng.next_u64();
        const std::size_t layer = bits & (Ziggurat::k_layers - 1);
        const double u = static_cast<double>(bits >> 11) * 0x1.0p-52 - 1.0;
        const double x = u * z.x[layer];
        // Inside the rectangle that lies wholly under the curve: ~99% of draws end here.
        if (std::fabs(x) < z.x[layer + 1]) return x;
        if (layer == 0) {
            // The tail beyond r (Marsaglia 1964): exact, two logs, rarely reached.
            for (;;) {
                const double a = -portable_log(rng.uniform_open0()) / Ziggurat::k_r;
                const double b = -portable_log(rng.uniform_open0());
                if (b + b >= a * a) return u > 0.0 ? Ziggurat::k_r + a : -(Ziggurat::k_r + a);
            }
        }
        // The wedge between the layer's rectangle and the curve: accept under the curve.
        const double y = z.f[layer] + rng.uniform01() * (z.f[layer + 1] - z.f[layer]);
        if (y < portable_exp(-0.5 * x * x)) return x;
    }
}

double normal(Rng& rng, double mean, double sd) {
    return mean + sd * standard_normal(rng);
}

double lognormal(Rng& rng, double mu, double sigma) {
    return portable_exp(mu + sigma * standard_normal(rng));
}

std::uint64_t poisson(Rng& rng, double mean) {
    if (!(mean > 0.0)) return 0;
    if (mean < k_ptrs_min_mean) return poisson_inversion(rng, mean);
    if (mean < k_poisson_normal_mean) return poisson_ptrs(rng, mean);
    const double k = std::floor(mean + std::sqrt(mean) * standard_normal(rng) + 0.5);
    return k <= 0.0 ? 0 : static_cast<std::uint64_t>(k);
}

LognormalParams fit_lognormal_p50_p99(double p50, double p99) {
    if (!(std::isfinite(p50) && std::isfinite(p99) && p50 > 0.0 && p99 >= p50)) {
        throw util::Error(util::Error::Kind::input,
                          "a lognormal needs 0 < p50 <= p99 (got p50 = " + std::to_string(p50) +
                              ", p99 = " + std::to_string(p99) + ")");
    }
    const double log_p50 = portable_log(p50);
    return {log_p50, (portable_log(p99) - log_p50) / k_z99};
}

double lognormal_survival(const LognormalParams& p, double x) {
    if (!(x > 0.0)) return 1.0;
    const double log_x = portable_log(x);
    if (p.sigma <= 0.0) return log_x < p.mu ? 1.0 : 0.0;
    return 0.5 * std::erfc((log_x - p.mu) / (p.sigma * std::sqrt(2.0)));
}

}  // namespace pipeadvise::des
