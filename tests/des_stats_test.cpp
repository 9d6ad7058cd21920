#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "pipeadvise/des/random.hpp"
#include "pipeadvise/des/stats.hpp"

using namespace pipeadvise::des;

namespace {

// The value of nearest rank ceil(q n) (1-based) of sorted data.
double exact_quantile(const std::vector<double>& sorted, double q) {
    const double n = static_cast<double>(sorted.size());
    const auto rank = static_cast<std::size_t>(std::max(1.0, std::ceil(q * n - 1e-9)));
    return sorted[std::min(rank, sorted.size()) - 1];
}

}  // namespace

TEST_CASE("running stats match a two-pass mean and variance", "[des][stats]") {
    Rng rng(1);
    std::vector<double> xs(100000);
    for (auto& x : xs) x = 1e6 + exponential(rng, 0.1);  // a large offset tests stability
    RunningStats stats;
    for (double x : xs) stats.add(x);
    double sum = 0;
    for (double x : xs) sum += x;
    const double mean = sum / static_cast<double>(xs.size());
    double squares = 0;
    for (double x : xs) squares += (x - mean) * (x - mean);
    CHECK(stats.count() == 100000.0);
    CHECK(stats.mean() == Approx(mean).epsilon(1e-12));
    CHECK(stats.variance() == Approx(squares / static_cast<double>(xs.size())).epsilon(1e-9));
    CHECK(stats.sample_variance() == Approx(squares / static_cast<double>(xs.size() - 1)).epsilon(1e-9));
    CHECK(stats.min() == *std::min_element(xs.begin(), xs.end()));
    CHECK(stats.max() == *std::max_element(xs.begin(), xs.end()));
    CHECK(stats.sum() == Approx(sum).epsilon(1e-12));
}

TEST_CASE("a weighted add equals repeated adds and merge equals adding all", "[des][stats]") {
    RunningStats weighted, repeated;
    weighted.add(2.0, 3.0);
    weighted.add(10.0, 1.0);
    for (int i = 0; i < 3; ++i) repeated.add(2.0);
    repeated.add(10.0);
    CHECK(weighted.count() == repeated.count());
    CHECK(weighted.mean() == Approx(4.0));
    CHECK(weighted.mean() == Approx(repeated.mean()));
    CHECK(weighted.variance() == Approx(repeated.variance()));
    CHECK(weighted.variance() == Approx(12.0));

    Rng rng(2);
    RunningStats all, a, b, empty;
    for (int i = 0; i < 5000; ++i) {
        const double x = standard_normal(rng) * 3 + 1;
        all.add(x);
        (i < 1234 ? a : b).add(x);
    }
    RunningStats merged = a;
    merged.merge(b);
    merged.merge(empty);
    CHECK(merged.count() == all.count());
    CHECK(merged.mean() == Approx(all.mean()).epsilon(1e-12));
    CHECK(merged.variance() == Approx(all.variance()).epsilon(1e-10));
    CHECK(merged.min() == all.min());
    CHECK(merged.max() == all.max());
    RunningStats from_empty;
    from_empty.merge(all);
    CHECK(from_empty.mean() == all.mean());

    RunningStats ignored;
    ignored.add(1.0, 0.0);
    ignored.add(std::nan(""));
    CHECK(ignored.count() == 0.0);
    CHECK(ignored.variance() == 0.0);
}

TEST_CASE("histogram quantiles are within 1% of the exact sorted quantiles", "[des][stats]") {
    Rng rng(3);
    const LognormalParams p = fit_lognormal_p50_p99(30.0, 7200.0);
    std::vector<std::vector<double>> datasets(3);
    for (int i = 0; i < 200000; ++i) {
        datasets[0].push_back(lognormal(rng, p.mu, p.sigma));
        datasets[1].push_back(exponential(rng, 0.2));
        datasets[2].push_back(uniform(rng, 1e-3, 1e5));
    }
    for (auto& xs : datasets) {
        LogHistogram histogram;
        for (double x : xs) histogram.add(x);
        std::sort(xs.begin(), xs.end());
        for (double q : {0.0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1.0}) {
            const double exact = exact_quantile(xs, q);
            INFO("q " << q << " exact " << exact);
            CHECK(std::fabs(histogram.quantile(q) - exact) <= 0.01 * exact * (1 + 1e-9));
        }
        CHECK(histogram.max() == xs.back());
        CHECK(histogram.min() == xs.front());
        CHECK(histogram.count() == static_cast<double>(xs.size()));
    }
}

