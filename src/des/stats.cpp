#include "pipeadvise/des/stats.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>

#include "pipeadvise/des/portable_math.hpp"
#include "pipeadvise/des/random.hpp"

namespace pipeadvise::des {
namespace {

// Bucket geometry, computed once with the owned log/exp so bucket boundaries (and so the
// reported quantiles) are the same on every platform.
struct Geometry {
    static constexpr int k_min_exponent = -20;  // 2^-20 <= k_zero_threshold
    static constexpr int k_max_exponent = 39;   // k_max_value < 2^40
    static constexpr int k_cell_bits = 6;       // 64 cells per octave, each < 1.6% wide
    double log_gamma;
    long min_index;  // bucket of k_zero_threshold
    std::size_t max_slot;
    std::vector<double> upper;        // upper bound g^k of every slot
    std::vector<std::uint16_t> cell;  // slot of the lower end of every cell
};

const Geometry& geometry() {
    static const Geometry g = [] {
        Geometry out{};
        const double e = LogHistogram::k_relative_error;
        out.log_gamma = portable_log((1.0 + e) / (1.0 - e));
        const double inv_log_gamma = 1.0 / out.log_gamma;
        out.min_index =
            static_cast<long>(std::ceil(portable_log(LogHistogram::k_zero_threshold) * inv_log_gamma));
        const long max_index =
            static_cast<long>(std::ceil(portable_log(LogHistogram::k_max_value) * inv_log_gamma));
        out.max_slot = static_cast<std::size_t>(max_index - out.min_index);
        out.upper.resize(out.max_slot + 1);
        for (std::size_t slot = 0; slot <= out.max_slot; ++slot) {
            out.upper[slot] =
                portable_exp(static_cast<double>(static_cast<long>(slot) + out.min_index) * out.log_gamma);
        }
        // Rounding must not leave the last bound a hair below the largest value accepted.
        out.upper.back() = std::max(out.upper.back(), LogHistogram::k_max_value);
        // Cells split each octave by the top mantissa bits; a cell is narrower than a
        // bucket, so it holds at most one bucket bound and its values fall in the slot of
        // its lower end or the next one.
        const int cells_per_octave = 1 << Geometry::k_cell_bits;
        for (int exponent = Geometry::k_min_exponent; exponent <= Geometry::k_max_exponent; ++exponent) {
            for (int j = 0; j < cells_per_octave; ++j) {
                const double low = std::ldexp(1.0 + static_cast<double>(j) / cells_per_octave, exponent);
                const auto it = std::lower_bound(out.upper.begin(), out.upper.end(), low);
                const auto slot =
                    std::min<std::size_t>(static_cast<std::size_t>(it - out.upper.begin()), out.max_slot);
                out.cell.push_back(static_cast<std::uint16_t>(slot));
            }
        }
        return out;
    }();
    return g;
}

// Slot in m_counts of a value in [k_zero_threshold, k_max_value]: the first slot whose
// upper bound is >= x, from the cell table and one exact comparison (no logarithm).
std::size_t slot_of(double x) {
    const Geometry& g = geometry();
    const auto bits = std::bit_cast<std::uint64_t>(x);
    const long exponent = static_cast<long>(bits >> 52) - 1023;
    const long j =
        static_cast<long>((bits >> (52 - Geometry::k_cell_bits)) & ((1 << Geometry::k_cell_bits) - 1));
    const long index = std::clamp((exponent - Geometry::k_min_exponent) * (1L << Geometry::k_cell_bits) + j,
                                  0L, static_cast<long>(g.cell.size()) - 1);
    const std::size_t slot = g.cell[static_cast<std::size_t>(index)];
    // Branch-free: whether x passes the cell's one bound is a coin toss for a predictor.
    // The top cell's slot is max_slot, whose bound k_max_value no value exceeds.
    return slot + static_cast<std::size_t>(x > g.upper[slot]);
}

// Upper bound of a slot's bucket, g^k.
double upper_bound_of(std::size_t slot) {
    return geometry().upper[slot];
}

// The value reported for a slot: g^k (1 - e), within e of anything in (g^(k-1), g^k].
double representative_of(std::size_t slot) {
    return upper_bound_of(slot) * (1.0 - LogHistogram::k_relative_error);
}

// t_{0.975, dof} for dof = 1..30.
constexpr double k_t975[] = {12.70620474, 4.30265273, 3.18244631, 2.77644511, 2.57058184, 2.44691185,
                             2.36462425,  2.30600414, 2.26215716, 2.22813885, 2.20098516, 2.17881283,
                             2.16036866,  2.14478669, 2.13144955, 2.11990530, 2.10981558, 2.10092204,
                             2.09302405,  2.08596345, 2.07961384, 2.07387307, 2.06865761, 2.06389856,
                             2.05953855,  2.05552944, 2.05183052, 2.04840714, 2.04522964, 2.04227246};

}  // namespace

void RunningStats::add(double x, double weight) {
    if (!(weight > 0.0) || std::isnan(x)) return;
    if (m_weight == 0.0) {
        m_min = m_max = x;
    } else {
        m_min = std::min(m_min, x);
        m_max = std::max(m_max, x);
    }
    // West's weighted update of Welford's recurrence.
    const double total = m_weight + weight;
    const double delta = x - m_mean;
    m_mean += delta * (weight / total);
    m_m2 += weight * delta * (x - m_mean);
    m_weight = total;
}

void RunningStats::merge(const RunningStats& other) {
    if (other.m_weight == 0.0) return;
    if (m_weight == 0.0) {
        *this = other;
        return;
    }
    const double total = m_weight + other.m_weight;
    const double delta = other.m_mean - m_mean;
    m_mean += delta * (other.m_weight / total);
    m_m2 += other.m_m2 + delta * delta * (m_weight * other.m_weight / total);
    m_weight = total;
    m_min = std::min(m_min, other.m_min);
    m_max = std::max(m_max, other.m_max);
}

double RunningStats::variance() const {
    return m_weight > 0.0 ? std::max(0.0, m_m2 / m_weight) : 0.0;
}

double RunningStats::sample_variance() const {
    return m_weight > 1.0 ? std::max(0.0, m_m2 / (m_weight - 1.0)) : 0.0;
}

void LogHistogram::add(double x, double weight) {
    if (!(weight > 0.0) || std::isnan(x)) return;
    x = std::clamp(x, 0.0, k_max_value);
    if (m_total == 0.0) {
        m_min = m_max = x;
    } else {
        m_min = std::min(m_min, x);
        m_max = std::max(m_max, x);
    }
    m_total += weight;
    if (x < k_zero_threshold) {
        m_zero += weight;
        return;
    }
    const std::size_t slot = slot_of(x);
    if (slot >= m_counts.size()) m_counts.resize(slot + 1, 0.0);
    m_counts[slot] += weight;
}

void LogHistogram::merge(const LogHistogram& other) {
    if (other.m_total == 0.0) return;
    if (m_total == 0.0) {
        m_min = other.m_min;
        m_max = other.m_max;
    } else {
        m_min = std::min(m_min, other.m_min);
        m_max = std::max(m_max, other.m_max);
    }
    if (other.m_counts.size() > m_counts.size()) m_counts.resize(other.m_counts.size(), 0.0);
    for (std::size_t i = 0; i < other.m_counts.size(); ++i) m_counts[i] += other.m_counts[i];
    m_zero += other.m_zero;
    m_total += other.m_total;
}

double LogHistogram::quantile(double q) const {
    if (m_total <= 0.0) return 0.0;
    q = std::clamp(q, 0.0, 1.0);
    // Rank of the wanted value; the tiny relative slack absorbs the rounding of q * total
    // (0.95 * 1000 is not exactly 950) without skipping a whole value.
    const double rank = q * m_total * (1.0 - 1e-12);
    double cumulative = m_zero;
    if (cumulative > 0.0 && cumulative >= rank) return m_min;
    for (std::size_t i = 0; i < m_counts.size(); ++i) {
        if (m_counts[i] <= 0.0) continue;
        cumulative += m_counts[i];
        if (cumulative >= rank) return std::clamp(representative_of(i), m_min, m_max);
    }
    return m_max;
}

double LogHistogram::fraction_at_most(double x) const {
    if (m_total <= 0.0 || x < 0.0) return 0.0;
    if (x >= m_max) return 1.0;
    double cumulative = m_zero;
    if (x >= k_zero_threshold) {
        const std::size_t last = std::min(slot_of(x) + 1, m_counts.size());
        for (std::size_t i = 0; i < last; ++i) cumulative += m_counts[i];
    }
    return std::min(1.0, cumulative / m_total);
}

std::vector<std::array<double, 2>> LogHistogram::buckets() const {
    std::vector<std::array<double, 2>> out;
    if (m_zero > 0.0) out.push_back({k_zero_threshold, m_zero});
    std::size_t first = 0;
    while (first < m_counts.size() && m_counts[first] <= 0.0) ++first;
    std::size_t end = m_counts.size();
    while (end > first && m_counts[end - 1] <= 0.0) --end;
    for (std::size_t i = first; i < end; ++i) out.push_back({upper_bound_of(i), m_counts[i]});
    return out;
}

double student_t975(std::uint64_t dof) {
    if (dof == 0) return 0.0;
    if (dof <= 30) return k_t975[dof - 1];
    // Cornish-Fisher expansion of the t quantile around z_0.975 (error < 1e-7 above 30).
    const double z = 1.959963984540054;
    const double v = static_cast<double>(dof);
    const double z2 = z * z;
    const double g1 = (z2 + 1.0) * z / 4.0;
    const double g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0;
    const double g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0;
    const double g4 = ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) * z / 92160.0;
    return z + g1 / v + g2 / (v * v) + g3 / (v * v * v) + g4 / (v * v * v * v);
}

