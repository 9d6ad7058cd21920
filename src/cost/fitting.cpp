// The numerical core of calibration: least-squares fits with their standard errors, sample
// summaries, and the wording of fitted values.

#include "fitting.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "pipeadvise/util/units.hpp"

namespace pipeadvise::cost::detail {

namespace {

// Columns scaled to unit norm whose condition number exceeds this are treated as collinear:
// the data cannot tell the intercept from the slope.
constexpr double k_max_condition = 1e8;

}  // namespace

// Ordinary least squares of y = intercept + slope * x, with the classical standard errors:
// the residual variance on n - 2 degrees of freedom times the diagonal of (XᵀX)⁻¹.
LineFit fit_line(const std::vector<double>& x, const std::vector<double>& y,
                 std::vector<std::string>& warnings, std::string_view what, std::string_view x_name) {
    LineFit fit;
    fit.rows = x.size();
    const auto n = static_cast<Eigen::Index>(x.size());
    if (x.size() < 2) {
        warnings.push_back(std::string(what) + ": " + std::to_string(x.size()) +
                           " row(s) for 2 parameters; at least 2 runs with different " + std::string(x_name) +
                           " are needed");
        return fit;
    }
    Eigen::MatrixXd design(n, 2);
    Eigen::VectorXd target(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        design(i, 0) = 1.0;
        design(i, 1) = x[static_cast<std::size_t>(i)];
        target(i) = y[static_cast<std::size_t>(i)];
    }
    const double y_mean = target.mean();

    // Conditioning check on unit-norm columns: only collinearity, not units, counts.
    Eigen::MatrixXd scaled = design;
    for (Eigen::Index c = 0; c < 2; ++c) {
        const double norm = scaled.col(c).norm();
        if (norm > 0) scaled.col(c) /= norm;
    }
    const Eigen::JacobiSVD<Eigen::MatrixXd> svd(scaled);
    const auto singular = svd.singularValues();
    const bool collinear =
        design.col(1).norm() == 0.0 || singular(1) <= 0.0 || singular(0) / singular(1) > k_max_condition;
    if (collinear) {
        warnings.push_back(std::string(what) + ": every run has the same " + std::string(x_name) +
                           ", so the fixed part and the per-event part cannot be separated; add runs with "
                           "different " +
                           std::string(x_name));
        // Not identified: residuals about the mean, so the spread of the runs is still reported.
        fit.residuals.resize(x.size());
        for (std::size_t i = 0; i < x.size(); ++i) fit.residuals[i] = y[i] - y_mean;
    } else {
        fit.identified = true;
        // QR with column pivoting, not the normal equations: stable when x is large beside the
        // column of ones.
        const Eigen::VectorXd beta = design.colPivHouseholderQr().solve(target);
        fit.intercept.value = beta(0);
        fit.slope.value = beta(1);
        const Eigen::VectorXd residual = target - design * beta;
        fit.residuals.assign(residual.data(), residual.data() + residual.size());
        const double rss = residual.squaredNorm();
        // Two runs leave no degree of freedom for the residual variance.
        if (x.size() > 2) {
            const double sigma2 = rss / static_cast<double>(x.size() - 2);
            const Eigen::Matrix2d covariance = sigma2 * (design.transpose() * design).inverse();
            fit.intercept.standard_error = std::sqrt(std::max(0.0, covariance(0, 0)));
            fit.slope.standard_error = std::sqrt(std::max(0.0, covariance(1, 1)));
        } else {
            warnings.push_back(std::string(what) +
                               ": 2 runs fit 2 parameters exactly; standard errors need "
                               "at least 3 runs");
        }
        // R² about the mean (centred), as the model has an intercept; undefined for constant y.
        const double tss = (target.array() - y_mean).square().sum();
        if (tss > 0) fit.r_squared = 1.0 - rss / tss;
    }
    double sum_sq = 0;
    for (double r : fit.residuals) {
        fit.residual_max = std::max(fit.residual_max, std::abs(r));
        sum_sq += r * r;
    }
    // RMS over n, not n - 2: it describes the misfit, it does not estimate σ.
    fit.residual_rms =
        fit.residuals.empty() ? 0.0 : std::sqrt(sum_sq / static_cast<double>(fit.residuals.size()));
    return fit;
}

std::string significant(double value, int digits) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", digits, value);
    return buf;
}

// Whole seconds above a second; milliseconds below (a sub-second overhead).
std::string duration_text(double seconds) {
    const double rounded = seconds >= 1.0 ? std::round(seconds) : std::round(seconds * 1000.0) / 1000.0;
    return util::format_duration(util::Duration::from_seconds(rounded));
}

// %.15g of a rounded rate prints every digit of a large rate, never an exponent.
std::string rate_text(double per_second) {
    return (per_second >= 1000 ? significant(std::round(per_second), 15) : significant(per_second, 4)) + "/s";
}

Sample sample_of(const std::vector<double>& values) {
    Sample s;
    s.count = values.size();
    if (values.empty()) return s;
    s.min = *std::min_element(values.begin(), values.end());
    s.max = *std::max_element(values.begin(), values.end());
    double sum = 0;
    for (double v : values) sum += v;
    s.mean = sum / static_cast<double>(values.size());
    if (values.size() >= 2) {
        // Standard error of the mean: the sample standard deviation (n - 1) over √n.
        double ss = 0;
        for (double v : values) ss += (v - s.mean) * (v - s.mean);
        s.standard_error =
            std::sqrt(ss / static_cast<double>(values.size() - 1) / static_cast<double>(values.size()));
    }
    return s;
}

Estimate estimate_of(const Sample& s) {
    return Estimate{s.mean, s.standard_error};
}

Estimate reciprocal(const Estimate& b) {
    // Delta method: d(1/b)/db = -1/b².
    Estimate r{1.0 / b.value, std::nullopt};
    if (b.standard_error) r.standard_error = *b.standard_error / (b.value * b.value);
    return r;
}

// Least squares without intercept on two regressors, y = a*x1 + b*x2, with the same
// conditioning test as fit_line (false: the columns are collinear, a and b not separable).
bool fit_two(const std::vector<double>& x1, const std::vector<double>& x2, const std::vector<double>& y,
             Estimate& a, Estimate& b) {
    const auto n = static_cast<Eigen::Index>(y.size());
    // Two parameters and a standard error need at least three points.
    if (n < 3) return false;
    Eigen::MatrixXd design(n, 2);
    Eigen::VectorXd target(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto k = static_cast<std::size_t>(i);
        design(i, 0) = x1[k];
        design(i, 1) = x2[k];
        target(i) = y[k];
    }
    Eigen::MatrixXd scaled = design;
    for (Eigen::Index c = 0; c < 2; ++c) {
        const double norm = scaled.col(c).norm();
        if (norm == 0) return false;
        scaled.col(c) /= norm;
    }
    const Eigen::JacobiSVD<Eigen::MatrixXd> svd(scaled);
    const auto sv = svd.singularValues();
    if (sv(1) <= 0.0 || sv(0) / sv(1) > 1e3) return false;  // stricter: a ratio that barely varies
    const Eigen::VectorXd beta = design.colPivHouseholderQr().solve(target);
    const double rss = (target - design * beta).squaredNorm();
    const double sigma2 = rss / static_cast<double>(n - 2);
    const Eigen::Matrix2d covariance = sigma2 * (design.transpose() * design).inverse();
    a = Estimate{beta(0), std::sqrt(std::max(0.0, covariance(0, 0)))};
    b = Estimate{beta(1), std::sqrt(std::max(0.0, covariance(1, 1)))};
    return true;
}

}  // namespace pipeadvise::cost::detail
