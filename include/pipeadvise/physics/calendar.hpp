#pragma once

/// Calendar constants of the analytic model, seconds. Simulated time 0 is midnight.
namespace pipeadvise::physics {

/// Seconds in an hour.
inline constexpr double k_seconds_per_hour = 3600.0;
/// Seconds in a day.
inline constexpr double k_seconds_per_day = 86400.0;
/// A month is 30 days (720 h) for every monthly figure: cloud list prices are quoted per
/// hour, and 30 days keeps a month an exact number of simulated days.
inline constexpr double k_seconds_per_month = 30.0 * k_seconds_per_day;
/// Hours in the 30-day month, 720.
inline constexpr double k_hours_per_month = k_seconds_per_month / k_seconds_per_hour;

}  // namespace pipeadvise::physics
