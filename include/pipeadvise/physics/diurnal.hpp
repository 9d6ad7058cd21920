#pragma once

#include <functional>

/// The daily shape of the arrival rate with `arrivals: diurnal`: f(t) = base + scale·h(t)^power
/// with h the raised cosine peaking at k_diurnal_peak_hour, mean 1 over a day and peak
/// `peak_to_mean` (docs/simulation-model.md, "Source"). Computed from +, −, ×, ÷ and the
/// portable exp/log only, so the shape has the same bits on every platform.
namespace pipeadvise::physics {

/// Hour of the day of the diurnal peak (simulated time 0 is midnight): 14:00, the documented
/// default (docs/simulation-model.md, "Source"); one fixed hour so that drills and the
/// unattended night fall at known points of the daily load.
inline constexpr double k_diurnal_peak_hour = 14.0;

/// Coefficients of the daily shape; the default is flat (f = 1).
struct DiurnalShape {
    double base = 1;
    double scale = 0;
    double power = 1;
};
/// The shape of mean 1 and peak `peak_to_mean` (> 1): for p ≤ 2 the raised cosine
/// (2 − p) + 2(p − 1)·h, for p > 2 p·h^k with k solved so that the mean stays 1.
DiurnalShape fit_diurnal_shape(double peak_to_mean);
/// f(t) at `t_seconds` for a fitted shape.
double diurnal_shape_value(const DiurnalShape& shape, double t_seconds);

/// What a daily peak above capacity builds: the largest backlog (events) and the time from that
/// peak until the backlog is empty again (seconds). Zero when the rate stays under capacity.
struct PeakBacklog {
    double events = 0;
    double drain_seconds = 0;
};
/// Fluid backlog of a daily rate (`rate_at(t)`, events per second at `t` seconds after midnight)
/// against `capacity`, stepped every 30 s over two days; the second day starts with what the
/// first left, so a backlog carried past midnight counts.
PeakBacklog diurnal_peak_backlog(const std::function<double(double)>& rate_at, double capacity);

}  // namespace pipeadvise::physics
