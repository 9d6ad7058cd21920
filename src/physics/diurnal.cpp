#include "pipeadvise/physics/diurnal.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "pipeadvise/des/portable_math.hpp"
#include "pipeadvise/physics/calendar.hpp"

namespace pipeadvise::physics {

namespace {

constexpr double k_pi = 3.14159265358979323846;

// cos(2 pi x) from +, -, * and / only (Taylor series after folding x into [0, 1/8]), so the
// diurnal shape has the same bits on every platform; error below 1e-16.
double cos_turns(double x) {
    double q = x - std::floor(x);  // [0, 1)
    if (q > 0.5) q = 1.0 - q;      // cos is even and 1-periodic in turns
    double sign = 1.0;
    if (q > 0.25) {
        q = 0.5 - q;
        sign = -1.0;
    }
    const bool use_sine = q > 0.125;  // cos(2 pi q) = sin(2 pi (1/4 - q))
    const double r = 2.0 * k_pi * (use_sine ? 0.25 - q : q);
    const double r2 = r * r;
    double term = use_sine ? r : 1.0;
    double sum = term;
    for (int k = 1; k <= 12; ++k) {
        const double a = use_sine ? 2.0 * k : 2.0 * k - 1.0;
        term *= -r2 / (a * (a + 1.0));
        sum += term;
    }
    return sign * sum;
}

// log h(t), h = (1 + cos)/2, at evenly spaced samples of a day starting at the peak.
std::vector<double> raised_cosine_logs() {
    constexpr int k_samples = 2048;
    std::vector<double> logs(k_samples);
    for (int i = 0; i < k_samples; ++i) {
        const double h = 0.5 * (1.0 + cos_turns(static_cast<double>(i) / k_samples));
        logs[static_cast<std::size_t>(i)] = h > 0.0 ? des::portable_log(h) : -1e300;
    }
    return logs;
}

// Mean over a day of h^k (trapezoid rule on a periodic function: spectrally accurate).
double mean_raised_cosine_power(const std::vector<double>& logs, double k) {
    double sum = 0.0;
    for (double l : logs) sum += l > -1e299 ? des::portable_exp(k * l) : 0.0;
    return sum / static_cast<double>(logs.size());
}

// Power k >= 1 whose peak-normalised raised cosine p * h^k has mean 1 (p > 2).
double solve_diurnal_power(double peak_to_mean) {
    const std::vector<double> logs = raised_cosine_logs();
    double lo = 1.0, hi = 2.0;
    while (mean_raised_cosine_power(logs, hi) * peak_to_mean > 1.0) hi *= 2.0;
    for (int i = 0; i < 60; ++i) {
        const double mid = 0.5 * (lo + hi);
        if (mean_raised_cosine_power(logs, mid) * peak_to_mean > 1.0) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    return 0.5 * (lo + hi);
}

}  // namespace

DiurnalShape fit_diurnal_shape(double peak_to_mean) {
    if (peak_to_mean <= 1.0) return {};
    if (peak_to_mean <= 2.0) return {2.0 - peak_to_mean, 2.0 * (peak_to_mean - 1.0), 1.0};
    return {0.0, peak_to_mean, solve_diurnal_power(peak_to_mean)};
}

double diurnal_shape_value(const DiurnalShape& shape, double t_seconds) {
    const double phase = (t_seconds - k_diurnal_peak_hour * k_seconds_per_hour) / k_seconds_per_day;
    const double h = 0.5 * (1.0 + cos_turns(phase));
    double hp = h;
    if (shape.power != 1.0) {
        hp = h > 0.0 ? des::portable_exp(shape.power * des::portable_log(h)) : 0.0;
    }
    return shape.base + shape.scale * hp;
}

PeakBacklog diurnal_peak_backlog(const std::function<double(double)>& rate_at, double capacity) {
    PeakBacklog out;
    constexpr int k_steps = 2 * 2880;  // 30 s steps over two days
    const double dt = 2.0 * k_seconds_per_day / k_steps;
    double backlog = 0.0, peak_at = 0.0;
    bool draining = false;
    for (int i = 0; i < k_steps; ++i) {
        const double t = dt * i;
        backlog = std::max(0.0, backlog + (rate_at(t) - capacity) * dt);
        if (i >= k_steps / 2 && backlog >= out.events && backlog > 0.0) {
            out.events = backlog;
            peak_at = t;
            draining = true;
        } else if (draining && backlog <= 0.0) {
            out.drain_seconds = t - peak_at;
            draining = false;
        }
    }
    return out;
}

}  // namespace pipeadvise::physics
