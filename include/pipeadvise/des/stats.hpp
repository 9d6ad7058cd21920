#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace pipeadvise::des {

/// Streaming mean/variance (Welford), mergeable; weights allow grouped events.
class RunningStats {
public:
    void add(double x, double weight = 1.0);
    void merge(const RunningStats& other);
    double count() const { return m_weight; }
    double mean() const { return m_mean; }
    double variance() const;  ///< population variance
    double min() const { return m_min; }
    double max() const { return m_max; }

private:
    double m_weight = 0.0, m_mean = 0.0, m_m2 = 0.0;
    double m_min = 0.0, m_max = 0.0;
};

/// Log-bucket histogram of non-negative values with bounded memory: quantiles within a
/// stated relative error (k_relative_error), mergeable across replications and threads.
class LogHistogram {
public:
    static constexpr double k_relative_error = 0.01;  ///< 1% relative error on quantiles
    void add(double x, double weight = 1.0);
    void merge(const LogHistogram& other);
    double count() const { return m_total; }
    /// q in [0,1]; 0 when empty.
    double quantile(double q) const;
    /// Share of weight with value <= x (bucket-accurate).
    double fraction_at_most(double x) const;
    double max() const { return m_max; }
    /// Buckets for charts: (upper bound, weight), ascending.
    std::vector<std::array<double, 2>> buckets() const;

private:
    std::vector<double> m_counts;  // index = bucket of log(x) with ratio (1+e)/(1-e)
    double m_zero = 0.0;           // values below the smallest bucket (treated as 0)
    double m_total = 0.0;
    double m_max = 0.0;
};

/// Mean with a 95% confidence interval across replications (Student t, n-1 dof).
struct MeanCi {
    double mean = 0.0;
    double low = 0.0;
    double high = 0.0;
};
MeanCi mean_ci95(const std::vector<double>& replication_values);

}  // namespace pipeadvise::des
