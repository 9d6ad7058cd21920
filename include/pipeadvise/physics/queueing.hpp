#pragma once

#include "pipeadvise/model/workload.hpp"

/// Closed-form queueing of the streaming stage (c FIFO servers): Erlang C and the
/// Allen-Cunneen M/G/c approximation of the mean wait. The simulator corrects grouped
/// events with it; §6 of the spec validates the simulated queue against the same theory.
namespace pipeadvise::physics {

/// Coefficient of variation of one event's service time with `service: lognormal`: 0.5, a
/// moderately variable per-event cost between deterministic (0) and exponential (1).
inline constexpr double k_lognormal_service_cv = 0.5;
/// Largest utilisation the analytic queueing correction is evaluated at: above it the wait
/// grows without bound (1/(1 − rho)) and the simulated backlog, not a formula, is the answer.
inline constexpr double k_max_correction_utilisation = 0.98;

/// Squared coefficient of variation of one service time for a service distribution.
double service_cv2(model::ServiceDistribution distribution);
/// Squared coefficient of variation of inter-arrival times: 0 constant, 1 Poisson/diurnal.
double arrival_cv2(model::ArrivalProcess arrivals);
/// Erlang C probability of waiting for c servers at utilisation rho (< 1).
double erlang_c(int servers, double rho);
/// Mean queueing wait of the M/G/c approximation (Allen-Cunneen: the M/M/c wait times
/// (ca² + cs²)/2), seconds, for `servers` nodes of `node_throughput` events/s at
/// utilisation rho, capped at k_max_correction_utilisation.
double mgc_wait_seconds(int servers, double node_throughput, double rho, double arrival_cv2,
                        double service_cv2);

/// Stationary mean of the reflected random walk W' = max(0, W + X) whose steps X have mean
/// −drift, standard deviation sd and skewness `skewness` (drift, sd > 0), in units of sd:
/// Spitzer's identity E[W] = Σ_k E[S_k⁺]/k with each partial sum S_k read as a normal law plus
/// its first Edgeworth term (skewness / √k). Tabulated once per process for drift/sd in
/// [0.2, 9]; below 0.2 the heavy-traffic expansion 1/(2r) + ζ(½)/√(2π) + r/4 (Siegmund) and
/// its skewness term, above 9 zero. Uses only portable arithmetic, so every platform gives the
/// same bits.
double reflected_walk_mean(double drift_over_sd, double skewness);

}  // namespace pipeadvise::physics