TEST_CASE("every value lands in the bucket (g^(k-1), g^k] that holds it", "[des][stats]") {
    const double e = LogHistogram::k_relative_error;
    const double gamma = (1 + e) / (1 - e);
    Rng rng(8);
    for (int i = 0; i < 200000; ++i) {
        // Log-uniform over the whole range, plus values right at bucket bounds.
        double x = std::exp(uniform(rng, std::log(1e-6), std::log(1e12)));
        LogHistogram probe;
        probe.add(x);
        const double upper = probe.buckets().front()[0];
        if (i % 2 == 1) {
            x = upper;  // a bound belongs to the bucket it closes
            probe = LogHistogram{};
            probe.add(x);
            REQUIRE(probe.buckets().front()[0] == upper);
        }
        INFO("x " << x << " upper " << upper);
        REQUIRE(x <= upper);
        REQUIRE(x > upper / gamma * (1 + 1e-12));
        REQUIRE(std::fabs(probe.quantile(0.5) - x) <= e * x * (1 + 1e-12));
    }
}

TEST_CASE("histogram fraction_at_most is bucket-accurate", "[des][stats]") {
    Rng rng(4);
    std::vector<double> xs(100000);
    LogHistogram histogram;
    for (auto& x : xs) {
        x = exponential(rng, 1.0);
        histogram.add(x);
    }
    std::sort(xs.begin(), xs.end());
    for (double t : {0.01, 0.5, 1.0, 2.0, 5.0}) {
        // Everything at most t is counted, plus at most what shares t's bucket (<= 2% wider).
        const double at_most = static_cast<double>(std::upper_bound(xs.begin(), xs.end(), t) - xs.begin());
        const double within_bucket =
            static_cast<double>(std::upper_bound(xs.begin(), xs.end(), t * 1.021) - xs.begin());
        const double f = histogram.fraction_at_most(t) * static_cast<double>(xs.size());
        INFO("t " << t);
        CHECK(f >= at_most);
        CHECK(f <= within_bucket);
    }
    CHECK(histogram.fraction_at_most(-1.0) == 0.0);
    CHECK(histogram.fraction_at_most(1e9) == 1.0);
}

TEST_CASE("histogram merge equals adding everything to one histogram", "[des][stats]") {
    Rng rng(5);
    LogHistogram all, a, b;
    for (int i = 0; i < 50000; ++i) {
        const double x = i % 10 == 0 ? 0.0 : lognormal(rng, 0.0, 2.0);
        all.add(x, 1.0 + (i % 3));
        (i % 2 ? a : b).add(x, 1.0 + (i % 3));
    }
    LogHistogram merged = a;
    merged.merge(b);
    merged.merge(LogHistogram{});
    CHECK(merged.count() == all.count());
    CHECK(merged.max() == all.max());
    CHECK(merged.min() == all.min());
    for (double q : {0.0, 0.05, 0.5, 0.95, 0.99, 1.0}) CHECK(merged.quantile(q) == all.quantile(q));
    CHECK(merged.buckets() == all.buckets());
}

TEST_CASE("a weighted histogram add equals repeated adds", "[des][stats]") {
    LogHistogram weighted, repeated;
    weighted.add(1.0, 7.0);
    weighted.add(100.0, 3.0);
    for (int i = 0; i < 7; ++i) repeated.add(1.0);
    for (int i = 0; i < 3; ++i) repeated.add(100.0);
    CHECK(weighted.buckets() == repeated.buckets());
    CHECK(weighted.quantile(0.7) == Approx(1.0).epsilon(0.01));
    CHECK(weighted.quantile(0.71) == Approx(100.0).epsilon(0.01));
    CHECK(weighted.fraction_at_most(1.0) == Approx(0.7));
}

