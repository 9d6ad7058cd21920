#pragma once

#include <cstdint>

/// A portable random source: the generator and every distribution are the project's own,
/// so the same seed gives the same numbers on every platform and compiler. The
/// distributions use only IEEE-754 arithmetic, sqrt and the owned log/exp of
/// portable_math.hpp (no libm transcendental, no <random> distribution).
namespace pipeadvise::des {

/// xoshiro256** seeded through splitmix64. Independent streams come from (seed, stream id).
class Rng {
public:
    /// Seeds the 256-bit state with four splitmix64 outputs started at
    /// mix64(seed) + stream * golden-ratio constant, so (seed, stream) pairs give unrelated
    /// states (equal states would need a 64-bit hash collision).
    explicit Rng(std::uint64_t seed, std::uint64_t stream = 0);
    /// Next 64 random bits.
    std::uint64_t next_u64() {
        const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }
    /// Uniform on [0, 1) with 53 bits of precision.
    double uniform01() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }
    /// Uniform on (0, 1] (never 0: safe for log()).
    double uniform_open0() { return static_cast<double>((next_u64() >> 11) + 1) * 0x1.0p-53; }
    /// Advances the state by 2^128 draws (xoshiro256** jump): 2^128 non-overlapping
    /// subsequences of one seeded generator.
    void jump();

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_s[4];
};

/// The splitmix64 output function (a 64-bit bijective mixer), exposed for seeding.
std::uint64_t mix64(std::uint64_t x);

/// Uniform on [a, b).
double uniform(Rng& rng, double a, double b);
/// Exponential with `rate` (mean 1/rate), by inversion: -log(U)/rate, U on (0, 1].
double exponential(Rng& rng, double rate);
/// Standard normal by the ziggurat method (Marsaglia & Tsang 2000, 128 layers): one 64-bit
/// draw and a table compare for ~99% of values; exp/log only in wedges and the tail. No
/// cached state; the tables are built with the owned exp/log, so results are portable.
double standard_normal(Rng& rng);
/// Normal with `mean` and standard deviation `sd`.
double normal(Rng& rng, double mean, double sd);
/// Lognormal with log-mean `mu` and log-sd `sigma`.
double lognormal(Rng& rng, double mu, double sigma);
/// Poisson with `mean` (exact for small means, portable for large ones): sequential
/// inversion below 10; Hörmann's PTRS transformed rejection (exact) from 10 to 1e12;
/// above 1e12 the rounded normal approximation (relative sd below 1e-6 there).
std::uint64_t poisson(Rng& rng, double mean);

/// Lognormal parameters fitted to a median and a 99th percentile (p99 >= p50 > 0).
struct LognormalParams {
    double mu = 0.0;
    double sigma = 0.0;
};
/// The 0.99 quantile of the standard normal distribution.
inline constexpr double k_z99 = 2.326347874040841;
/// mu = ln p50, sigma = (ln p99 - ln p50) / z_0.99. Throws util::Error (input) unless
/// 0 < p50 <= p99 are finite.
LognormalParams fit_lognormal_p50_p99(double p50, double p99);
/// P(X > x) for a lognormal (used for analytic watermark drop fractions); uses std::erfc,
/// so the last bits may differ across libm implementations (never used to draw samples).
double lognormal_survival(const LognormalParams& p, double x);

}  // namespace pipeadvise::des
