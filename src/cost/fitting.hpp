#pragma once

// Shared by the calibration sources (runs CSV, Spark logs, streaming progress): the fits, the
// sample summaries and the wording of fitted values. Internal to the cost layer.

#include <string>
#include <string_view>
#include <vector>

#include "pipeadvise/cost/calibrate.hpp"

namespace pipeadvise::cost::detail {

/// Below this R² a fit explains too little to be trusted.
inline constexpr double k_poor_r_squared = 0.8;

/// Ordinary least squares of y = intercept + slope * x with classical standard errors; warns
/// (into `warnings`, prefixed by `what`) when x does not vary or there are too few rows.
LineFit fit_line(const std::vector<double>& x, const std::vector<double>& y,
                 std::vector<std::string>& warnings, std::string_view what, std::string_view x_name);

/// y = a*x1 + b*x2 without intercept; false when the columns are collinear.
bool fit_two(const std::vector<double>& x1, const std::vector<double>& x2, const std::vector<double>& y,
             Estimate& a, Estimate& b);

Sample sample_of(const std::vector<double>& values);
Estimate estimate_of(const Sample& s);

/// 1/b with its standard error by the delta method, SE(1/b) = SE(b) / b² (b > 0).
Estimate reciprocal(const Estimate& b);

std::string significant(double value, int digits);
std::string duration_text(double seconds);
std::string rate_text(double per_second);

SparkFit fit_spark(const std::vector<ingest::SparkApplication>& apps, std::vector<std::string>& warnings);
StreamingFit fit_streaming(const std::vector<ingest::StreamingBatch>& batches,
                           const std::vector<ingest::SparkApplication>& apps,
                           std::vector<std::string>& warnings);

}  // namespace pipeadvise::cost::detail
