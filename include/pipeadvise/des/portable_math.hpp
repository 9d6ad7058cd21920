#pragma once

/// Elementary functions computed with IEEE-754 +, -, *, / and exact scaling only, so the
/// random distributions built on them give bit-identical results on every platform
/// (libm's log/exp are allowed to differ in the last bit between implementations).
/// Accuracy: within 1 ulp of the correctly rounded value over the documented ranges.
namespace pipeadvise::des {

/// Natural logarithm; x > 0 finite (returns -inf for 0, NaN for negatives and NaN).
double portable_log(double x);
/// e^x; overflows to +inf above ~709.78 and underflows to 0 below ~-745.13.
double portable_exp(double x);
/// ln(k!) for a non-negative integer k (exact table below 16, Stirling series above).
double log_factorial(double k);

}  // namespace pipeadvise::des
