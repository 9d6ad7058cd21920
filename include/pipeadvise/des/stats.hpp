#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace pipeadvise::des {

/// Streaming mean/variance (Welford), mergeable; weights allow grouped events.
/// Non-positive or NaN weights and NaN values are ignored.
class RunningStats {
public:
    /// Adds `x` with `weight` (a group of `weight` equal values).
    void add(double x, double weight = 1.0);
    /// Combines with another accumulator (Chan et al.): as if all its values were added.
    void merge(const RunningStats& other);
    /// Total weight added.
    double count() const { return m_weight; }
    /// Weighted mean (0 when empty).
    double mean() const { return m_mean; }
    double variance() const;  ///< population variance (0 when empty)
    /// Unbiased variance for unit weights, m2 / (count - 1) (0 below two values).
    double sample_variance() const;
    /// Weighted sum of the values, mean * count.
    double sum() const { return m_mean * m_weight; }
    /// Smallest value added (0 when empty).
    double min() const { return m_min; }
    /// Largest value added (0 when empty).
    double max() const { return m_max; }

private:
    double m_weight = 0.0, m_mean = 0.0, m_m2 = 0.0;
    double m_min = 0.0, m_max = 0.0;
};

/// Log-bucket histogram of non-negative values with bounded memory: quantiles within a
/// stated relative error (k_relative_error), mergeable across replications and threads.
/// Bucket k holds (g^(k-1), g^k] with g = (1+e)/(1-e) and reports g^k (1-e), which is
/// within e of every value of the bucket. Values below k_zero_threshold count as zero and
/// values above k_max_value are clamped to it, so at most ~2100 buckets (17 KiB) exist
/// whatever is added; in practice the buckets grow with the log of the value range.
class LogHistogram {
public:
    static constexpr double k_relative_error = 0.01;  ///< 1% relative error on quantiles
    static constexpr double k_zero_threshold = 1e-6;  ///< values below (seconds) count as 0
    static constexpr double k_max_value = 1e12;       ///< larger values are clamped to it
    /// Adds `x` (negative values count as zero) with `weight`; non-positive or NaN weights
    /// and NaN values are ignored.
    void add(double x, double weight = 1.0);
    /// Adds every bucket of `other`: the same as adding all of its values here.
    void merge(const LogHistogram& other);
    /// Total weight added.
    double count() const { return m_total; }
    /// q in [0,1]; 0 when empty. The value of nearest rank ceil(q * count), within
    /// k_relative_error, clamped to [min(), max()].
    double quantile(double q) const;
    /// Share of weight with value <= x (bucket-accurate).
    double fraction_at_most(double x) const;
    /// Largest value added (exact; 0 when empty).
    double max() const { return m_max; }
    /// Smallest value added (exact; 0 when empty).
    double min() const { return m_min; }
    /// Buckets for charts: (upper bound, weight), ascending, from the first non-empty
    /// bucket to the last (the zero bucket first, with upper bound k_zero_threshold).
    std::vector<std::array<double, 2>> buckets() const;
    /// Number of allocated buckets (memory is about 8 bytes each).
    std::size_t bucket_capacity() const { return m_counts.size(); }

private:
    std::vector<double> m_counts;  // index = bucket of log(x) with ratio (1+e)/(1-e)
    double m_zero = 0.0;           // values below the smallest bucket (treated as 0)
    double m_total = 0.0;
    double m_max = 0.0;
    double m_min = 0.0;
};

/// Mean with a 95% confidence interval across replications (Student t, n-1 dof).
struct MeanCi {
    double mean = 0.0;
    double low = 0.0;
    double high = 0.0;
};
/// Mean of the values and mean -/+ t_{0.975, n-1} s / sqrt(n); n = 1 gives low = high =
/// mean, n = 0 all zeros.
MeanCi mean_ci95(const std::vector<double>& replication_values);
/// 95% interval of the mean of `replication_values` by the expanded percentile bootstrap
/// (Hesterberg, "What Teachers Should Know About the Bootstrap", The American Statistician
/// 69(4), 2015): `resamples` resamples of the values, drawn from a generator seeded with
/// `seed`, cut at the tails alpha'/2 = Phi(-sqrt(n/(n-1)) t_{0.975,n-1}), which widens the
/// plain percentile interval for small n. Never outside [min, max] of the values, so never
/// negative for non-negative values, and valid for heavy-tailed (failure-dominated) means.
/// n < 2 gives low = high = mean (callers report no interval).
MeanCi bootstrap_mean_ci95(const std::vector<double>& replication_values, std::uint64_t seed,
                           int resamples = 4000);
/// Standard normal lower tail Phi(-z) for z >= 0 (Abramowitz-Stegun 26.2.17, error < 1e-7),
/// computed with the portable exponential.
double normal_lower_tail(double z);
/// The 0.975 quantile of Student's t with `dof` >= 1 degrees of freedom (a table to 30,
/// a Cornish-Fisher expansion above, accurate to 1e-4).
double student_t975(std::uint64_t dof);

}  // namespace pipeadvise::des
