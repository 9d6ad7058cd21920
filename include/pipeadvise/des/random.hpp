#pragma once

#include <cstdint>

/// A portable random source: the generator and every distribution are the project's own,
/// so the same seed gives the same numbers on every platform and compiler.
namespace pipeadvise::des {

/// xoshiro256** seeded through splitmix64. Independent streams come from (seed, stream id).
class Rng {
public:
    explicit Rng(std::uint64_t seed, std::uint64_t stream = 0);
    /// Next 64 random bits.
    std::uint64_t next_u64();
    /// Uniform on [0, 1) with 53 bits of precision.
    double uniform01();
    /// Uniform on (0, 1] (never 0: safe for log()).
    double uniform_open0();

private:
    std::uint64_t m_s[4];
};

/// Uniform on [a, b).
double uniform(Rng& rng, double a, double b);
/// Exponential with `rate` (mean 1/rate), by inversion.
double exponential(Rng& rng, double rate);
/// Standard normal (portable: polar Box–Muller without cached state, or an owned method).
double standard_normal(Rng& rng);
/// Lognormal with log-mean `mu` and log-sd `sigma`.
double lognormal(Rng& rng, double mu, double sigma);
/// Poisson with `mean` (exact for small means, portable for large ones).
std::uint64_t poisson(Rng& rng, double mean);

/// Lognormal parameters fitted to a median and a 99th percentile (p99 >= p50 > 0).
struct LognormalParams {
    double mu = 0.0;
    double sigma = 0.0;
};
LognormalParams fit_lognormal_p50_p99(double p50, double p99);
/// P(X > x) for a lognormal (used for analytic watermark drop fractions).
double lognormal_survival(const LognormalParams& p, double x);

}  // namespace pipeadvise::des