TEST_CASE("histogram zero bucket, empty state and bounded memory", "[des][stats]") {
    LogHistogram empty;
    CHECK(empty.quantile(0.5) == 0.0);
    CHECK(empty.fraction_at_most(1.0) == 0.0);
    CHECK(empty.buckets().empty());

    LogHistogram h;
    h.add(0.0, 5.0);
    h.add(-3.0, 5.0);  // negative lags count as zero
    h.add(5e-7);
    h.add(10.0, 9.0);
    CHECK(h.quantile(0.5) == 0.0);
    CHECK(h.quantile(0.99) == Approx(10.0).epsilon(0.01));
    CHECK(h.fraction_at_most(0.0) == Approx(11.0 / 20.0));
    const auto buckets = h.buckets();
    REQUIRE(buckets.size() == 2);
    CHECK(buckets[0][0] == LogHistogram::k_zero_threshold);
    CHECK(buckets[0][1] == 11.0);
    CHECK(buckets[1][1] == 9.0);
    CHECK(buckets[1][0] >= 10.0);
    CHECK(buckets[1][0] <= 10.0 * 1.021);

    // Buckets grow with the log of the range, not with the number of values.
    LogHistogram wide;
    Rng rng(6);
    for (int i = 0; i < 200000; ++i) wide.add(uniform(rng, 1.0, 2.0));
    CHECK(wide.bucket_capacity() < 850);  // 1..2 s sits ~35 buckets above the 1 s mark
    const std::size_t before = wide.bucket_capacity();
    for (int i = 0; i < 200000; ++i) wide.add(uniform(rng, 1.0, 2.0));
    CHECK(wide.bucket_capacity() == before);
    wide.add(1e30);  // clamped to k_max_value
    CHECK(wide.bucket_capacity() < 2200);
    CHECK(wide.max() == LogHistogram::k_max_value);
}

TEST_CASE("mean_ci95 uses Student t with n-1 degrees of freedom", "[des][stats]") {
    CHECK(mean_ci95({}).mean == 0.0);
    const MeanCi one = mean_ci95({4.2});
    CHECK(one.mean == 4.2);
    CHECK(one.low == 4.2);
    CHECK(one.high == 4.2);
    const MeanCi five = mean_ci95({1, 2, 3, 4, 5});
    CHECK(five.mean == 3.0);
    // s = sqrt(2.5), t_{0.975,4} = 2.776445
    CHECK(five.high - five.mean == Approx(2.776445 * std::sqrt(2.5) / std::sqrt(5.0)).epsilon(1e-6));
    CHECK(five.mean - five.low == Approx(five.high - five.mean));
    CHECK(student_t975(1) == Approx(12.7062).epsilon(1e-5));
    CHECK(student_t975(9) == Approx(2.262157).epsilon(1e-6));
    CHECK(student_t975(30) == Approx(2.042272).epsilon(1e-6));
    CHECK(student_t975(40) == Approx(2.021075).epsilon(1e-6));
    CHECK(student_t975(120) == Approx(1.979930).epsilon(1e-6));
    CHECK(student_t975(1000000) == Approx(1.9599664).epsilon(1e-7));  // z + (z^3 + z) / (4 dof)
    for (std::uint64_t dof = 2; dof < 200; ++dof) REQUIRE(student_t975(dof) < student_t975(dof - 1));
}

TEST_CASE("about 95% of confidence intervals contain the true mean", "[des][stats]") {
    Rng rng(7);
    for (std::size_t n : {2u, 5u, 10u, 40u}) {
        const int experiments = 4000;
        int covered = 0;
        for (int e = 0; e < experiments; ++e) {
            std::vector<double> xs(n);
            for (auto& x : xs) x = normal(rng, 7.0, 3.0);
            const MeanCi ci = mean_ci95(xs);
            covered += ci.low <= 7.0 && 7.0 <= ci.high;
        }
        // Binomial sd at 4000 trials is 0.0034: 4 sd.
        INFO("n " << n);
        CHECK(covered / static_cast<double>(experiments) == Approx(0.95).margin(0.014));
    }
}