MeanCi mean_ci95(const std::vector<double>& replication_values) {
    MeanCi out;
    const std::size_t n = replication_values.size();
    if (n == 0) return out;
    double sum = 0.0;
    for (double v : replication_values) sum += v;
    out.mean = sum / static_cast<double>(n);
    out.low = out.high = out.mean;
    if (n < 2) return out;
    double squares = 0.0;
    for (double v : replication_values) squares += (v - out.mean) * (v - out.mean);
    const double sd = std::sqrt(squares / static_cast<double>(n - 1));
    const double half = student_t975(n - 1) * sd / std::sqrt(static_cast<double>(n));
    out.low = out.mean - half;
    out.high = out.mean + half;
    return out;
}

double normal_lower_tail(double z) {
    if (!(z >= 0.0)) return 0.5;
    const double t = 1.0 / (1.0 + 0.2316419 * z);
    const double poly =
        t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
    return 0.3989422804014327 * portable_exp(-0.5 * z * z) * poly;
}

MeanCi bootstrap_mean_ci95(const std::vector<double>& replication_values, std::uint64_t seed, int resamples) {
    MeanCi out = mean_ci95(replication_values);
    const std::size_t n = replication_values.size();
    if (n < 2 || resamples < 2) {
        out.low = out.high = out.mean;
        return out;
    }
    Rng rng(seed, 0x62006f6f74ULL);  // "boot": its own stream
    std::vector<double> means(static_cast<std::size_t>(resamples));
    for (double& m : means) {
        double sum = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            const auto k = static_cast<std::size_t>(rng.next_u64() % n);
            sum += replication_values[k];
        }
        m = sum / static_cast<double>(n);
    }
    std::sort(means.begin(), means.end());
    const double nn = static_cast<double>(n);
    const double tail = normal_lower_tail(std::sqrt(nn / (nn - 1.0)) * student_t975(n - 1));
    const auto at = [&](double q) {
        const double pos = q * static_cast<double>(resamples - 1);
        const auto lo = static_cast<std::size_t>(pos);
        const std::size_t hi = std::min(means.size() - 1, lo + 1);
        const double frac = pos - static_cast<double>(lo);
        return means[lo] * (1.0 - frac) + means[hi] * frac;
    };
    out.low = at(tail);
    out.high = at(1.0 - tail);
    return out;
}

}  // namespace pipeadvise::des
